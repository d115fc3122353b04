"""考务编排 pages: rooms and sessions of an announcement, the seat draw, and each room's door list and
signature sheet for printing."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core.actions import NoInput, form_action
from auxpolice.core.decorators import staff_required
from auxpolice.core.scoping import Action, can

from .. import selectors
from ..forms import PhysicalStandardForm, RoomForm, SeatDrawForm, SessionForm
from ..models import PhysicalMark
from ..services import exams, physical, scoring


def _page(request, announcement, **bound) -> HttpResponse:
    return render(
        request,
        "recruitment/office/exams.html",
        {
            "announcement": announcement,
            **selectors.exam_arrangements(announcement),
            "may_change": can(request.user, Action.CHANGE, announcement.agency),
            "room_form": bound.get("room_form") or RoomForm(),
            "session_form": bound.get("session_form")
            or SessionForm(stage_choices=selectors.exam_stage_choices(announcement)),
            "draw_form": bound.get("draw_form") or SeatDrawForm(),
            "physical_form": bound.get("physical_form") or PhysicalStandardForm(),
            "marks": PhysicalMark.objects.filter(standard__announcement=announcement).select_related(
                "standard"
            ),
        },
        status=400 if bound else 200,
    )


@staff_required
def exam_arrangements(request, pk):
    return _page(request, selectors.announcement_get_for(user=request.user, pk=pk))


@staff_required
@require_POST
def exam_room_add(request, pk):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        RoomForm(request.POST),
        lambda data: exams.room_add(actor=request.user, announcement=announcement, **data),
        done=reverse("exam_arrangements", args=[pk]),
        page=lambda form: _page(request, announcement, room_form=form),
    )


@staff_required
@require_POST
def physical_standard(request, pk):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        PhysicalStandardForm(request.POST),
        lambda data: physical.physical_standard_set(actor=request.user, announcement=announcement, **data),
        done=reverse("exam_arrangements", args=[pk]),
        page=lambda form: _page(request, announcement, physical_form=form),
    )


@staff_required
@require_POST
def exam_session_add(request, pk):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        SessionForm(request.POST, stage_choices=selectors.exam_stage_choices(announcement)),
        lambda data: exams.session_add(actor=request.user, announcement=announcement, **data),
        done=reverse("exam_arrangements", args=[pk]),
        page=lambda form: _page(request, announcement, session_form=form),
    )


@staff_required
@require_POST
def exam_seats_assign(request, pk):
    session = selectors.exam_session_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        SeatDrawForm(request.POST),
        lambda data: exams.seats_assign(actor=request.user, session=session, **data),
        done=reverse("exam_arrangements", args=[session.announcement_id]),
        page=lambda form: _page(request, session.announcement, draw_form=form),
        success=lambda n: _("%(n)s candidates seated.") % {"n": n},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def exam_door_list(request, pk, room_pk):
    """The room's door list and signature sheet; after the session, the absent (缺考) are ticked here and
    recorded as absent at the session's stage (the ranking shows them as 缺考)."""
    session = selectors.exam_session_get_for(user=request.user, pk=pk)
    room, seats = selectors.door_list(session, room_pk)
    if request.method == "POST":
        absent = {seat.application_id for seat in seats if request.POST.get(f"absent_{seat.application_id}")}
        return form_action(
            request,
            NoInput(request.POST),
            lambda _data: scoring.scores_record(
                actor=request.user,
                announcement=session.announcement,
                stage=session.stage,
                scores=dict.fromkeys(absent, "缺考"),
            ),
            done=reverse("exam_door_list", args=[pk, room_pk]),
            page=lambda form: redirect("exam_door_list", pk, room_pk),
            success=lambda n: _("%(n)s recorded absent.") % {"n": n},
        )
    return render(
        request,
        "recruitment/office/door_list.html",
        {
            "session": session,
            "room": room,
            "seats": seats,
            "may_change": can(request.user, Action.CHANGE, session.announcement.agency),
        },
    )


@staff_required
def announcement_analytics(request, pk):
    from auxpolice.core.downloads import xlsx_response

    from .. import analytics

    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    report = analytics.announcement_report(announcement)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(analytics.report_workbook(announcement, report), f"recruitment-{pk}.xlsx")
    year = announcement.registration_opens.year
    same_year = selectors.announcement_list_for(user=request.user).filter(registration_opens__year=year)
    return render(
        request,
        "recruitment/office/analytics.html",
        {
            "announcement": announcement,
            "report": report,
            "year": year,
            "year_rows": analytics.year_report(same_year),
        },
    )
