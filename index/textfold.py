"""Folding of quotes, diacritics, possessives and dotted abbreviations for search terms.

Kept free of Whoosh so that the rules can be tested (and reused) on plain strings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'", "\u00b4": "'"})
POSSESSIVE = re.compile(r"'s$")
INNER = re.compile(r"(?<=[^\W\d_])[.'](?=[^\W\d_])")  # U.S -> US, kata'ib -> kataib; 3.5 stays


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """Lower-case, strip diacritics, transliterate other scripts to ASCII (anyascii), unify apostrophes,
    drop "'s" and inner dots/apostrophes."""
    token = token.translate(APOSTROPHES).lower()
    if not token.isascii():
        token = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    if not token.isascii():  # "ł", Cyrillic, Greek, Arabic, CJK: transliterated ("Łódź" -> "lodz", "Путин" -> "putin")
        token = anyascii(token).lower()
    token = POSSESSIVE.sub("", token)
    return INNER.sub("", token).strip("'.")
