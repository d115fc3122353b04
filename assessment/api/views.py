"""The annual assessment through the API: one person's result (score, review, publish, appeal, decide) and a
cycle's bulk steps (review, publish, close), over the page's forms, selectors and services."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment import selectors
from assessment.forms import (
    AppealDecisionForm,
    AppealForm,
    BulkConfirmForm,
    ConfirmForm,
    CycleOpenForm,
    ScoreForm,
    TierForm,
)
from assessment.models import Assessment, AssessmentCycle, TierChange
from assessment.services import assessments, batch, tiers
from auxpolice.core import services as core_services
from auxpolice.core.api.actions import form_call, form_input
from auxpolice.core.api.imports import SheetImportOutput, accepted
from auxpolice.core.api.pagination import KeysetPagination
from auxpolice.core.replicas import ReplicaListMixin
from auxpolice.core.scoping import Action, can
from auxpolice.core.selectors import agency_list_for
from personnel.selectors import auxiliary_get_for

AppealInput = form_input(AppealForm, "AppealInput")
BulkInput = form_input(BulkConfirmForm, "AssessmentBulkInput")


class ScoreInput(serializers.Serializer):
    """The cycle's scheme decides the rest: one `score_<dimension>` (0–100) per dimension it lists."""

    assessor_name = serializers.CharField(max_length=60, help_text=_("Supervising police officer (assessor)"))
    grade = serializers.CharField(help_text=_("One of the cycle's grades"))
    comment = serializers.CharField(required=False, allow_blank=True)


class DecisionInput(serializers.Serializer):
    upheld = serializers.ChoiceField(
        choices=["1", "0"], help_text=_("1: uphold and change the grade; 0: reject")
    )
    new_grade = serializers.CharField(required=False, allow_blank=True, help_text=_("If upheld"))
    reasons = serializers.CharField()


class AssessmentOutput(serializers.ModelSerializer):
    full_name = serializers.CharField(source="officer.full_name")

    class Meta:
        model = Assessment
        fields = ["id", "cycle_id", "officer_id", "full_name", "year", "status", "scores", "grade"]
        fields += ["assessor_name", "comment", "scored_at", "reviewed_at", "published_on"]


class TierChangeOutput(serializers.ModelSerializer):
    class Meta:
        model = TierChange
        fields = ["id", "officer_id", "mode", "from_tier", "to_tier", "basis", "effective_on"]


class CycleOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = AssessmentCycle
        fields = ["id", "agency", "year", "status", "percent"]


def _assessment(request, pk: int) -> Assessment:
    return selectors.assessment_get_for(user=request.user, pk=pk)


def _answer(request, pk: int) -> Response:
    return Response(AssessmentOutput(_assessment(request, pk)).data)


class AssessmentApi(APIView):
    @extend_schema(responses={200: AssessmentOutput})
    def get(self, request, pk: int):
        return _answer(request, pk)


class AssessmentScoreApi(APIView):
    """Enter or correct the scores and grade (the grade bands and caps of the agency are checked)."""

    @extend_schema(
        request=ScoreInput,
        responses={200: AssessmentOutput},
        examples=[
            OpenApiExample(
                "Scores",
                value={"score_politics": 90, "score_work": 88, "grade": "优秀", "assessor_name": "张警官"},
                request_only=True,
            )
        ],
    )
    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        form = ScoreForm(request.data, scheme=assessment.cycle.scheme)
        form_call(
            form,
            lambda data: assessments.assessment_score(
                actor=request.user,
                assessment=assessment,
                scores=form.scores(),
                grade=data["grade"],
                assessor_name=data["assessor_name"],
                comment=data["comment"],
            ),
        )
        return _answer(request, pk)


class AssessmentReviewApi(APIView):
    """Review a scored result (not by the person who scored it)."""

    @extend_schema(request=None, responses={200: AssessmentOutput})
    def post(self, request, pk: int):
        assessments.assessment_review(actor=request.user, assessment=_assessment(request, pk))
        return _answer(request, pk)


class AssessmentPublishApi(APIView):
    """Publish a reviewed result to the person."""

    @extend_schema(request=None, responses={200: AssessmentOutput})
    def post(self, request, pk: int):
        assessments.assessment_publish(actor=request.user, assessment=_assessment(request, pk))
        return _answer(request, pk)


class AppealFileApi(APIView):
    """Record the person's appeal against a published result (within the period the text allows)."""

    @extend_schema(request=AppealInput, responses={200: AssessmentOutput})
    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        form_call(
            AppealForm(request.data),
            lambda data: assessments.appeal_file(actor=request.user, assessment=assessment, **data),
        )
        return _answer(request, pk)


class AppealDecideApi(APIView):
    """Decide the appeal: uphold (with the new grade) or reject, with reasons."""

    @extend_schema(request=DecisionInput, responses={200: AssessmentOutput})
    def post(self, request, pk: int):
        assessment = _assessment(request, pk)
        appeal = selectors.appeal_of(assessment)
        if appeal is None:
            raise PermissionDenied
        form_call(
            AppealDecisionForm(request.data, scheme=assessment.cycle.scheme),
            lambda data: assessments.appeal_decide(actor=request.user, appeal=appeal, **data),
        )
        return _answer(request, pk)


class CycleApi(APIView):
    """A cycle's status, and its progress while it opens or closes."""

    @extend_schema(responses={200: CycleOutput})
    def get(self, request, pk: int):
        return Response(CycleOutput(selectors.cycle_get_for(user=request.user, pk=pk)).data)


