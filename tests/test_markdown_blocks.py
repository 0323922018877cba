"""Markdown bodies parsed into text blocks; HTML inside them read with lxml. Fixtures are invented."""

from __future__ import annotations

import random
import time

import pytest

from index.markdown_blocks import TABLE_CELL_SEPARATOR, html_fragment_blocks, mostly_html, parse_markdown
from index.models import TextBlock

JEKYLL_POST = """\
The city council voted on Tuesday to rebuild the [harbour wall](https://council.example/harbour)
after the winter storms, a project expected to take &amp; cost more than planned.

<div class="chart-widget" data-config='{"series": [1, 2, 3], "label": "secret-json"}' id="chart-7">
  <script>var chart = render("<p>not text</p>");</script>
  <style>.chart-widget { color: red; }</style>
  <iframe src="https://embed.example/player" title="embedded-title"></iframe>
  <select id="year-select"><option value="2020">Year 2020</option><option>Year 2021</option></select>
  <p class="caption">Spending by year &amp; district</p>
</div>

{% include figure.html src="/img/wall.png" caption="Wall" %}
{{ site.data.banner }}

## The plan {#plan}

Work starts in <span class="date">spring</span>, said the mayor&#8217;s office.<br>
Details follow <a href="https://council.example/plan" class="btn">in the plan</a>.
{: .lead}
"""

CLIPPING = """\
# Storm damage closes coastal road
[Storm damage closes coastal road](https://news.example/2024/storm-road)

![Waves over the road](https://img.example/waves.jpg)

The coastal road was closed after [waves](https://news.example/waves "Waves") broke the
barrier, the [transport office][transport] said. ![icon](https://img.example/i.png)

[transport]: https://transport.example/notice

***
"""


def texts(blocks: list[TextBlock]) -> list[str]:
    return [block.text for block in blocks]


def link_texts(block: TextBlock) -> list[tuple[str, str]]:
    return [(block.text[link.start : link.end], link.href) for link in block.links]


def assert_clean(blocks: list[TextBlock]) -> None:
    """Invariants every block keeps: one line of collapsed text, links inside it."""
    for block in blocks:
        assert block.text and block.text == " ".join(block.text.split())
        assert "\n" not in block.text
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)


def test_jekyll_post_keeps_prose_and_drops_widget_code_and_attributes() -> None:
    blocks = parse_markdown(JEKYLL_POST)
    assert_clean(blocks)
    assert texts(blocks) == [
        "The city council voted on Tuesday to rebuild the harbour wall after the winter storms, "
        "a project expected to take & cost more than planned.",
        "Spending by year & district",
        "The plan",
        "Work starts in spring, said the mayor’s office. Details follow in the plan.",
    ]
    assert [(b.kind, b.level, b.line) for b in blocks] == [
        ("paragraph", 0, 1),
        ("paragraph", 0, 9),
        ("heading", 2, 15),
        ("paragraph", 0, 17),
    ]
    assert link_texts(blocks[0]) == [("harbour wall", "https://council.example/harbour")]
    assert link_texts(blocks[3]) == [("in the plan", "https://council.example/plan")]
    everything = " ".join(texts(blocks))
    for leaked in ("secret-json", "chart", "render", "color", "embedded-title", "Year 20", "include", "site.data"):
        assert leaked not in everything


def test_web_clipping_title_url_line_links_images_and_reference_definition() -> None:
    blocks = parse_markdown(CLIPPING)
    assert_clean(blocks)
    assert [(b.text, b.kind, b.level, b.line) for b in blocks] == [
        ("Storm damage closes coastal road", "heading", 1, 1),
        ("Storm damage closes coastal road", "paragraph", 0, 2),
        (
            "The coastal road was closed after waves broke the barrier, the transport office said.",
            "paragraph",
            0,
            6,
        ),
    ]
    assert link_texts(blocks[1]) == [("Storm damage closes coastal road", "https://news.example/2024/storm-road")]
    assert link_texts(blocks[2]) == [
        ("waves", "https://news.example/waves"),
        ("transport office", "https://transport.example/notice"),
    ]


def test_table_rows_join_cells_and_keep_links() -> None:
    body = "| Team | Points |\n|:-----|------:|\n| **Reds** | [12](https://league.example/reds) |\n|  |  |\n| Blues | 9 |\n"
    blocks = parse_markdown(body)
    assert TABLE_CELL_SEPARATOR == " | "
    assert [(b.text, b.kind, b.line) for b in blocks] == [
        ("Team | Points", "table_row", 1),
        ("Reds | 12", "table_row", 3),
        ("Blues | 9", "table_row", 5),
    ]
    assert blocks[1].links[0].start == 7
    assert link_texts(blocks[1]) == [("12", "https://league.example/reds")]


