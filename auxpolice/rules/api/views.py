from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input
from auxpolice.core.selectors import agency_to_configure
from auxpolice.rules import questions, services
from auxpolice.rules.forms import AgencySettingForm


class CitationOutput(serializers.Serializer):
    ref = serializers.CharField()
    jurisdiction = serializers.CharField()
    instrument = serializers.CharField()
    article = serializers.IntegerField()
    paragraph = serializers.IntegerField(allow_null=True)
    clause = serializers.IntegerField(allow_null=True)
    label_zh = serializers.CharField()
    text_zh = serializers.CharField()


class FindingOutput(serializers.Serializer):
    code = serializers.CharField()
    outcome = serializers.CharField()
    message = serializers.CharField()
    citations = CitationOutput(many=True)
    setting = serializers.CharField(allow_null=True)


class DecisionOutput(serializers.Serializer):
    question = serializers.CharField()
    jurisdiction = serializers.CharField()
    date = serializers.DateField()
    rules = serializers.DictField()
    outcome = serializers.ChoiceField(
        choices=["allowed", "refused", "needs_approval", "warning", "not_regulated", "unknown"]
    )
    citations = CitationOutput(many=True)
    findings = FindingOutput(many=True)
    data = serializers.DictField()


class RulesEvaluateApi(APIView):
    """Ask the rules engine a question; the answer names the articles behind it."""

    @extend_schema(
        request=questions.Question,
        responses=DecisionOutput,
        description="Questions: " + ", ".join(questions.QUESTIONS) + ". Each takes `jurisdiction` and `date` "
        "plus its own fields (see the rules_evaluate command's help).",
        examples=[
            OpenApiExample(
                "Sichuan eligibility",
                value={
                    "question": "eligibility",
                    "jurisdiction": "sichuan",
                    "date": "2026-06-01",
                    "category": "service",
                    "birth_date": "1990-06-02",
                    "education": "high_school",
                },
            )
        ],
    )
    def post(self, request):
        return Response(questions.ask(request.data))


class SettingOutput(serializers.Serializer):
    key = serializers.CharField()
    value = serializers.JSONField()
    basis = serializers.CharField()


SettingInput = form_input(AgencySettingForm, "AgencySettingInput")


class AgencySettingApi(APIView):
    """Set one of the agency's settings where the text leaves the choice to the agency (its HR office, or
    the system administrator), with who decided it and where it is written."""

    @extend_schema(
        request=SettingInput,
        responses={200: SettingOutput},
        examples=[
            OpenApiExample(
                "Publicity",
                request_only=True,
                value={"key": "publicity_working_days", "value": "5", "basis": "武公〔2026〕1号"},
            )
        ],
    )
    def post(self, request, pk: int):
        agency = agency_to_configure(user=request.user, pk=pk)
        setting = form_call(
            AgencySettingForm(request.data),
            lambda data: services.agency_setting_set(actor=request.user, agency=agency, **data),
        )
        return Response(SettingOutput(setting).data)
