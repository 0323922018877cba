"""Raw document -> :class:`Article`: front matter, metadata, boilerplate removal, normalised text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from . import boilerplate, frontmatter, metadata
from .models import Article, Problem, RawDocument
from .settings import DEFAULT_SETTINGS, Settings

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " "})


def normalise(text: str) -> str:
    """NFC, Unix newlines, no control characters, no-break spaces as spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text.replace("\u2028", "\n")).translate(SPACES)


def one_line(value: str | None) -> str | None:
    """A metadata value as a single clean line (front matter may hold anything)."""
    if value is None:
        return None
    return " ".join(normalise(value).split()) or None


def content_hash(text: str) -> str:
    """Hash of the cleaned text, whitespace-insensitive: equal hashes mean duplicate articles."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def clean(
    raw: RawDocument, article_id: str, settings: Settings = DEFAULT_SETTINGS
) -> tuple[Article | None, list[Problem]]:
    """Clean one document. Returns None (with a problem) when it holds no article text."""
    if raw.kind == "html":
        return _clean_html(raw, article_id)
    fm = frontmatter.split(raw.path, raw.content)
    blocks = boilerplate.classify(normalise(fm.body), settings)
    inferred = metadata.infer(blocks, settings)
    fields = fm.fields
    title = fields.get("title") or inferred.title
    drop = {metadata.headline_key(t) for t in (title, inferred.title) if t}
    kept = [b.text for b in blocks if b.keep and metadata.headline_key(b.text) not in drop]
    text = "\n\n".join(kept)
    if not text.strip():
        return None, [*fm.problems, Problem(raw.path, "no article text left after removing boilerplate")]
    article = Article(
        id=article_id,
        path=raw.path,
        title=one_line(title),
        published=fields.get("published") or inferred.published,
        source=one_line(fields.get("source") or inferred.source),
        url=one_line(fields.get("url") or inferred.url),
        text=text,
        content_hash=content_hash(text),
        author=one_line(fields.get("author") or inferred.author),
    )
    return article, fm.problems


def _clean_html(raw: RawDocument, article_id: str) -> tuple[Article | None, list[Problem]]:
    """HTML goes through trafilatura: main text plus title, date and site metadata."""
    import trafilatura  # heavy; imported only when a corpus has HTML

    doc = trafilatura.bare_extraction(raw.content, with_metadata=True, include_comments=False, include_tables=False)
    meta: dict = doc if isinstance(doc, dict) else doc.as_dict() if doc is not None else {}
    body = meta.get("text")
    if not body or not body.strip():
        return None, [Problem(raw.path, "no article text found in the HTML")]
    title = one_line(meta.get("title"))
    paragraphs = [p.strip() for p in normalise(body).split("\n") if p.strip()]
    if title and paragraphs and metadata.headline_key(paragraphs[0]) == metadata.headline_key(title):
        paragraphs = paragraphs[1:]
    text = "\n\n".join(paragraphs)
    date = meta["date"][:10] if meta.get("date") else None
    article = Article(
        id=article_id,
        path=raw.path,
        title=title,
        published=date,
        source=one_line(meta.get("sitename") or meta.get("hostname")),
        url=one_line(meta.get("url")),
        text=text,
        content_hash=content_hash(text),
        author=one_line(meta.get("author")),
    )
    return article, []
