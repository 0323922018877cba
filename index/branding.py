"""Titles and sources from a page's own branding.

Pure helpers, each linear in its input and never raising:

* :func:`page_metadata` reads JSON-LD, ``<meta>`` tags, ``<link rel=canonical>``, ``<title>``,
  ``itemprop``/``<time pubdate>`` dates and copyright lines from an HTML page (with lxml).
* :func:`split_site_suffix` removes a " | Outlet" / " - Outlet News" segment from a title when the
  segment names the site; :func:`recurring_suffixes` finds end segments shared by many titles.
* :func:`outlet_name` picks the outlet's name by evidence; :func:`canonical_host` folds
  ``www.``/``m.``/``amp.``/``edition.`` hosts of one outlet together.
* :func:`wire_agency` finds wire copy (an agency dateline or byline) and :func:`expand_agency`
  turns "AP" into "Associated Press"; :func:`source_line` reads an "Example.com" / "Source: X" line.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlparse

import lxml.html
from lxml import etree

# ---------------------------------------------------------------------------------------------
# Wire agencies (general world knowledge, not tuned to any corpus): every spelling seen in
# datelines and bylines -> the agency's full name as it is usually cited.
# ---------------------------------------------------------------------------------------------
AGENCIES: dict[str, str] = {
    "AP": "Associated Press",
    "A.P.": "Associated Press",
    "Associated Press": "Associated Press",
    "The Associated Press": "Associated Press",
    "Reuters": "Reuters",
    "Thomson Reuters": "Reuters",
    "AFP": "Agence France-Presse",
    "Agence France-Presse": "Agence France-Presse",
    "Agence France Presse": "Agence France-Presse",
    "UPI": "United Press International",
    "United Press International": "United Press International",
    "dpa": "Deutsche Presse-Agentur",
    "DPA": "Deutsche Presse-Agentur",
    "Deutsche Presse-Agentur": "Deutsche Presse-Agentur",
    "EFE": "EFE",
    "Agencia EFE": "EFE",
    "ANSA": "ANSA",
    "Kyodo": "Kyodo News",
    "Kyodo News": "Kyodo News",
    "Jiji": "Jiji Press",
    "Jiji Press": "Jiji Press",
    "Xinhua": "Xinhua",
    "Xinhua News Agency": "Xinhua",
    "Yonhap": "Yonhap",
    "Yonhap News Agency": "Yonhap",
    "TASS": "TASS",
    "ITAR-TASS": "TASS",
    "Interfax": "Interfax",
    "RIA Novosti": "RIA Novosti",
    "PA": "PA Media",
    "PA Media": "PA Media",
    "Press Association": "PA Media",
    "ANI": "Asian News International",
    "Asian News International": "Asian News International",
    "PTI": "Press Trust of India",
    "Press Trust of India": "Press Trust of India",
    "IANS": "Indo-Asian News Service",
    "Bernama": "Bernama",
    "Anadolu": "Anadolu Agency",
    "Anadolu Agency": "Anadolu Agency",
    "AA": "Anadolu Agency",
    "Bloomberg": "Bloomberg",
    "Bloomberg News": "Bloomberg",
    "CP": "The Canadian Press",
    "Canadian Press": "The Canadian Press",
    "The Canadian Press": "The Canadian Press",
    "AAP": "Australian Associated Press",
    "Australian Associated Press": "Australian Associated Press",
    "APP": "Associated Press of Pakistan",
    "IRNA": "Islamic Republic News Agency",
    "KCNA": "Korean Central News Agency",
    "WAFA": "WAFA",
    "Europa Press": "Europa Press",
}
_AGENCY_BY_KEY = {re.sub(r"[\W_]+", "", k).casefold(): v for k, v in AGENCIES.items() if len(k) > 4}


def expand_agency(name: str) -> str:
    """The full name of a wire agency ("AP" -> "Associated Press"); other names come back trimmed."""
    if not isinstance(name, str):
        return ""
    clean = " ".join(name.split()).strip(" .,;:()[]")
    if clean in AGENCIES:
        return AGENCIES[clean]
    if clean.upper() in AGENCIES and len(clean) <= 5:  # "Ap", "afp": initialisms in odd case
        return AGENCIES[clean.upper()]
    return _AGENCY_BY_KEY.get(re.sub(r"[\W_]+", "", clean).casefold(), clean)


def _agency_of(text: str) -> str | None:
    """The agency named by exactly ``text`` (abbreviations case-sensitive), else None."""
    clean = " ".join(text.split()).strip(" .,;:")
    if clean in AGENCIES:
        return AGENCIES[clean]
    return _AGENCY_BY_KEY.get(re.sub(r"[\W_]+", "", clean).casefold()) if len(clean) > 4 else None


# ---------------------------------------------------------------------------------------------
# Page metadata
# ---------------------------------------------------------------------------------------------
#: ``<meta>`` names/properties holding a publication date (common CMS, Dublin Core, analytics tags).
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "originalpublicationdate",
    "displaydate",
)
#: ``<meta>`` names/properties holding a modification date.
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
)
ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "report")
MAX_JSONLD_NODES = 5000  # a page's JSON-LD is small; stop walking pathological documents
MAX_JSONLD_CHARS = 1_000_000
HANDLE = re.compile(r"^@\w+$")
WS = re.compile(r"\s+")
#: "© 2024 Example Media Group. All rights reserved." / "Copyright (c) 2009, The Example Times"
COPYRIGHT = re.compile(
    r"(?:(?:©|&copy;|\(c\)|\bcopyright\b)\s*)+(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d)?)?\s*)?,?\s*"
    r"(?-i:(?P<name>(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|and|&|for|the|de)){0,6}))",
    re.I,
)
CORPORATE_TAIL = re.compile(
    r"(?:[\s,]+(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|plc|PLC|Corp|Corporation|Co|Company|GmbH|S\.A|AG|"
    r"All|Rights|Reserved)\.?)+$"
)


@dataclass(frozen=True)
class PageMeta:
    """Branding and metadata an HTML page states about itself (every field may be empty)."""

    title: str | None = None  # <title>, whitespace collapsed
    og_title: str | None = None
    headline: str | None = None  # JSON-LD headline
    site_name: str | None = None  # og:site_name
    application_name: str | None = None
    publisher: str | None = None  # JSON-LD publisher.name
    authors: tuple[str, ...] = ()
    twitter_site: str | None = None  # a @handle, kept raw: it is not a name
    canonical_url: str | None = None  # <link rel=canonical>
    og_url: str | None = None
    jsonld_url: str | None = None
    dates: tuple[tuple[str, str], ...] = ()  # (raw value, provenance), best evidence first
    modified: tuple[tuple[str, str], ...] = ()
    copyright_names: tuple[str, ...] = ()  # organisations named by copyright lines
    credit_lines: tuple[str, ...] = ()  # short texts of byline/dateline/credit/source elements

    @property
    def url(self) -> str | None:
        """The page's own URL: canonical link, then og:url, then JSON-LD url."""
        return self.canonical_url or self.og_url or self.jsonld_url


