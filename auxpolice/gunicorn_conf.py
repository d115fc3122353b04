"""gunicorn settings (`gunicorn -c python:auxpolice.gunicorn_conf auxpolice.wsgi:application`).

No `Server:` banner: gunicorn writes "Server: gunicorn" on every response and has no option to turn it off, so
its response class drops that one default header (what runs where is nobody's business outside)."""

from gunicorn.http import wsgi

bind = "0.0.0.0:8000"
workers = 3
accesslog = "-"


class Response(wsgi.Response):
    def default_headers(self):
        return [header for header in super().default_headers() if not header.lower().startswith("server:")]


wsgi.Response = Response
