"""Workbook imports through the API (scores of a recruitment stage, pass/fail results, assessment scores): the
upload answers 202 with the job's URL; the job reports its progress and, if refused, every row's error."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core import selectors
from auxpolice.core.models import SheetImport


class RowError(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class SheetImportOutput(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    errors = RowError(many=True, help_text="Each refused row and why (nothing is recorded if any)")
    job = serializers.SerializerMethodField()

    class Meta:
        model = SheetImport
        fields = ["id", "kind", "target", "status", "percent", "recorded", "errors", "uploaded_at", "job"]

    def get_job(self, job) -> str:
        return reverse("api-sheet-import", args=[job.pk])


def accepted(job: SheetImport) -> Response:
    """202 for a queued workbook: poll `job` (also in Location)."""
    body = SheetImportOutput(job).data
    return Response(body, status=202, headers={"Location": body["job"]})


class SheetImportApi(APIView):
    """A workbook import's status and progress; when refused, the errors by row and column."""

    @extend_schema(responses={200: SheetImportOutput})
    def get(self, request, pk: int):
        return Response(SheetImportOutput(selectors.sheet_import_get_for(user=request.user, pk=pk)).data)
