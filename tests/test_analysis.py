"""Per-article analysis reads names and dates from prose only, never from addresses."""

from __future__ import annotations

from index.analysis import analyse, mask_addresses
from index.models import Article


def article(text: str) -> Article:
    return Article(id="a", path="a.txt", title=None, published="2022-05-05", source=None, url=None, text=text,
                   content_hash="x")  # fmt: skip


def test_addresses_are_blanked_with_offsets_kept() -> None:
    text = "See https://example.com/2021/jan/04/a-b or www.example.org/x, mail press@BigCity.gov, or visit example.net/2020/03/15/y."
    masked = mask_addresses(text)
    assert len(masked) == len(text)
    assert "2021" not in masked and "BigCity" not in masked and "2020" not in masked
    assert masked.startswith("See ") and masked.endswith(".") and " or " in masked


def test_no_entity_or_date_comes_from_inside_an_address() -> None:
    text = (
        "Read the report at https://www.example.com/2021/jan/04/Mayor-John-Smith-Resigns.html today, "
        "Mayor Helen Park said on Tuesday. Write to press@BigCity.gov for details."
    )
    result = analyse(article(text))
    names = {m[2] for m in result["mentions"]}
    assert "Helen Park" in names and not names & {"Mayor-John-Smith-Resigns", "BigCity"}
    found = [(t[2], t[3]) for t in result["times"]]
    assert found == [("today", "2022-05-05"), ("Tuesday", "2022-05-03")]
    for start, end, surface, *_ in result["mentions"]:
        assert text[start:end] == surface


def test_all_caps_subheads_make_no_entities() -> None:
    text = (
        "The council met on Monday to discuss the budget for next year, officials said.\n\nBILLS MOUNT\n\n"
        "Council members rejected a proposal by Mayor Ann Lee to raise taxes.\n\nWHAT COMES NEXT\n\n"
        "The state will appoint a mediator for NATO talks."
    )
    names = [(m[2], m[3]) for m in analyse(article(text))["mentions"]]
    assert ("Ann Lee", "PERSON") in names
    assert not [n for n, _ in names if n.isupper() and n != "NATO"]