def page_metadata(html: str) -> PageMeta:
    """Everything :class:`PageMeta` holds, read from ``html``; an empty record for unparsable input."""
    if not isinstance(html, str) or not html.strip():
        return PageMeta()
    try:
        doc = lxml.html.document_fromstring(html.encode("utf-8", "replace"))
    except (etree.ParserError, ValueError, TypeError):
        return PageMeta()
    try:
        return _read_page(doc)
    except (ValueError, TypeError, RecursionError):  # lxml surprises on odd trees: degrade, never raise
        return PageMeta()


def _read_page(doc: Any) -> PageMeta:
    meta = _meta_tags(doc)
    ld = _jsonld(doc)
    dates = list(ld["dates"])
    dates += [(meta[k], f"meta {k}") for k in PUBLISHED_META if meta.get(k)]
    dates += _element_dates(doc)
    modified = list(ld["modified"]) + [(meta[k], f"meta {k}") for k in MODIFIED_META if meta.get(k)]
    twitter = meta.get("twitter:site")
    return PageMeta(
        title=_collapse(" ".join(doc.xpath("//title[1]//text()"))),
        og_title=_collapse(meta.get("og:title")),
        headline=ld["headline"],
        site_name=_collapse(meta.get("og:site_name")),
        application_name=_collapse(meta.get("application-name")),
        publisher=ld["publisher"],
        authors=tuple(ld["authors"]),
        twitter_site=twitter if twitter and HANDLE.match(twitter) else None,
        canonical_url=_collapse(next(iter(doc.xpath("//link[@rel='canonical']/@href")), None)),
        og_url=_collapse(meta.get("og:url")),
        jsonld_url=ld["url"],
        dates=tuple(_dedupe(dates)),
        modified=tuple(_dedupe(modified)),
        copyright_names=tuple(_copyright_names(doc, meta)),
        credit_lines=tuple(_credit_lines(doc)),
    )


