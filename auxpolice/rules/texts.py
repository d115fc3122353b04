"""The regulation texts, split into articles (条), paragraphs (款) and clauses (项).

The texts are the spec; citations quote them from here, so no clause text is retyped in code.
Each source file has its own layout (see texts/SOURCE.md); a small normaliser per layout turns it
into logical lines, and one splitter does the rest.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

TEXT_DIR = Path(__file__).resolve().parent / "texts"

SOURCE_FILES = {
    "hangzhou": "hangzhou.txt",
    "p001": "province-001.txt",
    "sichuan": "sichuan.txt",
    "inner_mongolia": "inner-mongolia.txt",
    "nantong": "nantong.txt",
    # National law beneath the five texts: not a jurisdiction of agencies, cited the same way.
    "labour_contract_law": "labour-contract-law.txt",
    "annual_leave_regulation": "annual-leave-regulation.txt",
    "labour_law": "labour-law.txt",
    "female_employees_regulation": "female-employees-regulation.txt",
}

_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = "[一二三四五六七八九十百零]+"
ARTICLE_HEAD = re.compile(rf"^第({_NUMERAL})条[\s\u3000]*")
CHAPTER_HEAD = re.compile(rf"^第{_NUMERAL}章")
CLAUSE_MARK = re.compile(rf"（({_NUMERAL})）")


def cn_to_int(numeral: str) -> int:
    """Chinese numerals up to 九百九十九, as used for article and clause numbers."""
    total, current = 0, 0
    for char in numeral:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[char]
    return total + current


def int_to_cn(number: int) -> str:
    """1..99, enough for article, paragraph and clause numbers."""
    digits = "零一二三四五六七八九"
    tens, units = divmod(number, 10)
    if not 0 < number < 100:
        raise ValueError(number)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[units] if units else "")


@dataclass
class Paragraph:
    text: str  # the paragraph as written, clauses included
    clauses: dict[int, str] = field(default_factory=dict)


@dataclass
class Article:
    number: int
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(paragraph.text for paragraph in self.paragraphs)

    def clause(self, number: int, paragraph: int | None = None) -> str | None:
        candidates = [self.paragraphs[paragraph - 1]] if paragraph else self.paragraphs
        for candidate in candidates:
            if number in candidate.clauses:
                return candidate.clauses[number]
        return None


# --- per-layout normalisers: raw text -> logical lines (article heads, paragraphs, clause lines)


def _plain_lines(raw: str) -> list[str]:
    return [line.strip().strip("\u3000") for line in raw.splitlines() if line.strip()]


def _markdown_headed(raw: str) -> list[str]:
    """Inner Mongolia: '###### 第一条' on its own line, the article text below it."""
    lines, pending_head = [], ""
    for line in _plain_lines(raw):
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            pending_head = heading if ARTICLE_HEAD.match(heading) else ""
            continue
        if line == "---":
            continue
        if pending_head:
            line, pending_head = f"{pending_head} {line}", ""
        lines.append(line)
    return lines


def _wrapped(raw: str) -> list[str]:
    """Text wrapped mid-sentence (Sichuan's PDF extract; one line of Nantong's). A logical line ends
    where a sentence or a list item ends at a line end; article, chapter and clause heads always
    start a new one."""
    lines: list[str] = []
    buffer = ""
    for line in _plain_lines(raw):
        starts_new = (
            ARTICLE_HEAD.match(line) or CHAPTER_HEAD.match(line) or re.match(rf"^（{_NUMERAL}）", line)
        )
        if buffer and (starts_new or buffer.endswith(("。", "：", "；"))):
            lines.append(buffer)
            buffer = ""
        buffer += line
    if buffer:
        lines.append(buffer)
    return lines


def _pdf_extract(raw: str) -> list[str]:
    # The PDF extract puts stray ASCII spaces around numbers and at page breaks ("年满 18周岁").
    return _wrapped(raw.replace(" ", ""))


NORMALISERS = {
    "hangzhou": _plain_lines,
    "p001": _plain_lines,
    "sichuan": _pdf_extract,
    "inner_mongolia": _markdown_headed,
    "nantong": _wrapped,
    "labour_contract_law": _plain_lines,
    "annual_leave_regulation": _plain_lines,
    "labour_law": _plain_lines,
    "female_employees_regulation": _plain_lines,
}


def _split_clauses(text: str) -> dict[int, str]:
    """Clauses written inline ('条件：（一）……；（二）……'): a run of marks counting up from 一."""
    marks = [m for m in CLAUSE_MARK.finditer(text)]
    run, expected = [], 1
    for mark in marks:
        if cn_to_int(mark.group(1)) == expected:
            run.append(mark)
            expected += 1
    clauses = {}
    for index, mark in enumerate(run):
        end = run[index + 1].start() if index + 1 < len(run) else len(text)
        clauses[index + 1] = text[mark.end() : end].strip()
    return clauses


def parse(jurisdiction: str, raw: str) -> dict[int, Article]:
    articles: dict[int, Article] = {}
    current: Article | None = None
    for line in NORMALISERS[jurisdiction](raw):
        head = ARTICLE_HEAD.match(line)
        if head:
            current = Article(number=cn_to_int(head.group(1)))
            articles[current.number] = current
            line = line[head.end() :].strip()
            if not line:
                continue
        elif current is None or CHAPTER_HEAD.match(line) or line.startswith(("<!--", "#")):
            continue
        clause_head = re.match(rf"^（({_NUMERAL})）", line)
        if clause_head and current.paragraphs:
            # A clause on its own line belongs to the paragraph that introduces the list.
            paragraph = current.paragraphs[-1]
            paragraph.text += line
            paragraph.clauses[cn_to_int(clause_head.group(1))] = line[clause_head.end() :].strip()
        else:
            current.paragraphs.append(Paragraph(text=line, clauses=_split_clauses(line)))
    return articles


@cache
def articles_of(jurisdiction: str) -> dict[int, Article]:
    raw = (TEXT_DIR / SOURCE_FILES[jurisdiction]).read_text(encoding="utf-8")
    return parse(jurisdiction, raw)
