"""gunicorn settings (`gunicorn -c python:auxpolice.gunicorn_conf auxpolice.wsgi:application`).

No `Server:` banner: gunicorn writes "Server: gunicorn" on every response and has no option to turn it off, so
its response class drops that one default header (what runs where is nobody's business outside)."""

import os

from gunicorn.http import wsgi

bind = "0.0.0.0:8000"
# Sync workers, three by default: measured best on a 2-core node running PostgreSQL and Redis beside them
# (2 gave fewer applications a second, 4 no more; gthread workers and granian no better: README "Benchmarks").
# A node with more cores sets WEB_CONCURRENCY (gunicorn's own variable) after measuring with bench/load.py.
workers = int(os.environ.get("WEB_CONCURRENCY") or 3)
accesslog = "-"


class Response(wsgi.Response):
    def default_headers(self):
        return [header for header in super().default_headers() if not header.lower().startswith("server:")]


wsgi.Response = Response
