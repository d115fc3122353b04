"""Text messages to applicants, through a pluggable backend (settings.SMS_BACKEND, a dotted path).

A backend is a class with `send(phone: str, text: str) -> None` that raises on failure. The default
only logs: a bureau plugs in its own gateway.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)
outbox: list[tuple[str, str]] = []  # filled by MemoryBackend, for tests


class LogBackend:
    def send(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", phone[:3] + "****" + phone[-4:], text)


class MemoryBackend:
    def send(self, phone: str, text: str) -> None:
        outbox.append((phone, text))


def backend():
    return import_string(getattr(settings, "SMS_BACKEND", "auxpolice.core.sms.LogBackend"))()
