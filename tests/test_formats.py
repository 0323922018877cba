"""Real-looking files of every format people save, read end to end by the cleaner.

Fixtures in tests/fixtures/formats are invented articles laid out the way CMS exports, web
clippers, saved pages and pasted text really are.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index import clean, sources
from index.models import Article, Problem

FORMATS = Path(__file__).parent / "fixtures" / "formats"


def read_one(path: Path) -> tuple[Article, list[Problem]]:
    """Read and clean one fixture file."""
    entries, _ = sources.scan(path.parent)
    (entry,) = [e for e in entries if e.path == path.name]
    doc, problems = sources.read(entry)
    assert doc is not None
    article, more = clean.clean(doc, "a")
    assert article is not None
    return article, problems + more


def write(tmp_path: Path, name: str, content: str) -> tuple[Article, list[Problem]]:
    path = tmp_path / name
    path.write_text(content)
    return read_one(path)


def assert_links_exact(article: Article) -> None:
    for link in article.links:
        assert 0 <= link.start < link.end <= len(article.text)


def test_cms_export_with_an_html_body_is_cleaned_as_html_with_front_matter_metadata() -> None:
    article, problems = read_one(FORMATS / "jekyll-html-export.md")
    assert problems == []
    assert article.title == "Harbour board approves the new ferry terminal"
    assert (article.published, article.published_from) == ("2021-03-14", "front matter post_date")
    assert article.author == "Maren Olsen, Tomas Reyes"
    assert article.text.startswith("The harbour board of Port Almsey approved")
    assert "open & serve commuters “by the spring of next year”" in article.text
    for markup in ("<", "dataLayer", "Promo-Box", "Hidden Comment", "Video Player", "entry-content", "Share"):
        assert markup not in article.text
    assert ("layout", "post") in article.extra and ("published", "true") in article.extra


def test_markdown_links_keep_their_text_and_become_link_metadata() -> None:
    article, _ = read_one(FORMATS / "mixed-post.md")
    assert "[" not in article.text and "](" not in article.text and "*" not in article.text
    assert "on the river bridge on Wednesday" in article.text
    assert "would meet again next month" in article.text  # inline HTML keeps its text
    found = [(article.text[lk.start : lk.end], lk.href) for lk in article.links]
    assert found == [
        ("river bridge", "https://news.example.org/bridge"),
        ("statement", "https://dunmore.example.gov/statement"),  # a reference link
    ]
    for junk in ("All Years", "map_select", 'Mayor Helen Park": 3', "Photo of the bridge", "include", "stmt"):
        assert junk not in article.text
    assert ("reading_time", "4 min") in article.extra


def test_a_clipping_takes_its_date_from_the_url_not_the_clip_date() -> None:
    article, _ = read_one(FORMATS / "clipping.md")
    assert article.title == "Shipping rates fall for a third month"
    assert article.source == "Harbour Ledger"
    assert article.url == "https://www.harbourledger.example/2023/04/05/shipping-rates-fall/"
    assert (article.published, article.published_from) == ("2023-04-05", "url")
    assert article.text.startswith("Container shipping rates fell")  # the link line is not text
    assert "Harbour Ledger" not in article.text


def test_a_metadata_block_at_the_top_of_a_body_is_metadata() -> None:
    article, _ = read_one(FORMATS / "articlemd-export.md")
    assert article.title == "Court sentences botnet operator to time served"
    assert (article.source, article.author) == ("The Wire Desk", "Ana Kowalski")
    assert article.url == "https://wiredesk.example/court-sentences-botnet-operator/"
    assert (article.published, article.published_from) == ("2021-07-20", "body Date line")
    assert article.text.startswith("A federal judge sentenced")
    for label in ("Information:", "Source:", "Article:", "###"):
        assert label not in article.text


def test_a_saved_page_gives_its_json_ld_date_publisher_and_headline() -> None:
    article, _ = read_one(FORMATS / "saved-page.html")
    assert article.title == "Drought forces farmers to sell herds"
    assert article.source == "Valley Tribune"
    assert (article.published, article.published_from) == ("2022-08-11", "json-ld")  # the day in its own zone
    assert article.author == "Rosa Delgado"
    assert article.url == "https://www.valleytribune.example/regional/drought-forces-farmers-to-sell-herds"
    assert article.text.startswith("Farmers across the valley") and "Home" not in article.text


def test_wire_copy_on_another_outlets_page_is_the_agencys() -> None:
    article, _ = read_one(FORMATS / "wire-on-host.html")
    assert article.source == "Associated Press"
    assert article.title == "Data breach exposes millions of records"
    assert article.text.startswith("SEATTLE (AP) — A data breach")  # the dateline stays article text
    assert article.published is None and article.date_label == "no publication date found"


def test_a_date_laid_out_one_part_per_line_is_the_dateline() -> None:
    article, _ = read_one(FORMATS / "split-dateline.txt")
    assert (article.published, article.published_from) == ("2014-03-11", "dateline")
    assert article.title == "River port reopens after the spring floods"
    assert article.text.startswith("The river port of Lindholm")


def test_a_headline_over_a_dateline_is_not_one_wrapped_line() -> None:
    article, _ = read_one(FORMATS / "numeric-date.txt")
    assert article.title == "Players and owners resume talks on Tuesday"
    assert (article.published, article.published_from) == ("2012-11-06", "dateline")
    assert article.text.startswith("NEW YORK -- Negotiations")


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Tuesday, 11.06.2012 / 4:05 PM", "2012-11-06"),  # a Tuesday only as 6 November
        ("Monday, 11.06.2012", "2012-06-11"),  # a Monday only as 11 June
        ("24.12.2019", "2019-12-24"),  # 24 cannot be a month
        ("11.06.2012", None),  # either order: no date rather than a wrong one
    ],
)
def test_numeric_datelines_are_read_only_when_the_order_is_certain(
    tmp_path: Path, line: str, published: str | None
) -> None:
    body = (
        "Negotiations between the league and the players' union resumed in the afternoon at an "
        "undisclosed location in the city, both sides said in short statements to reporters."
    )
    article, _ = write(tmp_path, "a.txt", f"Players and owners resume talks\n\n{line}\n\n{body}\n")
    assert article.published == published


def test_impossible_front_matter_dates_are_reported_and_the_article_kept(tmp_path: Path) -> None:
    body = "The ministry published the figures on Tuesday, two weeks later than it had promised in March."
    article, problems = write(tmp_path, "a.md", f"---\ntitle: Figures late\ntags: [a]\ndate: 2024-02-30\n---\n{body}\n")
    assert article.title == "Figures late" and article.published is None
    (problem,) = problems
    assert problem.line == 4 and not problem.skipped and "2024-02-30" in problem.reason


def test_show_gives_the_date_provenance_and_unknown_keys(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "clip.md").write_text((FORMATS / "clipping.md").read_text())
    run = [sys.executable, "-m", "tui", "show", "clip", "--corpus", str(corpus)]
    shown = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "Harbour Ledger · 2023-04-05 (url)" in shown
    assert "tags: clippings" in shown
    record = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, check=True).stdout)
    assert record["published_from"] == "url" and record["front_matter"] == {"tags": "clippings"}


@pytest.mark.parametrize("name", sorted(p.name for p in FORMATS.iterdir()))
def test_every_format_fixture_has_exact_link_offsets_and_no_markup(name: str) -> None:
    article, _ = read_one(FORMATS / name)
    assert_links_exact(article)
    assert "<p>" not in article.text and "](" not in article.text
    assert article.title and "|" not in article.title and not article.title.startswith("<")


@pytest.mark.parametrize(
    ("head", "published"),
    [
        (
            "Photo credit / Agency - ImagesPrintFeb.\n8, 2024, 3:10 AM UTCBy A Writer",
            "2024-02-08",
        ),  # glued by a scraper
        ("Updated 8 February 2024 10:15 GMT", "2024-02-08"),
        ("Feb. 30, 2024, 3:10 AM", None),  # no such day
        ("Feb. 8, 2024", None),  # no clock time: not a stamp (a dateline reads it elsewhere)
    ],
)
def test_a_date_and_time_stamp_dates_the_article(head: str, published: str | None) -> None:
    from index.metadata import stamp_date

    assert stamp_date(head) == published


BODY = (
    "The county board voted on Tuesday to close two rural clinics, citing a shortfall in state funding "
    "and a drop in the number of patients, officials said after the meeting."
)


@pytest.mark.parametrize(
    ("content", "source"),
    [
        (
            f"Board closes clinics\n\n{BODY}\n\nAnn Lee is a health reporter for The Valley Examiner.\n",
            "The Valley Examiner",
        ),
        (
            f"Board closes clinics\n\n{BODY}\n\nAnn Lee is the county\nreporter for Example News. Bo Li contributed.\n",
            "Example News",
        ),
        (
            f"Board closes clinics\n\n{BODY} The Harbour Gazette analyzed the minutes of the meeting.\n",
            "The Harbour Gazette",
        ),
        (f"Board closes clinics\n\n{BODY} The Pentagon reviewed the plan.\n", None),  # not a newspaper
        (f"Board closes clinics\n\n{BODY}\n", None),
    ],
)
def test_an_outlet_named_in_the_text_itself_is_the_source(tmp_path: Path, content: str, source: str | None) -> None:
    article, _ = write(tmp_path, "a.txt", content)
    assert article.source == source


def test_the_outlet_keeps_the_spelling_the_article_uses(tmp_path: Path) -> None:
    content = f"---\nsource: Ledger Point\n---\n{BODY} The board told LedgerPoint it would appeal.\n"
    article, _ = write(tmp_path, "a.md", content)
    assert article.source == "LedgerPoint"


def test_a_pipe_branded_page_title_gives_title_and_source(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{BODY}</p>" for _ in range(3))
    page = f"<html><head><title>Board closes two rural clinics | Prairie Star</title></head><body><article>{paragraphs}</article></body></html>"
    article, _ = write(tmp_path, "a.html", page)
    assert (article.title, article.source) == ("Board closes two rural clinics", "Prairie Star")


@pytest.mark.parametrize(
    ("top", "url"),
    [
        ('https://www.example.com/2020/05/01/story">Source', "https://www.example.com/2020/05/01/story"),
        ("[Story](https://www.example.com/2020/05/01/story)](", "https://www.example.com/2020/05/01/story"),
        ("https://", None),
        ("http://[::1", None),  # malformed: not a URL, and never an error
    ],
)
def test_a_url_at_the_top_is_clean_or_absent(tmp_path: Path, top: str, url: str | None) -> None:
    article, _ = write(tmp_path, "a.txt", f"{top}\n\nBoard closes clinics\n\n{BODY}\n")
    assert article.url == url
    assert article.text.endswith("officials said after the meeting.")
