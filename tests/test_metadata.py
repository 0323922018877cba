"""Metadata inference from the text, and front matter winning over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import clean, sources
from index.boilerplate import classify
from index.metadata import infer, strip_tags

BODY = (
    "An array of militia groups have suspended rocket attacks on the forces, a spokesman said on "
    "Sunday, in a statement that was read out to reporters in the capital."
)


def inferred(text: str):
    return infer(classify(text))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"[Salon] Militias halt attacks on troops\n\n{BODY}", "Militias halt attacks on troops"),
        (f"# Militias halt attacks on troops\n\n{BODY}", "Militias halt attacks on troops"),
        (
            f"Physical Address\n\n304 North Cardinal St.\n\nMilitias halt attacks on troops\n\n{BODY}",
            "Militias halt attacks on troops",
        ),
        (
            f"0 $\n2,500 $\n\nIraq’s Resistance Announces Temporary Ceasefire\n\n{BODY}",
            "Iraq’s Resistance Announces Temporary Ceasefire",
        ),
        (f"{BODY}\n\nA subhead later in the text\n\n{BODY}", None),
        # a dateline or a line introducing a table is never the headline
        (f"MOMBASA, Kenya 2011-03-04\n\n{BODY}", None),
        (f"Results of the regional cup matches on Sunday:\n\n{BODY}", None),
    ],
)
def test_title(text: str, title: str | None) -> None:
    assert inferred(text).title == title


@pytest.mark.parametrize(
    ("head", "published"),
    [
        (" date 2024-02-08 Advertisement", "2024-02-08"),
        ("Published: January 30, 2024", "2024-01-30"),
        ("Jan. 1, 2020", "2020-01-01"),
        ("Updated 12 March 2021, 10:15", "2021-03-12"),
        ("A long caption of a photo taken during a protest in Baghdad, Jan. 1, 2020. (Reuters)", None),
        ("No date here at all", None),
    ],
)
def test_dateline(head: str, published: str | None) -> None:
    assert inferred(f"{head}\n\n{BODY}").published == published


@pytest.mark.parametrize(
    ("first", "source"),
    [
        (f"SULAIMANI (ESTA) — {BODY}", "ESTA"),
        (f"BAGHDAD, Iraq (AP) - {BODY}", "Associated Press"),
        (f"(Reuters) - {BODY}", "Reuters"),
        (f"https://www.thecradle.co/articles/x\n\n{BODY}", "Thecradle.co"),
        (BODY, None),
    ],
)
def test_source(tmp_path: Path, first: str, source: str | None) -> None:
    article, _ = cleaned(tmp_path, "a.txt", f"{first}\n")
    assert article is not None and article.source == source


def test_strip_tags() -> None:
    assert strip_tags("[Salon] [Fwd] Title") == "Title"
    assert strip_tags("## Title") == "Title"


def cleaned(tmp_path: Path, name: str, content: str):
    """Write one file, read and clean it; return (article, problems)."""
    (tmp_path / name).write_text(content)
    entries, _ = sources.scan(tmp_path)
    doc, _ = sources.read(entries[0])
    assert doc is not None
    return clean.clean(doc, "a")


def test_front_matter_wins_over_inference_and_title_copies_leave_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Real headline\npublished: 2020-10-11\nsource: Herald\n---\n"
        f"[List] Real headline\n\nSULAIMANI (ESTA) — {BODY}\n\nReal headline\n"
    )
    entries, _ = sources.scan(tmp_path)
    doc, _ = sources.read(entries[0])
    assert doc is not None
    article, problems = clean.clean(doc, "a")
    assert problems == [] and article is not None
    assert (article.title, article.published, article.source) == ("Real headline", "2020-10-11", "Herald")
    assert "Real headline" not in article.text
    assert article.text.startswith("SULAIMANI (ESTA)")


def test_metadata_values_are_single_clean_lines(tmp_path: Path) -> None:
    article, _ = cleaned(tmp_path, "a.md", f'---\ntitle: "Evil\\x1b[31m title\\n two"\n---\n{BODY}\n')
    assert article is not None and article.title == "Evil title two"  # the escape sequence goes whole


def test_control_characters_never_reach_the_text(tmp_path: Path) -> None:
    article, _ = cleaned(tmp_path, "a.txt", f"{BODY}\x1b]0;pwned\x07 and \x1b[2J more.\r\n\r\n{BODY}\r\n")
    assert article is not None
    assert not any(ord(c) < 32 and c != "\n" for c in article.text)
    assert "\r" not in article.text


@pytest.mark.parametrize(
    ("title", "first_line", "kept"),
    [
        ("Ferry strike ends", "Ferry strike ends", False),  # a copy of the headline
        ("Ferry strike ends | Harbour Post", "Ferry strike ends", False),  # the headline, outlet added
        ("Ferry strike ends", "Crews back at work on the Tallinn route", True),  # a different line: text
    ],
)
def test_a_head_line_unlike_the_given_title_stays_article_text(
    tmp_path: Path, title: str, first_line: str, kept: bool
) -> None:
    article, _ = cleaned(tmp_path, "a.md", f"---\ntitle: {title}\n---\n{first_line}\n\n{BODY}\n")
    assert article is not None
    assert (first_line in article.text) is kept


def test_interface_links_in_extracted_html_are_neither_text_nor_links() -> None:
    block = clean._unlinked("Text size [Reset](<javascript:reset();>) and [more](https://example.org/a)")
    assert block.text == "Text size Reset and more"
    assert [link.href for link in block.links] == ["https://example.org/a"]


def test_list_items_keep_their_marker_in_the_text_with_links_moved_along(tmp_path: Path) -> None:
    article, _ = cleaned(
        tmp_path, "a.md", f"---\ntitle: T\n---\n{BODY}\n\n- Talks with [the union](https://u.example) resume.\n"
    )
    assert article is not None
    assert article.text.endswith("\n\n- Talks with the union resume.")
    (link,) = article.links
    assert article.text[link.start : link.end] == "the union"


@pytest.mark.parametrize(
    ("head", "author"),
    [
        ("Amara Okafor\n\nLAGOS 2011-03-04", "Amara Okafor"),  # wire copy: the name above the dateline
        ("Amara Okafor", "Amara Okafor"),  # right above the first paragraph
        ("Lagos State", None),  # no given name
        ("Amara Okafor\n\nA short line here\n\nLAGOS 2011-03-04", None),  # not next to the story's start
    ],
)
def test_a_name_alone_above_the_story_is_its_author(head: str, author: str | None) -> None:
    assert inferred(f"Ports reopen after the storm\n\n{head}\n\n{BODY}").author == author
