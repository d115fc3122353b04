"""What every stage service of an application shares: the permission check, the row lock, the save with
history."""

from auxpolice.core.audit import authored
from auxpolice.core.errors import NotPermitted
from auxpolice.core.models import User
from auxpolice.core.scoping import Action, can

from ..models import Application


def check_may_change(actor: User, agency) -> None:
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()


def locked_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("announcement__agency", "position")
        .get(pk=application.pk)
    )


def save_application(application: Application, actor: User, *fields: str) -> None:
    authored(application, actor)
    application.save(update_fields=[*fields, "updated_at"])
