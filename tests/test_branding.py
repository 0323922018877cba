"""Titles and sources from a page's own branding (index.branding), on invented pages."""

from __future__ import annotations

import pytest

from index.branding import (
    PageMeta,
    canonical_host,
    copyright_holder,
    expand_agency,
    outlet_name,
    page_metadata,
    recurring_suffixes,
    source_line,
    split_site_suffix,
    wire_agency,
)

GRAPH_PAGE = """<!doctype html><html><head>
<title>
  Harbor bridge reopens after repairs
  | Metro | The Lakeside Courier
</title>
<meta property="og:site_name" content="The Lakeside Courier">
<meta property="og:title" content="Harbor bridge reopens after repairs">
<meta property="og:url" content="https://www.lakesidecourier.example/metro/bridge">
<meta property="article:published_time" content="2023-04-05T08:00:00Z">
<meta property="article:modified_time" content="2023-04-06T09:30:00Z">
<meta name="twitter:site" content="@lakesidecourier">
<meta name="application-name" content="Courier Metro">
<link rel="canonical" href="https://lakesidecourier.example/metro/bridge">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Courier site", "url": "https://lakesidecourier.example/"},
  {"@type": "NewsArticle", "headline": "Harbor  bridge reopens\\nafter repairs", "datePublished": "2023-04-05T08:00:00Z",
   "dateModified": "2023-04-06", "url": "https://lakesidecourier.example/metro/bridge",
   "publisher": {"@type": "Organization", "name": "The Lakeside Courier"},
   "author": [{"@type": "Person", "name": "Mara Quell"}, {"@type": "Person", "name": "Tomas Reyes"}]}
]}</script>
<script type="application/ld+json">{"broken": </script>
</head><body>
<p class="byline">By Mara Quell and Tomas Reyes</p>
<time datetime="2023-04-05" pubdate>April 5</time>
<p>The bridge reopened on Tuesday.</p>
<footer>© 2023 Lakeside Courier Media Inc. All rights reserved.</footer>
</body></html>"""


def test_page_metadata_reads_graph_meta_and_title() -> None:
    pm = page_metadata(GRAPH_PAGE)
    assert pm.title == "Harbor bridge reopens after repairs | Metro | The Lakeside Courier"
    assert pm.headline == "Harbor bridge reopens after repairs"
    assert pm.og_title == "Harbor bridge reopens after repairs"
    assert pm.site_name == "The Lakeside Courier"
    assert pm.publisher == "The Lakeside Courier"
    assert pm.application_name == "Courier Metro"
    assert pm.authors == ("Mara Quell", "Tomas Reyes")
    assert pm.twitter_site == "@lakesidecourier"
    assert pm.url == "https://lakesidecourier.example/metro/bridge"
    assert pm.og_url == "https://www.lakesidecourier.example/metro/bridge"
    assert pm.dates == (
        ("2023-04-05T08:00:00Z", "json-ld"),
        ("2023-04-05T08:00:00Z", "meta article:published_time"),
        ("2023-04-05", "time element"),
    )
    assert pm.modified == (
        ("2023-04-06", "json-ld dateModified"),
        ("2023-04-06T09:30:00Z", "meta article:modified_time"),
    )
    assert pm.copyright_names == ("Lakeside Courier Media",)
    assert pm.credit_lines == ("By Mara Quell and Tomas Reyes",)


def test_page_metadata_list_jsonld_value_attribute_and_dc_dates() -> None:
    page = """<html><head><title>Rain | Valley Post</title>
    <meta name="DC.date.issued" value="2019-02-03">
    <meta name="sailthru.date" content="2019-02-03 10:00">
    <meta name="twitter:site" content="Valley Post">
    <script type="application/ld+json">[{"@type": "Organization", "name": "x"},
      {"@type": ["Article"], "headline": "Rain", "publisher": "Valley Post", "author": "Ana Lin"}]</script>
    </head><body><span itemprop="datePublished" content="2019-02-03T09:00">Feb 3</span></body></html>"""
    pm = page_metadata(page)
    assert pm.headline == "Rain"
    assert pm.publisher == "Valley Post"
    assert pm.authors == ("Ana Lin",)
    assert pm.twitter_site is None  # not a @handle: nothing to keep
    assert pm.dates == (
        ("2019-02-03", "meta dc.date.issued"),
        ("2019-02-03 10:00", "meta sailthru.date"),
        ("2019-02-03T09:00", "itemprop datePublished"),
    )


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   ",
        "<html",
        "\x00\x01binary",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
        pytest.param(
            '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>", id="deep-lists"
        ),
        pytest.param(
            '<script type="application/ld+json">' + '{"@graph": ' * 3000 + "1" + "}" * 3000 + "</script>",
            id="deep-graph",
        ),
        pytest.param(
            '<script type="application/ld+json">[' + '{"@type": "Thing"},' * 50_000 + "{}]</script>", id="many-objects"
        ),
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": 5, "author": {"name": ["x"]}}</script>',
    ],
)
def test_page_metadata_never_raises(page: str) -> None:
    pm = page_metadata(page)
    assert isinstance(pm, PageMeta)
    assert pm.headline is None