def _collapse(value: object) -> str | None:
    """Whitespace runs folded to one space; None for empty or non-string values."""
    if not isinstance(value, str):
        return None
    return WS.sub(" ", value).strip() or None


def _dedupe(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for raw, where in pairs:
        raw = raw.strip()
        if raw and (raw, where) not in seen:
            seen.add((raw, where))
            out.append((raw, where))
    return out


def _meta_tags(doc: Any) -> dict[str, str]:
    """``<meta>`` keys (property, name, itemprop or http-equiv, lower-cased) -> first non-empty value.

    Some CMSs write ``value=`` instead of ``content=``; both are read.
    """
    out: dict[str, str] = {}
    for el in doc.iter("meta"):
        value = el.get("content") or el.get("value")
        if not value or not value.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (el.get(attr) or "").strip().lower()
            if key and key not in out:
                out[key] = value.strip()
    return out


def _element_dates(doc: Any) -> list[tuple[str, str]]:
    """Dates on ``itemprop=datePublished`` elements and ``<time pubdate>``."""
    out = []
    for el in doc.xpath("//*[@itemprop='datePublished' and not(self::meta)]")[:5]:
        raw = el.get("content") or el.get("datetime") or _collapse(el.text_content())
        if raw:
            out.append((raw, "itemprop datePublished"))
    for el in doc.xpath("//time[@pubdate]")[:5]:
        raw = el.get("datetime") or _collapse(el.text_content())
        if raw:
            out.append((raw, "time element"))
    return out


def _jsonld(doc: Any) -> dict[str, Any]:
    """Headline, dates, publisher, authors and url from the page's JSON-LD blocks.

    The first article-typed object wins; other objects only fill what is still missing.
    """
    found: dict[str, Any] = {
        "headline": None,
        "publisher": None,
        "url": None,
        "authors": [],
        "dates": [],
        "modified": [],
    }
    objects = [obj for raw in doc.xpath("//script[@type='application/ld+json']/text()") for obj in _ld_objects(raw)]
    objects.sort(key=lambda o: not _is_article(o))  # stable: article objects first, page order kept
    for obj in objects:
        if found["headline"] is None and isinstance(obj.get("headline"), str):
            found["headline"] = _collapse(obj["headline"])
        if found["publisher"] is None:
            found["publisher"] = _name_of(obj.get("publisher"))
        if found["url"] is None and _is_article(obj) and isinstance(obj.get("url"), str):
            found["url"] = _collapse(obj["url"])
        if not found["authors"]:
            found["authors"] = _names(obj.get("author"))
        for key, bucket in (("datePublished", "dates"), ("dateCreated", "dates"), ("dateModified", "modified")):
            if isinstance(obj.get(key), str) and obj[key].strip():
                found[bucket].append((obj[key].strip(), "json-ld" if key == "datePublished" else f"json-ld {key}"))
    return found


def _ld_objects(raw: str) -> Iterator[dict[str, Any]]:
    """Every dict in one JSON-LD block (top level, lists, ``@graph``), breadth-first and bounded."""
    text = raw.strip()
    if not text or len(text) > MAX_JSONLD_CHARS:
        return
    text = re.sub(r"^(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)$", "", text).strip().rstrip(";")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    queue: list[Any] = [data]
    seen = 0
    while queue and seen < MAX_JSONLD_NODES:
        node = queue.pop(0) if len(queue) < 64 else queue.pop()  # bounded either way by MAX_JSONLD_NODES
        seen += 1
        if isinstance(node, list):
            queue.extend(node[:MAX_JSONLD_NODES])
        elif isinstance(node, dict):
            yield node
            graph = node.get("@graph")
            if isinstance(graph, list):
                queue.extend(graph[:MAX_JSONLD_NODES])


def _is_article(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.casefold() in ARTICLE_TYPES for k in kinds)


def _name_of(value: object) -> str | None:
    """``{"name": "X"}``, ``"X"`` or the first of a list of those."""
    if isinstance(value, list):
        value = next((v for v in value if _name_of(v)), None)
    if isinstance(value, dict):
        value = value.get("name")
    name = _collapse(value)
    return name if name and not HANDLE.match(name) and not name.lower().startswith("http") else None


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [n for n in (_name_of(v) for v in items[:50]) if n]


CREDIT_CLASS = re.compile(r"byline|dateline|author|agency", re.I)
PICTURE_CLASS = re.compile(r"caption|photo|image|img|picture|media", re.I)  # photo credits are not bylines
MAX_CREDIT_CHARS = 160


def _credit_lines(doc: Any) -> list[str]:
    """Short texts of elements whose class or id says byline, dateline, credit, author or source."""
    out: list[str] = []
    for el in doc.xpath("//body//*[@class or @id]"):
        if len(out) >= 10:
            break
        names = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag in ("script", "style") or not CREDIT_CLASS.search(names) or PICTURE_CLASS.search(names):
            continue
        text = _collapse(el.text_content()[: MAX_CREDIT_CHARS * 4])
        if text and len(text) <= MAX_CREDIT_CHARS and text not in out:
            out.append(text)
    return out


def _copyright_names(doc: Any, meta: dict[str, str]) -> list[str]:
    """Organisations named by copyright lines (``<meta name=copyright>`` first, then page text)."""
    texts = [meta["copyright"]] if meta.get("copyright") else []
    xp = (
        "//text()[(contains(., '©') or contains(translate(., 'COPYRIGHT', 'copyright'), 'copyright'))"
        " and not(ancestor::script) and not(ancestor::style)]"
    )
    texts += [str(t) for t in doc.xpath(xp)[-20:]]
    out: list[str] = []
    for text in texts:
        name = copyright_holder(text[:500])
        if name and name not in out:
            out.append(name)
    return out


def copyright_holder(line: str) -> str | None:
    """The organisation a copyright line names ("© 2009 The Example Times Inc." -> "The Example Times")."""
    if not isinstance(line, str):
        return None
    m = COPYRIGHT.search(line)
    if not m:
        return None
    name = re.split(r"\.\s|\s+all rights reserved", m.group("name"), maxsplit=1, flags=re.I)[0]
    name = CORPORATE_TAIL.sub("", name.strip()).strip(" ,.&")
    name = re.sub(r"\s+(?:of|and|&|for|the|de)$", "", name)
    words = name.split()
    if not words or (words[0].lower() in {"by", "notice", "policy", "info", "information", "the"} and len(words) == 1):
        return None
    return name if len(name) >= 2 and not name.isdigit() else None


# ---------------------------------------------------------------------------------------------
# Hosts
# ---------------------------------------------------------------------------------------------
#: Host prefixes that do not change the outlet (mobile, AMP, regional editions, "www2").
HOST_PREFIXES = re.compile(r"^(?:(?:www\d*|m|mobile|amp|edition|editions|beta|en|eu|us|uk|int|intl|global)\.)+")
#: Second-level labels of country-code registries ("example.co.uk", "example.com.au").
SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "nic", "gob"}


