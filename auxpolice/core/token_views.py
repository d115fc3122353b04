"""The API tokens page: a user's own tokens (every user's for the security administrator), issue, revoke."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from . import api_tokens
from .decorators import account_required
from .errors import DomainError
from .models import TokenScope
from .selectors import get_or_404


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=100, help_text=gettext_lazy("What will use it")
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Scope"), choices=TokenScope.choices, initial=TokenScope.READ
    )
    days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].max_value = settings.API_TOKEN_MAX_DAYS
        self.fields["days"].widget.attrs["max"] = settings.API_TOKEN_MAX_DAYS
        self.fields["days"].initial = settings.API_TOKEN_DEFAULT_DAYS


@account_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form, secret = TokenForm(request.POST or None), None
    if form.is_valid():
        try:
            _token, secret = api_tokens.token_issue(user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, str(error.message))
        else:
            form = TokenForm()
    tokens = api_tokens.tokens_for(request.user)[:500]
    return render(request, "core/api_tokens.html", {"form": form, "secret": secret, "tokens": tokens})


@account_required
@require_POST
def token_revoke(request, pk: int):
    token = get_or_404(api_tokens.tokens_for(request.user), pk)
    api_tokens.token_revoke(actor=request.user, token=token)
    messages.success(
        request, _("The token “%(name)s” is revoked: it no longer opens anything.") % {"name": token.name}
    )
    return redirect("api_tokens")