def test_nested_list_items_are_their_own_blocks() -> None:
    body = "- fruit\n  - apples with [a note](https://notes.example/a)\n    - green ones\n- vegetables\n\n1. first step\n2. second step\n"
    blocks = parse_markdown(body)
    assert [(b.text, b.kind, b.line) for b in blocks] == [
        ("fruit", "list_item", 1),
        ("apples with a note", "list_item", 2),
        ("green ones", "list_item", 3),
        ("vegetables", "list_item", 4),
        ("first step", "list_item", 6),
        ("second step", "list_item", 7),
    ]
    assert [b.marker for b in blocks] == ["-", "-", "-", "-", "1.", "2."]
    assert link_texts(blocks[1]) == [("a note", "https://notes.example/a")]


def test_only_a_list_items_first_paragraph_carries_its_marker() -> None:
    blocks = parse_markdown("* First point.\n\n  More on it.\n\nAfter the list.\n")
    assert [(b.text, b.marker) for b in blocks] == [("First point.", "*"), ("More on it.", ""), ("After the list.", "")]


def test_block_quotes_and_hard_wrapped_prose() -> None:
    body = "Plain prose that was\nhard wrapped  \nat forty columns.\n\n> A quoted *line*\n> that continues.\n>\n> Second quoted paragraph.\n"
    blocks = parse_markdown(body)
    assert [(b.text, b.kind, b.line) for b in blocks] == [
        ("Plain prose that was hard wrapped at forty columns.", "paragraph", 1),
        ("A quoted line that continues.", "quote", 5),
        ("Second quoted paragraph.", "quote", 8),
    ]


def test_code_blocks_are_code_with_collapsed_whitespace() -> None:
    body = "Intro.\n\n```python\ndef area(r):\n    return 3.14 * r * r\n```\n\n    indented  {{ kept }}\n\nUse `area()` **now**."
    blocks = parse_markdown(body)
    assert [(b.text, b.kind, b.line) for b in blocks] == [
        ("Intro.", "paragraph", 1),
        ("def area(r): return 3.14 * r * r", "code", 3),
        ("indented {{ kept }}", "code", 8),
        ("Use area() now.", "paragraph", 10),
    ]


def test_markup_only_lines_give_no_blocks() -> None:
    body = "###\n\n---\n\n{% raw %}\n\n{{ page.title }}\n\n{: .no_toc}\n\n![only](https://img.example/a.png)\n\n[def]: https://x.example\n\n<!-- comment -->\n"
    assert parse_markdown(body) == []


def test_liquid_tag_lines_do_not_shift_the_paragraph_line() -> None:
    blocks = parse_markdown("{% assign x = 1 %}\nReal sentence here.\n{: .lead}\n")
    assert [(b.text, b.line) for b in blocks] == [("Real sentence here.", 2)]


def test_entities_are_unescaped() -> None:
    blocks = parse_markdown("Tom&#8217;s &amp; Jerry&rsquo;s caf&eacute; &lt;b&gt; &#x2014; done\n")
    assert texts(blocks) == ["Tom’s & Jerry’s café <b> — done"]


def test_bare_url_link_keeps_the_url_as_text() -> None:
    blocks = parse_markdown("[https://host.example/page](https://host.example/page)\n\n<https://auto.example>\n")
    assert [link_texts(b) for b in blocks] == [
        [("https://host.example/page", "https://host.example/page")],
        [("https://auto.example", "https://auto.example")],
    ]


def test_inline_html_keeps_only_text_and_links() -> None:
    body = 'A <span class="hl" data-x="{&quot;a&quot;:1}">marked</span> word, <b>bold</b>,<br>and <a href="https://a.example/x" title="t">an anchor</a> plus [md](https://b.example). <script>alert("x")</script>End.'
    blocks = parse_markdown(body)
    assert texts(blocks) == ["A marked word, bold, and an anchor plus md. End."]
    assert link_texts(blocks[0]) == [("an anchor", "https://a.example/x"), ("md", "https://b.example")]


def test_script_split_by_blank_line_inside_html_block_is_dropped() -> None:
    body = '<div class="w"><script>\nvar a = 1;\n\nvar leak = "no";\n</script></div>\n\nAfter the widget.\n'
    assert [(b.text, b.line) for b in parse_markdown(body)] == [("After the widget.", 7)]