def host_of(url: str | None) -> str | None:
    """The host name of a URL, or None for a missing or malformed one (urllib raises on some)."""
    try:
        return urlparse(url).hostname if url else None
    except ValueError:
        return None


def canonical_host(host: str) -> str:
    """One name per outlet: lower case, no port, no ``www.``/``m.``/``amp.``/``edition.`` prefix."""
    if not isinstance(host, str):
        return ""
    h = host.strip().lower()
    if "//" in h:
        h = host_of(h) or ""
    h = h.split("/")[0].split(":")[0].strip(".")
    stripped = HOST_PREFIXES.sub("", h)
    return stripped if "." in stripped else h


def registrable_domain(host: str) -> str:
    """Registrable domain: "news.example.co.uk" -> "example.co.uk".

    A small rule for ccTLD second levels, not the full public suffix list.
    """
    labels = canonical_host(host).split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def host_label(host: str) -> str:
    """The outlet's own label of a host: "www.latimes.com" -> "latimes"."""
    return registrable_domain(host).split(".")[0]


def readable_host(host: str) -> str | None:
    """A host shown as a name: "www.npr.org" -> "NPR.org", "example.co.uk" -> "Example.co.uk".

    Labels of up to three letters are usually initialisms, so they are upper-cased.
    """
    domain = registrable_domain(host)
    if not domain or "." not in domain:
        return None
    label, _, rest = domain.partition(".")
    label = label.upper() if len(label) <= 3 and label.isalpha() else label[:1].upper() + label[1:]
    return f"{label}.{rest}"


