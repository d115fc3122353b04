"""Where a paragraph decides, the rule cites the paragraph: no pack cites a whole article that has more than
one paragraph (a list of clauses in one paragraph may be cited whole, its items clause by clause)."""

import re
from pathlib import Path

import yaml

from auxpolice.rules.texts import articles_of

PACKS = Path(__file__).resolve().parents[2] / "auxpolice" / "rules" / "packs"


def cited_refs(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("cite", "levels_cite"):
                for ref in value if isinstance(value, list) else [value]:
                    yield where, ref
            yield from cited_refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for value in node:
            yield from cited_refs(value, where)


def test_no_rule_cites_a_whole_article_of_several_paragraphs():
    coarse = []
    for path in sorted(PACKS.glob("*.yaml")):
        for where, ref in cited_refs(yaml.safe_load(path.read_text(encoding="utf-8"))):
            jurisdiction, _sep, place = ref.partition(":")
            whole = re.fullmatch(r"art(\d+)", place)
            if whole and len(articles_of(jurisdiction)[int(whole.group(1))].paragraphs) > 1:
                coarse.append(f"{path.name}{where}: {ref}")
    assert coarse == []


def test_the_walk_finds_citations():
    refs = [ref for path in PACKS.glob("*.yaml") for _w, ref in cited_refs(yaml.safe_load(path.read_text()))]
    assert len(refs) > 200 and "sichuan:art9(2)" in refs
