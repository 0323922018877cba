"""Front matter: safe YAML, fields normalised, errors reported with file and line."""

from __future__ import annotations

import pytest

from index import frontmatter
from index.frontmatter import split
from index.pubdate import DateCandidate


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


def test_keys_are_read_by_meaning_in_any_case() -> None:
    content = (
        "---\n"
        "Post_Title: Council approves the budget\n"
        "pubDate: Tue, 20 Jul 2021 18:10:00 -0400\n"
        "lastmod: 2021-07-22\n"
        "clipped: 2023-01-05T09:00:00Z\n"
        "Publisher: Example Herald\n"
        "canonical_url: https://herald.example/2021/07/20/budget\n"
        "authors:\n"
        "  - name: Ann Lee\n"
        "  - Bob Roe\n"
        "tags: [budget, council]\n"
        "layout: post\n"
        "---\n"
        "Body\n"
    )
    fm = split("a.md", content)
    assert fm.title == "Council approves the budget"
    assert fm.dates == [
        DateCandidate("2021-07-20", "front matter pubDate", "published"),
        DateCandidate("2021-07-22", "front matter lastmod", "modified"),
        DateCandidate("2023-01-05", "front matter clipped", "captured"),
    ]
    assert fm.source == "Example Herald"
    assert fm.url == "https://herald.example/2021/07/20/budget"
    assert fm.authors == ("Ann Lee", "Bob Roe")
    assert fm.extra == (("tags", "budget, council"), ("layout", "post"))
    assert fm.body == "Body\n" and fm.body_line == 14
    assert content.splitlines()[fm.body_line - 1] == "Body"
    assert fm.fields == {
        "title": "Council approves the budget",
        "published": "2021-07-20",
        "source": "Example Herald",
        "url": "https://herald.example/2021/07/20/budget",
        "author": "Ann Lee, Bob Roe",
    }
    assert fm.problems == []


@pytest.mark.parametrize(
    ("key", "role"),
    [
        ("published", "published"),
        ("date_published", "published"),
        ("datePublished", "published"),
        ("publish_date", "published"),
        ("post_date", "published"),
        ("published_at", "published"),
        ("date", "unknown"),
        ("created", "unknown"),
        ("created_at", "unknown"),
        ("updated", "modified"),
        ("dateModified", "modified"),
        ("last_modified", "modified"),
        ("modified_time", "modified"),
        ("captured", "captured"),
        ("saved", "captured"),
        ("accessed", "captured"),
        ("retrieved", "captured"),
        ("date_clipped", "captured"),
        ("Retrieved-On", "captured"),
    ],
)
def test_date_keys_and_their_roles(key: str, role: str) -> None:
    fm = split("a.md", f"---\n{key}: 2021-07-20\n---\nB")
    assert fm.dates == [DateCandidate("2021-07-20", f"front matter {key}", role)]  # type: ignore[arg-type]
    assert fm.extra == () and fm.problems == []


def test_a_bare_date_loses_to_an_explicit_published_key_whatever_the_order() -> None:
    fm = split("a.md", "---\ndate: 2023-01-05\ncreated: 2023-01-04\npublished: 2021-07-20\n---\nB")
    assert fm.published == ("2021-07-20", "front matter published")


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("---\ntitle: A\ndate: 2024-02-30\n---\nBody", 3),
        ("---\ntitle: A\npublished: 9999-99-99\n---\nBody", 3),
        ("---\ntitle: A\n\nupdated: 2024-13-45\n---\nBody", 4),
        ("---\ntitle: A\ndate: July 32, 2021\n---\nBody", 3),
    ],
)
def test_impossible_dates_are_warnings_on_their_line(content: str, line: int) -> None:
    fm = split("a.md", content)
    (problem,) = fm.problems
    assert problem.line == line and "impossible date" in problem.reason and not problem.skipped
    assert fm.title == "A" and fm.body == "Body" and fm.dates == []


@pytest.mark.parametrize("flag", ["true", "false", "yes"])
def test_published_flag_is_not_a_date_nor_a_warning(flag: str) -> None:
    fm = split("a.md", f"---\ntitle: A\npublished: {flag}\n---\nBody")
    assert fm.problems == [] and fm.dates == [] and fm.extra == (("published", flag if flag != "yes" else "true"),)


def test_non_dates_under_loose_date_keys_are_kept_quietly() -> None:
    fm = split("a.md", "---\nsaved: in reading list\n---\nBody")
    assert fm.problems == [] and fm.dates == [] and fm.extra == (("saved", "in reading list"),)


