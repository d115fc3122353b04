"""考务编排: rooms, sessions and seats.

Seats: the candidates at the session's stage are taken in position order (then by application), filling the
rooms in room-number order; within each room the seat numbers are drawn at random from the session's seed
(`random.Random(f"{seed}:{room code}")`), so the same seed always gives the same seats and the draw can be
checked afterwards. Admission-ticket numbers come from the first session of the announcement:
announcement (4 digits) + position code (2) + room (3) + seat (2), e.g. 0012 01 003 17."""

import random
import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored, snapshot_history
from auxpolice.core.errors import Conflict, DomainError
from auxpolice.core.models import User

from .. import stages
from ..models import Announcement, Application, ApplicationStatus, ExamRoom, ExamSession, Seat
from .common import check_may_change


def _ticket(announcement: Announcement, position_code: str, room: ExamRoom, seat: int) -> str:
    return f"{announcement.pk:04d}{position_code[-2:].rjust(2, '0')}{room.code}{seat:02d}"


@transaction.atomic
def room_add(
    *, actor: User, announcement: Announcement, site: str, address: str, code: str, capacity: int
) -> ExamRoom:
    check_may_change(actor, announcement.agency)
    if not (code.isdigit() and len(code) == 3):
        raise DomainError(_("A room number has three digits, e.g. 001."), field="code")
    if not 1 <= capacity <= 99:
        raise DomainError(_("A room seats between 1 and 99 candidates."), field="capacity")
    if not site.strip() or not address.strip():
        raise DomainError(_("Give the site and its address."), field="site")
    room = ExamRoom(
        announcement=announcement, site=site.strip(), address=address.strip(), code=code, capacity=capacity
    )
    authored(room, actor)
    try:
        with transaction.atomic():
            room.save()
    except IntegrityError:
        raise Conflict(_("Room %(code)s exists already.") % {"code": code}, field="code") from None
    return room


@transaction.atomic
def session_add(
    *, actor: User, announcement: Announcement, stage: str, name: str, starts_at: datetime, ends_at: datetime
) -> ExamSession:
    check_may_change(actor, announcement.agency)
    if stage not in announcement.stages or stages.kind(stage) != "scored":
        raise DomainError(_("Choose a scored stage of this announcement."), field="stage")
    if ends_at <= starts_at:
        raise DomainError(_("The session ends after it starts."), field="ends_at")
    session = ExamSession(
        announcement=announcement, stage=stage, name=name.strip(), starts_at=starts_at, ends_at=ends_at
    )
    authored(session, actor)
    session.save()
    return session


@transaction.atomic
def seats_assign(*, actor: User, session: ExamSession, seed: str = "") -> int:
    """Seat every candidate at the session's stage (see the module's rule); again, until the session
    starts."""
    session = (
        ExamSession.objects.select_for_update().select_related("announcement__agency").get(pk=session.pk)
    )
    announcement = session.announcement
    check_may_change(actor, announcement.agency)
    if session.starts_at <= timezone.now():
        raise DomainError(_("The session has started: its seats stay as they are."), code="started")
    candidates = list(
        Application.objects.filter(
            announcement=announcement, stage=session.stage, status=ApplicationStatus.IN_PROGRESS
        )
        .select_related("position")
        .order_by("position__code", "pk")
    )
    rooms = list(ExamRoom.objects.filter(announcement=announcement).order_by("code"))
    capacity = sum(room.capacity for room in rooms)
    if len(candidates) > capacity:
        raise DomainError(
            _("%(n)s candidates and %(seats)s seats: add rooms first.")
            % {"n": len(candidates), "seats": capacity},
            code="too_few_seats",
        )
    seed = seed.strip() or secrets.token_hex(8)
    session.seats.all().delete()
    seats, queue = [], iter(candidates)
    for room in rooms:
        group = [application for _seat, application in zip(range(room.capacity), queue, strict=False)]
        if not group:
            break
        numbers = list(range(1, len(group) + 1))
        random.Random(f"{seed}:{room.code}").shuffle(numbers)  # reproducible from the recorded seed
        seats += [
            Seat(session=session, room=room, number=n, application=a)
            for n, a in zip(numbers, group, strict=True)
        ]
    created = Seat.objects.bulk_create(seats)
    snapshot_history(Seat, [seat.pk for seat in created], user=actor, history_type="+")
    first = ExamSession.objects.filter(announcement=announcement).order_by("starts_at", "pk").first()
    if first is not None and first.pk == session.pk:
        _ticket_numbers(announcement, seats, actor)
    session.seed, session.seated_at, session.seated_by = seed, timezone.now(), actor
    authored(session, actor)
    session.save(update_fields=["seed", "seated_at", "seated_by"])
    return len(created)


def _ticket_numbers(announcement: Announcement, seats: list[Seat], actor: User) -> None:
    applications = []
    for seat in seats:
        seat.application.ticket_number = _ticket(
            announcement, seat.application.position.code, seat.room, seat.number
        )
        applications.append(seat.application)
    pks = [a.pk for a in applications]
    # Cleared first: a redraw would otherwise give one candidate a number another still holds.
    Application.objects.filter(pk__in=pks).update(ticket_number="")
    Application.objects.bulk_update(applications, ["ticket_number"], batch_size=1000)
    snapshot_history(Application, pks, user=actor, reason="考务编排：准考证号")
