from django.urls import reverse

from tests.conftest import client_for


def test_an_oversized_body_is_refused_before_it_is_read(client, applicant, settings):
    client_for(client, applicant)
    response = client.post(
        reverse("portal_document_upload"),
        data=b"x" * 10,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BODY_BYTES + 1),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "<html" in page and "12 MB" in page and "topbar" in page  # in the site's layout, with the limit
    api = client.post(
        "/api/v1/portal/applications/",
        data=b"x",
        content_type="application/json",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BODY_BYTES + 1),
    )
    assert api.status_code == 413 and api.json()["code"] == "too_large"
    normal = client.post(reverse("portal_document_upload"), {"kind": "photo"})
    assert normal.status_code == 400  # an ordinary request goes through (the view answers: no file chosen)
    assert "file" in normal.context["document_form"].errors


def test_every_upload_field_states_its_limit_before_anyone_tries():
    import importlib

    from django import forms

    from tests.test_form_widgets import FORM_MODULES

    silent = []
    for name in FORM_MODULES:
        for form in vars(importlib.import_module(name)).values():
            if isinstance(form, type) and issubclass(form, forms.BaseForm) and form.__module__ == name:
                for field_name, field in form.base_fields.items():
                    text = f"{field.label} {field.help_text}"
                    if isinstance(field, forms.FileField) and "MB" not in text:
                        silent.append(f"{name}.{form.__name__}.{field_name}")
    assert not silent, silent
