"""Labour contracts through the API: sign, renew, terminate — the page's forms and services, nothing else."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from auxpolice.core.api.actions import form_call, form_input
from personnel import selectors
from personnel.forms import ContractRenewForm, ContractSignForm, ContractTerminateForm
from personnel.services import contracts

from .views import ContractRow

SignInput = form_input(ContractSignForm, "ContractSignInput")
RenewInput = form_input(ContractRenewForm, "ContractRenewInput")
TerminateInput = form_input(ContractTerminateForm, "ContractTerminateInput")


def _active(request, pk: int):
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    active = selectors.active_contract_of(person)
    return person, active


def _require(active):
    if active is None:
        raise contracts.NoActiveContract()
    return active


class ContractSignApi(APIView):
    """Sign a labour contract with a person in your subtree (the term limits and probation rules of the
    jurisdiction and of the Labour Contract Law are checked, refusals cite the article)."""

    @extend_schema(request=SignInput, responses={201: ContractRow})
    def post(self, request, pk: int):
        person, _active_contract = _active(request, pk)
        contract = form_call(
            ContractSignForm(request.data),
            lambda data: contracts.contract_sign(actor=request.user, officer=person, **data),
        )
        return Response(ContractRow(contract).data, status=201)


class ContractRenewApi(APIView):
    """Renew the person's active contract (续签): the new one starts the day after it ends."""

    @extend_schema(request=RenewInput, responses={201: ContractRow})
    def post(self, request, pk: int):
        _person, active = _active(request, pk)
        contract = form_call(
            ContractRenewForm(request.data),
            lambda data: contracts.contract_renew(actor=request.user, contract=_require(active), **data),
        )
        return Response(ContractRow(contract).data, status=201)


class ContractTerminateApi(APIView):
    """End the person's active contract on a ground the rules allow (the page offers the same grounds)."""

    @extend_schema(request=TerminateInput, responses={200: ContractRow})
    def post(self, request, pk: int):
        _person, active = _active(request, pk)
        contract = form_call(
            ContractTerminateForm(request.data),
            lambda data: contracts.contract_terminate(actor=request.user, contract=_require(active), **data),
        )
        return Response(ContractRow(contract).data)
