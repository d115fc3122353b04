"""Special additional deductions through the API: a person's months (read, record one) and a month's workbook
of many people (202, poll the job), over the pay pages' own forms and services."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input
from auxpolice.core.api.imports import SheetImportOutput, accepted
from auxpolice.core.scoping import Action
from auxpolice.core.selectors import agency_list_for
from compensation.forms import SpecialDeductionForm, SpecialDeductionImportForm
from compensation.models import SpecialDeduction
from compensation.services import special_deductions
from personnel.selectors import auxiliary_get_for

MonthInput = form_input(SpecialDeductionForm, "SpecialDeductionInput")
ImportInput = form_input(SpecialDeductionImportForm, "SpecialDeductionImportInput", agencies=None)


class SpecialDeductionOutput(serializers.ModelSerializer):
    total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = SpecialDeduction
        fields = [
            "id",
            "month",
            *(field for field, _column in SpecialDeduction.KINDS),
            "total",
            "recorded_at",
        ]


class SpecialDeductionsApi(APIView):
    """A person's special additional deductions, cumulative from January, by month (newest first, the last
    24); POST records one month's (replacing what the month had)."""

    @extend_schema(responses={200: SpecialDeductionOutput(many=True)})
    def get(self, request, pk: int):
        person = auxiliary_get_for(user=request.user, pk=pk)
        months = person.special_deductions.order_by("-month")[:24]
        return Response(SpecialDeductionOutput(months, many=True).data)

    @extend_schema(request=MonthInput, responses={200: SpecialDeductionOutput})
    def post(self, request, pk: int):
        person = auxiliary_get_for(user=request.user, pk=pk)

        def record(data):
            data = dict(data)
            return special_deductions.special_deductions_set(
                actor=request.user, officer=person, month=data.pop("month"), amounts=data
            )

        return Response(SpecialDeductionOutput(form_call(SpecialDeductionForm(request.data), record)).data)


class SpecialDeductionsImportApi(APIView):
    """Upload a month's workbook (the withholding client's export or the template): recorded in the
    background, all rows or none; 202, poll `job`."""

    @extend_schema(request={"multipart/form-data": ImportInput}, responses={202: SheetImportOutput})
    def post(self, request):
        agencies = agency_list_for(user=request.user, action=Action.CHANGE)
        form = SpecialDeductionImportForm(request.data, request.FILES, agencies=agencies)
        job = form_call(
            form,
            lambda data: special_deductions.special_deductions_import_start(actor=request.user, **data),
        )
        return accepted(job)
