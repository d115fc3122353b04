"""An announcement's life through the API: draft, submit, approve or return, revise, release results,
score, rank, start the publicity, call the next candidate, close the plan. The page's forms, selectors and
services."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core import services as core_services
from auxpolice.core.api.actions import form_call, form_input, formset_data, formset_valid
from auxpolice.core.api.imports import SheetImportOutput, accepted
from auxpolice.core.api.pagination import KeysetPagination
from auxpolice.core.replicas import ReplicaListMixin
from auxpolice.core.scoping import Action, can
from headcount.selectors import plan_list_for

from .. import selectors, stages
from ..forms import (
    AnnouncementForm,
    BatchReviewForm,
    CallNextForm,
    MessageForm,
    PositionForm,
    PositionFormSet,
    PublicityForm,
    RankForm,
    ReasonForm,
    ReleaseForm,
    ResultImportForm,
    RevisionForm,
    ScoreImportForm,
)
from ..models import Announcement
from ..services import announcements, notices, places, publicity, ranking, releases, review, scoring
from ..services.announcements import resolve_stages
from .outputs import AnnouncementRowOutput, CountOutput
from .outputs import OfficeAnnouncementOutput as AnnouncementOutput

PositionInput = form_input(PositionForm, "PositionInput")


class AnnouncementInput(form_input(AnnouncementForm, "AnnouncementFields")):  # type: ignore[misc]
    positions = PositionInput(many=True, help_text=_("At least one position"))


ReasonInput = form_input(ReasonForm, "ReasonInput")
RevisionInput = form_input(RevisionForm, "RevisionInput")
ReleaseInput = form_input(ReleaseForm, "ReleaseInput")
PublicityInput = form_input(PublicityForm, "PublicityInput")
MessageInput = form_input(MessageForm, "ApplicantMessageInput")
BatchReviewInput = form_input(BatchReviewForm, "BatchReviewInput")
RankInput = form_input(RankForm, "RankInput", positions=None)
CallNextInput = form_input(CallNextForm, "CallNextInput")
ScoreImportInput = form_input(ScoreImportForm, "ScoreImportInput")
ResultImportInput = form_input(ResultImportForm, "ResultImportInput")


class Selected(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(), help_text=_("The applications chosen"))


class BatchReviewRequest(BatchReviewInput, Selected):  # type: ignore[misc, valid-type]
    pass


class MessageRequest(MessageInput, Selected):  # type: ignore[misc, valid-type]
    pass


class ScoresInput(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.CharField(),
        help_text=_("Application id → score (0–100, two decimals) or 缺考 for an absent candidate"),
    )


class RankOutput(serializers.Serializer):
    advanced = serializers.IntegerField()
    not_advanced = serializers.IntegerField()
    cut = serializers.IntegerField(help_text=_("How many advance by the ratio"))


class CalledOutput(serializers.Serializer):
    called = serializers.ListField(child=serializers.IntegerField(), help_text=_("Applications called"))


def _announcement(request, pk: int) -> Announcement:
    return selectors.announcement_get_for(user=request.user, pk=pk)


def _answer(request, pk: int, status: int = 200) -> Response:
    return Response(AnnouncementOutput(_announcement(request, pk)).data, status=status)


def _ids(request) -> list[int]:
    ids = request.data.get("ids")
    if not isinstance(ids, list) or not all(str(v).isdigit() for v in ids):
        raise ValidationError({"ids": [_("A list of application ids.")]})
    return [int(v) for v in ids]


class AnnouncementsApi(ReplicaListMixin, ListAPIView):
    """The announcements of your subtree, newest first."""

    serializer_class = AnnouncementRowOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Announcement.objects.none()
        return selectors.announcement_list_for(user=self.request.user).select_related("agency")


class AnnouncementCreateApi(APIView):
    """Draft an announcement under an approved recruitment plan: its positions, the stages the rules set
    (leaving some out only with the agreement they ask for), and any relaxation the rules allow."""

    @extend_schema(
        request=AnnouncementInput,
        responses={201: AnnouncementOutput},
        examples=[
            OpenApiExample(
                "Draft",
                request_only=True,
                value={
                    "title": "2027年辅警招聘公告",
                    "body": "招聘辅警……",
                    "registration_opens": "2027-03-01T09:00:00+08:00",
                    "registration_closes": "2027-03-10T17:00:00+08:00",
                    "positions": [{"code": "A01", "title": "巡逻辅警", "category": "service", "places": 2}],
                },
            )
        ],
    )
    def post(self, request, plan_pk: int):
        plan = plan_list_for(user=request.user).filter(pk=plan_pk).first()
        if plan is None:
            raise Http404
        if not can(request.user, Action.CHANGE, plan.agency):
            raise PermissionDenied
        stage_choices, _source, _decision = resolve_stages(agency=plan.agency, on=timezone.localdate())
        rows = formset_valid(
            PositionFormSet(formset_data("positions", request.data.get("positions")), prefix="positions"),
            "positions",
        )
        form = AnnouncementForm(request.data, stage_choices=stage_choices)
        announcement = form_call(
            form,
            lambda data: announcements.announcement_create(
                actor=request.user, plan=plan, **form.announcement(rows)
            ),
        )
        return _answer(request, announcement.pk, status=201)


class AnnouncementApi(APIView):
    @extend_schema(responses={200: AnnouncementOutput})
    def get(self, request, pk: int):
        return _answer(request, pk)


class AnnouncementSubmitApi(APIView):
    """Send the draft to a supervisor for approval."""

    @extend_schema(request=None, responses={200: AnnouncementOutput})
    def post(self, request, pk: int):
        announcements.announcement_submit(actor=request.user, announcement=_announcement(request, pk))
        return _answer(request, pk)


class AnnouncementApproveApi(APIView):
    """Approve and publish on the portal (a supervisor of the jurisdiction, not the author)."""

    @extend_schema(request=None, responses={200: AnnouncementOutput})
    def post(self, request, pk: int):
        announcements.announcement_approve(actor=request.user, announcement=_announcement(request, pk))
        return _answer(request, pk)


class AnnouncementReturnApi(APIView):
    """Return a submitted announcement to its author, with the reason."""

    @extend_schema(request=ReasonInput, responses={200: AnnouncementOutput})
    def post(self, request, pk: int):
        announcement = _announcement(request, pk)
        form_call(
            ReasonForm(request.data),
            lambda data: announcements.announcement_return(
                actor=request.user, announcement=announcement, **data
            ),
        )
        return _answer(request, pk)


class AnnouncementReviseApi(APIView):
    """Publish a new version of a published announcement (exam arrangements, closing time); applicants are
    told."""

    @extend_schema(request=RevisionInput, responses={200: AnnouncementOutput})
    def post(self, request, pk: int):
        announcement = _announcement(request, pk)
        form_call(
            RevisionForm(request.data),
            lambda data: announcements.announcement_revise(
                actor=request.user, announcement=announcement, **data
            ),
        )
        return _answer(request, pk)


class ResultsReleaseApi(APIView):
    """Schedule when a stage's results reach the applicants (each is told at that time)."""

    @extend_schema(request=ReleaseInput, responses={200: AnnouncementOutput})
    def post(self, request, pk: int):
        announcement = _announcement(request, pk)
        form_call(
            ReleaseForm(request.data, stage_choices=selectors.release_stage_choices(announcement)),
            lambda data: releases.release_schedule(actor=request.user, announcement=announcement, **data),
        )
        return _answer(request, pk)


