"""What the back-office recruitment endpoints answer: an announcement, an application (findings of the medical
and vetting stages stay out: they are read on the page, with the permission, and logged)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from auxpolice.core.models import Category

from .. import selectors
from ..models import Announcement, Application, ExamRoom, ExamSession, Objection, Position, StageResult


class OfficePositionOutput(serializers.ModelSerializer):
    category = serializers.ChoiceField(choices=Category.values)  # the same enum as the other APIs'

    class Meta:
        model = Position
        fields = ["id", "code", "title", "category", "places", "max_age", "min_education", "major"]
        fields += ["other_conditions"]


class OfficeAnnouncementOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    positions = OfficePositionOutput(many=True, read_only=True)

    class Meta:
        model = Announcement
        fields = ["id", "plan_id", "agency", "title", "status", "version", "stages", "simplified"]
        fields += ["registration_opens", "registration_closes", "published_at", "positions"]


class AnnouncementRowOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")

    class Meta:
        model = Announcement
        fields = ["id", "plan_id", "agency", "title", "status", "version", "registration_closes"]


class ResultOutput(serializers.ModelSerializer):
    class Meta:
        model = StageResult
        fields = ["stage", "outcome", "score", "recorded_at"]


class ObjectionOutput(serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "received_on", "content", "status", "resolution", "resolved_at"]


class PhysicalItem(serializers.Serializer):
    field = serializers.CharField(help_text="The name to send the measured value under")
    item = serializers.CharField()
    unit = serializers.CharField()


class ApplicationOutput(serializers.ModelSerializer):
    position_code = serializers.CharField(source="position.code")
    results = ResultOutput(many=True, read_only=True)
    objections = ObjectionOutput(many=True, read_only=True)
    physical_items = serializers.SerializerMethodField(
        help_text="At the physical test: the items of the announcement's standard for this candidate"
    )
    review_citations = serializers.ListField(child=serializers.CharField())
    contract_items = serializers.SerializerMethodField(
        help_text="What the rules say the contract must state: the codes to confirm in `stated_items` on hire"
    )

    class Meta:
        model = Application
        fields = ["id", "announcement_id", "position_code", "full_name", "id_number_masked", "sex"]
        fields += ["birth_date", "education", "status", "stage", "review_reason", "review_citations"]
        fields += ["total_score", "rank", "ticket_number", "officer_id", "submitted_at", "results"]
        fields += ["objections", "physical_items", "contract_items"]

    @extend_schema_field(PhysicalItem(many=True))
    def get_physical_items(self, application) -> list[dict]:
        if application.stage != "physical_test":
            return []
        items = selectors.physical_items(application.announcement_id, application.sex)
        return [{"field": f"item_{i}", "item": item, "unit": unit} for i, (item, unit) in enumerate(items)]

    def get_contract_items(self, application) -> list[str]:
        return [code for code, _label in selectors.hire_item_choices(application)]


class RoomOutput(serializers.ModelSerializer):
    class Meta:
        model = ExamRoom
        fields = ["id", "site", "address", "code", "capacity"]


class SessionOutput(serializers.ModelSerializer):
    class Meta:
        model = ExamSession
        fields = ["id", "stage", "name", "starts_at", "ends_at", "seed", "seated_at"]


class CountOutput(serializers.Serializer):
    count = serializers.IntegerField()
