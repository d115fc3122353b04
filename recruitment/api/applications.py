"""One application through the API: review, pass/fail result, physical test, objection during the
publicity, withdrawal, hire. The page's forms, selectors and services; the findings of sensitive stages stay
on the page."""

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input
from auxpolice.core.scoping import Action

from .. import selectors
from ..forms import (
    HireForm,
    ObjectionForm,
    ObjectionResolveForm,
    PhysicalResultForm,
    ResultForm,
    ReviewForm,
    WithdrawalForm,
)
from ..models import Application
from ..services import hiring, physical, places, publicity, results, review
from .outputs import ApplicationOutput

ReviewInput = form_input(ReviewForm, "ApplicationReviewInput")
ResultInput = form_input(ResultForm, "StageResultInput")
ObjectionInput = form_input(ObjectionForm, "ObjectionInput")
ResolveInput = form_input(ObjectionResolveForm, "ObjectionResolveInput")
WithdrawalInput = form_input(WithdrawalForm, "WithdrawalInput")
HireInput = form_input(HireForm, "HireInput")


class PhysicalInput(serializers.Serializer):
    """And one `item_<n>` per item of the standard, as the application's `physical_items` lists them."""

    tested_on = serializers.DateField()
    item_0 = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, required=False)


def _answer(request, pk: int) -> Response:
    return Response(ApplicationOutput(selectors.application_get_for(user=request.user, pk=pk)).data)


def _act(request, pk: int, make_form, act) -> Response:
    application = selectors.application_get_for(user=request.user, pk=pk, action=Action.CHANGE)
    form_call(make_form(application), lambda data: act(application, data))
    return _answer(request, pk)


class ApplicationApi(APIView):
    """An application: its stage, status, review, scores and results (without the medical and vetting
    findings), objections, and at the physical test the items to measure."""

    @extend_schema(responses={200: ApplicationOutput})
    def get(self, request, pk: int):
        return _answer(request, pk)


class ApplicationReviewApi(APIView):
    """Qualification review: pass, return for correction, or reject citing the articles."""

    @extend_schema(
        request=ReviewInput,
        responses={200: ApplicationOutput},
        examples=[
            OpenApiExample(
                "Reject",
                request_only=True,
                value={"decision": "reject", "reason": "年龄超过岗位要求", "citations": ["sichuan:art15(2)"]},
            )
        ],
    )
    def post(self, request, pk: int):
        return _act(
            request,
            pk,
            lambda app: ReviewForm(request.data, citation_choices=selectors.review_citation_choices(app)),
            lambda app, data: review.review_decide(actor=request.user, application=app, **data),
        )


class ApplicationResultApi(APIView):
    """The pass/fail result of the current stage (findings kept encrypted)."""

    @extend_schema(request=ResultInput, responses={200: ApplicationOutput})
    def post(self, request, pk: int):
        return _act(
            request,
            pk,
            lambda app: ResultForm(request.data),
            lambda app, data: results.result_record(actor=request.user, application=app, **data),
        )


class ApplicationPhysicalApi(APIView):
    """The physical test measured item by item against the announcement's standard."""

    @extend_schema(request=PhysicalInput, responses={200: ApplicationOutput})
    def post(self, request, pk: int):
        made = {}

        def make(app: Application) -> PhysicalResultForm:
            made["form"] = PhysicalResultForm(
                request.data, items=selectors.physical_items(app.announcement_id, app.sex)
            )
            return made["form"]

        return _act(
            request,
            pk,
            make,
            lambda app, data: physical.physical_result_record(
                actor=request.user, application=app, tested_on=data["tested_on"], values=made["form"].values()
            ),
        )


class ObjectionRecordApi(APIView):
    """An objection received during the publicity."""

    @extend_schema(request=ObjectionInput, responses={200: ApplicationOutput})
    def post(self, request, pk: int):
        return _act(
            request,
            pk,
            lambda app: ObjectionForm(request.data),
            lambda app, data: publicity.objection_record(actor=request.user, application=app, **data),
        )


class ObjectionResolveApi(APIView):
    """Resolve an objection: upheld (the candidate is not hired) or dismissed, with the findings."""

    @extend_schema(request=ResolveInput, responses={200: ApplicationOutput})
    def post(self, request, pk: int, objection_pk: int):
        def resolve(app: Application, data: dict) -> None:
            objection = app.objections.filter(pk=objection_pk).first()
            if objection is None:
                raise Http404
            publicity.objection_resolve(actor=request.user, objection=objection, **data)

        return _act(request, pk, lambda app: ObjectionResolveForm(request.data), resolve)


class ApplicationWithdrawApi(APIView):
    """Record that the applicant withdrew (how: in writing, by phone…); the place can then be filled."""

    @extend_schema(request=WithdrawalInput, responses={200: ApplicationOutput})
    def post(self, request, pk: int):
        return _act(
            request,
            pk,
            lambda app: WithdrawalForm(request.data),
            lambda app, data: places.application_withdraw_recorded(
                actor=request.user, application=app, reason=data.get("reason", "")
            ),
        )


class ApplicationHireApi(APIView):
    """Hire after the publicity: the person's record and the labour contract are made, within the approved
    quota (refused past it, even under concurrent requests). `officer_id` in the answer is the new record."""

    @extend_schema(
        request=HireInput,
        responses={200: ApplicationOutput},
        examples=[
            OpenApiExample(
                "Hire",
                request_only=True,
                value={
                    "hired_on": "2027-07-01",
                    "contract_ends_on": "2030-06-30",
                    "probation_ends_on": "2027-12-31",
                },
            )
        ],
    )
    def post(self, request, pk: int):
        def hire(app: Application, data: dict) -> None:
            hiring.hire(
                actor=request.user,
                application=app,
                hired_on=data["hired_on"],
                contract_ends_on=data["contract_ends_on"],
                probation_ends_on=data["probation_ends_on"],
                stated_items=tuple(data["stated_items"]),
            )

        return _act(
            request,
            pk,
            lambda app: HireForm(request.data, item_choices=selectors.hire_item_choices(app)),
            hire,
        )