class PublicityStartApi(APIView):
    """Start the publicity of the candidates to be hired (its length in working days from the rules)."""

    @extend_schema(request=PublicityInput, responses={200: AnnouncementOutput})
    def post(self, request, pk: int):
        announcement = _announcement(request, pk)
        form_call(
            PublicityForm(request.data),
            lambda data: publicity.publicity_start(actor=request.user, announcement=announcement, **data),
        )
        return _answer(request, pk)


class PlanCloseApi(APIView):
    """Close the announcement's plan: unfilled places go back to the quota."""

    @extend_schema(request=None, responses={200: AnnouncementOutput})
    def post(self, request, pk: int):
        announcements.plan_close(actor=request.user, plan=_announcement(request, pk).plan)
        return _answer(request, pk)


class BatchReviewApi(APIView):
    """Pass or return the chosen applications in one decision (each applicant is told)."""

    @extend_schema(request=BatchReviewRequest, responses={200: CountOutput})
    def post(self, request, pk: int):
        announcement = selectors.announcement_get_for(user=request.user, pk=pk, action=Action.CHANGE)
        ids = _ids(request)
        decided = form_call(
            BatchReviewForm(request.data),
            lambda data: review.review_batch(actor=request.user, announcement=announcement, ids=ids, **data),
        )
        return Response({"count": len(decided)})


