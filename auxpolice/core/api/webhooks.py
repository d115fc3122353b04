"""Webhooks through the API (off unless WEBHOOKS_ENABLED): an agency's HR office registers an https endpoint
for events in its subtree, lists and removes it, and reads each delivery's log. auxpolice.core.webhooks."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core import selectors, webhooks
from auxpolice.core.agency_field import agency_typed
from auxpolice.core.models import Webhook, WebhookDelivery, WebhookEvent
from auxpolice.core.scoping import Action

from .pagination import KeysetPagination


class WebhookInput(serializers.Serializer):
    agency = serializers.CharField(help_text=_("Its code or id: events in its subtree are sent"))
    url = serializers.CharField(max_length=300, help_text=_("An https:// address"))
    events = serializers.MultipleChoiceField(choices=WebhookEvent.choices)


class WebhookOutput(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")

    class Meta:
        model = Webhook
        fields = ["id", "agency", "url", "events", "is_active", "created_at"]


class RegisteredOutput(WebhookOutput):
    secret = serializers.CharField(help_text=_("Shown once: sign-check each delivery with it"))

    class Meta(WebhookOutput.Meta):
        fields = [*WebhookOutput.Meta.fields, "secret"]


class DeliveryOutput(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = ["id", "event", "key", "status", "attempts", "last_status_code", "last_error"]
        fields += ["created_at", "last_attempt_at", "next_attempt_at", "delivered_at", "payload"]


class WebhooksApi(ListAPIView):
    """GET: the endpoints registered in your subtree. POST: register one (the HR office of the agency, or the
    system administrator); the answer carries its signing secret, shown this once."""

    serializer_class = WebhookOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Webhook.objects.none()
        return selectors.webhook_list_for(user=self.request.user)

    @extend_schema(
        request=WebhookInput,
        responses={201: RegisteredOutput},
        examples=[
            OpenApiExample(
                "Hires and separations",
                request_only=True,
                value={"agency": "510107", "url": "https://hr.example.gov.cn/hooks", "events": ["hire"]},
            )
        ],
    )
    def post(self, request):
        given = WebhookInput(data=request.data)
        given.is_valid(raise_exception=True)
        agencies = selectors.agency_list_for(user=request.user, action=Action.CHANGE)
        agency = agency_typed(agencies, given.validated_data["agency"])
        if agency is None:
            raise ValidationError({"agency": [_("No agency in your scope has this code.")]})
        webhook, secret = webhooks.webhook_register(
            actor=request.user,
            agency=agency,
            url=given.validated_data["url"],
            events=sorted(given.validated_data["events"]),
        )
        return Response(RegisteredOutput(webhook).data | {"secret": secret}, status=201)


class WebhookApi(APIView):
    @extend_schema(responses={200: WebhookOutput})
    def get(self, request, pk: int):
        return Response(WebhookOutput(selectors.webhook_get_for(user=request.user, pk=pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        """Stop sending to the endpoint (its deliveries stay, as the log)."""
        webhooks.webhook_remove(
            actor=request.user, webhook=selectors.webhook_get_for(user=request.user, pk=pk)
        )
        return Response(status=204)


class WebhookDeliveriesApi(ListAPIView):
    """Every delivery to the endpoint, newest first: attempts, the last answer, when it was delivered."""

    serializer_class = DeliveryOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WebhookDelivery.objects.none()
        return selectors.webhook_get_for(user=self.request.user, pk=self.kwargs["pk"]).deliveries.all()
