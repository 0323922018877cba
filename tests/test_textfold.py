"""Search-term folding."""

from __future__ import annotations

import pytest

from index.textfold import fold


@pytest.mark.parametrize(
    ("token", "folded"),
    [
        ("Kata’ib", "kataib"),
        ("Kata'ib", "kataib"),
        ("Soleimani's", "soleimani"),
        ("Soleimani’s", "soleimani"),
        ("U.S", "us"),
        ("Sadr", "sadr"),
        ("Ḥusayn", "husayn"),
        ("Mosul", "mosul"),
        ("3.5", "3.5"),
        ("'quoted'", "quoted"),
    ],
)
def test_fold(token: str, folded: str) -> None:
    assert fold(token) == folded