class MessageApi(APIView):
    """A message from the recruiting office to the chosen applicants."""

    @extend_schema(request=MessageRequest, responses={200: CountOutput})
    def post(self, request, pk: int):
        announcement = selectors.announcement_get_for(user=request.user, pk=pk, action=Action.CHANGE)
        ids = _ids(request)
        sent = form_call(
            MessageForm(request.data),
            lambda data: notices.message_send(actor=request.user, announcement=announcement, ids=ids, **data),
        )
        return Response({"count": sent})


def _stage(request, pk: int, stage: str, kinds: frozenset | set) -> Announcement:
    announcement = _announcement(request, pk)
    if stage not in announcement.stages or stage not in kinds:
        raise Http404
    return announcement


class StageScoresApi(APIView):
    """Record scores of a scored stage: all of them, or none (each wrong value named by candidate and
    ticket)."""

    @extend_schema(
        request=ScoresInput,
        responses={200: CountOutput},
        examples=[
            OpenApiExample("Scores", value={"scores": {"101": "86.5", "102": "缺考"}}, request_only=True)
        ],
    )
    def post(self, request, pk: int, stage: str):
        announcement = _stage(request, pk, stage, stages.SCORED)
        given = ScoresInput(data=request.data)
        given.is_valid(raise_exception=True)
        entered = {key: value for key, value in given.validated_data["scores"].items() if value.strip()}
        if not all(key.isdigit() for key in entered):
            raise ValidationError({"scores": [_("Keys are application ids.")]})
        wrong = scoring.scores_check(announcement=announcement, stage=stage, scores=entered)
        if wrong:
            raise ValidationError({f"scores.{pk}": [message] for pk, message in wrong.items()})
        count = scoring.scores_record(
            actor=request.user,
            announcement=announcement,
            stage=stage,
            scores={int(key): value for key, value in entered.items()},
        )
        return Response({"count": count})


def _sheet(request, announcement, stage: str, form, kind: str, back: str) -> Response:
    job = form_call(
        form,
        lambda data: core_services.sheet_import_start(
            actor=request.user,
            kind=kind,
            agency=announcement.agency,
            target={"announcement": announcement.pk, "stage": stage},
            upload=data["workbook"],
            back_url=back,
        ),
    )
    return accepted(job)


class StageScoresImportApi(APIView):
    """Upload a workbook of scores (ticket number, score): recorded in the background, all rows or none; 202,
    poll `job`."""

    @extend_schema(request={"multipart/form-data": ScoreImportInput}, responses={202: SheetImportOutput})
    def post(self, request, pk: int, stage: str):
        announcement = _stage(request, pk, stage, stages.SCORED)
        form = ScoreImportForm(request.data, request.FILES)
        return _sheet(
            request,
            announcement,
            stage,
            form,
            "recruitment.scores",
            reverse("stage_scores", args=[pk, stage]),
        )


class ResultsImportApi(APIView):
    """Upload a filled pass/fail result list (for the physical test, measured item by item where the
    announcement has a standard): 202, poll `job`."""

    @extend_schema(request={"multipart/form-data": ResultImportInput}, responses={202: SheetImportOutput})
    def post(self, request, pk: int, stage: str):
        announcement = _stage(request, pk, stage, stages.PASS_FAIL)
        physical = stage == "physical_test" and bool(selectors.physical_items(announcement.pk))
        form = ResultImportForm(request.data, request.FILES)
        kind = "recruitment.physical" if physical else "recruitment.results"
        return _sheet(request, announcement, stage, form, kind, reverse("announcement_detail", args=[pk]))


class StageRankApi(APIView):
    """Rank a position's candidates at a scored stage; those within the ratio advance (ties and the
    preference groups as the rules say)."""

    @extend_schema(request=RankInput, responses={200: RankOutput})
    def post(self, request, pk: int, stage: str):
        announcement = _stage(request, pk, stage, stages.SCORED)
        outcome = form_call(
            RankForm(request.data, positions=announcement.positions.all()),
            lambda data: ranking.stage_rank(actor=request.user, position=data["position"], stage=stage),
        )
        return Response(outcome)


class CallNextApi(APIView):
    """Fill a place that became free by calling the next candidate(s) in rank order; `expected` (optional)
    is the confirmation key of the candidates you saw, so nobody is called on a list that changed."""

    @extend_schema(request=CallNextInput, responses={200: CalledOutput})
    def post(self, request, pk: int):
        position = selectors.position_list_for(user=request.user).filter(pk=pk).first()
        if position is None:
            raise Http404
        called = form_call(
            CallNextForm(request.data),
            lambda data: places.call_next_candidate(actor=request.user, position=position, **data),
        )
        return Response({"called": [application.pk for application in called]})
