"""Headers every page carries: a Content-Security-Policy without inline script, no-store on anything a
signed-in user is served, no Server banner from gunicorn."""

import re
from pathlib import Path

from django.urls import reverse

from tests.conftest import client_for
from tests.factories import QuotaFactory
from tests.personnel.test_records import hire

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_every_page_has_a_policy_that_allows_no_inline_script(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]+)", policy).group(1)
    assert script.strip() == "'self'" and "frame-ancestors 'none'" in policy


def test_no_template_carries_inline_script_or_event_handlers():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=\"", text):
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []


def test_personal_data_is_never_cached(client, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=2)
    person = hire(county_officer, wuhou)
    client_for(client, county_officer)
    for url in (
        reverse("auxiliary_list"),
        reverse("auxiliary_detail", args=[person.pk]),
        reverse("auxiliary_export"),
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_gunicorn_sends_no_server_banner():
    from types import SimpleNamespace

    from auxpolice import gunicorn_conf

    request = SimpleNamespace(version=(1, 1), should_close=lambda: False, method="GET", path="/")
    response = gunicorn_conf.Response(
        request, None, SimpleNamespace(is_ssl=False, forwarded_allow_ips=[], secure_scheme_headers={})
    )
    response.status, response.status_code = "200 OK", 200
    assert not [h for h in response.default_headers() if h.lower().startswith("server")]


def test_a_node_sets_its_web_worker_count_by_gunicorns_own_variable(monkeypatch):
    import importlib

    from auxpolice import gunicorn_conf

    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    assert importlib.reload(gunicorn_conf).workers == 7
    monkeypatch.delenv("WEB_CONCURRENCY")
    assert importlib.reload(gunicorn_conf).workers == 3