def test_page_metadata_rejects_non_strings() -> None:
    assert page_metadata(None) == PageMeta()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("title", "names", "host", "expected"),
    [
        (
            "Harbor bridge reopens | Lakeside Courier Politics",
            ["Lakeside Courier"],
            None,
            ("Harbor bridge reopens", "Lakeside Courier Politics"),
        ),
        (
            "Harbor bridge reopens - Lakeside Courier News",
            ["The Lakeside Courier"],
            None,
            ("Harbor bridge reopens", "Lakeside Courier News"),
        ),
        (
            "Harbor bridge reopens | Metro | The Lakeside Courier",
            ["Lakeside Courier"],
            None,
            ("Harbor bridge reopens", "The Lakeside Courier"),
        ),
        (
            "Harbor bridge reopens — Lakeside Courier",
            [],
            "www.lakesidecourier.com",
            ("Harbor bridge reopens", "Lakeside Courier"),
        ),
        ("Harbor bridge reopens : Metro Desk : LC", [], "lc.org", ("Harbor bridge reopens", "LC")),
        (
            "Harbor bridge reopens - lakesidecourier",
            [],
            "m.lakesidecourier.co.uk",
            ("Harbor bridge reopens", "lakesidecourier"),
        ),
        (
            "Harbor bridge reopens - Lakeside Courier Ledger",
            [],
            "lcledger.com",
            ("Harbor bridge reopens", "Lakeside Courier Ledger"),
        ),
        (
            "Lakeside Courier: Harbor bridge reopens",
            ["Lakeside Courier"],
            None,
            ("Harbor bridge reopens", "Lakeside Courier"),
        ),
        ("Harbor bridge reopens | Reuters", [], None, ("Harbor bridge reopens", "Reuters")),
        ("Harbor bridge reopens - Example.com", ["Example.com"], None, ("Harbor bridge reopens", "Example.com")),
        # nothing indicates a site name
        (
            "Harbor bridge reopens - Commuters cheer",
            ["Lakeside Courier"],
            "lakesidecourier.com",
            ("Harbor bridge reopens - Commuters cheer", None),
        ),
        ("Mayor: We will rebuild the bridge", ["Lakeside Courier"], None, ("Mayor: We will rebuild the bridge", None)),
        # a one-word remainder is not a title
        ("Bridge | Lakeside Courier", ["Lakeside Courier"], None, ("Bridge | Lakeside Courier", None)),
        ("", ["Lakeside Courier"], None, ("", None)),
        # two initials are too weak to name a site
        ("Suspect charged - Arrest Proceeds", [], "ap.org", ("Suspect charged - Arrest Proceeds", None)),
    ],
)
def test_split_site_suffix(title: str, names: list[str], host: str | None, expected: tuple[str, str | None]) -> None:
    assert split_site_suffix(title, names, host) == expected


def test_split_site_suffix_keeps_a_section_rather_than_a_one_word_title() -> None:
    assert split_site_suffix("Bridge | Metro | Lakeside Courier", ["Lakeside Courier"]) == (
        "Bridge | Metro",
        "Lakeside Courier",
    )


def test_recurring_suffixes() -> None:
    titles = [
        "Bridge reopens | Valley Post",
        "Rain expected | Valley Post",
        "Schools close - Valley  Post",
        "A title without a separator",
        "Mayor resigns - Opinion",
    ]
    assert recurring_suffixes(titles) == {"Valley Post"}
    assert recurring_suffixes(titles, min_count=4) == set()


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.example.com", "example.com"),
        ("edition.example.com", "example.com"),
        ("m.example.co.uk", "example.co.uk"),
        ("amp.example.com", "example.com"),
        ("WWW.Example.com:443", "example.com"),
        ("https://www.example.com/path", "example.com"),
        ("news.example.com", "news.example.com"),
        ("www.com", "www.com"),
        ("", ""),
    ],
)
def test_canonical_host(host: str, expected: str) -> None:
    assert canonical_host(host) == expected


