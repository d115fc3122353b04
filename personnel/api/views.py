"""Personnel through the API: the roster with the page's filters, sorts and keyset cursors; one person with
the ID number masked; the full number for those granted it, logged. Thin views over the page's selectors and
services."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.models import Category
from auxpolice.core.replicas import lagging_reads_allowed, may_read_lagging
from personnel import selectors
from personnel.models import OfficerStatus
from personnel.services import auxiliaries


class PersonRow(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    id_number_masked = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.values)  # the same enum as the headcount API's
    status = serializers.ChoiceField(choices=OfficerStatus.choices)
    post = serializers.CharField()
    hired_on = serializers.DateField()
    agency = serializers.CharField(source="agency.name")


class RosterPage(serializers.Serializer):
    results = PersonRow(many=True, source="rows")
    next = serializers.CharField(source="next_cursor", allow_null=True)
    previous = serializers.CharField(source="previous_cursor", allow_null=True)
    matches = serializers.IntegerField(allow_null=True, help_text=_("Counted up to 10,000"))
    more_than = serializers.BooleanField(help_text=_("More than `matches` match"))


class ContractRow(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    term_type = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    probation_ends_on = serializers.DateField(allow_null=True)
    status = serializers.CharField()


class PersonDetail(PersonRow):
    agency_id = serializers.IntegerField()
    birth_date = serializers.DateField()
    sex = serializers.CharField()
    tier = serializers.CharField()
    tier_since = serializers.DateField(allow_null=True)
    badge_number = serializers.CharField()
    phone = serializers.CharField()
    education = serializers.CharField()
    separated_on = serializers.DateField(allow_null=True)
    contracts = ContractRow(many=True, source="contracts.all")


class FullIdNumber(serializers.Serializer):
    id_number = serializers.CharField()


FILTERS = [
    OpenApiParameter("q", str, description=_("Name, the whole ID number, or its last 4–6 characters")),
    OpenApiParameter("category", str, enum=Category.values),
    OpenApiParameter("status", str, enum=OfficerStatus.values),
    OpenApiParameter(
        "agency", str, description=_("An agency in your scope: its code or id (and its subtree)")
    ),
    OpenApiParameter("contract_ends_before", date),
    OpenApiParameter("sort", str, enum=list(selectors.SORTS), default="newest"),
    OpenApiParameter("after", str, description=_("The `next` cursor of the page before")),
    OpenApiParameter("before", str, description=_("The `previous` cursor of the page after")),
]


class PersonnelListApi(APIView):
    """The roster in your subtree, newest first (or by hiring date or name), 20 a page by keyset cursors."""

    @extend_schema(operation_id="personnel_list", parameters=FILTERS, responses={200: RosterPage})
    def get(self, request):
        def page():
            return selectors.auxiliary_page_for(
                user=request.user,
                filters=selectors.roster_filters(user=request.user, query=request.query_params),
                after=request.query_params.get("after") or None,
                before=request.query_params.get("before") or None,
                sort=request.query_params.get("sort", "newest"),
                count=True,
            )

        if may_read_lagging(request):
            with lagging_reads_allowed():
                return Response(RosterPage(page()).data)
        return Response(RosterPage(page()).data)


class PersonnelDetailApi(APIView):
    """One person in your subtree, the ID number masked, with their contracts."""

    @extend_schema(responses={200: PersonDetail})
    def get(self, request, pk: int):
        return Response(PersonDetail(selectors.auxiliary_get_for(user=request.user, pk=pk)).data)


class IdNumberRevealApi(APIView):
    """The full resident ID number, for accounts granted it; every reveal is logged (who, whom, when)."""

    @extend_schema(
        request=None,
        responses={200: FullIdNumber},
        examples=[OpenApiExample("Revealed", value={"id_number": "51010719950315001X"}, response_only=True)],
    )
    def post(self, request, pk: int):
        person = selectors.auxiliary_get_for(user=request.user, pk=pk)
        full = auxiliaries.id_number_reveal(
            actor=request.user, officer=person, address=request.META.get("REMOTE_ADDR")
        )
        return Response({"id_number": full})
