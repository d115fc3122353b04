import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auxpolice.settings")
application = get_wsgi_application()


def _import_every_view() -> None:
    """Django imports the URLconf (and with it every view, serializer and the schema generator) on a worker's
    first request: about a second of CPU that request would wait for. A worker does it before it accepts."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (the property imports)


def _freeze_what_is_loaded() -> None:
    """The ~190,000 objects of the loaded code live as long as the worker: moved out of the collector's
    reach, so that each full collection under load (70–100 ms with them, a request's whole budget) walks
    only what requests have left behind."""
    gc.collect()
    gc.freeze()


_import_every_view()
_freeze_what_is_loaded()
