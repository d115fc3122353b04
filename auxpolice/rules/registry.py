"""Rule packs: one YAML file per jurisdiction (packs/<code>.yaml), each with dated versions.

The engine is always asked "for this jurisdiction, on this date"; no pack in force on that date is
an error, never a silent fallback to older rules.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from auxpolice.core.errors import DomainError

from .citations import SHORT_NAMES, Citation, cites
from .texts import articles_of

PACK_DIR = Path(__file__).resolve().parent / "packs"
JURISDICTIONS = ("hangzhou", "p001", "sichuan", "inner_mongolia", "nantong")
_REF_IN_DATA = re.compile(
    r"\b(?:hangzhou|p001|sichuan|inner_mongolia|nantong):art\d+(?:\.p\d+)?(?:\(\d+\))?(?:\.p\d+)?"
)


class Status:
    ENFORCED = "enforced"  # the system acts on it
    INFORMATIONAL = "informational"  # shown in the rules browser; no system behaviour
    SILENT = "silent"  # the text says nothing: an agency setting decides
    UNKNOWN = "unknown"  # the provided text does not reach this topic


class NoRulesInForce(DomainError):
    default_code = "no_rules_in_force"


@dataclass(frozen=True)
class Rule:
    code: str
    status: str
    citations: tuple[Citation, ...] = ()
    data: Any = None  # each rule's own shape: a list of items, a mapping of values, a number
    note: str = ""

    @property
    def applies(self) -> bool:
        return self.status in (Status.ENFORCED, Status.INFORMATIONAL)

    def all_refs(self) -> set[str]:
        """Every citation named anywhere in the rule, its data included."""
        refs = {citation.ref for citation in self.citations}
        refs.update(Citation.parse(ref).ref for ref in _REF_IN_DATA.findall(yaml.safe_dump(self.data)))
        return refs


@dataclass(frozen=True)
class RulePack:
    jurisdiction: str
    version: str
    instrument_zh: str
    effective_from: date
    effective_until: date | None
    text_complete: bool
    government_levels: tuple[str, ...]
    rules: dict[str, Rule] = field(hash=False)
    effective_from_confirmed: bool = True
    notes: tuple[str, ...] = ()

    @property
    def short_zh(self) -> str:
        return SHORT_NAMES[self.jurisdiction]

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_until is None or day <= self.effective_until)

    def rule(self, code: str) -> Rule:
        if code in self.rules:
            return self.rules[code]
        # A code the pack does not mention: silence, unless the provided text is incomplete.
        return Rule(code=code, status=Status.SILENT if self.text_complete else Status.UNKNOWN)


def _load(path: Path) -> list[RulePack]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    jurisdiction = doc["jurisdiction"]
    packs = []
    for version in doc["versions"]:
        rules = {
            code: Rule(
                code=code,
                status=entry["status"],
                citations=cites(entry.get("cite")),
                data=entry.get("data"),
                note=entry.get("note", ""),
            )
            for code, entry in version["rules"].items()
        }
        packs.append(
            RulePack(
                jurisdiction=jurisdiction,
                version=str(version["version"]),
                instrument_zh=version["instrument_zh"],
                effective_from=version["effective_from"],
                effective_until=version.get("effective_until"),
                effective_from_confirmed=version.get("effective_from_confirmed", True),
                text_complete=version["text_complete"],
                government_levels=tuple(version["government_levels"]),
                rules=rules,
                notes=tuple(version.get("notes", ())),
            )
        )
    return sorted(packs, key=lambda pack: pack.effective_from)


@cache
def all_packs() -> dict[str, tuple[RulePack, ...]]:
    return {code: tuple(_load(PACK_DIR / f"{code}.yaml")) for code in JURISDICTIONS}


def pack_for(jurisdiction: str, on: date) -> RulePack:
    versions = all_packs().get(jurisdiction)
    if versions is None:
        raise DomainError(
            f"未知的辖区代码：{jurisdiction}", field="jurisdiction", code="unknown_jurisdiction"
        )
    for pack in versions:
        if pack.in_force_on(on):
            return pack
    spans = "；".join(
        f"{p.effective_from:%Y-%m-%d} 至 {p.effective_until:%Y-%m-%d}"
        if p.effective_until
        else f"{p.effective_from:%Y-%m-%d} 起"
        for p in versions
    )
    raise NoRulesInForce(
        f"{SHORT_NAMES[jurisdiction]}在 {on:%Y-%m-%d} 没有有效的规定（有效期：{spans}）。"
        "请由系统管理员录入新版规定后再办理。",
        field="date",
        citations=force_articles(jurisdiction),
    )


def force_articles(jurisdiction: str) -> tuple[Citation, ...]:
    """The article that sets when the text is in force (“自……起施行”), cited by refusals for dates outside it;
    none where the provided text does not reach it (Hangzhou's ends at article 18)."""
    setting = [n for n, article in articles_of(jurisdiction).items() if "起施行" in article.text]
    return (Citation(jurisdiction, max(setting)),) if setting else ()


def latest_pack(jurisdiction: str) -> RulePack:
    return all_packs()[jurisdiction][-1]


def packs_ending_between(start: date, end: date) -> list[RulePack]:
    """Packs whose validity ends in [start, end] with no successor: administrators are warned."""
    ending = []
    for versions in all_packs().values():
        last = versions[-1]
        if last.effective_until and start <= last.effective_until <= end:
            ending.append(last)
    return ending