def _bulk(request, pk: int, act) -> dict:
    cycle = selectors.cycle_get_for(user=request.user, pk=pk)
    result = form_call(BulkConfirmForm(request.data), lambda data: act(cycle, data["expected"]))
    return {"result": result if isinstance(result, dict) else {"count": result}}


class BulkResult(serializers.Serializer):
    result = serializers.DictField(child=serializers.IntegerField())


class CycleReviewApi(APIView):
    """Review every scored result of the cycle, confirming how many you checked (top grades beyond the
    agency's cap are held back)."""

    @extend_schema(request=BulkInput, responses={200: BulkResult})
    def post(self, request, pk: int):
        return Response(
            _bulk(request, pk, lambda c, n: batch.review_scored(actor=request.user, cycle=c, expected=n))
        )


class CyclePublishApi(APIView):
    """Publish every reviewed result of the cycle, confirming how many you checked."""

    @extend_schema(request=BulkInput, responses={200: BulkResult})
    def post(self, request, pk: int):
        return Response(
            _bulk(request, pk, lambda c, n: batch.publish_reviewed(actor=request.user, cycle=c, expected=n))
        )


class CycleCloseApi(APIView):
    """Close the cycle: the consequences (tier changes, pay, renewals) are proposed in the background; 202,
    poll the cycle."""

    @extend_schema(request=None, responses={202: CycleOutput})
    def post(self, request, pk: int):
        cycle = selectors.cycle_get_for(user=request.user, pk=pk)
        closing = batch.cycle_close(actor=request.user, cycle=cycle)
        return Response(CycleOutput(closing).data, status=202)


OpenInput = form_input(CycleOpenForm, "CycleOpenInput", agencies=None)
ConfirmInput = form_input(ConfirmForm, "ConsequenceConfirmInput")
TierInput = form_input(TierForm, "TierAssignInput", tiers=())


class Selection(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text=_("Proposals chosen")
    )
    all = serializers.BooleanField(required=False, help_text=_("Every proposal of the kind instead"))


class ConfirmRequest(ConfirmInput, Selection):
    pass


class CyclesApi(ReplicaListMixin, ListAPIView):
    """GET: the cycles of your subtree. POST: open an agency's year (the assessments are made in the
    background: 202, poll the cycle)."""

    serializer_class = CycleOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AssessmentCycle.objects.none()
        return selectors.cycle_list_for(user=self.request.user)

    @extend_schema(request=OpenInput, responses={202: CycleOutput})
    def post(self, request):
        agencies = agency_list_for(user=request.user, action=Action.CHANGE)
        cycle = form_call(
            CycleOpenForm(request.data, agencies=agencies),
            lambda data: assessments.cycle_open(actor=request.user, **data),
        )
        return Response(CycleOutput(cycle).data, status=202)


def _selected(request) -> list[int] | None:
    if request.data.get("all") in (True, "true", "1"):
        return None
    ids = request.data.get("ids") or []
    return [int(v) for v in ids if str(v).isdigit()] if isinstance(ids, list) else []


class ConsequenceConfirmApi(APIView):
    """Confirm the chosen proposals (tier changes, pay, renewals) of a closed cycle, effective on a date;
    proposals whose person's tier changed meanwhile are not applied."""

    @extend_schema(request=ConfirmRequest, responses={200: BulkResult})
    def post(self, request, pk: int):
        cycle = selectors.cycle_get_for(user=request.user, pk=pk)
        counts = form_call(
            ConfirmForm(request.data),
            lambda data: tiers.consequences_confirm(
                actor=request.user,
                cycle=cycle,
                ids=_selected(request),
                kind=data["kind"] or None,
                effective_on=data["effective_on"],
            ),
        )
        return Response({"result": counts})


class ConsequenceRejectApi(APIView):
    """Reject the chosen proposals."""

    @extend_schema(request=Selection, responses={200: BulkResult})
    def post(self, request, pk: int):
        cycle = selectors.cycle_get_for(user=request.user, pk=pk)
        count = tiers.consequences_reject(actor=request.user, cycle=cycle, ids=_selected(request) or [])
        return Response({"result": {"count": count}})


class TierAssignApi(APIView):
    """Set a person's tier (initial grading or by selection), with its basis, where the agency has tiers."""

    @extend_schema(request=TierInput, responses={200: TierChangeOutput})
    def post(self, request, pk: int):
        person = auxiliary_get_for(user=request.user, pk=pk)
        scheme = tiers.tier_scheme_for_agency(person.agency)
        if not (scheme and can(request.user, Action.APPROVE, person.agency)):
            raise PermissionDenied
        change = form_call(
            TierForm(request.data, tiers=scheme),
            lambda data: tiers.tier_assign(actor=request.user, officer=person, **data),
        )
        return Response(TierChangeOutput(change).data)


class ScoresWorkbookInput(serializers.Serializer):
    workbook = serializers.FileField(
        help_text=_("The cycle's scoring workbook, filled in (.xlsx, at most 10 MB)")
    )


class CycleScoresImportApi(APIView):
    """Upload the cycle's scoring workbook (the page's download), filled in: recorded in the background, all
    rows or none; 202, poll `job`."""

    @extend_schema(request={"multipart/form-data": ScoresWorkbookInput}, responses={202: SheetImportOutput})
    def post(self, request, pk: int):
        cycle = selectors.cycle_get_for(user=request.user, pk=pk)
        job = core_services.sheet_import_start(
            actor=request.user,
            kind="assessment.scores",
            agency=cycle.agency,
            target={"cycle": cycle.pk},
            upload=request.FILES.get("workbook"),
            back_url=reverse("cycle_detail", args=[cycle.pk]),
        )
        return accepted(job)
