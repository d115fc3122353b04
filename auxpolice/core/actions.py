"""How a workflow action view answers (one URL, one small view, one service per action)."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .errors import DomainError
from .forms import apply_domain_error, message_domain_error


def form_action(
    request,
    form,
    act: Callable[[dict], object],
    *,
    done: str | Callable[[object], str],
    page: Callable[..., HttpResponse],
    success: str | Callable[[object], str] | None = None,
) -> HttpResponse:
    """Run `act(cleaned_data)` for a valid form and redirect to `done`. An invalid form, or a refusal by the
    service, re-renders the page (`page(form)`, status 400) with every value typed and the error on its field
    (a refusal that cites articles also as a message, with its citations). A click-only action (`NoInput`)
    refused goes back to `done` with the refusal as a message."""
    if form.is_valid():
        try:
            result = act(form.cleaned_data)
        except DomainError as error:
            if not form.fields:  # a click-only action: nothing typed to keep, the refusal is a message
                message_domain_error(request, error)
                return redirect(done if isinstance(done, str) else done(None))
            apply_domain_error(form, error, request)
        else:
            messages.success(request, success(result) if callable(success) else success or _("Saved."))
            return redirect(done if isinstance(done, str) else done(result))
    response = page(form)
    response.status_code = 400
    return response


class NoInput(forms.Form):
    """The form of an action that takes nothing but the click (submit, approve, close)."""
