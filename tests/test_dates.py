"""Absolute dates, as used by datelines."""

from __future__ import annotations

import pytest

from index.dates import find_absolute_dates, iso


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Baghdad, Jan. 1, 2020. (Reuters)", ["2020-01-01"]),
        ("date 2024-02-08 Advertisement", ["2024-02-08"]),
        ("on 30 January 2024 and on January 31, 2024", ["2024-01-30", "2024-01-31"]),
        ("designated in July 2009.", ["2009-07"]),
        ("Sept. 5th, 2019", ["2019-09-05"]),
        ("2024/01/30", ["2024-01-30"]),
        ("February 30, 2024", []),  # not a calendar date
        ("a 5,000 troops force", []),
        ("in May", []),  # no year: not absolute
    ],
)
def test_find_absolute_dates(text: str, values: list[str]) -> None:
    found = list(find_absolute_dates(text))
    assert [d.value for d in found] == values
    for d in found:
        assert text[d.start : d.end].strip()


def test_iso_precision() -> None:
    assert iso(2024) == "2024"
    assert iso(2024, 1) == "2024-01"
    assert iso(2024, 2, 29) == "2024-02-29"
    assert iso(2023, 2, 29) is None
