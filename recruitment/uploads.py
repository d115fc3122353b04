"""Upload checks for applicant documents: the kind decides the allowed types and size; the content
(magic bytes), not the name or the browser's claim, decides the type."""

from django.utils.translation import gettext as _

from auxpolice.core.errors import DomainError

SIGNATURES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
}
ALLOWED = {
    "photo": (("image/jpeg", "image/png"), 2 * 1024 * 1024),
    "id_card": (("image/jpeg", "image/png", "application/pdf"), 5 * 1024 * 1024),
    "diploma": (("image/jpeg", "image/png", "application/pdf"), 5 * 1024 * 1024),
    "certificate": (("image/jpeg", "image/png", "application/pdf"), 5 * 1024 * 1024),
}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def sniff(upload, kind: str) -> str:
    """The checked content type of an upload, or a DomainError saying what is wrong."""
    if kind not in ALLOWED:
        raise DomainError(_("Choose what the document is."), field="kind")
    types, limit = ALLOWED[kind]
    if upload.size == 0:
        raise DomainError(_("The file is empty."), field="file")
    if upload.size > limit:
        raise DomainError(
            _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, field="file"
        )
    head = upload.read(16)
    upload.seek(0)
    for content_type in types:
        if any(head.startswith(signature) for signature in SIGNATURES[content_type]):
            return content_type
    names = "、".join(EXTENSIONS[t].upper() for t in types)
    raise DomainError(_("This file is not a real %(types)s file.") % {"types": names}, field="file")
