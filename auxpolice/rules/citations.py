"""Citations: `sichuan:art18(3)` in code and data, `四川省办法 第十八条第（三）项` in the UI."""

import re
from dataclasses import dataclass

from .texts import articles_of, int_to_cn

REF = re.compile(
    r"^(?P<j>[a-z_0-9]+):art(?P<art>\d+)(?:\((?P<clause>\d+)\))?(?:\.p(?P<par>\d+))?(?:\((?P<clause2>\d+)\))?$"
)

# Short names of the instruments, as officers say them.
SHORT_NAMES = {
    "hangzhou": "杭州市规定",
    "p001": "（001省）条例",
    "sichuan": "四川省办法",
    "inner_mongolia": "内蒙古条例",
    "nantong": "南通市实施办法",
    "labour_contract_law": "劳动合同法",
    "annual_leave_regulation": "职工带薪年休假条例",
    "labour_law": "劳动法",
    "female_employees_regulation": "女职工劳动保护特别规定",
}


class BadReference(ValueError):
    pass


@dataclass(frozen=True)
class Citation:
    jurisdiction: str
    article: int
    paragraph: int | None = None
    clause: int | None = None

    @classmethod
    def parse(cls, ref: str) -> "Citation":
        match = REF.match(ref.strip())
        if not match:
            raise BadReference(
                f"not a citation: {ref!r} (expected e.g. sichuan:art18(3) or hangzhou:art10.p2)"
            )
        clause = match["clause"] or match["clause2"]
        citation = cls(
            jurisdiction=match["j"],
            article=int(match["art"]),
            paragraph=int(match["par"]) if match["par"] else None,
            clause=int(clause) if clause else None,
        )
        if citation.text_zh is None:
            raise BadReference(f"{ref} does not exist in the {match['j']} text")
        return citation

    @property
    def ref(self) -> str:
        ref = f"{self.jurisdiction}:art{self.article}"
        if self.paragraph:
            ref += f".p{self.paragraph}"
        if self.clause:
            ref += f"({self.clause})"
        return ref

    @property
    def label_zh(self) -> str:
        label = f"{SHORT_NAMES[self.jurisdiction]} 第{int_to_cn(self.article)}条"
        if self.paragraph:
            label += f"第{int_to_cn(self.paragraph)}款"
        if self.clause:
            label += f"第（{int_to_cn(self.clause)}）项"
        return label

    @property
    def text_zh(self) -> str | None:
        article = articles_of(self.jurisdiction).get(self.article)
        if article is None:
            return None
        if self.clause:
            return article.clause(self.clause, self.paragraph)
        if self.paragraph:
            if self.paragraph > len(article.paragraphs):
                return None
            return article.paragraphs[self.paragraph - 1].text
        return article.text

    def as_dict(self) -> dict:
        return {
            "ref": self.ref,
            "jurisdiction": self.jurisdiction,
            "instrument": SHORT_NAMES[self.jurisdiction],
            "article": self.article,
            "paragraph": self.paragraph,
            "clause": self.clause,
            "label_zh": self.label_zh,
            "text_zh": self.text_zh,
        }

    def __str__(self):
        return self.label_zh


def cites(refs) -> tuple[Citation, ...]:
    if refs is None:
        return ()
    if isinstance(refs, str):
        refs = [refs]
    return tuple(Citation.parse(ref) for ref in refs)


REF_SEPARATOR = "|"


def refs_of(citations) -> str:
    """Articles as stored on a record: their references ("sichuan:art32(1)|p001:art15(4)"), not their
    words."""
    return REF_SEPARATOR.join(dict.fromkeys(c.ref for c in citations))


def cited_words(stored: str) -> str:
    """The words of stored references (四川省办法 第三十二条第（一）项；…); a record written before
    references were stored keeps its words."""
    if not stored:
        return ""
    try:
        return "；".join(Citation.parse(ref).label_zh for ref in stored.split(REF_SEPARATOR))
    except (ValueError, KeyError, LookupError):
        return stored
