"""E-mail backends for worker tests: files on disk, one of them stalling like a hung mail server."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class StallingEmailBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("EMAIL_STALL_SECONDS", "60")))
        return super().send_messages(email_messages)
