"""Third-party apps as the administrators see them: their names in the interface's language.

The app configurations give axes and django-otp translatable names (their own are "Axes" and "Otp_Totp"); the
strings below are the labels those packages and Django's admin index show without a Simplified Chinese
translation of their own. Listed here so makemessages puts them in the project's catalogue, which Django
consults first (LOCALE_PATHS)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login lockouts")


class TotpConfig(TotpAppConfig):
    verbose_name = _("Second factors (TOTP)")

    def ready(self):
        super().ready()
        # django-otp names its model and fields in plain English strings; make them translatable.
        model = self.get_model("TOTPDevice")
        model._meta.verbose_name = _(str(model._meta.verbose_name))
        model._meta.verbose_name_plural = _(str(model._meta.verbose_name_plural))
        for field in model._meta.fields:
            field.verbose_name = _(str(field.verbose_name))
            if field.help_text:
                field.help_text = _(str(field.help_text))


WORDS = [
    # django-axes
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Logout Time"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("User Agent"),
    # django-otp (TOTP devices)
    gettext_noop("TOTP device"),
    gettext_noop("TOTP devices"),
    gettext_noop("The human-readable name of this device."),
    gettext_noop("The user that this device belongs to."),
    gettext_noop("Is this device ready for use?"),
    gettext_noop("confirmed"),
    gettext_noop("created at"),
    gettext_noop("The date and time when this device was initially created in the system."),
    gettext_noop("last used at"),
    gettext_noop("The most recent date and time this device was used."),
    gettext_noop("throttling failure count"),
    gettext_noop("Number of successive failed attempts."),
    gettext_noop("throttling failure timestamp"),
    gettext_noop("A timestamp of the last failed verification attempt. Null if last attempt succeeded."),
    gettext_noop("key"),
    gettext_noop("A hex-encoded secret key of up to 40 bytes."),
    gettext_noop("step"),
    gettext_noop("The time step in seconds."),
    gettext_noop("t0"),
    gettext_noop("The Unix time at which to begin counting steps."),
    gettext_noop("digits"),
    gettext_noop("The number of digits to expect in a token."),
    gettext_noop("tolerance"),
    gettext_noop("The number of time steps in the past or future to allow."),
    gettext_noop("drift"),
    gettext_noop("The number of time steps the prover is known to deviate from our clock."),
    gettext_noop("last t"),
    gettext_noop("The t value of the latest verified token. The next token must be at a higher time step."),
    gettext_noop("name"),
    gettext_noop("user"),
    gettext_noop("Identity"),
    gettext_noop("Timestamps"),
    gettext_noop("Configuration"),
    gettext_noop("State"),
    gettext_noop("Throttling"),
    gettext_noop("Locked Out"),
    gettext_noop("Access attempt expiration"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # Django's form messages, phrased as a person would say them (Django's own read like machine output)
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a number."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid value."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    # Django's admin index (screen-reader captions new in Django 5)
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
]
