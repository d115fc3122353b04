from datetime import date

import yaml
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from auxpolice.core import selectors as core_selectors
from auxpolice.core.actions import form_action
from auxpolice.core.decorators import staff_required
from auxpolice.core.views import agency_page

from . import services
from .forms import AgencySettingForm
from .national import NATIONAL_TEXTS
from .notices import expiring_packs
from .registry import JURISDICTIONS, Status, all_packs
from .texts import articles_of
from .topics import AMBIGUITY_DECISIONS_ZH, GROUPS_ZH, TOPIC_ZH


def _matrix_ambiguities() -> list[dict]:
    from .texts import TEXT_DIR

    matrix = yaml.safe_load((TEXT_DIR / "matrix.yaml").read_text(encoding="utf-8"))
    return [
        item | {"decision": AMBIGUITY_DECISIONS_ZH.get(item["topic"], "")} for item in matrix["ambiguities"]
    ]


def _grouped(pack):
    groups = []
    for title, prefixes in GROUPS_ZH:
        rows = [
            {
                "rule": rule,
                "label": TOPIC_ZH.get(code, code),
                "data": yaml.safe_dump(rule.data, allow_unicode=True, sort_keys=False).strip()
                if rule.data
                else "",
            }
            for code, rule in pack.rules.items()
            if code.split(".")[0] in prefixes
        ]
        groups.append({"title": title, "rows": rows})
    return groups


@staff_required
def rules_index(request):
    packs = [versions[-1] for versions in all_packs().values()]
    return render(
        request,
        "rules/index.html",
        {
            "packs": packs,
            "expiring": expiring_packs(timezone.localdate()),
            "ambiguities": _matrix_ambiguities(),
            "national": _national(),
        },
    )


def _national() -> list[dict]:
    """The national texts with each article and what the system does with it (index and every jurisdiction
    page: national law sits beneath each of the five)."""
    return [
        text
        | {
            "articles": [
                (n, a, text["uses"].get(n, "")) for n, a in sorted(articles_of(text["code"]).items())
            ]
        }
        for text in NATIONAL_TEXTS
    ]


@staff_required
def rules_jurisdiction(request, jurisdiction):
    if jurisdiction not in JURISDICTIONS:
        raise Http404
    versions = all_packs()[jurisdiction]
    pack = versions[-1]
    return render(
        request,
        "rules/jurisdiction.html",
        {
            "pack": pack,
            "versions": versions,
            "groups": _grouped(pack),
            "Status": Status,
            "articles": articles_of(jurisdiction),
            "national": _national(),
        },
    )


@staff_required
def rules_compare(request):
    left = request.GET.get("a", "sichuan")
    right = request.GET.get("b", "nantong")
    group_titles = [title for title, _prefixes in GROUPS_ZH]
    topic = request.GET.get("topic", group_titles[0])
    if left not in JURISDICTIONS or right not in JURISDICTIONS or topic not in group_titles:
        raise Http404
    packs = {code: all_packs()[code][-1] for code in (left, right)}
    prefixes = dict(GROUPS_ZH)[topic]
    codes = [code for code in TOPIC_ZH if code.split(".")[0] in prefixes]
    rows = [
        {
            "code": code,
            "label": TOPIC_ZH[code],
            "left": packs[left].rule(code),
            "right": packs[right].rule(code),
        }
        for code in codes
    ]
    return render(
        request,
        "rules/compare.html",
        {
            "left": packs[left],
            "right": packs[right],
            "rows": rows,
            "topic": topic,
            "topics": group_titles,
            "jurisdictions": [(code, all_packs()[code][-1].short_zh) for code in JURISDICTIONS],
            "today": date.today(),
        },
    )


@staff_required
@require_POST
def agency_setting_save(request, pk):
    agency = core_selectors.agency_to_configure(user=request.user, pk=pk)
    return form_action(
        request,
        AgencySettingForm(request.POST),
        lambda data: services.agency_setting_set(actor=request.user, agency=agency, **data),
        done=reverse("agency_detail", args=[pk]),
        page=lambda bound: agency_page(request, agency, bound),
        success=_("Setting saved."),
    )
