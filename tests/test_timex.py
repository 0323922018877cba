"""Temporal expressions: every rule, the year and weekday edge cases, and the non-dates."""

from __future__ import annotations

import pytest

from index.timex import find, iso_week


def values(text: str, published: str | None) -> list[tuple[str, str | None]]:
    out = []
    for t in find(text, published):
        assert text[t.start : t.end] == t.text
        out.append((t.text, t.value))
    return out


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # absolute dates in the usual shapes
        ("It happened on Jan. 1, 2020.", "2024-01-30", [("Jan. 1, 2020", "2020-01-01")]),
        ("On 30 January 2024 they met.", None, [("30 January 2024", "2024-01-30")]),
        ("Designated in July 2009.", None, [("July 2009", "2009-07")]),
        ("Founded in 2007, it grew.", None, [("2007", "2007")]),
        ("Dated 2024-02-08.", None, [("2024-02-08", "2024-02-08")]),
        # a date without a year: the year that puts it nearest before the article date
        ("since the Oct. 7 attack", "2024-01-30", [("Oct. 7", "2023-10-07")]),
        ("On January 9 he called.", "2020-10-12", [("January 9", "2020-01-09")]),
        ("confirmed on 30 January that", "2024-01-30", [("30 January", "2024-01-30")]),
        ("a resolution in January", "2020-10-11", [("January", "2020-01")]),
        ("formed in October to", "2024-01-30", [("October", "2023-10")]),
        ("In April last year, a spokesman", "2024-01-30", [("April last year", "2023-04")]),
        # weekdays: the most recent such day on or before; the article's own weekday is that day
        ("announced on Tuesday that", "2024-01-30", [("on Tuesday", "2024-01-30")]),
        ("on Wednesday announced", "2024-01-31", [("on Wednesday", "2024-01-31")]),
        ("security was enhanced Tuesday.", "2024-01-31", [("Tuesday", "2024-01-30")]),
        ("On Saturday, militia groups", "2020-10-11", [("On Saturday", "2020-10-10")]),
        ("the attack on Sunday", "2024-01-30", [("on Sunday", "2024-01-28")]),
        ("last Tuesday", "2024-01-30", [("last Tuesday", "2024-01-23")]),
        ("next Friday", "2024-01-30", [("next Friday", "2024-02-02")]),
        # the future points forward
        ("They will meet on Saturday.", "2024-01-30", [("on Saturday", "2024-02-03")]),
        ("The commission would present a report in March.", "2023-12-15", [("March", "2024-03")]),
        ("The report came out in March.", "2023-12-15", [("March", "2023-03")]),
        ("The summit will be held on Dec. 20 in Brussels.", "2023-12-15", [("Dec. 20", "2023-12-20")]),
        ("Leaders will meet on Jan. 5.", "2023-12-15", [("Jan. 5", "2024-01-05")]),
        # relative to the article date
        ("threatened last month to", "2020-10-11", [("last month", "2020-09")]),
        ("came last week as", "2024-01-31", [("last week", "2024-W04")]),
        ("troops earlier this month", "2020-10-11", [("earlier this month", "2020-10")]),
        ("a base over the weekend", "2024-01-30", [("over the weekend", "2024-W04")]),
        ("this year the", "2024-01-30", [("this year", "2024")]),
        ("three days ago", "2024-01-30", [("three days ago", "2024-01-27")]),
        ("yesterday and today", "2024-01-30", [("yesterday", "2024-01-29"), ("today", "2024-01-30")]),
        # anchored to a date the same or a previous paragraph named
        ("On 28 January they attacked. Washington announced later that day.", "2024-01-30",
         [("28 January", "2024-01-28"), ("later that day", "2024-01-28")]),
        ("On 28 January they attacked.\n\nOfficials had met a day before the attack.", "2024-01-30",
         [("28 January", "2024-01-28"), ("a day before", "2024-01-27")]),
        ("In April last year a man spoke.\n\nHe vowed at the time that it would end.", "2024-01-30",
         [("April last year", "2023-04"), ("at the time", "2023-04")]),
        ("They met a day before the vote.", "2024-01-30", [("a day before", None)]),  # no anchor: unresolved
    ],
)  # fmt: skip
def test_resolution(text: str, published: str | None, expected: list) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a three-year war after seizing a third of Iraq",
        "results within 30 days of the order",
        "intensive negotiations in recent days",
        "hard at work in the past few days",
        "it may likely include strikes",
        "some 2,500 troops and 5,000 soldiers",
        "more than 160 attacks",
        "an estimated 350 soldiers",
        "they march on",
    ],
)
def test_non_dates(text: str) -> None:
    assert find(text, "2024-01-30") == []


def test_without_an_article_date_relative_expressions_stay_unresolved() -> None:
    got = values("On 5 January 2024 it began; on Tuesday it ended, last week too, in March.", None)
    assert got == [("5 January 2024", "2024-01-05"), ("on Tuesday", None), ("last week", None), ("March", None)]


def test_month_dated_article_counts_weekdays_from_the_latest_reported_day() -> None:
    text = "Rockets landed on Oct. 5. In a joint statement on Saturday, groups agreed. On Sunday, he spoke."
    assert values(text, "2020-10") == [
        ("Oct. 5", "2020-10-05"),
        ("on Saturday", "2020-10-10"),
        ("On Sunday", "2020-10-11"),
    ]


def test_iso_week() -> None:
    assert iso_week(__import__("datetime").date(2024, 1, 28)) == "2024-W04"
    assert iso_week(__import__("datetime").date(2021, 1, 3)) == "2020-W53"
