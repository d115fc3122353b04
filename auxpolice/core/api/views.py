import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core import audit, selectors, services
from auxpolice.core.models import Agency, User
from auxpolice.core.replicas import ReplicaListMixin
from auxpolice.core.scoping import Action

from .pagination import KeysetPagination
from .permissions import IsApplicantOrStaffRole


class SecondFactorRequired(APIException):
    status_code = 400
    default_code = "second_factor_required"
    default_detail = _("Back-office accounts also send otp_token: the current code of their authenticator.")


class LockedOut(APIException):
    status_code = 429
    default_code = "locked_out"
    default_detail = _(
        "Too many failed log-in attempts: this account is locked from your address for a while."
    )


class AgencyOutput(serializers.ModelSerializer):
    parent_id = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "code",
            "name",
            "level",
            "jurisdiction",
            "parent_id",
            "path",
            "address",
            "phone",
            "is_active",
        ]


class AgencyPagination(KeysetPagination):
    ordering = "path"


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Part of the name"))

    class Meta:
        model = Agency
        fields = ["jurisdiction", "level", "parent"]


class AgencyListApi(ReplicaListMixin, ListAPIView):
    serializer_class = AgencyOutput
    pagination_class = AgencyPagination
    filterset_class = AgencyFilter

    def get_queryset(self):
        return selectors.agency_list_for(user=self.request.user)


class AgencyDetailApi(APIView):
    class AgencyUpdateInput(serializers.Serializer):
        name = serializers.CharField(max_length=100, required=False)
        address = serializers.CharField(max_length=200, required=False, allow_blank=True)
        phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
        is_active = serializers.BooleanField(required=False)

    @extend_schema(responses=AgencyOutput)
    def get(self, request, pk):
        return Response(AgencyOutput(selectors.agency_get_for(user=request.user, pk=pk)).data)

    @extend_schema(request=AgencyUpdateInput, responses=AgencyOutput)
    def patch(self, request, pk):
        agency = selectors.agency_get_for(user=request.user, pk=pk, action=Action.CHANGE)
        data = self.AgencyUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        agency = services.agency_update(actor=request.user, agency=agency, **data.validated_data)
        return Response(AgencyOutput(agency).data)


class MeApi(APIView):
    class Output(serializers.ModelSerializer):
        agency = AgencyOutput(read_only=True)

        class Meta:
            model = User
            fields = ["id", "username", "full_name", "email", "role", "agency"]

    permission_classes = [IsApplicantOrStaffRole]  # any signed-in user, applicants included

    @extend_schema(responses=Output)
    def get(self, request):
        return Response(self.Output(request.user).data)


class HistoryEntryOutput(serializers.Serializer):
    history_id = serializers.IntegerField(source="record.history_id")
    history_date = serializers.DateTimeField(source="record.history_date")
    history_type = serializers.CharField(source="record.history_type")
    history_user = serializers.SerializerMethodField()
    changes = serializers.SerializerMethodField()

    def get_history_user(self, entry) -> str | None:
        user = entry.record.history_user
        return user.username if user else None

    def get_changes(self, entry) -> list[dict]:
        return [{"field": c.field, "old": str(c.old), "new": str(c.new)} for c in entry.changes]


class HistoryApi(APIView):
    @extend_schema(responses=HistoryEntryOutput(many=True))
    def get(self, request, label, pk):
        _obj, entries = audit.history_for(user=request.user, label=label, pk=pk)
        return Response(HistoryEntryOutput(entries, many=True).data)
