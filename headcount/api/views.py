from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core import selectors as core_selectors
from auxpolice.core.api.fields import Count, Id
from auxpolice.core.api.pagination import KeysetPagination
from auxpolice.core.replicas import ReplicaListMixin
from auxpolice.core.scoping import Action

from .. import selectors
from ..services import plans, quotas
from ..services.redistribution import quota_redistribute as redistribute


class StepOutput(serializers.Serializer):
    id = serializers.IntegerField()
    sequence = serializers.IntegerField()
    label_zh = serializers.CharField()
    action = serializers.CharField()
    body = serializers.CharField()
    level = serializers.CharField()
    cite = serializers.CharField()
    setting = serializers.CharField()
    status = serializers.CharField()
    acted_by = serializers.CharField(source="acted_by.username", allow_null=True, default=None)
    acted_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField()
    approving_body = serializers.CharField()
    document_number = serializers.CharField()
    document_date = serializers.DateField(allow_null=True)


class QuotaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    agency_id = serializers.IntegerField()
    agency_name = serializers.CharField(source="agency.name")
    year = serializers.IntegerField()
    version = serializers.IntegerField()
    approved_total = serializers.IntegerField()
    approved_civilian = serializers.IntegerField(allow_null=True)
    approved_service = serializers.IntegerField(allow_null=True)
    in_post_civilian = serializers.IntegerField()
    in_post_service = serializers.IntegerField()
    reserved_civilian = serializers.IntegerField()
    reserved_service = serializers.IntegerField()
    vacant = serializers.IntegerField()


class QuotaRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    quota_id = serializers.IntegerField()
    kind = serializers.CharField()
    total = serializers.IntegerField()
    civilian = serializers.IntegerField(allow_null=True)
    service = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField(allow_null=True)
    requested_by = serializers.CharField(source="requested_by.username")
    steps = StepOutput(many=True, source="steps.all")


class QuotaDetailOutput(QuotaOutput):
    requests = QuotaRequestOutput(many=True, source="requests.all")


class PlanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    agency_id = serializers.IntegerField()
    quota_id = serializers.IntegerField()
    title = serializers.CharField()
    civilian_places = serializers.IntegerField()
    service_places = serializers.IntegerField()
    status = serializers.CharField()
    requested_by = serializers.CharField(source="requested_by.username")
    steps = StepOutput(many=True, source="steps.all")


class YearFilter(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class QuotaListApi(ReplicaListMixin, ListAPIView):
    serializer_class = QuotaOutput
    pagination_class = KeysetPagination

    @extend_schema(parameters=[YearFilter])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        year = YearFilter(data=self.request.query_params)
        year.is_valid(raise_exception=True)
        return selectors.quota_list_for(user=self.request.user, year=year.validated_data.get("year"))


class QuotaDetailApi(APIView):
    @extend_schema(responses=QuotaDetailOutput)
    def get(self, request, pk):
        return Response(QuotaDetailOutput(selectors.quota_get_for(user=request.user, pk=pk)).data)


class QuotaRequestSubmitApi(APIView):
    class QuotaRequestInput(serializers.Serializer):
        agency = Id()
        year = serializers.IntegerField(min_value=2000, max_value=2100)
        total = Count()
        civilian = Count(required=False, allow_null=True)
        service = Count(required=False, allow_null=True)
        reason = serializers.CharField()

    @extend_schema(request=QuotaRequestInput, responses={201: QuotaRequestOutput})
    def post(self, request):
        data = self.QuotaRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agency = core_selectors.agency_get_for(
            user=request.user, pk=values.pop("agency"), action=Action.CHANGE
        )
        created = quotas.quota_request_submit(actor=request.user, agency=agency, **values)
        return Response(QuotaRequestOutput(created).data, status=201)


class StepDecideApi(APIView):
    class StepDecisionInput(serializers.Serializer):
        decision = serializers.ChoiceField(choices=["approve", "reject"])
        note = serializers.CharField(required=False, allow_blank=True, default="")
        approving_body = serializers.CharField(required=False, allow_blank=True, default="")
        document_number = serializers.CharField(required=False, allow_blank=True, default="")
        document_date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=StepDecisionInput, responses=StepOutput)
    def post(self, request, pk):
        step = get_object_or_404(selectors.approval_step_list_for(user=request.user), pk=pk)
        data = self.StepDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        approve = values.pop("decision") == "approve"
        decide = quotas.quota_step_decide if step.quota_request_id else plans.plan_step_decide
        decide(actor=request.user, step=step, approve=approve, **values)
        step.refresh_from_db()
        return Response(StepOutput(step).data)


