"""Publication dates: parsing values, dates in URL paths, choosing by provenance."""

from __future__ import annotations

import pytest

from index.pubdate import DateCandidate, ParsedDate, choose, dates_in_url, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-30", "2024-01-30"),
        ("2024-01", "2024-01"),
        ("2020", "2020"),
        (2020, "2020"),
        ("2024-01-30 10:15:00", "2024-01-30"),
        ("2025-02-10 6:10 PM", "2025-02-10"),
        ("2021-07-20T10:00:00-04:00", "2021-07-20"),
        ("2021-07-20T23:30:00-09:00", "2021-07-20"),  # its own zone: UTC would say the 21st
        ("2021-07-20T00:30:00+14:00", "2021-07-20"),
        ("2021-07-20T10:00:00Z", "2021-07-20"),
        ("Tue, 15 Jan 2008 10:00:00 GMT", "2008-01-15"),
        ("Mon, 20 Jul 2021 23:59:00 -0700", "2021-07-20"),
        ("July 20, 2021", "2021-07-20"),
        ("20 July 2021", "2021-07-20"),
        ("July 2021", "2021-07"),
        ("20190314", "2019-03-14"),
    ],
)
def test_dates_parse_to_their_own_day(value: object, expected: str) -> None:
    assert parse_date(value) == ParsedDate(expected)


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "9999-99-99", "July 32, 2021", "Feb 30, 2021"])
def test_impossible_dates_are_told_apart(value: str) -> None:
    assert parse_date(value) == ParsedDate(None, impossible=True)


@pytest.mark.parametrize(
    "value", ["next week", "Tuesday", "July 20", True, False, None, "", "2024 was good", "x" * 500, 5, [1]]
)
def test_non_dates_are_neither(value: object) -> None:
    assert parse_date(value) == ParsedDate()


@pytest.mark.parametrize(
    ("url", "values"),
    [
        ("https://news.example/2019/03/14/council-vote/", ["2019-03-14"]),
        ("https://news.example/2019/mar/14/council-vote", ["2019-03-14"]),
        ("https://news.example/world/2019-03-14/council-vote", ["2019-03-14"]),
        ("https://news.example/council-vote-03-14-2019.html", ["2019-03-14"]),
        ("https://news.example/council-vote-14-03-2019.html", ["2019-03-14"]),
        ("https://news.example/20190314/council-vote", ["2019-03-14"]),
        ("https://news.example/story_2019_03_14.html", ["2019-03-14"]),
        ("https://news.example/2019/03/council-vote", ["2019-03"]),
        ("https://news.example/2019/March/council-vote", ["2019-03"]),
        ("https://news.example/a/2019/03/14/b/2019/03/14/", ["2019-03-14"]),
    ],
)
def test_dates_in_url(url: str, values: list[str]) -> None:
    assert dates_in_url(url) == [DateCandidate(v, "url", "published") for v in values]


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/article/1234567890/",  # an id
        "https://news.example/story/201903141234",  # a longer id starting like a date
        "https://news.example/2019/13/45/slug",  # no such month
        "https://news.example/2019/02/30/slug",  # no such day (and not read as 2019-02 either)
        "https://news.example/03-04-2019-slug",  # March 4 or April 3: ambiguous
        "https://news.example/top-100-films-of-2019/",  # a year alone is not dated
        "https://news.example/1850/03/14/slug",  # outside the web's years
        "https://news.example/v2019/03/14x",  # glued to letters
        "https://news.example/?d=2019/03/14",  # only the path counts
        "not a url",
        "",
    ],
)
def test_numbers_that_are_not_dates(url: str) -> None:
    assert dates_in_url(url) == []


def fm(value: str, key: str, role: str = "published") -> DateCandidate:
    return DateCandidate(value, f"front matter {key}", role)  # type: ignore[arg-type]


URL = DateCandidate("2021-07-19", "url", "published")
DATELINE = DateCandidate("2021-07-18", "dateline", "published")


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        ([], (None, None)),
        ([fm("2021-07-20", "date", "unknown")], ("2021-07-20", "front matter date")),  # Jekyll: date is it
        ([fm("2023-01-05", "date", "unknown"), URL], ("2021-07-19", "url")),  # evidence beats a bare date
        ([URL, DATELINE], ("2021-07-18", "dateline")),  # the article's words beat its URL
        ([DATELINE, fm("2021-07-20", "post_date")], ("2021-07-20", "front matter post_date")),
        ([DateCandidate("2021-07-20", "json-ld", "published"), URL], ("2021-07-20", "json-ld")),
        (
            [fm("2021-07-22", "updated", "modified"), fm("2021-07-20", "published")],
            ("2021-07-20", "front matter published"),
        ),
        (
            [fm("2023-01-05", "clipped", "captured"), fm("2021-07-21", "modified", "modified")],
            ("2021-07-21", "front matter modified"),
        ),
        ([fm("2023-01-05", "clipped", "captured")], ("2023-01-05", "front matter clipped")),  # better than nothing
        (
            [fm("2023-01-05", "created", "unknown"), fm("2021-07-20", "date", "unknown")],
            ("2021-07-20", "front matter date"),
        ),
        ([fm("2021-07-20", "created", "unknown"), URL], ("2021-07-19", "url")),
        (
            [DateCandidate("2019-03", "url", "published"), DateCandidate("2019-03-14", "dateline", "published")],
            ("2019-03-14", "dateline"),
        ),
        (
            [fm("2019-03", "published"), DateCandidate("2019-03-14", "url", "published")],
            ("2019-03-14", "front matter published + url"),
        ),
        (
            [fm("2019", "published"), fm("2019-03-14", "clipped", "captured")],
            ("2019", "front matter published"),
        ),  # no refining from a clip
        (
            [DateCandidate("2019-04", "url", "published"), DateCandidate("2019-03-14", "dateline", "published")],
            ("2019-03-14", "dateline"),
        ),
        ([DateCandidate("2019-02-30", "url", "published"), URL], ("2021-07-19", "url")),  # not a date: ignored
    ],
)
def test_choose_by_provenance(candidates: list[DateCandidate], expected: tuple) -> None:
    assert choose(candidates) == expected


def test_a_published_date_long_after_everything_reported_is_a_capture_date() -> None:
    clip_time = fm("2024-05-01", "published")  # a clipper that fills "published" with the clip time
    reported = ["2021-07-17", "2021-07-18"]
    assert choose([clip_time, URL], reported) == ("2021-07-19", "url")
    assert choose([clip_time, URL]) == ("2024-05-01", "front matter published")
    # within a few days of the events it stays the publication date
    assert choose([fm("2021-07-20", "published"), DATELINE], reported) == ("2021-07-20", "front matter published")
    # when every candidate is late (an article about old events) the ranking decides
    assert choose([clip_time, fm("2024-05-02", "clipped", "captured")], ["2008-09-15"]) == (
        "2024-05-01",
        "front matter published",
    )