# ---------------------------------------------------------------------------------------------
# Title suffixes
# ---------------------------------------------------------------------------------------------
#: Separators between a headline and a site name: " | ", " - ", " — ", " – ", " : ", ": ", " · ", " » ".
SEPARATOR = re.compile(r"\s+[|\-–—:·•»~/]\s+|\s*[|·•»]\s*|(?<=\w):\s+|\s+::\s+")
#: Words a site name may carry after the outlet's own name ("Example News", "Example Politics").
GENERIC_WORDS = {
    "the", "news", "online", "com", "net", "org", "co", "uk", "politics", "sports", "sport", "business", "world",
    "tech", "technology", "opinion", "live", "digital", "media", "daily", "weekly", "today", "magazine", "blog",
    "blogs", "network", "tv", "radio", "newsroom", "edition", "international", "us", "local", "home",
}  # fmt: skip
MIN_TITLE_WORDS = 2
MAX_SITE_WORDS = 6


def _key(text: str) -> str:
    """Case/punctuation-insensitive comparison key; a leading "The" is optional."""
    return re.sub(r"[\W_]+", "", re.sub(r"^\s*the\s+", "", text, flags=re.I).casefold())


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", text.casefold()) if w]


def _name_keys(name: str) -> set[str]:
    """Keys a site name may appear under: itself and without a domain ending ("Example.com" -> "example")."""
    keys = {_key(name)}
    bare = re.sub(r"\.(?:[a-z]{2,6})(?:\.[a-z]{2})?$", "", name.strip(), flags=re.I)
    keys.add(_key(bare))
    keys.discard("")
    return keys


def names_site(segment: str, names: Iterable[str] = (), host: str | None = None) -> bool:
    """Whether ``segment`` names the site: one of ``names`` (plus up to two generic words) or the host."""
    words = _words(segment)
    if not words or len(words) > MAX_SITE_WORDS:
        return False
    seg_key = _key(segment)
    for name in names:
        if not isinstance(name, str):
            continue
        for key in _name_keys(name):
            if len(key) < 2:
                continue
            if seg_key == key or (seg_key.startswith(key) and _only_generic(segment, key)):
                return True
            if key.startswith(seg_key) and len(seg_key) >= 3 and _only_generic(name, seg_key):
                return True  # "Example" for the site name "Example News"
    if _agency_of(segment):
        return True  # a wire agency's name is a site name wherever it stands
    return bool(host) and host_names(segment, host or "")


def _only_generic(text: str, key: str) -> bool:
    """Whether ``text`` is ``key`` followed by at most two extra words (any words)."""
    words = _words(re.sub(r"^\s*the\s+", "", text, flags=re.I))
    acc = ""
    for i, w in enumerate(words):
        acc += w
        if acc == key:
            return len(words) - i - 1 <= 2
        if len(acc) > len(key):
            return False
    return False


def host_names(segment: str, host: str) -> bool:
    """Whether a site segment and a host name one outlet.

    True when the host's label ("latimes", "npr", "washingtonpost", "physorg") can be spelled from
    the segment's words in order, each word used whole, by its initial, or skipped when generic
    ("Los Angeles Times" -> l+a+times; "BBC News" -> bbc), or when the whole segment is the domain.
    """
    domain = registrable_domain(host)
    label = host_label(host)
    if len(label) < 2:
        return False
    seg_key = _key(segment)
    if seg_key in {_key(domain), _key(canonical_host(host)), label}:
        return True
    words = [w for w in _words(segment)]
    return bool(words) and len(words) <= MAX_SITE_WORDS and _spells(tuple(words), label)


