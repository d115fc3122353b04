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
    normal = client.post(reverse("portal_document_upload"), {"kind": "photo"})
    assert normal.status_code == 400  # an ordinary request goes through (the view answers: no file chosen)
    assert "file" in normal.context["document_form"].errors
