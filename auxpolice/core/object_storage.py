"""Where uploads live: the local folder (the embedded default) or an S3-compatible object store.

Every file goes through Django's storage API (`default_storage`, FileField), so the choice is this setting
alone. With S3 the bucket stays private: files reach users only through the views that check permission and
stream them (nothing is served from the bucket directly).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:  # settings import this module: nothing here may load Django's storage machinery
    from django.core.files.storage import Storage

BACKENDS = ("filesystem", "s3")


def default_storage_setting(env: Mapping[str, str]) -> dict:
    """STORAGES["default"] from STORAGE_BACKEND and the S3_* variables (settings and tests build it alike)."""
    backend = env.get("STORAGE_BACKEND") or "filesystem"
    if backend == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if backend != "s3":
        raise ImproperlyConfigured(f"STORAGE_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if not env.get("S3_BUCKET"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["S3_BUCKET"],
            "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
            "access_key": env.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": env.get("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env.get("S3_REGION") or None,
            "location": env.get("S3_PREFIX", ""),
            # MinIO and most self-hosted stores answer on a path, not a bucket subdomain.
            "addressing_style": "path",
            "signature_version": "s3v4",
            # Objects inherit the bucket's (private) policy; none is ever public-read.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            # A second upload under a taken name gets a new name, never replaces another person's file.
            "file_overwrite": False,
        },
    }


def stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name under `folder`, recursively (a folder that does not exist holds none)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    for name in files:
        yield prefix + name
    for sub in folders:
        yield from stored_files(storage, prefix + sub)
