"""The build's spool gives back exactly what was parked, in any order."""

from __future__ import annotations

from pathlib import Path

from index.models import Article, LinkRef
from index.spool import Spool


def article(n: int) -> Article:
    text = f"Ngozi Adeyemi visited Tromsø on day {n}. Ünïcode ✓ and a NUL \x00 stay data."
    return Article(
        id=f"a{n}", path=f"folder/a{n}.md", title=f"Title {n}" if n % 2 else None, published="2024-03-0" + str(n),
        source="Example Wire", url=None, text=text, content_hash=f"h{n}", author="Ana Ruiz",
        published_from="front matter date", links=(LinkRef(0, 13, "https://example.org/ngozi"),),
        extra=(("tags", "a, b"), ("lang", "en")),
    )  # fmt: skip


def test_articles_and_analyses_come_back_exactly(tmp_path: Path) -> None:
    analyses = [
        {"sentences": [(0, 30), (31, 60)], "mentions": [[0, 13, "Ngozi Adeyemi", "PERSON", 3, 0, None]],
         "times": [], "meta": {"title": None, "n": n, "score": 0.5}}
        for n in range(1, 4)
    ]  # fmt: skip
    with Spool(tmp_path) as spool:
        handles = [spool.put(article(n), a) for n, a in zip(range(1, 4), analyses, strict=True)]
        for n, handle in reversed(list(zip(range(1, 4), handles, strict=True))):
            got, analysis = spool.get(handle)
            assert got == article(n)
            assert analysis == analyses[n - 1]
            assert type(analysis["sentences"][0]) is tuple and type(analysis["mentions"][0]) is list


def test_the_spool_leaves_no_file_behind(tmp_path: Path) -> None:
    with Spool(tmp_path) as spool:
        spool.put(article(1), {"sentences": []})
        assert list(tmp_path.iterdir()) == []  # anonymous: nothing in the folder to open or to leave
