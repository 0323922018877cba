"""Bookmarks and read state, headless: anchoring, export formats, the store file."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from index import annotations as ann
from index.clean import content_hash
from index.locations import annotations_file
from index.models import Article

TEXT = "The port reopened on Monday. Ships queued for a week.\n\nOfficials said the strike was over."


def article(text: str = TEXT, **kw: object) -> Article:
    fields: dict[str, object] = dict(
        id="harbour",
        path="harbour.md",
        title="Harbour reopens",
        published="2024-03-01",
        source="Port Gazette",
        url="https://example.org/harbour",
        text=text,
        content_hash=content_hash(text),
    )
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


def bookmark_of(quote: str, a: Article | None = None, **kw: str) -> ann.Bookmark:
    a = a or article()
    start = a.text.index(quote)
    return ann.new_bookmark(a, start, start + len(quote), **kw)  # type: ignore[arg-type]


def test_unchanged_article_keeps_the_bookmark_where_it_was() -> None:
    b = bookmark_of("Ships queued for a week.")
    assert ann.anchor(b, article()) == b


def test_changed_article_reanchors_at_the_nearest_occurrence() -> None:
    b = bookmark_of("the strike was over.")
    changed = "UPDATE: the strike was over. " + TEXT + " Later: the strike was over."
    moved = ann.anchor(b, article(changed))
    assert moved.found
    assert changed[moved.start : moved.end] == b.quote
    # two occurrences: the one nearest the old offset (the middle one, not the first or last)
    assert moved.start == changed.index("Officials said") + len("Officials said ")
    assert moved.content_hash == content_hash(changed)


def test_rewrapped_passage_is_found_despite_whitespace() -> None:
    b = bookmark_of("Ships queued for a week.")
    changed = TEXT.replace("queued for", "queued\nfor")
    moved = ann.anchor(b, article(changed))
    assert moved.found and changed[moved.start : moved.end] == "Ships queued\nfor a week."


def test_deleted_passage_is_kept_and_marked_not_found() -> None:
    b = bookmark_of("Ships queued for a week.")
    gone = ann.anchor(b, article(TEXT.replace("Ships queued for a week.", "")))
    assert not gone.found and gone.quote == b.quote and gone.start == b.start
    assert not ann.anchor(b, None).found


def test_tags_are_trimmed_and_unique() -> None:
    assert ann.parse_tags(" ports, strikes ,, ports,  big   ships ") == ("ports", "strikes", "big ships")
    assert ann.parse_tags("") == ()


def test_excerpt_cuts_at_a_word_boundary() -> None:
    assert ann.excerpt("short one") == "short one"
    cut = ann.excerpt("alpha beta gamma delta epsilon", 14)
    assert cut == "alpha beta…"
    assert len(cut) <= 14


def test_markdown_citation() -> None:
    b = bookmark_of("Ships queued for a week.", note="check dates", tags=("ports", "strikes"))
    md = ann.to_markdown([b])
    assert md.splitlines() == [
        "> Ships queued for a week.",
        "",
        "— Harbour reopens, Port Gazette, 2024-03-01, https://example.org/harbour",
        "",
        "Note: check dates",
        "",
        "Tags: ports, strikes",
    ]


def test_an_untitled_article_is_cited_by_its_file_name() -> None:
    b = bookmark_of("Officials said", article(title=None, path="2024/harbour\x1b.md"))
    assert ann.citation_line(b).startswith("— 2024/harbour\\x1b.md, Port Gazette")


def test_csv_and_json_exports_round_trip_the_fields() -> None:
    b = bookmark_of("Officials said", note='a "quoted", note', tags=("x", "y"))
    rows = list(csv.DictReader(io.StringIO(ann.to_csv([b]))))
    assert rows == [
        {
            "article": "harbour",
            "title": "Harbour reopens",
            "source": "Port Gazette",
            "published": "2024-03-01",
            "url": "https://example.org/harbour",
            "quote": "Officials said",
            "note": 'a "quoted", note',
            "tags": "x; y",
            "start": str(b.start),
            "end": str(b.end),
            "found": "True",
        }
    ]
    (record,) = ann.to_records([b])
    assert record["tags"] == ["x", "y"] and record["quote"] == "Officials said"


def test_exports_drop_escape_sequences() -> None:
    b = bookmark_of("Officials said", note="\x1b[31mred\x1b[0m [bold]x[/bold]")
    b = replace(b, title="\x1b]0;pwned\x07Title")
    for text in (ann.to_markdown([b]), ann.to_csv([b])):
        assert "\x1b" not in text and "\x07" not in text
        assert "[bold]x[/bold]" in text  # markup is data in a file


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "a" / "notes.json"
    state = ann.Annotations((bookmark_of("Officials said", tags=("t",)),), frozenset({"harbour"}), frozenset({"x"}))
    ann.save(path, state)
    assert ann.load(path) == state
    assert not list(path.parent.glob("*.tmp"))  # the temporary file was renamed


def test_a_corrupt_file_is_moved_aside_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text('{"format": "broadsheet.annotations/1", "bookmarks": [{"id": 3}]}')
    original = path.read_text()
    book = ann.AnnotationBook.open(path)
    assert book.problem is not None and "notes.json" in book.problem and "moved to" in book.problem
    (aside,) = tmp_path.glob("notes.json.corrupt-*")
    assert aside.read_text() == original  # nothing lost
    book.add(bookmark_of("Officials said"))
    assert len(ann.load(path).bookmarks) == 1


def test_an_unparsable_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("{not json")
    with pytest.raises(ann.CorruptAnnotations, match=r"notes\.json"):
        ann.load(path)


def test_a_newer_format_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text(json.dumps({"format": "broadsheet.annotations/9", "bookmarks": []}))
    book = ann.AnnotationBook.open(path)
    assert book.problem is not None and not book.writable
    with pytest.raises(ann.AnnotationsError):
        book.mark_read("harbour")
    assert "annotations/9" in path.read_text()
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_book_read_state_and_new_articles(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    first = ann.AnnotationBook.open(path)
    assert first.start_session(["a", "b"]) == frozenset()  # no last session: nothing is new
    first.mark_read("a")
    second = ann.AnnotationBook.open(path)
    assert second.is_read("a") and not second.is_read("b")
    assert second.start_session(["a", "b", "c"]) == {"c"}
    assert second.start_session(["a", "b", "c", "d"]) == {"c", "d"}  # still against the last session
    assert ann.AnnotationBook.open(path).start_session(["a", "b", "c", "d"]) == frozenset()


def test_book_edits_and_deletes(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    book = ann.AnnotationBook.open(path)
    b = bookmark_of("Officials said")
    book.add(b)
    book.update([replace(b, note="edited")])
    assert ann.load(path).bookmarks[0].note == "edited"
    book.delete(b.id)
    assert ann.load(path).bookmarks == ()


def test_annotations_file_is_per_corpus_outside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROADSHEET_DATA_DIR", str(tmp_path / "data"))
    one, two = tmp_path / "one", tmp_path / "two"
    assert annotations_file(one) != annotations_file(two)
    assert annotations_file(one) == annotations_file(tmp_path / "x" / ".." / "one")
    assert annotations_file(one).is_relative_to(tmp_path / "data")
