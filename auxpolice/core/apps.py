from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "auxpolice.core"
    label = "core"
    verbose_name = _("Agencies and accounts")

    def ready(self):
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        from . import (
            audit,
            selectors,
            workbench,  # noqa: F401  (registers the app's workbench items)
        )
        from .middleware import stamp_session_at_login
        from .models import Agency, CalendarDay, CalendarYear, User

        # last_login is not audited (axes logs every login); Django's own receiver would add a
        # history row per login, so it is replaced by a plain column update.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_touch_last_login, dispatch_uid="auxpolice_touch_last_login")
        user_logged_in.connect(stamp_session_at_login, dispatch_uid="auxpolice_stamp_session")
        from django.contrib.auth import user_login_failed

        from .middleware import count_failed_login

        user_login_failed.connect(count_failed_login, dispatch_uid="auxpolice_count_failed_login")

        from django.core.signals import request_finished, request_started

        from . import generation_cache

        request_started.connect(generation_cache.request_started, dispatch_uid="auxpolice_generations_start")
        request_finished.connect(generation_cache.request_finished, dispatch_uid="auxpolice_generations_end")

        # After every migrate (all apps' tables exist by then): guard history tables and access logs.
        from django.db.models.signals import post_migrate

        from .audit_guard import install

        post_migrate.connect(install, sender=self, dispatch_uid="auxpolice_audit_guard")

        audit.register(Agency, selectors.agency_list_for)
        audit.register(User, selectors.staff_list_for)
        audit.register(CalendarDay, selectors.calendar_for)
        audit.register(CalendarYear, selectors.calendar_years_for)

        from . import api_tokens
        from .models import ApiToken

        audit.register(ApiToken, lambda *, user: api_tokens.tokens_for(user))
        from .models import Webhook

        audit.register(Webhook, selectors.webhook_list_for)

        from . import batches
        from .models import SheetImport

        audit.register(SheetImport, selectors.sheet_import_list_for)
        batches.register(
            SheetImport,
            tasks={
                "pending": "auxpolice.core.tasks.run_sheet_import",
                "running": "auxpolice.core.tasks.run_sheet_import",
            },
        )


def _touch_last_login(sender, user, **kwargs):
    from django.utils import timezone

    user.last_login = timezone.now()
    type(user).objects.filter(pk=user.pk).update(last_login=user.last_login)
