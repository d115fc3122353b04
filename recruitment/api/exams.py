"""考务 and 回避 through the API: exam rooms and sessions, the seat draw, the absent of a room, the physical
test standard; a staff member's declared relationships. The page's forms, selectors and services."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input

from .. import selectors
from ..forms import PhysicalStandardForm, RelationForm, RoomForm, SeatDrawForm, SessionForm
from ..models import StaffRelation
from ..services import exams, physical, recusal, scoring
from .outputs import CountOutput, RoomOutput, SessionOutput

RoomInput = form_input(RoomForm, "ExamRoomInput")
SessionInput = form_input(SessionForm, "ExamSessionInput")
SeatDrawInput = form_input(SeatDrawForm, "SeatDrawInput")
StandardInput = form_input(PhysicalStandardForm, "PhysicalStandardInput")
RelationInput = form_input(RelationForm, "RelationInput")


class AbsentInput(serializers.Serializer):
    absent = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("Application ids of the room's candidates who were absent"),
    )


class RelationOutput(serializers.ModelSerializer):
    class Meta:
        model = StaffRelation
        fields = ["id", "kind", "full_name", "id_number_masked", "birth_date", "note", "declared_at"]


class ExamRoomsApi(APIView):
    """Add an exam room to the announcement."""

    @extend_schema(request=RoomInput, responses={201: RoomOutput})
    def post(self, request, pk: int):
        announcement = selectors.announcement_get_for(user=request.user, pk=pk)
        room = form_call(
            RoomForm(request.data),
            lambda data: exams.room_add(actor=request.user, announcement=announcement, **data),
        )
        return Response(RoomOutput(room).data, status=201)


class ExamSessionsApi(APIView):
    """Add an exam session of a scored stage."""

    @extend_schema(request=SessionInput, responses={201: SessionOutput})
    def post(self, request, pk: int):
        announcement = selectors.announcement_get_for(user=request.user, pk=pk)
        session = form_call(
            SessionForm(request.data, stage_choices=selectors.exam_stage_choices(announcement)),
            lambda data: exams.session_add(actor=request.user, announcement=announcement, **data),
        )
        return Response(SessionOutput(session).data, status=201)


class SeatsAssignApi(APIView):
    """Draw the seats of a session (a recorded seed reproduces a draw)."""

    @extend_schema(request=SeatDrawInput, responses={200: CountOutput})
    def post(self, request, pk: int):
        session = selectors.exam_session_get_for(user=request.user, pk=pk)
        seated = form_call(
            SeatDrawForm(request.data),
            lambda data: exams.seats_assign(actor=request.user, session=session, **data),
        )
        return Response({"count": seated})


class AbsentRecordApi(APIView):
    """After the session: the room's candidates who did not come, recorded absent (缺考) at its stage."""

    @extend_schema(request=AbsentInput, responses={200: CountOutput})
    def post(self, request, pk: int, room_pk: int):
        session = selectors.exam_session_get_for(user=request.user, pk=pk)
        _room, seats = selectors.door_list(session, room_pk)
        given = AbsentInput(data=request.data)
        given.is_valid(raise_exception=True)
        seated = {seat.application_id for seat in seats}
        strangers = set(given.validated_data["absent"]) - seated
        if strangers:
            raise ValidationError({"absent": [_("Not seated in this room: %s") % sorted(strangers)]})
        count = scoring.scores_record(
            actor=request.user,
            announcement=session.announcement,
            stage=session.stage,
            scores=dict.fromkeys(given.validated_data["absent"], "缺考"),
        )
        return Response({"count": count})


class PhysicalStandardApi(APIView):
    """Set the announcement's physical test standard: the source document and one pass mark per line."""

    @extend_schema(request=StandardInput, responses={200: CountOutput})
    def post(self, request, pk: int):
        announcement = selectors.announcement_get_for(user=request.user, pk=pk)
        form_call(
            PhysicalStandardForm(request.data),
            lambda data: physical.physical_standard_set(
                actor=request.user, announcement=announcement, **data
            ),
        )
        return Response({"count": len(physical.standard_marks(announcement.pk))})


class RelationsApi(APIView):
    """GET: the relationships you declared. POST: declare one (you will not handle that person's
    application)."""

    @extend_schema(responses={200: RelationOutput(many=True)})
    def get(self, request):
        return Response(RelationOutput(selectors.relations_of(user=request.user), many=True).data)

    @extend_schema(request=RelationInput, responses={201: RelationOutput})
    def post(self, request):
        relation = form_call(
            RelationForm(request.data), lambda data: recusal.relation_declare(actor=request.user, **data)
        )
        return Response(RelationOutput(relation).data, status=201)


class RelationWithdrawApi(APIView):
    """Withdraw one of your declared relationships."""

    @extend_schema(request=None, responses={200: RelationOutput})
    def post(self, request, pk: int):
        relation = selectors.relations_of(user=request.user).filter(pk=pk).first()
        if relation is None:
            raise Http404
        return Response(RelationOutput(recusal.relation_withdraw(actor=request.user, relation=relation)).data)
