"""Hire: the person's record, a labour contract with probation, and one reserved place of the plan's
quota, all in one transaction."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from auxpolice.core import webhooks
from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted
from auxpolice.core.models import User
from auxpolice.core.scoping import Action, can
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from personnel.services.contracts import contract_sign

from .. import stages
from ..models import Application, ApplicationStatus, Objection, Position
from . import notices


def _check_ready(application: Application, on: date) -> None:
    publicity = application.publicity
    if application.status == ApplicationStatus.IN_PUBLICITY and publicity is not None:
        if on <= publicity.ends_on:
            raise DomainError(
                _("Publicity runs until %(date)s: hiring can follow only after it ends.")
                % {"date": publicity.ends_on.isoformat()},
                field="hired_on",
            )
        if application.objections.filter(status=Objection.Status.OPEN).exists():
            raise DomainError(_("An objection raised during publicity is still open."), code="objection_open")
        return
    if application.status == ApplicationStatus.HIRED:
        raise Conflict(
            _("This candidate was hired already: the personnel record exists (%(name)s).")
            % {"name": application.full_name},
            code="already_hired",
        )
    if application.status != ApplicationStatus.IN_PROGRESS:
        raise DomainError(
            _("This application is %(status)s: it cannot lead to a hire.")
            % {"status": application.get_status_display()},
            code="not_active",
        )
    if application.stage != stages.HIRE:
        raise DomainError(_("This candidate has not completed every stage."), code="not_ready")


@transaction.atomic
def hire(
    *,
    actor: User,
    application: Application,
    hired_on: date,
    contract_ends_on: date,
    probation_ends_on: date | None,
    stated_items: tuple[str, ...] = (),
    contract_grounds: tuple[str, ...] = (),
    post: str = "",
) -> Application:
    application = Application.objects.select_related("announcement__plan", "publicity").get(pk=application.pk)
    # Position first, then application: every path that locks both takes them in this order.
    position = Position.objects.select_for_update().get(pk=application.position_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("announcement__plan__quota", "agency", "publicity")
        .get(pk=application.pk)
    )
    if not can(actor, Action.CHANGE, application.agency):
        raise NotPermitted()
    _check_ready(application, hired_on)
    hired = Application.objects.filter(position=position, status=ApplicationStatus.HIRED).count()
    if hired >= position.places:
        raise DomainError(
            _("All %(n)s places of this position are filled.") % {"n": position.places}, code="position_full"
        )
    officer = auxiliary_create(
        actor=actor,
        agency=application.agency,
        quota=application.announcement.plan.quota,
        from_reservation=True,
        person=NewAuxiliary(
            full_name=application.full_name,
            id_number=application.id_number,
            category=application.category,
            hired_on=hired_on,
            post=post or position.title,
            phone=application.phone,
        ),
    )
    officer.education = application.education
    authored(officer, actor)
    officer.save(update_fields=["education"])
    try:
        contract_sign(
            actor=actor,
            officer=officer,
            starts_on=hired_on,
            ends_on=contract_ends_on,
            probation_ends_on=probation_ends_on,
            stated_items=stated_items,
            contract_grounds=contract_grounds,
        )
    except DomainError as error:
        if error.field == "ends_on":  # the hire form names the contract's end contract_ends_on
            error.field = "contract_ends_on"
        raise
    application.status, application.officer = ApplicationStatus.HIRED, officer
    authored(application, actor)
    application.save(update_fields=["status", "officer", "updated_at"])
    notices.notify(
        application,
        "hired",
        "hired",
        announcement=application.announcement.title,
        position=position.title,
        hired_on=hired_on,
        probation_ends_on=probation_ends_on,
    )
    webhooks.emit(
        "hire",
        agency=officer.agency,
        key=f"application:{application.pk}",
        payload={
            "person_id": officer.pk,
            "application_id": application.pk,
            "full_name": officer.full_name,
            "id_number_masked": officer.id_number_masked,
            "category": officer.category,
            "hired_on": hired_on,
            "probation_ends_on": probation_ends_on,
            "contract_ends_on": contract_ends_on,
        },
    )
    return application