@lru_cache(maxsize=4096)
def _spells(words: tuple[str, ...], label: str) -> bool:
    """Dynamic programme over (word index, label offset); at most 6 words x 63 chars."""

    @cache
    def go(i: int, j: int, whole: int) -> bool:
        if j == len(label):
            # initials alone must spell at least three letters ("NPR"), else "ap" would match any two words
            return all(w in GENERIC_WORDS for w in words[i:]) and (whole > 0 or len(label) >= 3)
        if i == len(words):
            return False
        w = words[i]
        if label.startswith(w, j) and go(i + 1, j + len(w), whole + 1):
            return True
        if label[j] == w[0] and len(w) > 1 and go(i + 1, j + 1, whole):
            return True
        return w in GENERIC_WORDS and go(i + 1, j, whole)

    return go(0, 0, 0)


def _segments(title: str) -> tuple[list[str], list[str]]:
    """Title pieces and the separators between them (``len(seps) == len(parts) - 1``)."""
    parts: list[str] = []
    seps: list[str] = []
    pos = 0
    for m in SEPARATOR.finditer(title):
        if m.start() == 0:
            continue
        parts.append(title[pos : m.start()])
        seps.append(m.group())
        pos = m.end()
    parts.append(title[pos:])
    return parts, seps


def split_site_suffix(title: str, names: Iterable[str] = (), host: str | None = None) -> tuple[str, str | None]:
    """Remove a trailing (or leading) segment naming the site: "Headline | Section | Outlet" -> ("Headline", "Outlet").

    The segment must name the site (one of ``names`` or the ``host``); section segments between the
    headline and the site name are dropped with it when they use the same separator. Nothing is removed
    when what remains would be a one-word title. Returns (clean title, the site-naming segment or None).
    """
    if not isinstance(title, str):
        return "", None
    clean = WS.sub(" ", title).strip()
    name_list = [n for n in names if isinstance(n, str) and n.strip()]
    parts, seps = _segments(clean)
    if len(parts) < 2 or len(parts) > 40:
        return clean, None
    if names_site(parts[-1], name_list, host):
        cut = len(parts) - 1
        while cut > 1 and _section_separator(seps[cut - 1], seps[cut - 2]):
            if len(_words(parts[cut - 1])) > 4:
                break
            cut -= 1
        while cut >= 1:
            rest = "".join(p + s for p, s in zip(parts[: cut - 1], seps[: cut - 1], strict=False)) + parts[cut - 1]
            if _long_enough(rest):
                return rest.strip(), parts[-1].strip()
            cut += 1  # keep a section segment rather than leave a one-word title
            if cut > len(parts) - 1:
                break
        return clean, None
    if names_site(parts[0], name_list, host):
        rest = clean[len(parts[0]) + len(seps[0]) :]
        if _long_enough(rest):
            return rest.strip(), parts[0].strip()
    return clean, None


def _section_separator(sep: str, before: str) -> bool:
    """Whether ``before`` repeats ``sep`` ("A | Section | Site"); a bare "Word: " is headline punctuation."""
    return sep.strip() == before.strip() and (sep.strip() != ":" or sep[:1].isspace())


def _long_enough(title: str) -> bool:
    return len(_words(title)) >= MIN_TITLE_WORDS and len(title.strip()) >= 8


def recurring_suffixes(titles: list[str], min_count: int = 3) -> set[str]:
    """End segments (after a separator) shared by at least ``min_count`` distinct titles of a corpus."""
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for title in {WS.sub(" ", t).strip() for t in titles if isinstance(t, str)}:
        parts, _ = _segments(title)
        if len(parts) < 2:
            continue
        last = parts[-1].strip()
        key = _key(last)
        if key and len(_words(last)) <= MAX_SITE_WORDS:
            counts[key] += 1
            spelling.setdefault(key, Counter())[last] += 1
    return {spelling[k].most_common(1)[0][0] for k, n in counts.items() if n >= max(2, min_count)}


# ---------------------------------------------------------------------------------------------
# Outlet
# ---------------------------------------------------------------------------------------------