def test_outlet_name_by_evidence() -> None:
    pm = page_metadata(GRAPH_PAGE)
    assert outlet_name(pm, "www.lakesidecourier.example", None) == "The Lakeside Courier"
    site_only = PageMeta(site_name="Valley Post", application_name="VP App")
    assert outlet_name(site_only, "valleypost.com", None) == "Valley Post"
    assert outlet_name(PageMeta(), "valleypost.com", "Valley Post") == "Valley Post"
    assert outlet_name(PageMeta(copyright_names=("Valley Post",)), "vp.com", None) == "Valley Post"


def test_outlet_name_prefers_a_spelled_out_name_over_a_host_label() -> None:
    pm = PageMeta(site_name="vpost", copyright_names=("Valley Post",))
    assert outlet_name(pm, "www.vpost.com", None) == "Valley Post"
    assert outlet_name(PageMeta(site_name="VP.org"), "vp.org", "VP") == "VP"


def test_outlet_name_host_last_resort_and_handles() -> None:
    assert outlet_name(PageMeta(site_name="@valleypost"), "www.valleypost.com", None) == "Valleypost.com"
    assert outlet_name(PageMeta(), "m.abc.co.uk", None) == "ABC.co.uk"
    assert outlet_name(PageMeta(), None, None) is None


def test_copyright_holder() -> None:
    assert (
        copyright_holder("Copyright (c) 2009, The Example Times Company. All rights reserved.") == "The Example Times"
    )
    assert copyright_holder("© 2011-2024 Valley Post LLC") == "Valley Post"
    assert copyright_holder("this text is subject to copyright. apart from fair use") is None
    assert copyright_holder("Copyright") is None


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["WASHINGTON (AP) — A judge ruled on Monday."], "Associated Press"),
        (["Headline here", "LONDON, England (Reuters) - Shares fell."], "Reuters"),
        (["Scranton, Pa. (Reuters) - City workers were paid."], "Reuters"),
        (["(AFP) - Talks resumed on Friday."], "Agence France-Presse"),
        (["SEOUL (Yonhap) -- North Korea fired a missile."], "Yonhap"),
        (["(Valley TV) The station reported."], None),  # no initialism, no dash: not a dateline
        (["(VTV News) Storms hit the coast on Sunday."], "VTV News"),
        (["BERLIN (Valley Post) — Ministers met."], "Valley Post"),
        (["By Jane Doe, Reuters", "Text."], "Reuters"),
        (["By Jane Doe | AP"], "Associated Press"),
        (["Jane Doe, Associated Press"], "Associated Press"),
        (["By JANE DOE AP Business Writer"], "Associated Press"),
        (["Associated Press / December 31, 2007"], "Associated Press"),
        (["Photo: Jane Doe/AP"], None),
        (["(UPDATED) Storms hit the coast on Sunday."], None),  # a photo credit, not a byline
        (["Reporting by Jane Doe; Editing by John Roe"], None),  # style alone names no agency
        (["By Jane Doe", "The rapper (AP) said nothing."], None),
        ([], None),
        ([None, 5], None),
    ],
)
def test_wire_agency(paragraphs: list[str], expected: str | None) -> None:
    assert wire_agency(paragraphs) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AP", "Associated Press"),
        (" The Associated Press ", "Associated Press"),
        ("afp", "Agence France-Presse"),
        ("dpa", "Deutsche Presse-Agentur"),
        ("UPI", "United Press International"),
        ("Press Trust of India", "Press Trust of India"),
        ("Valley Post", "Valley Post"),
        ("", ""),
    ],
)
def test_expand_agency(name: str, expected: str) -> None:
    assert expand_agency(name) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Headline", "Tuesday, 1.2.2020", "Example.com", "", "Body text."], "Example.com"),
        (["Headline", "example.co.uk"], "example.co.uk"),
        (["Source: AP", "Body"], "Associated Press"),
        (["Source: https://www.valleypost.com/a/b"], "Valleypost.com"),
        (["photo.jpg", "Body"], None),
        (["Visit example.com for more."], None),
        ([], None),
    ],
)
def test_source_line(lines: list[str], expected: str | None) -> None:
    assert source_line(lines) == expected


def test_linear_on_large_input() -> None:
    big = "<html><head><title>" + "word | " * 50_000 + "</title></head><body>" + "<p>x</p>" * 50_000 + "</body></html>"
    pm = page_metadata(big)
    assert pm.title is not None
    assert split_site_suffix(pm.title, ["word"])[0]
    assert wire_agency(["A" * 1_000_000]) is None
