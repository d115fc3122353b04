"""A person's own details (post, work ID, phone, education, family contact, photo), the leave lengths an
administrator enters, and what falls due, through the API. The page's forms, selectors and services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input
from auxpolice.core.api.pagination import KeysetPagination
from auxpolice.core.replicas import ReplicaListMixin, lagging_reads_allowed, may_read_lagging
from personnel import selectors
from personnel.forms import DetailsForm
from personnel.models import LeaveEntitlement
from personnel.record_forms import LeaveEntitlementForm
from personnel.services import auxiliaries, deadlines, leave

from .views import PersonDetail

DetailsInput = form_input(DetailsForm, "PersonDetailsInput")
EntitlementInput = form_input(LeaveEntitlementForm, "LeaveEntitlementInput", agencies=None)


class EntitlementOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code", help_text=_("And its subordinates"))

    class Meta:
        model = LeaveEntitlement
        fields = ["id", "agency", "kind", "days", "counted_in", "effective_from", "effective_until", "source"]


class DetailsApi(APIView):
    """Save a person's details: every field is sent (empty clears it), the photo only to replace it."""

    @extend_schema(
        request={"application/json": DetailsInput, "multipart/form-data": DetailsInput},
        responses={200: PersonDetail},
    )
    def post(self, request, pk: int):
        person = selectors.auxiliary_get_for(user=request.user, pk=pk)

        def save(data: dict) -> None:
            fields = dict(data)
            auxiliaries.auxiliary_update(
                actor=request.user, officer=person, photo=fields.pop("photo"), **fields
            )

        form_call(DetailsForm(request.data, request.FILES), save)
        return Response(PersonDetail(selectors.auxiliary_get_for(user=request.user, pk=pk)).data)


class LeaveEntitlementsApi(ReplicaListMixin, ListAPIView):
    """GET: the leave lengths entered in your scope. POST: enter one (a province's longer maternity leave, a
    city's marriage leave), with its document; never below the national minimum."""

    serializer_class = EntitlementOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LeaveEntitlement.objects.none()
        return selectors.leave_entitlement_list_for(user=self.request.user).select_related("agency")

    @extend_schema(request=EntitlementInput, responses={201: EntitlementOutput})
    def post(self, request):
        agencies = selectors.leave_configurable_agencies(user=request.user)
        entry = form_call(
            LeaveEntitlementForm(request.data, agencies=agencies),
            lambda data: leave.leave_entitlement_record(actor=request.user, **data),
        )
        return Response(EntitlementOutput(entry).data, status=201)


class DueOutput(serializers.Serializer):
    kind = serializers.CharField(
        help_text=_("contract_expiry, probation_end, training_due or health_check_due")
    )
    due_on = serializers.DateField()
    label = serializers.CharField()
    person_id = serializers.IntegerField(source="person.pk")
    full_name = serializers.CharField(source="person.full_name")
    id_number_masked = serializers.CharField(source="person.id_number_masked")
    agency = serializers.CharField(source="person.agency.code")


class DeadlinesApi(APIView):
    """What falls due in your subtree in the coming `days` days (default 90, at most 366), soonest first:
    contract ends, probation ends, training and health checks."""

    @extend_schema(
        parameters=[OpenApiParameter("days", int, description=_("How far ahead (1–366)"), default=90)],
        responses={200: DueOutput(many=True)},
    )
    def get(self, request):
        raw = request.query_params.get("days", "90")
        if not raw.isdigit() or not 1 <= int(raw) <= 366:
            raise ValidationError({"days": [_("A whole number of days from 1 to 366.")]})
        if may_read_lagging(request):
            with lagging_reads_allowed():
                return Response(
                    DueOutput(deadlines.due_for(user=request.user, days=int(raw)), many=True).data
                )
        return Response(DueOutput(deadlines.due_for(user=request.user, days=int(raw)), many=True).data)