def outlet_name(page: PageMeta, host: str | None, title_suffix: str | None) -> str | None:
    """The outlet's name by evidence, best first: JSON-LD publisher, og:site_name, application-name,
    the removed title suffix, a copyright holder; the host (made readable) only as a last resort.

    A host-like name ("latimes") gives way to a fuller candidate that spells it ("Los Angeles Times").
    """
    if not isinstance(page, PageMeta):
        page = PageMeta()
    candidates = [page.publisher, page.site_name, page.application_name, title_suffix, *page.copyright_names]
    named = [c.strip() for c in candidates if isinstance(c, str) and _plausible_name(c)]
    if named:
        best = named[0]
        if DOMAIN_NAME.search(best):  # "Example.org" yields to the same brand written "Example"
            bare = _key(DOMAIN_NAME.sub("", best))
            plain = next((c for c in named[1:] if not DOMAIN_NAME.search(c) and _key(c) == bare), None)
            if plain:
                return plain
        if _host_like(best):
            fuller = next((c for c in named[1:] if not _host_like(c) and _spells(tuple(_words(c)), _key(best))), None)
            if fuller:
                return fuller
        return best
    return readable_host(host) if isinstance(host, str) and host.strip() else None


DOMAIN_NAME = re.compile(r"\.(?:com|org|net|co|info|news|media|[a-z]{2})(?:\.[a-z]{2})?$", re.I)


def _plausible_name(name: str) -> bool:
    name = name.strip()
    return (
        1 < len(name) <= 80
        and not HANDLE.match(name)
        and not re.match(r"^(?:https?:|www\.)", name, re.I)
        and len(_words(name)) <= 8
        and _key(name) not in {"home", "news", "homepage", "article", "index"}
    )


def _host_like(name: str) -> bool:
    """One lower-case token ("latimes", "nytimes"): a host label used as a site name."""
    return bool(re.fullmatch(r"[a-z0-9]+", name.strip()))


# ---------------------------------------------------------------------------------------------
# Wire copy and source lines
# ---------------------------------------------------------------------------------------------
#: "WASHINGTON (AP) —", "LONDON, England (Reuters) -", "Scranton, Pa. (Reuters) -", "(AFP) -", "(CBS News) Text"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][\w.'’-]*(?:[ ,]+[\w.'’-]+){0,5}?\s*)?\((?P<agency>[A-Za-z][\w&.'’ -]{0,40}?)\)"
    r"\s*(?P<dash>[-—–:]+|--)?\s*(?P<next>\S)?"
)
#: "By Jane Doe, Reuters", "By Jane Doe | AP", "Jane Doe, Associated Press", "By JANE DOE AP Business Writer".
#: "Name/AP" is the photo-credit convention, so a slash does not end a byline.
BYLINE_TAIL = re.compile(
    r"(?:,|\||—|–|\s-|\bof\b|\bfor\b)\s*(?P<agency>(?:The\s+)?[A-Za-z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}?)"
    r"(?:\s+(?:[A-Z][a-z]+\s+)?(?:Writer|Correspondent|Reporter|Staff|Editor))?\s*\.?\s*$"
)
BYLINE_AGENCY_WRITER = re.compile(r"^(?P<before>.+?)\s+(?:Writer|Correspondent)\s*$")
NAME_WORD = re.compile(r"^[A-Z][\w.'’-]*$|^(?:and|de|van|von|al|bin|da|del|la|le)$")
MAX_BYLINE_WORDS = 14


def wire_agency(paragraphs: list[str]) -> str | None:
    """The wire agency (full name) of copy hosted by another outlet, from a dateline or byline.

    Only names count, never writing style. A dateline "(X)" names the source even when X is no
    agency in :data:`AGENCIES` (then X comes back as written) if it is set off like one.
    """
    if not isinstance(paragraphs, list):
        return None
    for para in paragraphs[:10]:
        if not isinstance(para, str):
            continue
        head = WS.sub(" ", para[:300]).strip()
        found = _dateline_agency(head) or _byline_agency(head)
        if found:
            return found
    return None


#: Parenthesised labels that open paragraphs without naming an outlet.
NOT_OUTLETS = {
    "UPDATE", "UPDATED", "VIDEO", "PHOTOS", "PHOTO", "WATCH", "LIVE", "EXCLUSIVE", "BREAKING", "OPINION",
    "ANALYSIS", "CORRECTION", "EDITOR'S NOTE", "EDITORS NOTE", "AUDIO", "LISTEN", "FILE", "SPONSORED", "AD",
}  # fmt: skip


