"""Thresholds and limits, in one place (never scattered literals)."""

from __future__ import annotations

from dataclasses import dataclass

#: Bumped whenever the index layout, the cleaner or an extractor changes its output:
#: an index built under another version is rebuilt from scratch.
SCHEMA_VERSION = 1

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class Settings:
    """Tunable limits for ingestion and cleaning."""

    max_file_bytes: int = 5_000_000
    #: share of control characters (after decoding) above which a file is called binary
    max_control_ratio: float = 0.05
    #: a line with fewer words than this is never article prose on its own
    short_line_words: int = 3
    #: content-word overlap with the main body below which a trailing block is boilerplate
    min_coherence: float = 0.25
    #: segments shorter than this need twice the coherence (few words make a noisy ratio)
    tiny_segment_words: int = 15
    #: words a headline may have
    headline_min_words: int = 3
    headline_max_words: int = 30


DEFAULT_SETTINGS = Settings()
