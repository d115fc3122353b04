"""成绩查询: a stage's results reach the applicants at the time the office sets, all at once, each with one
notice (their result, score, total and, where the office publishes them, their rank and the pass line)."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError
from auxpolice.core.models import User

from .. import stages
from ..models import Announcement, Application, ApplicationStatus, ResultRelease, StageResult
from . import notices
from .common import check_may_change

BATCH = 2000


@transaction.atomic
def release_schedule(
    *, actor: User, announcement: Announcement, stage: str, release_at: datetime, publish_ranks: bool = False
) -> ResultRelease:
    """Set (or move) the moment a stage's results are released; once released it stays released."""
    check_may_change(actor, announcement.agency)
    if stage not in announcement.stages or stages.kind(stage) not in ("scored", "pass_fail"):
        raise DomainError(_("Choose a stage of this announcement that has scores or results."), field="stage")
    release = ResultRelease.objects.select_for_update().filter(announcement=announcement, stage=stage).first()
    if release is not None and release.release_at <= timezone.now():
        raise DomainError(
            _("The results of this stage were released at %(at)s.")
            % {"at": timezone.localtime(release.release_at).strftime("%Y-%m-%d %H:%M")},
            code="released",
        )
    release = release or ResultRelease(announcement=announcement, stage=stage, created_by=actor)
    release.release_at, release.publish_ranks = release_at, publish_ranks
    authored(release, actor)
    release.save()
    return release


def _params(application: Application, result: StageResult, release: ResultRelease) -> tuple[str, dict]:
    stage = release.stage
    label = stages.label(stage)
    advances = application.status not in (ApplicationStatus.NOT_ADVANCED, ApplicationStatus.FAILED)
    if stages.kind(stage) == "scored":
        pass_line = release.announcement.stage_settings.get(stage, {}).get("pass_line")
        return "ranked", {
            "stage": label,
            "score": "缺考" if result.score is None else result.score,
            "total": application.total_score if application.total_score is not None else "—",
            "rank": application.rank if release.publish_ranks and application.rank else "—",
            "pass_line": Decimal(str(pass_line)) if pass_line is not None else "—",
            "advances": advances,
            "next_stage": stages.label(application.stage),
        }
    return f"result_{result.outcome}", {"stage": label, "next_stage": stages.label(application.stage)}


def release_due(now: datetime | None = None) -> int:
    """Every release whose time has come and whose applicants are not yet told: one notice each (the notice's
    unique event makes a second run send nothing twice). Rows are claimed with SKIP LOCKED."""
    now = now or timezone.now()
    told = 0
    while True:
        with transaction.atomic():
            release = (
                ResultRelease.objects.select_for_update(skip_locked=True)
                .select_related("announcement")
                .filter(release_at__lte=now, notified_at__isnull=True)
                .order_by("release_at")
                .first()
            )
            if release is None:
                return told
            results = StageResult.objects.filter(
                application__announcement=release.announcement, stage=release.stage
            ).select_related("application")
            rows = []
            for result in results.iterator(chunk_size=BATCH):
                kind, params = _params(result.application, result, release)
                event = f"{'rank' if kind == 'ranked' else 'result'}:{release.stage}"
                rows.append((result.application, event, kind, params))
            notices.notify_each(rows)
            told += len(rows)
            release.notified_at = now
            release.save(update_fields=["notified_at"])
