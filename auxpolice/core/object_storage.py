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
    backend = _backend(env)
    if backend == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not env.get("S3_BUCKET"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET")
    return _s3(env, env["S3_BUCKET"])


def backup_storage_setting(env: Mapping[str, str], *, local_folder: str) -> dict:
    """STORAGES["backups"], where `manage.py backup` without a path puts its archives: a bucket of its own
    (S3_BACKUP_BUCKET; never the uploads' bucket, whose files every archive copies), else a local folder."""
    if _backend(env) == "s3" and env.get("S3_BACKUP_BUCKET"):
        return _s3(env, env["S3_BACKUP_BUCKET"])
    return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": local_folder}}


def _backend(env: Mapping[str, str]) -> str:
    backend = env.get("STORAGE_BACKEND") or "filesystem"
    if backend not in BACKENDS:
        raise ImproperlyConfigured(f"STORAGE_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}")
    return backend


def _s3(env: Mapping[str, str], bucket: str) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
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
