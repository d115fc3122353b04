"""Pay scales and a person's pay details through the API: draft a scale (checked against the pay floor),
approve it; record overtime, set the bank account. The page's forms, selectors and services."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import as_form_data, form_call, form_input
from auxpolice.core.errors import DomainError
from auxpolice.core.scoping import Action, can
from auxpolice.core.selectors import agency_get_for
from auxpolice.rules.evaluators import grading
from compensation import selectors
from compensation.forms import ApproveScaleForm, BankAccountForm, OvertimeForm, ScaleForm
from compensation.models import Overtime, PayScale, PayScaleLine, ScaleStatus
from compensation.services import contributions, scales
from personnel.selectors import auxiliary_get_for

ApproveInput = form_input(ApproveScaleForm, "ScaleApproveInput")
OvertimeInput = form_input(OvertimeForm, "OvertimeInput")
BankInput = form_input(BankAccountForm, "BankAccountInput")


class PostAllowance(serializers.Serializer):
    post = serializers.CharField(max_length=60)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    hazardous = serializers.BooleanField(required=False)


class ScaleInput(serializers.Serializer):
    effective_from = serializers.DateField()
    base_monthly = serializers.DecimalField(max_digits=10, decimal_places=2)
    tier_pay = serializers.DictField(
        child=serializers.DecimalField(max_digits=10, decimal_places=2),
        help_text=_("Tier → pay per month, for every tier of the agency's scheme"),
    )
    performance = serializers.DictField(
        child=serializers.DecimalField(max_digits=10, decimal_places=2),
        required=False,
        help_text=_("Assessment grade → performance pay per month"),
    )
    posts = PostAllowance(many=True, required=False)


class ScaleLineOutput(serializers.ModelSerializer):
    class Meta:
        model = PayScaleLine
        fields = ["kind", "key", "monthly", "hazardous"]


class ScaleOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    lines = ScaleLineOutput(many=True, read_only=True)

    class Meta:
        model = PayScale
        fields = ["id", "agency", "effective_from", "status", "base_monthly", "floor_finding"]
        fields += ["approval_reference", "approved_at", "lines"]


class OvertimeOutput(serializers.ModelSerializer):
    class Meta:
        model = Overtime
        fields = ["id", "month", "day_kind", "hours", "settlement"]


class BankOutput(serializers.Serializer):
    bank_name = serializers.CharField()
    account_masked = serializers.CharField()


def _scale_form_data(data, tiers: list[str], grades: list[str]):
    """The scale as the page's form posts it: one field per tier and grade, one line per post."""
    given = ScaleInput(data=data)
    given.is_valid(raise_exception=True)
    values = given.validated_data
    unknown = set(values["tier_pay"]) - set(tiers) | set(values.get("performance", {})) - set(grades)
    if unknown:
        raise ValidationError({"tier_pay": [_("Not a tier or grade of the agency: %s") % sorted(unknown)]})
    posts = "\n".join(
        f"{p['post']}, {p['amount']}" + (", 危险" if p.get("hazardous") else "")
        for p in values.get("posts", [])
    )
    return as_form_data(
        {"effective_from": values["effective_from"], "base_monthly": values["base_monthly"], "posts": posts}
        | {f"tier_{i}": values["tier_pay"].get(tier) for i, tier in enumerate(tiers)}
        | {f"grade_{i}": values.get("performance", {}).get(grade) for i, grade in enumerate(grades)}
    )


class ScaleDraftApi(APIView):
    """Draft an agency's pay scale: base, tier pay for each tier of its scheme, post allowances, performance
    pay by grade; checked against the jurisdiction's pay floor (the finding is kept on the scale)."""

    @extend_schema(
        request=ScaleInput,
        responses={201: ScaleOutput},
        examples=[
            OpenApiExample(
                "Scale",
                request_only=True,
                value={
                    "effective_from": "2027-01-01",
                    "base_monthly": "2600.00",
                    "tier_pay": {"一级": "800.00", "二级": "600.00"},
                    "posts": [{"post": "巡逻防控", "amount": "300.00", "hazardous": True}],
                },
            )
        ],
    )
    def post(self, request, agency_pk: int):
        agency = agency_get_for(user=request.user, pk=agency_pk, action=Action.CHANGE)
        try:
            tiers, grades = selectors.scale_columns(agency)
        except grading.SchemeMissing as missing:
            raise DomainError(str(missing), code="scheme_missing") from None
        form = ScaleForm(_scale_form_data(request.data, tiers, grades), tiers=tiers, grades=grades)
        scale = form_call(
            form, lambda data: scales.scale_draft(actor=request.user, agency=agency, scale=form.scale())
        )
        return Response(ScaleOutput(scale).data, status=201)


class ScaleApi(APIView):
    @extend_schema(responses={200: ScaleOutput})
    def get(self, request, pk: int):
        return Response(ScaleOutput(selectors.scale_get_for(user=request.user, pk=pk)).data)


class ScaleApproveApi(APIView):
    """Approve a draft scale (one who may approve for the agency), citing the approval the text asks for."""

    @extend_schema(request=ApproveInput, responses={200: ScaleOutput})
    def post(self, request, pk: int):
        scale = selectors.scale_get_for(user=request.user, pk=pk)
        if scale.status != ScaleStatus.DRAFT or not can(request.user, Action.APPROVE, scale.agency):
            raise PermissionDenied
        form_call(
            ApproveScaleForm(request.data),
            lambda data: scales.scale_approve(actor=request.user, scale=scale, **data),
        )
        return Response(ScaleOutput(selectors.scale_get_for(user=request.user, pk=pk)).data)


class OvertimeApi(APIView):
    """Record a person's overtime for a month (paid at the statutory rate or settled by time off)."""

    @extend_schema(request=OvertimeInput, responses={201: OvertimeOutput})
    def post(self, request, pk: int):
        person = auxiliary_get_for(user=request.user, pk=pk)
        overtime = form_call(
            OvertimeForm(request.data),
            lambda data: contributions.overtime_record(actor=request.user, officer=person, **data),
        )
        return Response(OvertimeOutput(overtime).data, status=201)


class BankAccountApi(APIView):
    """Set the account the person's pay goes to (answered masked)."""

    @extend_schema(request=BankInput, responses={200: BankOutput})
    def post(self, request, pk: int):
        person = auxiliary_get_for(user=request.user, pk=pk)
        account = form_call(
            BankAccountForm(request.data),
            lambda data: contributions.bank_account_set(actor=request.user, officer=person, **data),
        )
        return Response(BankOutput(account).data)