@pytest.mark.parametrize(
    ("content", "source", "url"),
    [
        ("---\nsource: https://herald.example/a\n---\nB", None, "https://herald.example/a"),
        (
            "---\nsite: Example Herald\nlink: https://herald.example/a\n---\nB",
            "Example Herald",
            "https://herald.example/a",
        ),
        (
            "---\nsource: {name: Example Herald, url: 'https://herald.example/a'}\n---\nB",
            "Example Herald",
            "https://herald.example/a",
        ),
        ("---\npermalink: /:year/:month/:title/\n---\nB", None, None),
        (
            "---\nurl: https://herald.example/b\nsource_url: https://herald.example/a\n---\nB",
            None,
            "https://herald.example/b",
        ),
        (
            "---\nsource_url: https://herald.example/a\nurl: https://herald.example/b\n---\nB",
            None,
            "https://herald.example/b",
        ),
    ],
)
def test_sources_and_urls(content: str, source: str | None, url: str | None) -> None:
    fm = split("a.md", content)
    assert (fm.source, fm.url) == (source, url) and fm.problems == []


@pytest.mark.parametrize(
    ("value", "authors"),
    [
        ("Ann Lee", ("Ann Lee",)),
        ("[Ann Lee, Bob Roe]", ("Ann Lee", "Bob Roe")),
        ("{name: Ann Lee, url: x}", ("Ann Lee",)),
    ],
)
def test_authors(value: str, authors: tuple[str, ...]) -> None:
    assert split("a.md", f"---\nbyline: {value}\n---\nB").authors == authors


def test_title_keys_by_preference() -> None:
    assert split("a.md", "---\nname: slug-like\nheadline: The Headline\n---\nB").title == "The Headline"


BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "---\nBody"
)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (BOMB, "aliases"),
        ("---\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\nBody", "nested deeper"),
        ("---\n" + "".join("  " * i + f"k{i}:\n" for i in range(100)) + "---\nBody", "nested deeper"),
        ("---\n" + "key: value\n" * 10_000 + "---\nBody", "longer than 64 KB"),
        ("---\ntitle: !!binary x\n---\nBody", "bad YAML"),
    ],
)
def test_hostile_front_matter_is_a_problem_and_the_body_is_kept(content: str, reason: str) -> None:
    fm = split("a.md", content)
    (problem,) = fm.problems
    assert reason in problem.reason and not problem.skipped
    assert fm.body == "Body" and fm.fields == {}


def test_unclosed_front_matter_is_body() -> None:
    content = "---\ntitle: A\n" + "text\n" * 100_000
    fm = split("a.md", content)
    assert fm.body == content and fm.body_line == 1 and fm.fields == {}


def test_any_exception_while_reading_becomes_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(frontmatter, "_read", boom)
    fm = split("a.md", "---\ntitle: A\n---\nBody")
    (problem,) = fm.problems
    assert "could not be read" in problem.reason and fm.body == "Body" and fm.body_line == 4


def test_toml_front_matter_is_read_by_meaning() -> None:
    content = (
        '+++\ntitle = "Port reopens"\ndate = 2021-03-14T18:30:00-08:00\nauthors = ["Ana Ruiz", "Li Wei"]\n'
        'draft = false\n[params]\ncolour = "blue"\n+++\nThe port reopened on Sunday.\n'
    )
    fm = split("a.md", content)
    assert (fm.title, fm.authors, fm.problems) == ("Port reopens", ("Ana Ruiz", "Li Wei"), [])
    assert fm.published == ("2021-03-14", "front matter date")  # the day in its own zone
    assert ("draft", "False") in fm.extra or ("draft", "false") in fm.extra
    assert fm.body == "The port reopened on Sunday.\n" and fm.body_line == 9


def test_bad_toml_front_matter_is_reported_with_its_line() -> None:
    fm = split("a.md", '+++\ntitle = "ok"\ndate = = 2021\n+++\nBody text.\n')
    (problem,) = fm.problems
    assert problem.line == 3 and "TOML" in problem.reason and fm.body == "Body text.\n"


def test_an_impossible_toml_date_is_reported_and_the_rest_kept() -> None:
    fm = split("a.md", '+++\ntitle = "ok"\npublished = "2024-02-30"\n+++\nBody text.\n')
    assert fm.title == "ok" and fm.published == (None, None)
    (problem,) = fm.problems
    assert problem.line == 3 and "2024-02-30" in problem.reason


def test_a_web_clipper_note_with_wiki_linked_authors() -> None:
    content = (
        '---\ntitle: "Rates fall"\nsource: "https://www.example.com/2024/01/03/rates"\nauthor:\n'
        '  - "[[John Doe]]"\n  - "[[people/Ann Lee|Ann Lee]]"\npublished: 2024-01-03\ncreated: 2024-01-05\n'
        'tags:\n  - "clippings"\n---\nBody.\n'
    )
    fm = split("a.md", content)
    assert fm.authors == ("John Doe", "Ann Lee")
    assert fm.url == "https://www.example.com/2024/01/03/rates" and fm.source is None
    assert fm.published == ("2024-01-03", "front matter published")  # not the clip's "created"
