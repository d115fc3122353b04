"""What recruitment puts on the workbench: reviews, scores, rankings, publicity, hires; announcements to
approve. Grouped counts: one query per kind of item, whatever the number of applications."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auxpolice.core.models import Role
from auxpolice.core.scoping import Action, scope
from auxpolice.core.workbench import OFFICE, Item, days_since, register

from . import selectors, stages
from .models import Announcement, AnnouncementStatus, ApplicationStatus, Publicity, RetentionPurge

SECTION = gettext_lazy("Recruitment")


def _list(announcement_id: int, **filters) -> str:
    return f"{reverse('application_list', args=[announcement_id])}?{urlencode(filters)}"


@register(*OFFICE, section=SECTION, order=20)
def applications(*, user, today):
    rows = selectors.application_list_for(user=user, action=Action.CHANGE)
    for row in (
        rows.filter(status=ApplicationStatus.SUBMITTED)
        .values("announcement_id", "announcement__title")
        .annotate(n=Count("pk"))
        .order_by("announcement_id")[:20]
    ):
        yield Item(
            _("Awaiting qualification review: %(title)s") % {"title": row["announcement__title"]},
            row["n"],
            _list(row["announcement_id"], status=ApplicationStatus.SUBMITTED),
        )
    # At a scored stage: how many still lack a score, and whether the stage can be ranked (all scored,
    # registration closed).
    now = timezone.now()
    for row in (
        rows.filter(status=ApplicationStatus.IN_PROGRESS, stage__in=stages.SCORED)
        .values("announcement_id", "announcement__title", "announcement__registration_closes", "stage")
        .annotate(
            n=Count("pk", distinct=True),
            scored=Count("results", filter=Q(results__stage=F("stage")), distinct=True),
        )
        .order_by("announcement_id", "stage")[:20]
    ):
        scores = reverse("stage_scores", args=[row["announcement_id"], row["stage"]])
        label = {"title": row["announcement__title"], "stage": stages.label(row["stage"])}
        if row["n"] > row["scored"]:
            yield Item(_("Scores to enter: %(title)s, %(stage)s") % label, row["n"] - row["scored"], scores)
        elif row["announcement__registration_closes"] <= now:
            yield Item(_("Ready to rank: %(title)s, %(stage)s") % label, row["n"], scores)
    for row in (
        rows.filter(
            Q(status=ApplicationStatus.IN_PUBLICITY, publicity__ends_on__lt=today)
            | Q(status=ApplicationStatus.IN_PROGRESS, stage=stages.HIRE)
        )
        .values("announcement_id", "announcement__title")
        .annotate(n=Count("pk"))
        .order_by("announcement_id")[:20]
    ):
        yield Item(
            _("Hires to complete: %(title)s") % {"title": row["announcement__title"]},
            row["n"],
            _list(row["announcement_id"], status=ApplicationStatus.IN_PUBLICITY),
        )


@register(*OFFICE, section=SECTION, order=21)
def publicity_ending(*, user, today):
    ending = (
        scope(Publicity.objects.all(), user, agency_field="announcement__agency")
        .filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=7))
        .values("announcement_id", "announcement__title", "ends_on")
        .annotate(n=Count("entries"))
        .order_by("ends_on")[:20]
    )
    for row in ending:
        yield Item(
            _("Publicity ends: %(title)s") % {"title": row["announcement__title"]},
            row["n"],
            reverse("announcement_detail", args=[row["announcement_id"]]),
            note=f"{row['ends_on']:%Y-%m-%d}",
        )


@register(Role.SUPERVISOR, section=gettext_lazy("Approvals"), order=10)
def announcements_to_approve(*, user, today):
    waiting = scope(Announcement.objects.filter(status=AnnouncementStatus.PENDING), user, Action.APPROVE)
    # When each was submitted is in its history (the announcement keeps no timestamp of its own).
    summary = Announcement.history.filter(
        id__in=waiting.values("pk"), status=AnnouncementStatus.PENDING
    ).aggregate(n=Count("id", distinct=True), oldest=Min("history_date"))
    yield Item(
        _("Announcements awaiting approval"),
        summary["n"],
        f"{reverse('announcement_list')}?status={AnnouncementStatus.PENDING}",
        oldest_days=days_since(summary["oldest"]),
    )


@register(Role.AUDITOR, section=gettext_lazy("Retention of applicants' data"), order=20)
def retention_runs(*, user, today):
    runs = scope(RetentionPurge.objects.filter(ran_at__date__gte=today - timedelta(days=30)), user).aggregate(
        n=Count("pk")
    )
    yield Item(_("Retention purges in the last 30 days"), runs["n"], f"{reverse('access_log')}#purges")
