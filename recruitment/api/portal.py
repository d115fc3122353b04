"""Recruitment API: the portal (public announcements, an applicant's own applications) and the back
office's application list."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from auxpolice.core.api.authentication import ApiTokenAuthentication
from auxpolice.core.api.fields import Id
from auxpolice.core.api.pagination import KeysetPagination
from auxpolice.core.api.permissions import IsApplicant
from auxpolice.core.replicas import ReplicaListMixin

from .. import selectors
from ..models import Application
from ..services import portal


class PositionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    category = serializers.CharField()
    places = serializers.IntegerField()
    max_age = serializers.IntegerField(allow_null=True)
    min_education = serializers.CharField()


class AnnouncementOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    agency_name = serializers.CharField(source="agency.name")
    registration_opens = serializers.DateTimeField()
    registration_closes = serializers.DateTimeField()
    version = serializers.IntegerField()
    stages = serializers.ListField(child=serializers.CharField())
    positions = PositionOutput(many=True, source="positions.all")


class PortalAnnouncementsApi(ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = AnnouncementOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        return selectors.published_announcements().prefetch_related("positions").order_by("-pk")


class MyApplicationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    announcement_id = serializers.IntegerField()
    position_code = serializers.CharField(source="position.code")
    status = serializers.CharField()
    stage = serializers.CharField()
    ticket_number = serializers.CharField()
    total_score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    submitted_at = serializers.DateTimeField()


class ApplyInput(serializers.Serializer):
    position = Id()
    declaration = serializers.DictField(
        child=serializers.BooleanField(),
        help_text="Every disqualification code of the jurisdiction: true if it applies",
    )


# Applying is the portal's busiest request: its two serializers are built once, not per request (a new
# serializer deep-copies every declared field). Both are used without per-request state: run_validation
# returns the validated data or raises (as is_valid(raise_exception=True) does), to_representation returns
# the output.
_APPLY_INPUT = ApplyInput()
_APPLIED_OUTPUT = MyApplicationOutput()


class PortalApplicationsApi(ListAPIView):
    """GET: my applications. POST: apply to one position (the eligibility check runs first)."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    token_related = ("user__applicant_profile",)  # applying reads the profile: in the token's query
    permission_classes = [IsApplicant]
    serializer_class = MyApplicationOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        return selectors.my_applications(user=self.request.user).order_by("-pk")

    @extend_schema(request=ApplyInput, responses={201: MyApplicationOutput})
    def post(self, request):
        data = _APPLY_INPUT.run_validation(request.data)
        application = portal.application_submit(
            user=request.user, position=data["position"], declaration=data["declaration"]
        )
        return Response(_APPLIED_OUTPUT.to_representation(application), status=201)


class StaffApplicationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    id_number_masked = serializers.CharField()
    position_code = serializers.CharField(source="position.code")
    status = serializers.CharField()
    stage = serializers.CharField()
    total_score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    ticket_number = serializers.CharField()


class AnnouncementApplicationsApi(ReplicaListMixin, ListAPIView):
    """One announcement's applications in the user's subtree, filterable by status, stage and position."""

    serializer_class = StaffApplicationOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        announcement = selectors.announcement_get_for(user=self.request.user, pk=self.kwargs["pk"])
        rows = (
            selectors.application_list_for(user=self.request.user)
            .filter(announcement=announcement)
            .select_related("position")
            .only(*selectors.LIST_FIELDS)
        )
        for key in ("status", "stage"):
            if self.request.query_params.get(key):
                rows = rows.filter(**{key: self.request.query_params[key]})
        if self.request.query_params.get("position"):
            rows = rows.filter(position__code=self.request.query_params["position"])
        return rows
