"""Nothing typed is ever lost: every form of the back office and the portal, walked as its users see it.

Every page every URL pattern serves (with objects of every kind, tests/test_url_permissions.py) is opened as
an officer, a supervisor, the system administrator and an applicant; every POST form on it is read from the
HTML the browser would get, and:
(a) an existing record's edit form, submitted unchanged, changes nothing (not even a history row);
(b) a form submitted with one field invalid comes back (not a redirect) with every other value still there.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.urls import Resolver404, resolve

from tests.conftest import client_for
from tests.factories import UserFactory
from tests.test_url_permissions import county_objects, url_for, url_patterns

pytestmark = pytest.mark.django_db

# Forms that only move the visitor (language, log-out) or hand over a file, not records.
NOT_RECORD_FORMS = {"set_language", "logout", "two_factor", "login"}
# Pages that are downloads or machine answers, not forms.
NOT_PAGES = ("api-", "healthz")
# Edit forms of an existing record, by the URL they post to: submitted unchanged, nothing may change.
EDIT_FORMS = {"agency_edit", "portal_profile", "auxiliary_details_save"}
CORRUPT = {"date": "2026-02-31", "month": "2026-13", "datetime-local": "2026-02-31T10:00", "number": "abc"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "select-multiple" or "textarea"
    required: bool
    values: list[str] = field(default_factory=list)  # what the browser would send as the form stands
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, Field] = field(default_factory=dict)


class Forms(HTMLParser):
    """The forms of a page as a browser would submit them."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self._form, self._select, self._option, self._textarea = (
            page_url,
            [],
            None,
            None,
            None,
            None,
        )

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(
                urlsplit(a.get("action") or self.page_url).path, (a.get("method") or "get").lower()
            )
            self.forms.append(self._form)
        elif self._form is None or "name" not in a and tag in ("input", "select", "textarea"):
            return
        elif tag == "input" and a.get("type", "text") not in ("submit", "button", "reset", "image"):
            kind = a.get("type", "text")
            entry = self._form.fields.setdefault(a["name"], Field(a["name"], kind, "required" in a))
            if kind in ("checkbox", "radio"):
                entry.options.append(a.get("value", "on"))
                if "checked" in a:
                    entry.values.append(a.get("value", "on"))
            elif kind != "file":
                entry.values.append(a.get("value", ""))
        elif tag == "select":
            kind = "select-multiple" if "multiple" in a else "select"
            self._select = self._form.fields.setdefault(a["name"], Field(a["name"], kind, "required" in a))
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
        elif tag == "textarea":
            self._textarea = self._form.fields.setdefault(
                a["name"], Field(a["name"], "textarea", "required" in a)
            )
            self._textarea.values.append("")

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        elif self._textarea is not None:
            self._textarea.values[-1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value = self._option[0] if self._option[0] is not None else self._option[2].strip()
            self._select.options.append(value)
            if self._option[1]:
                self._select.values.append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            if not self._select.values and self._select.kind == "select" and self._select.options:
                self._select.values.append(
                    self._select.options[0]
                )  # what a browser sends when none is selected
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.values[-1].startswith("\n"):
                self._textarea.values[-1] = self._textarea.values[-1][1:]
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms_of(html: str, page_url: str) -> list[Form]:
    parser = Forms(page_url)
    parser.feed(html)
    return [f for f in parser.forms if f.method == "post" and _name(f.action) not in NOT_RECORD_FORMS]


def _name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def _filled(form: Form) -> dict[str, Field]:
    """The form as a careful person would fill it: what is shown, plus a plausible value where one is
    required and empty."""
    filled = {}
    for name, f in form.fields.items():
        values = list(f.values)
        if f.required and not any(values) and f.kind not in ("file", "hidden"):
            values = {
                "date": ["2026-11-30"],
                "month": ["2026-11"],
                "datetime-local": ["2026-11-30T09:00"],
                "number": ["1"],
                "checkbox": [f.options[0]] if f.options else ["on"],
                "radio": [f.options[0]] if f.options else [],
                "select": [next((o for o in f.options if o), "")],
                "select-multiple": [next((o for o in f.options if o), "")],
            }.get(f.kind, ["测试填写"])
        filled[name] = Field(name, f.kind, f.required, values, f.options)
    return filled


def _corruptible(fields: dict[str, Field]) -> str | None:
    """The field to make invalid: one no server could accept (an impossible date, a choice not offered, a
    required field left empty)."""
    for kinds in (
        ("date", "month", "datetime-local"),
        ("select", "radio"),
        ("number",),
        ("text", "textarea"),
    ):
        for name, f in fields.items():
            always_invalid = f.kind in CORRUPT or f.kind in ("select", "radio") or f.required
            if f.kind in kinds and name != "csrfmiddlewaretoken" and always_invalid:
                return name
    return None


def _post_data(fields: dict[str, Field]) -> dict:
    return {name: f.values for name, f in fields.items() if f.kind != "file" and f.values}


def _pages(objects):
    for name, route in url_patterns():
        if name.startswith(NOT_PAGES) or route.endswith((".xlsx", ".pdf", "/template/")):
            continue
        try:
            yield name, url_for(name, route, objects)
        except AssertionError:
            continue


@pytest.fixture
def walkers(jinjiang, other_county_officer, chengdu, sysadmin):
    objects = county_objects(jinjiang, other_county_officer, chengdu)
    return objects, {
        "officer": other_county_officer,
        "supervisor": objects["supervisor"],
        "sysadmin": sysadmin,
        "applicant": objects["applicant"],
    }


def _every_form(client, objects, users):
    """(user, page, form) for every POST form any of the users sees."""
    seen = set()
    for role, user in users.items():
        client_for(client, user)
        for name, url in _pages(objects):
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            for form in forms_of(response.content.decode(), url):
                if (form.action, tuple(sorted(form.fields))) not in seen:
                    seen.add((form.action, tuple(sorted(form.fields))))
                    yield role, user, name, url, form


def test_a_form_with_one_invalid_field_comes_back_with_every_other_value(client, walkers):
    objects, users = walkers
    lost, walked = [], 0
    for role, user, page, url, form in list(_every_form(client, objects, users)):
        fields = _filled(form)
        broken = _corruptible(fields)
        if broken is None:
            continue
        kind = fields[broken].kind
        fields[broken].values = [CORRUPT.get(kind, "__not_offered__" if kind in ("select", "radio") else "")]
        client_for(client, user)
        response = client.post(form.action, _post_data(fields))
        where = f"{role} {page} → {form.action} ({broken} invalid)"
        if response.status_code in (403, 404, 405, 409):
            continue  # refused before the form is read (state or permission): nothing typed to keep
        walked += 1
        if response.status_code in (301, 302, 303):
            lost.append(f"{where}: redirected, what was typed is gone")
            continue
        back = [f for f in forms_of(response.content.decode(), url) if f.action == form.action]
        if not back:
            lost.append(f"{where}: the form did not come back ({response.status_code})")
            continue
        shown = back[0].fields
        for name, sent in fields.items():
            if name == broken or sent.kind in ("hidden", "file", "password") or name == "csrfmiddlewaretoken":
                continue
            if name in shown and sorted(shown[name].values) != sorted(sent.values):
                lost.append(f"{where}: {name} was {sent.values}, came back {shown[name].values}")
    assert walked >= 30, walked  # the walk reached the forms (guards against a walk that finds none)
    assert not lost, "\n".join(lost)


def _history_rows() -> int:
    return sum(
        model.objects.count() for model in apps.get_models() if model.__name__.startswith("Historical")
    )


def test_an_edit_form_submitted_unchanged_changes_nothing(client, walkers):
    objects, users = walkers
    users = users | {"configurer": UserFactory(role="sysadmin", agency=None)}
    submitted = set()
    for _role, user, _page, _url, form in list(_every_form(client, objects, users)):
        if _name(form.action) not in EDIT_FORMS or form.action in submitted:
            continue
        submitted.add(form.action)
        client_for(client, user)
        before = _history_rows()
        response = client.post(form.action, _post_data(_filled(form)))
        assert response.status_code in (200, 302), (form.action, response.status_code)
        assert _history_rows() == before, f"{form.action}: an unchanged submission wrote history"
    assert {_name(a) for a in submitted} == EDIT_FORMS
