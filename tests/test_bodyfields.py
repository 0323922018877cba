"""Labelled metadata lines at the top of a body (clipper and scraper output)."""

from __future__ import annotations

import pytest

from index.bodyfields import BodyFields, body_fields
from index.pubdate import DateCandidate

CLIPPED = """# Council approves the budget

+ Source: Example Herald
- Link: [article](https://herald.example/2021/07/20/budget)
**Date:** July 20, 2021
**Author**: Ann Lee
* Clipped: 2023-01-05

The council approved the budget on Tuesday after a long debate that lasted well into the night, and the
mayor, who had threatened a veto for weeks, said she would sign it before the end of the month.
Date: July 21, 2021
"""


def test_a_clipper_block_is_read_and_its_lines_named() -> None:
    lines = CLIPPED.splitlines()
    fields = body_fields(lines)
    assert fields == BodyFields(
        source="Example Herald",
        url="https://herald.example/2021/07/20/budget",
        authors=("Ann Lee",),
        dates=(
            DateCandidate("2021-07-20", "body Date line", "unknown"),
            DateCandidate("2023-01-05", "body Clipped line", "captured"),
        ),
        consumed=(2, 3, 4, 5, 6),
    )
    assert [lines[i] for i in fields.consumed] == [
        "+ Source: Example Herald",
        "- Link: [article](https://herald.example/2021/07/20/budget)",
        "**Date:** July 20, 2021",
        "**Author**: Ann Lee",
        "* Clipped: 2023-01-05",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Source: https://herald.example/a", BodyFields(url="https://herald.example/a", consumed=(0,))),
        (
            "Source: [Example Herald](https://herald.example/a)",
            BodyFields("Example Herald", "https://herald.example/a", consumed=(0,)),
        ),
        ("URL: <https://herald.example/a>", BodyFields(url="https://herald.example/a", consumed=(0,))),
        ("Original link: www.herald.example/a", BodyFields(url="https://www.herald.example/a", consumed=(0,))),
        (
            "Published: 2021-07-20T10:00:00-04:00",
            BodyFields(dates=(DateCandidate("2021-07-20", "body Published line", "published"),), consumed=(0,)),
        ),
        (
            "Updated: Jul 22, 2021",
            BodyFields(dates=(DateCandidate("2021-07-22", "body Updated line", "modified"),), consumed=(0,)),
        ),
        ("By: Ann Lee", BodyFields(authors=("Ann Lee",), consumed=(0,))),
        ("_Author:_ By Ann Lee", BodyFields(authors=("Ann Lee",), consumed=(0,))),
    ],
)
def test_single_labels(line: str, expected: BodyFields) -> None:
    assert body_fields([line]) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Date: to be announced",  # not a date
        "Link: see below",  # not a URL
        "Source: officials familiar with the talks, who asked not to be named because they were not authorised",
        "Note: the meeting was moved",  # a label with no meaning here
        "https://herald.example/a",  # a bare URL has no label
        "The mayor said: we will vote on July 20, 2021.",
    ],
)
def test_prose_and_unknown_labels_stay_text(line: str) -> None:
    assert body_fields([line]) == BodyFields()


def test_only_the_head_of_the_body_is_read() -> None:
    lines = [f"Line {i}" for i in range(20)] + ["Date: July 20, 2021"]
    assert body_fields(lines) == BodyFields()
    prose = "This is the first sentence of the article, and it runs long enough to be prose."
    assert body_fields([prose, prose, "Date: July 20, 2021"]) == BodyFields()
    paragraph = " ".join(["The council met for hours and argued about the budget."] * 3)
    assert body_fields([paragraph, "Date: July 20, 2021"]) == BodyFields()


def test_a_heading_or_one_deck_sentence_above_the_block_does_not_end_it() -> None:
    deck = "The council's budget adds money for parks and buses, and it cuts the fund for road repairs by a third."
    for top in (f"### {deck} It passed after a long night of debate in the council chamber downtown.", deck):
        lines = ["# Council approves the budget", top, "", "## Information:", "+ Date: 2022-01-12T03:00-05:00"]
        assert body_fields(lines) == BodyFields(
            dates=(DateCandidate("2022-01-12", "body Date line", "unknown"),), consumed=(4,)
        ), top


def test_overlong_lines_are_not_read() -> None:
    assert body_fields(["Date: July 20, 2021" + " " * 600 + "x"]) == BodyFields()
    assert body_fields(["Date: July 20, 2021" + " " * 100]).consumed == (0,)


def test_a_highlights_export_header_is_metadata() -> None:
    lines = [
        "# Rates Fall for a Third Month", "", "## Metadata", "- Author: [[Harbour Ledger]]",
        "- Full Title: Rates Fall for a Third Month", "- URL: https://www.example.com/2023/04/05/rates",
        "- Published: April 5, 2023", "", "## Highlights", "- Container shipping rates fell for a third month.",
    ]  # fmt: skip
    fields = body_fields(lines)
    assert fields.authors == ("Harbour Ledger",)
    assert fields.url == "https://www.example.com/2023/04/05/rates"
    assert [d.value for d in fields.dates] == ["2023-04-05"] and fields.consumed == (3, 5, 6)