class PendingStepsApi(APIView):
    @extend_schema(responses=StepOutput(many=True))
    def get(self, request):
        return Response(StepOutput(selectors.pending_steps_for(user=request.user), many=True).data)


class PlanListApi(ReplicaListMixin, ListAPIView):
    serializer_class = PlanOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        return selectors.plan_list_for(user=self.request.user).prefetch_related("steps__acted_by")


class PlanSubmitApi(APIView):
    class PlanInput(serializers.Serializer):
        agency = Id()
        year = serializers.IntegerField(min_value=2000, max_value=2100)
        title = serializers.CharField(max_length=120)
        civilian_places = Count()
        service_places = Count()
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=PlanInput, responses={201: PlanOutput})
    def post(self, request):
        data = self.PlanInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agency = core_selectors.agency_get_for(
            user=request.user, pk=values.pop("agency"), action=Action.CHANGE
        )
        plan = plans.plan_submit(actor=request.user, agency=agency, **values)
        return Response(PlanOutput(plan).data, status=201)


class HeadcountRowOutput(serializers.Serializer):
    agency_id = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.name")
    approved = serializers.IntegerField()
    in_post = serializers.DictField(child=serializers.IntegerField())
    on_probation = serializers.IntegerField()
    reserved = serializers.DictField(child=serializers.IntegerField())
    vacant = serializers.IntegerField()


class HeadcountApi(APIView):
    class HeadcountFilters(serializers.Serializer):
        year = serializers.IntegerField(min_value=2000, max_value=2100)
        agency = Id(required=False)

    @extend_schema(parameters=[HeadcountFilters], responses=HeadcountRowOutput(many=True))
    def get(self, request):
        filters = self.HeadcountFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        root = None
        if filters.validated_data.get("agency"):
            root = core_selectors.agency_get_for(user=request.user, pk=filters.validated_data["agency"])
        rows = selectors.headcount_for(user=request.user, year=filters.validated_data["year"], root=root)
        return Response(HeadcountRowOutput(rows, many=True).data)


class RedistributeApi(APIView):
    class RedistributionInput(serializers.Serializer):
        source = Id()
        target = Id()
        places = Count(min_value=1)
        category = serializers.ChoiceField(choices=["civilian", "service"], required=False, allow_null=True)
        reason = serializers.CharField()

    @extend_schema(request=RedistributionInput, responses=QuotaOutput(many=True))
    def post(self, request):
        data = self.RedistributionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        scoped = selectors.quota_list_for(user=request.user)
        source = get_object_or_404(scoped, pk=values["source"])
        target = get_object_or_404(scoped, pk=values["target"])
        moved = redistribute(
            actor=request.user,
            source=source,
            target=target,
            places=values["places"],
            category=values.get("category"),
            reason=values["reason"],
        )
        return Response(QuotaOutput(moved, many=True).data)


class QuotaRequestWithdrawApi(APIView):
    @extend_schema(request=None, responses=QuotaRequestOutput)
    def post(self, request, pk):
        quota_request = get_object_or_404(selectors.quota_request_list_for(user=request.user), pk=pk)
        return Response(
            QuotaRequestOutput(quotas.quota_request_withdraw(actor=request.user, request=quota_request)).data
        )
