"""Personnel imports through the API: upload the template workbook (202 and the job's URL), then poll it for
progress and the rows refused with their reasons. The page's form, service and selector."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input
from auxpolice.core.scoping import Action
from auxpolice.core.selectors import agency_list_for, get_or_404
from personnel import selectors
from personnel.forms import ImportForm
from personnel.services import auxiliaries

ImportInput = form_input(ImportForm, "PersonnelImportInput", agencies=None)


class ImportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    percent = serializers.IntegerField()
    processed = serializers.IntegerField(source="processed_rows")
    total = serializers.IntegerField(source="total_rows")
    errors = serializers.ListField(child=serializers.DictField(), help_text="Each refused row and why")
    job = serializers.SerializerMethodField()

    def get_job(self, job) -> str:
        return reverse("api-personnel-import", args=[job.pk])


class ImportsApi(APIView):
    """Upload a filled import template (.xlsx, at most 10 MB) for an agency in your subtree: 202, then poll
    `job`."""

    @extend_schema(request={"multipart/form-data": ImportInput}, responses={202: ImportOutput})
    def post(self, request):
        agencies = agency_list_for(user=request.user, action=Action.CHANGE)
        job = form_call(
            ImportForm(request.data, request.FILES, agencies=agencies),
            lambda data: auxiliaries.import_start(
                actor=request.user, agency=data["agency"], upload=data["workbook"]
            ),
        )
        body = ImportOutput(job).data
        return Response(body, status=202, headers={"Location": body["job"]})


class ImportApi(APIView):
    """An import's progress, and the rows refused with their reasons."""

    @extend_schema(responses={200: ImportOutput})
    def get(self, request, pk: int):
        return Response(ImportOutput(get_or_404(selectors.import_list_for(user=request.user), pk)).data)
