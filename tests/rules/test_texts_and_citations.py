import pytest

from auxpolice.rules.citations import BadReference, Citation
from auxpolice.rules.texts import SOURCE_FILES, articles_of, cn_to_int, int_to_cn


@pytest.mark.parametrize(
    "numeral, number", [("一", 1), ("十", 10), ("十八", 18), ("二十", 20), ("四十七", 47), ("一百零二", 102)]
)
def test_chinese_numerals(numeral, number):
    assert cn_to_int(numeral) == number


@pytest.mark.parametrize("number", range(1, 60))
def test_numerals_round_trip(number):
    assert cn_to_int(int_to_cn(number)) == number


@pytest.mark.parametrize(
    "jurisdiction, last_article",
    [
        ("hangzhou", 18),
        ("p001", 45),
        ("sichuan", 46),
        ("inner_mongolia", 47),
        ("nantong", 20),
    ],
)
def test_every_article_is_found_in_order(jurisdiction, last_article):
    assert sorted(articles_of(jurisdiction)) == list(range(1, last_article + 1))


def test_sichuan_pdf_wrapping_and_stray_spaces_are_undone():
    # sichuan:art18(3) is wrapped across lines with spaces around the numbers in the source.
    assert (
        Citation.parse("sichuan:art18(3)").text_zh
        == "年满18周岁、不超过35周岁，急需的专业技术、专门技能人员可以适当放宽年龄限制；"
    )


def test_sichuan_article_16_has_three_paragraphs():
    assert Citation.parse("sichuan:art16.p3").text_zh == "未经批准，不得无计划聘用警务辅助人员。"


def test_inline_clauses_of_province_001_are_split():
    assert Citation.parse("p001:art13(5)").text_zh.startswith("勤务警务辅助人员应当具有高中以上文化程度")


def test_inner_mongolia_markdown_headings_become_articles():
    assert "凡进必考" in Citation.parse("inner_mongolia:art17").text_zh


def test_nantong_end_date_article():
    assert "有效期至2027年12月31日" in Citation.parse("nantong:art20").text_zh


def test_citation_label_reads_like_an_officer_writes_it():
    assert Citation.parse("sichuan:art18(3)").label_zh == "四川省办法 第十八条第（三）项"
    assert Citation.parse("hangzhou:art10.p2").label_zh == "杭州市规定 第十条第二款"


@pytest.mark.parametrize("ref", ["sichuan:art99", "sichuan:art18(9)", "hangzhou:art19", "nonsense"])
def test_a_citation_that_does_not_exist_is_refused(ref):
    with pytest.raises(BadReference):
        Citation.parse(ref)


def test_every_citation_in_the_matrix_resolves_to_text():
    import re

    from auxpolice.rules.texts import TEXT_DIR

    matrix = (TEXT_DIR / "matrix.yaml").read_text(encoding="utf-8")
    refs = set(re.findall(r"\b(?:" + "|".join(SOURCE_FILES) + r"):art\d+(?:\(\d+\))?(?:\.p\d+)?", matrix))
    assert len(refs) > 200
    assert all(Citation.parse(ref).text_zh for ref in refs)
