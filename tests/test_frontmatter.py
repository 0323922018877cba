"""Front matter: safe YAML, fields normalised, errors reported with file and line."""

from __future__ import annotations

import pytest

from index.frontmatter import split


@pytest.mark.parametrize(
    ("content", "fields", "body"),
    [
        ("---\ntitle: A\npublished: 2024-01-30\n---\nBody", {"title": "A", "published": "2024-01-30"}, "Body"),
        ("---\ntitle: A\ndate: '2024-01'\n---\nBody", {"title": "A", "published": "2024-01"}, "Body"),
        ("---\npublished: 2020\nsource: ESTA\n---\nB", {"published": "2020", "source": "ESTA"}, "B"),
        ("---\ndate: 2024-01-30 10:15:00\n---\nB", {"published": "2024-01-30"}, "B"),
        ("---\nauthor: [A, B]\n---\nB", {"author": "A, B"}, "B"),
        ("---\n---\nB", {}, "B"),
        ("No front matter\n---\nstill body", {}, "No front matter\n---\nstill body"),
        ("---\r\ntitle: Win\r\n---\r\nB", {"title": "Win"}, "B"),
    ],
)
def test_fields_and_body(content: str, fields: dict, body: str) -> None:
    fm = split("a.md", content)
    assert fm.fields == fields
    assert fm.body == body
    assert fm.problems == []


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ('---\ntitle: "open\npublished: 2021\n---\nBody', 3, "bad YAML"),
        ("---\ntitle: a\n  bad: indent: here\n---\nBody", 3, "bad YAML"),
        ("---\n- a list\n---\nBody", 2, "not a mapping"),
        ("---\npublished: next week\n---\nBody", 2, "not a date"),
    ],
)
def test_problems_name_file_and_line_and_keep_the_body(content: str, line: int, reason: str) -> None:
    fm = split("notes/a.md", content)
    assert fm.body == "Body"
    (problem,) = fm.problems
    assert problem.path == "notes/a.md" and problem.line == line and reason in problem.reason
    assert not problem.skipped
    assert str(problem).startswith(f"notes/a.md:{line}: warning:")


def test_yaml_is_loaded_safely() -> None:
    fm = split("a.md", "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nBody")
    assert fm.fields == {} and fm.problems and fm.body == "Body"