def _dateline_agency(text: str) -> str | None:
    m = DATELINE.match(text)
    if not m:
        return None
    raw = m.group("agency").strip()
    if m.group("place") and not _place_like(m.group("place")):
        return None
    known = _agency_of(raw)
    if known:
        return known if (m.group("dash") or m.group("next")) else None
    words = raw.split()
    if not words or len(words) > 4 or not all(re.match(r"^[A-Z&]", w) for w in words):
        return None
    if raw.upper() in NOT_OUTLETS:
        return None
    initialism = re.fullmatch(r"[A-Z]{2,6}", words[0].replace(".", "")) is not None
    starts_text = bool(m.group("next") and m.group("next").isupper())
    # An unknown outlet counts when set off like a dateline: after a place with a dash, or as an
    # initialism ("CBS News", "CNN") opening the paragraph and followed by a sentence.
    if (m.group("place") and m.group("dash")) or (
        not m.group("place") and initialism and (m.group("dash") or starts_text)
    ):
        return raw
    return None


def _place_like(place: str) -> bool:
    """A dateline place: capitalised words (a state/country after a comma), no sentence before it."""
    words = [w for w in re.split(r"[\s,]+", place.strip()) if w]
    return 0 < len(words) <= 6 and all(w[0].isupper() for w in words)


def _byline_agency(text: str) -> str | None:
    if len(text.split()) > MAX_BYLINE_WORDS:
        return None
    body = re.sub(r"^(?:story\s+)?by\s+", "", text, flags=re.I)
    has_by = body != text
    m = BYLINE_TAIL.search(body)
    if m and _agency_of(m.group("agency")):
        names = body[: m.start()].split()
        if names and (has_by or len(names) <= 5) and all(NAME_WORD.match(w.strip(",")) for w in names):
            return _agency_of(m.group("agency"))
    if has_by and (w := BYLINE_AGENCY_WRITER.search(body)):
        words = w.group("before").split()
        for n in (1, 2, 3):  # "AP [Business] Writer", "Associated Press Writer"
            for skip in (0, 1):
                tail = words[len(words) - n - skip : len(words) - skip]
                if len(tail) == n and (found := _agency_of(" ".join(tail))):
                    return found
    return _credit_agency(text)


#: "Associated Press / December 31, 2007", "Reuters | 12 May 2020", "AFP": an agency credit on its own.
CREDIT = re.compile(r"^(?P<agency>[A-Za-z][\w&.'’ -]{1,40}?)\s*(?:$|[/|·•,—–-]\s*(?=.*\d))")


def _credit_agency(text: str) -> str | None:
    m = CREDIT.match(text)
    return _agency_of(m.group("agency")) if m and len(text.split()) <= 8 else None


#: "Example.com", "news.example.co.uk" alone on a line (file names are not domains).
DOMAIN_LINE = re.compile(r"^(?:www\.)?(?P<domain>[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,12})$")
FILE_SUFFIXES = {
    "png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "doc", "docx", "txt", "html", "htm", "md", "php", "js",
    "css", "json", "xml", "mp3", "mp4", "zip", "csv", "xls", "xlsx", "ppt", "pptx", "aspx", "jsp", "py",
}  # fmt: skip
SOURCE_LABEL = re.compile(r"^\s*(?:source|sources|via|courtesy(?: of)?)\s*[:\-–—]\s*(?P<name>\S.{0,80}?)\s*$", re.I)
SOURCE_LINE_WINDOW = 12


def source_line(lines: list[str]) -> str | None:
    """An outlet named on its own line near the top: a domain-style name ("Example.com") or "Source: Name"."""
    if not isinstance(lines, list):
        return None
    for line in lines[:SOURCE_LINE_WINDOW]:
        if not isinstance(line, str) or len(line) > 200:
            continue
        text = line.strip().strip("*_#> ").strip()
        m = DOMAIN_LINE.match(text)
        if m and m.group("domain").rsplit(".", 1)[-1].lower() not in FILE_SUFFIXES and not text[0].isdigit():
            return m.group("domain")
        label = SOURCE_LABEL.match(text)
        if label:
            name = label.group("name").strip(" .")
            if re.match(r"^https?://", name, re.I):
                return readable_host(host_of(name) or "")
            return expand_agency(name) if _plausible_name(name) else None
    return None
