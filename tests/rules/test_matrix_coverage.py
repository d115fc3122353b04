"""Every rule code of matrix.yaml is encoded in each jurisdiction's pack (enforced or informational),
or marked silent / unknown exactly where the matrix says the text is silent or does not reach."""

from pathlib import Path

import pytest
import yaml

from auxpolice.rules.registry import JURISDICTIONS, Status, all_packs
from auxpolice.rules.texts import TEXT_DIR

SHARED_MATRIX = Path(__file__).resolve().parents[3] / "shared" / "regulations" / "matrix.yaml"
MATRIX = yaml.safe_load((TEXT_DIR / "matrix.yaml").read_text(encoding="utf-8"))


def matrix_codes() -> dict[str, dict]:
    codes: dict[str, dict] = {}

    def walk(prefix, node):
        if not isinstance(node, dict):
            return
        if any(key in JURISDICTIONS for key in node):
            codes[prefix] = {key: node[key] for key in node if key in JURISDICTIONS}
        for key, value in node.items():
            if key not in JURISDICTIONS and isinstance(value, dict):
                walk(f"{prefix}.{key}" if prefix else key, value)

    for top, node in MATRIX.items():
        if top not in ("jurisdictions", "ambiguities"):
            walk(top, node)
    return codes


CASES = [(code, j) for code in matrix_codes() for j in JURISDICTIONS]


def matrix_refs(value) -> set[str]:
    import re

    from auxpolice.rules.citations import Citation

    found = re.findall(
        r"\b(?:" + "|".join(JURISDICTIONS) + r"):art\d+(?:\(\d+\))?(?:\.p\d+)?",
        yaml.safe_dump(value, allow_unicode=True),
    )
    return {Citation.parse(ref).ref for ref in found}


def test_the_repository_copy_of_the_matrix_matches_shared_regulations():
    if not SHARED_MATRIX.exists():
        pytest.skip("shared/regulations is not beside this checkout")
    assert SHARED_MATRIX.read_text(encoding="utf-8") == (TEXT_DIR / "matrix.yaml").read_text(encoding="utf-8")


def test_there_are_rule_codes_to_check():
    assert len(matrix_codes()) >= 45


@pytest.mark.parametrize("code, jurisdiction", CASES)
def test_rule_code_is_encoded_or_marked(code, jurisdiction):
    value = matrix_codes()[code].get(jurisdiction, "absent")
    rule = all_packs()[jurisdiction][0].rule(code)
    if value is None:
        assert rule.status == Status.SILENT
    elif value == "unknown" or (value == "absent" and jurisdiction == "hangzhou"):
        assert rule.status == Status.UNKNOWN
    elif value == "absent":
        assert rule.status == Status.SILENT
    else:
        assert rule.status in (Status.ENFORCED, Status.INFORMATIONAL)
        # the pack cites what the matrix cites, at the article or more precisely (a paragraph or clause of it)
        missing = [ref for ref in matrix_refs(value) if not covered(ref, rule.all_refs())]
        assert missing == [], "the pack must cite everything the matrix cites"


def covered(ref: str, refs) -> bool:
    return any(r == ref or r.startswith((f"{ref}.", f"{ref}(")) for r in refs)


def test_a_paragraph_covers_its_article_but_not_a_neighbouring_article():
    assert covered("sichuan:art21", {"sichuan:art21.p1"}) and covered("p001:art8", {"p001:art8(2)"})
    assert not covered("sichuan:art2", {"sichuan:art21.p1"})
