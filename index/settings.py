"""Thresholds and limits, in one place (never scattered literals)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: Bumped whenever the index layout, the cleaner or an extractor changes its output:
#: an index built under another version is rebuilt from scratch.
SCHEMA_VERSION = 2  # 2: the body_pairs field (word pairs for phrase queries)


@cache
def index_fingerprint() -> str:
    """SCHEMA_VERSION plus a hash of this package's code: an index built by other extraction code
    (an upgrade, or a developer's edit) is rebuilt instead of serving stale results."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return f"{SCHEMA_VERSION}:{digest.hexdigest()[:16]}"


SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class Settings:
    """Tunable limits for ingestion and cleaning."""

    max_file_bytes: int = 5_000_000
    #: share of control characters (after decoding) above which a file is called binary
    max_control_ratio: float = 0.05
    #: a line with fewer words than this is never article prose on its own
    short_line_words: int = 3
    #: a finished sentence with at least this many words is prose
    prose_min_words: int = 10
    #: a line this long is prose even without a sentence ending
    long_line_words: int = 25
    #: content-word overlap with the main body below which a trailing block is boilerplate
    min_coherence: float = 0.25
    #: segments shorter than this need twice the coherence (few words make a noisy ratio)
    tiny_segment_words: int = 15
    #: processes for reading and analysing files (0: one per core, at most 4)
    workers: int = 0
    #: below this many changed files a build stays in one process (starting workers costs ~1 s)
    parallel_min_files: int = 200
    #: words a headline may have
    headline_min_words: int = 3
    headline_max_words: int = 30
    #: a credit, caption, promo or editorial-note line longer than this is prose that happens to match
    credit_max_words: int = 40
    #: a short line seen this many times in one document is interface chrome (nav, "Reply")
    repeated_line_min: int = 3
    #: lines of at most this many words can be repeated chrome or teaser headlines
    chrome_max_words: int = 15
    #: this many headline-shaped title-case lines in a row are a teaser list or navigation
    teaser_run_min: int = 3
    #: share of capitalised words above which a short line is title case
    title_case_share: float = 0.6
    #: a finished sentence of at least this many words counts as prose in one-sentence-per-line text
    sentence_min_words: int = 4
    #: lines holding figures (scores, standings, scorers) that make a run after the body its data table
    data_rows_min: int = 3
    #: glued block joins ("word.Word") needed before :func:`index.boilerplate.unglue` repairs a text
    glue_min_joins: int = 3


DEFAULT_SETTINGS = Settings()