def test_html_fragment_blocks_kinds_levels_and_links() -> None:
    html = (
        '<h2 id="top" class="title">Heading &amp; more</h2>\n'
        "<p>First run<br>second run with <a href='/u'>a link</a><img src='x.png' alt='alt text'></p>\n"
        "<ul><li>outer<ul><li>inner</li></ul></li></ul>\n"
        "<table><tr><th>Name</th><td data-v='9'>Value</td></tr></table>\n"
        "<blockquote>Quoted words</blockquote>\n"
        "<!-- hidden comment --><noscript>enable js</noscript><template>tpl</template>\n"
        "<figure><svg><text>chart</text></svg><figcaption>A caption</figcaption></figure>\n"
        "<form><textarea>typed</textarea><button>Send</button><input value='v'></form>"
    )
    blocks = html_fragment_blocks(html)
    assert_clean(blocks)
    assert [(b.text, b.kind, b.level, b.line) for b in blocks] == [
        ("Heading & more", "heading", 2, 1),
        ("First run", "paragraph", 0, 2),
        ("second run with a link", "paragraph", 0, 2),
        ("outer", "list_item", 0, 3),
        ("inner", "list_item", 0, 3),
        ("Name | Value", "table_row", 0, 4),
        ("Quoted words", "quote", 0, 5),
        ("A caption", "paragraph", 0, 7),
    ]
    assert link_texts(blocks[2]) == [("a link", "/u")]


def test_script_urls_are_not_links() -> None:
    blocks = html_fragment_blocks('<p><a href="javascript:alert(1)">click</a> and <a href=" ">blank</a></p>')
    assert [(b.text, b.links) for b in blocks] == [("click and blank", ())]


def test_html_block_inside_a_list_item_takes_the_list_kind() -> None:
    blocks = parse_markdown("- item text\n\n  <div>html in item</div>\n")
    assert [(b.text, b.kind, b.line) for b in blocks] == [
        ("item text", "list_item", 1),
        ("html in item", "list_item", 3),
    ]


def test_mostly_html_tells_an_html_page_from_a_post_with_a_widget() -> None:
    page = "\n".join(f'<p class="body">Paragraph {n} of the exported article, with prose.</p>' for n in range(20))
    assert mostly_html(page + "\n\nA trailing markdown line.\n")
    post = "\n\n".join(f"Paragraph {n} of a normal Markdown post with enough words." for n in range(5))
    big_script = "<div>\n<script>\n" + "var data = [1, 2, 3, 4, 5, 6, 7, 8];\n" * 200 + "</script>\n</div>\n"
    assert not mostly_html(post + "\n\n" + big_script)
    assert not mostly_html(post)
    assert not mostly_html("")


@pytest.mark.parametrize(
    "body",
    [
        ">" * 5000 + " deep quote\n\nafter",
        "- " * 5000 + "deep item\n\nafter",
        "<div>" * 1500 + "deep" + "</div>" * 1500 + "\n\nafter",
        "<div>" * 5000 + "beyond libxml2's depth limit" + "</div>" * 5000 + "\n\nlast",
        "[" * 50_000,
        "[" * 20_000 + "]" * 20_000,
        '<div><p>open <b>bold <a href="x">link</div></p></b> tail\n<table><td>cell</tr>\n' * 200,
        '<?xml version="1.0" encoding="utf-8"?>\n<p>declared</p>',
        "\x00\x01text\x7f with \x9b controls\x0c\n",
        "{%" * 5_000 + "{{" * 5_000,
    ],
    ids=[
        "deep-quote",
        "deep-list",
        "deep-html",
        "deeper-html",
        "open-brackets",
        "nested-brackets",
        "malformed-html",
        "xml-declaration",
        "controls",
        "template-openers",
    ],
)
def test_hostile_input_never_raises_and_stays_fast(body: str) -> None:
    started = time.perf_counter()
    blocks = parse_markdown(body)
    mostly_html(body)
    html_fragment_blocks(body)
    assert time.perf_counter() - started < 2
    assert_clean(blocks)
    if body.endswith("after"):
        assert blocks[-1].text == "after"
        assert any("deep" in block.text for block in blocks)


def test_control_characters_are_removed() -> None:
    assert texts(parse_markdown("a\x00b\x07c \x9bd\x0ce")) == ["abc de"]


def test_binary_junk_never_raises() -> None:
    rng = random.Random(7)
    junk = bytes(rng.getrandbits(8) for _ in range(50_000)).decode("latin-1")
    assert_clean(parse_markdown(junk))
    assert_clean(html_fragment_blocks(junk))
    assert isinstance(mostly_html(junk), bool)


def test_non_string_input_gives_nothing() -> None:
    assert parse_markdown(None) == []  # type: ignore[arg-type]
    assert html_fragment_blocks(b"<p>x</p>") == []  # type: ignore[arg-type]
    assert mostly_html(None) is False  # type: ignore[arg-type]


def test_tex_style_quotes_are_quotation_marks_not_code() -> None:
    (block,) = parse_markdown("``We will appeal,'' the mayor said. ``Today.''\n")
    assert block.text == "``We will appeal,'' the mayor said. ``Today.''"
    (code,) = parse_markdown("Run ``git log`` to see it.\n")
    assert code.text == "Run git log to see it."
