"""API tokens through the API: issue with credentials (and the second factor), list, issue, revoke."""

from axes.handlers.proxy import AxesProxyHandler
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core import api_tokens
from auxpolice.core.models import ApiToken, TokenScope
from auxpolice.core.second_factor import confirmed_device
from auxpolice.core.selectors import get_or_404

from .pagination import KeysetPagination
from .permissions import IsApplicantOrStaffRole
from .views import LockedOut, SecondFactorRequired


class TokenTerms(serializers.Serializer):
    name = serializers.CharField(max_length=100, default="API", help_text=_("What will use the token"))
    scope = serializers.ChoiceField(choices=TokenScope.choices, default=TokenScope.READ)
    days = serializers.IntegerField(required=False, min_value=1, help_text=_("Days until it expires"))


class TokenRequest(AuthTokenSerializer, TokenTerms):
    otp_token = serializers.CharField(required=False, help_text=_("Back-office accounts: the current code"))


class TokenOutput(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", read_only=True)
    live = serializers.BooleanField(source="is_live", read_only=True)

    class Meta:
        model = ApiToken
        fields = ["id", "user", "name", "prefix", "scope", "created_at", "expires_at", "last_used_at"]
        fields += ["revoked_at", "live"]


class IssuedToken(TokenOutput):
    token = serializers.CharField(help_text=_("The secret: shown this once, never again"))

    class Meta(TokenOutput.Meta):
        fields = [*TokenOutput.Meta.fields, "token"]


def _issued(token: ApiToken, secret: str) -> dict:
    token.token = secret  # type: ignore[attr-defined]
    return IssuedToken(token).data


class TokenApi(APIView):
    """A token for scripts and integrations, by username and password (and the second factor's current code
    for back-office accounts); locked out like the login page after repeated failures."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=TokenRequest,
        responses={201: IssuedToken},
        examples=[
            OpenApiExample(
                "A read-only token for a report script",
                value={
                    "username": "officer",
                    "password": "…",
                    "otp_token": "123456",
                    "name": "monthly report",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        if AxesProxyHandler.is_locked(request._request, {"username": request.data.get("username", "")}):
            raise LockedOut
        data = TokenRequest(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        user = data.validated_data["user"]
        if user.is_back_office:  # a token is as good as a verified session, so it needs the second factor too
            device = confirmed_device(user)
            code = "".join(str(data.validated_data.get("otp_token", "")).split())
            if device is None or not code.isdigit() or not device.verify_token(code):
                raise SecondFactorRequired
        token, secret = api_tokens.token_issue(
            user=user,
            name=data.validated_data["name"],
            scope=data.validated_data["scope"],
            days=data.validated_data.get("days"),
        )
        return Response(_issued(token, secret), status=201)


class TokenListApi(ListAPIView):
    """GET: the tokens you manage (yours; everyone's for the security administrator). POST: a new token of
    your own, from a signed-in session (a token cannot issue tokens)."""

    permission_classes = [IsApplicantOrStaffRole]
    serializer_class = TokenOutput
    pagination_class = KeysetPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return api_tokens.tokens_for(self.request.user)

    @extend_schema(request=TokenTerms, responses={201: IssuedToken})
    def post(self, request):
        if isinstance(request.auth, ApiToken):
            raise PermissionDenied(_("A token cannot issue tokens: sign in to issue one."))
        terms = TokenTerms(data=request.data)
        terms.is_valid(raise_exception=True)
        token, secret = api_tokens.token_issue(user=request.user, **terms.validated_data)
        return Response(_issued(token, secret), status=201)


class TokenRevokeApi(APIView):
    """DELETE: revoke a token (its owner, or the security administrator); it stops working at once."""

    permission_classes = [IsApplicantOrStaffRole]

    @extend_schema(request=None, responses={200: TokenOutput})
    def delete(self, request, pk: int):
        token = get_or_404(api_tokens.tokens_for(request.user), pk)
        return Response(TokenOutput(api_tokens.token_revoke(actor=request.user, token=token)).data)
