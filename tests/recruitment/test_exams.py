"""考务编排: seats drawn reproducibly from the recorded seed, no room over capacity, ticket numbers by the
documented rule, the ticket and the door list show the seat."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from auxpolice.core.errors import DomainError
from recruitment.models import Application, Seat
from recruitment.services import exams, review
from tests.conftest import client_for
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

pytestmark = pytest.mark.django_db
POSITIONS = [
    {"code": "01", "title": "勤务辅警", "category": "service", "places": 2},
    {"code": "02", "title": "勤务辅警", "category": "service", "places": 2},
]


@pytest.fixture
def arranged(wuhou, county_officer):
    announcement = announcement_for(
        approved_plan(wuhou, county_officer, service=4), county_officer, positions=POSITIONS
    )
    applications = []
    for position, count in zip(announcement.positions.order_by("code"), (7, 5), strict=True):
        for _ in range(count):
            application = apply(applicant_with_profile(), position)
            review.review_decide(actor=county_officer, application=application, decision="pass")
            applications.append(application)
    for code, capacity in (("001", 5), ("002", 5)):
        exams.room_add(
            actor=county_officer,
            announcement=announcement,
            site="成都七中",
            address="林荫街1号",
            code=code,
            capacity=capacity,
        )
    starts = timezone.make_aware(datetime(2030, 5, 1, 9))
    session = exams.session_add(
        actor=county_officer,
        announcement=announcement,
        stage="exam",
        name="笔试",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    return announcement, session, applications


def seating(session):
    return sorted(Seat.objects.filter(session=session).values_list("application_id", "room__code", "number"))


def test_too_few_seats_is_refused_and_an_added_room_makes_room(arranged, county_officer):
    announcement, session, _applications = arranged
    with pytest.raises(DomainError) as refused:  # 12 candidates, 10 seats
        exams.seats_assign(actor=county_officer, session=session)
    assert refused.value.code == "too_few_seats" and not Seat.objects.exists()
    exams.room_add(
        actor=county_officer,
        announcement=announcement,
        site="成都七中",
        address="林荫街1号",
        code="003",
        capacity=5,
    )
    assert exams.seats_assign(actor=county_officer, session=session) == 12


def test_the_same_seed_gives_the_same_seats_and_no_room_is_over_capacity(arranged, county_officer):
    announcement, session, _applications = arranged
    exams.room_add(
        actor=county_officer,
        announcement=announcement,
        site="成都七中",
        address="林荫街1号",
        code="003",
        capacity=5,
    )
    exams.seats_assign(actor=county_officer, session=session, seed="2026-kw-01")
    first = seating(session)
    exams.seats_assign(actor=county_officer, session=session, seed="other")
    assert seating(session) != first
    exams.seats_assign(actor=county_officer, session=session, seed="2026-kw-01")
    assert seating(session) == first
    session.refresh_from_db()
    assert session.seed == "2026-kw-01"
    per_room = {}
    for _application, room, number in first:
        per_room.setdefault(room, []).append(number)
    assert {room: len(numbers) for room, numbers in per_room.items()} == {"001": 5, "002": 5, "003": 2}
    assert all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in per_room.values())
    # position 01 fills room 001 and two seats of 002; a ticket names announcement, position, room, seat
    seat = Seat.objects.select_related("application__position", "room").filter(session=session).first()
    expected = f"{announcement.pk:04d}{seat.application.position.code}{seat.room.code}{seat.number:02d}"
    assert Application.objects.get(pk=seat.application_id).ticket_number == expected


def test_the_ticket_and_the_door_list_show_the_seat(client, arranged, county_officer):
    from recruitment.documents import admission_ticket

    announcement, session, applications = arranged
    exams.room_add(
        actor=county_officer,
        announcement=announcement,
        site="成都七中",
        address="林荫街1号",
        code="003",
        capacity=5,
    )
    exams.seats_assign(actor=county_officer, session=session, seed="s")
    seat = Seat.objects.select_related("room", "application").get(
        session=session, application=applications[0]
    )
    client_for(client, county_officer)
    page = client.get(reverse("exam_door_list", args=[session.pk, seat.room.pk])).content.decode()
    assert seat.application.full_name in page and f"{seat.number:02d}" in page
    assert Application.objects.get(pk=seat.application_id).ticket_number in page
    assert admission_ticket(Application.objects.get(pk=seat.application_id)).startswith(b"%PDF")


def test_seats_stay_once_the_session_has_started(arranged, county_officer):
    from time_machine import travel

    _announcement, session, _applications = arranged
    with travel(session.starts_at + timedelta(minutes=1)), pytest.raises(DomainError) as refused:
        exams.seats_assign(actor=county_officer, session=session)
    assert refused.value.code == "started"


def test_absence_ticked_on_the_door_list_is_recorded_for_the_session(client, arranged, county_officer):
    from recruitment.models import StageResult

    announcement, session, applications = arranged
    exams.room_add(
        actor=county_officer,
        announcement=announcement,
        site="成都七中",
        address="林荫街1号",
        code="003",
        capacity=5,
    )
    exams.seats_assign(actor=county_officer, session=session, seed="s")
    seat = Seat.objects.get(session=session, application=applications[0])
    client_for(client, county_officer)
    url = reverse("exam_door_list", args=[session.pk, seat.room_id])
    response = client.post(url, {f"absent_{seat.application_id}": "on"})
    assert response.status_code == 302
    result = StageResult.objects.get(application=applications[0], stage="exam")
    assert result.outcome == StageResult.Outcome.ABSENT and StageResult.objects.count() == 1
