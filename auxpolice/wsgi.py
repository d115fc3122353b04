import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auxpolice.settings")
application = get_wsgi_application()


def _import_every_view() -> None:
    """Django imports the URLconf (and with it every view, serializer and the schema generator) on a worker's
    first request: about a second of CPU that request would wait for. A worker does it before it accepts."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (the property imports)


_import_every_view()
