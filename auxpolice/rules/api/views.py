from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.rules import questions


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
