"""Payroll through the API: start a run (202 and the run's URL to poll), its status and totals, its lines by
keyset, approval with the confirmed people and net total, payslips as PDF. Over the page's forms, selectors
and services."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input
from auxpolice.core.api.pagination import KeysetPagination
from auxpolice.core.downloads import pdf_response
from auxpolice.core.replicas import ReplicaListMixin
from auxpolice.core.scoping import Action
from auxpolice.core.selectors import agency_list_for
from compensation import exports, selectors
from compensation.forms import PayrollApproveForm, PolicyForm, RunForm, SchemeForm, StatisticForm
from compensation.models import PayrollLine, PayrollRun, RunStatus
from compensation.services import contributions, payroll, scales

StartInput = form_input(RunForm, "PayrollStartInput", agencies=None)
ApproveInput = form_input(PayrollApproveForm, "PayrollApproveInput")


class RunOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    percent = serializers.IntegerField(read_only=True, help_text=_("Computed so far, while computing"))
    job = serializers.SerializerMethodField(help_text=_("Poll this URL until status is computed"))

    class Meta:
        model = PayrollRun
        fields = ["id", "agency", "agency_id", "month", "status", "percent", "warnings", "created_at"]
        fields += ["approved_at", "job"]

    def get_job(self, run) -> str:
        return reverse("api-payroll-run", args=[run.pk])


class RunDetail(RunOutput):
    totals = serializers.SerializerMethodField()

    class Meta(RunOutput.Meta):
        fields = [*RunOutput.Meta.fields, "totals"]

    def get_totals(self, run) -> dict | None:
        return self.context.get("totals")


class LineOutput(serializers.ModelSerializer):
    full_name = serializers.CharField(source="officer.full_name")
    agency = serializers.CharField(source="agency.name")

    class Meta:
        model = PayrollLine
        exclude = ["run"]


class PayrollRunsApi(ReplicaListMixin, ListAPIView):
    """GET: the payroll runs in your subtree, newest first. POST: compute an agency's month (runs in the
    background: answers 202 with the run; poll its `job` URL)."""

    serializer_class = RunOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PayrollRun.objects.none()
        return selectors.run_list_for(user=self.request.user).order_by("-pk")

    @extend_schema(
        request=StartInput,
        responses={202: RunOutput},
        examples=[
            OpenApiExample("November", value={"agency": "510107", "month": "2026-11"}, request_only=True)
        ],
    )
    def post(self, request):
        agencies = agency_list_for(user=request.user, action=Action.CHANGE)
        run = form_call(
            RunForm(request.data, agencies=agencies),
            lambda data: payroll.payroll_start(actor=request.user, **data),
        )
        return Response(RunOutput(run).data, status=202, headers={"Location": RunOutput(run).data["job"]})


class PayrollRunApi(APIView):
    """One run: its status and progress while computing; its totals once computed."""

    @extend_schema(responses={200: RunDetail})
    def get(self, request, pk: int):
        run = selectors.run_get_for(user=request.user, pk=pk)
        totals = (
            selectors.run_totals(user=request.user, run=run) if run.status != RunStatus.COMPUTING else None
        )
        return Response(RunDetail(run, context={"totals": totals}).data)


class PayrollApproveApi(APIView):
    """Approve and lock a computed run, confirming the people and net total you checked (refused if the run
    no longer matches them, or if you ran it yourself)."""

    @extend_schema(request=ApproveInput, responses={200: RunOutput})
    def post(self, request, pk: int):
        run = selectors.run_get_for(user=request.user, pk=pk)
        approved = form_call(
            PayrollApproveForm(request.data),
            lambda data: payroll.payroll_approve(
                actor=request.user,
                run=run,
                expected_people=data["expected_people"],
                expected_net=data["expected_net"],
            ),
        )
        return Response(RunOutput(approved).data)


class LinePagination(KeysetPagination):
    ordering = "pk"


class PayrollLinesApi(ListAPIView):
    """A run's lines in your subtree, by id (keyset)."""

    serializer_class = LineOutput
    pagination_class = LinePagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PayrollLine.objects.none()
        run = selectors.run_get_for(user=self.request.user, pk=self.kwargs["pk"])
        return (
            selectors.line_list_for(user=self.request.user)
            .filter(run=run)
            .select_related("officer", "agency")
            .defer("officer__id_number", "officer__photo")
            .order_by("pk")
        )


class PayslipsApi(APIView):
    """The run's payslips as one PDF (or one person's: `line`)."""

    @extend_schema(
        parameters=[OpenApiParameter("line", int, description=_("One line's id"))],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int):
        run = selectors.run_get_for(user=request.user, pk=pk)
        if run.status == RunStatus.COMPUTING:
            raise PermissionDenied(_("The payroll is still being computed."))
        lines = selectors.line_list_for(user=request.user).filter(run=run).select_related("officer", "agency")
        if request.query_params.get("line", "").isdigit():
            lines = lines.filter(pk=int(request.query_params["line"]))
        return pdf_response(
            exports.payslips(run, lines.order_by("pk").defer("officer__id_number")),
            f"payslips-{run.month:%Y-%m}.pdf",
        )


class PayFactOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_("statistic, scheme or policy"))


# What the pay page records besides payroll runs: the statistics the floors are measured against, the social
# insurance schemes and the accident policies — each its page form and its service.
PAY_FACTS = {
    "statistic": (StatisticForm, lambda actor, data: scales.statistic_record(actor=actor, **data)),
    "scheme": (SchemeForm, lambda actor, data: contributions.scheme_record(actor=actor, **data)),
    "policy": (PolicyForm, lambda actor, data: contributions.accident_policy_record(actor=actor, **data)),
}


def _pay_fact_api(kind: str) -> type[APIView]:
    form_class, record = PAY_FACTS[kind]
    Input = form_input(form_class, f"Pay{kind.capitalize()}Input", agencies=None)

    class PayFactApi(APIView):
        @extend_schema(operation_id=f"pay_{kind}_record", request=Input, responses={201: PayFactOutput})
        def post(self, request):
            agencies = agency_list_for(user=request.user, action=Action.CHANGE)
            made = form_call(
                form_class(request.data, agencies=agencies), lambda data: record(request.user, data)
            )
            return Response({"id": made.pk, "kind": kind}, status=201)

    PayFactApi.__name__ = PayFactApi.__qualname__ = f"Pay{kind.capitalize()}Api"
    return PayFactApi


PAY_FACT_APIS = {kind: _pay_fact_api(kind) for kind in PAY_FACTS}
