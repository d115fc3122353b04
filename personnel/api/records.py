"""Working-life records through the API, one set of operations per record kind (duties, qualifications,
training, items, health checks, injuries, rewards, complaints, suspensions, recusals, discipline, leave,
separations): list a person's records, add one, run a follow-up action. Generated from the record kinds, over
the page's forms and services, with the page's rules for restricted columns (shown with the grant, logged)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input
from auxpolice.core.scoping import Action, can
from personnel import selectors
from personnel.record_kinds import KINDS, RecordKind, record_values, records_shown


class RecordOutput(serializers.Serializer):
    id = serializers.IntegerField()
    values = serializers.DictField(
        help_text="Each column of the kind (see `columns`), restricted ones withheld"
    )


class RecordsOutput(serializers.Serializer):
    kind = serializers.CharField()
    columns = serializers.DictField(child=serializers.CharField(), help_text="Column → its title")
    results = RecordOutput(many=True)


def _camel(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("_"))


def _record_row(spec: RecordKind, record, *, show_restricted: bool) -> dict:
    values = record_values(spec, record, show_restricted=show_restricted)
    return {
        "id": record.pk,
        "values": {attr: value for (_label, attr), value in zip(spec.columns, values, strict=True)},
    }


def _records_api(spec: RecordKind) -> type[APIView]:
    Input = form_input(spec.form.form_class, f"{_camel(spec.slug)}RecordInput")

    class RecordsApi(APIView):
        @extend_schema(operation_id=f"records_{spec.slug}_list", responses={200: RecordsOutput})
        def get(self, request, pk: int):
            person = selectors.auxiliary_get_for(user=request.user, pk=pk)
            records, shown = records_shown(
                spec, user=request.user, person=person, address=request.META.get("REMOTE_ADDR")
            )
            return Response(
                {
                    "kind": spec.slug,
                    "columns": {attr: str(label) for label, attr in spec.columns},
                    "results": [_record_row(spec, r, show_restricted=shown) for r in records],
                }
            )

        @extend_schema(
            operation_id=f"records_{spec.slug}_create",
            request=Input,
            responses={201: RecordOutput},
        )
        def post(self, request, pk: int):
            person = selectors.auxiliary_get_for(user=request.user, pk=pk)
            if not can(request.user, Action.CHANGE, person.agency):
                raise PermissionDenied
            record = form_call(
                spec.form(person, request.data), lambda data: spec.create(request.user, person, data)
            )
            return Response(_record_row(spec, record, show_restricted=False), status=201)

    RecordsApi.__name__ = RecordsApi.__qualname__ = f"{_camel(spec.slug)}RecordsApi"
    return RecordsApi


def _action_api(spec: RecordKind, slug: str) -> type[APIView]:
    step = spec.actions[slug]
    Input = form_input(step.form, f"{_camel(spec.slug)}{_camel(slug)}Input")

    class RecordActionApi(APIView):
        @extend_schema(
            operation_id=f"records_{spec.slug}_{slug}",
            request=Input,
            responses={200: RecordOutput},
            description=str(step.label),
        )
        def post(self, request, record_pk: int):
            record = selectors.records_of(spec.model)(user=request.user).filter(pk=record_pk).first()
            if record is None:
                raise Http404
            if not can(request.user, Action.CHANGE, record.officer.agency):
                raise PermissionDenied
            form_call(step.form(request.data), lambda data: step.run(request.user, record, data))
            record.refresh_from_db()
            return Response(_record_row(spec, record, show_restricted=False))

    RecordActionApi.__name__ = RecordActionApi.__qualname__ = f"{_camel(spec.slug)}{_camel(slug)}Api"
    return RecordActionApi


RECORDS_APIS = {spec.slug: _records_api(spec) for spec in KINDS.values()}
ACTION_APIS = {(spec.slug, slug): _action_api(spec, slug) for spec in KINDS.values() for slug in spec.actions}
