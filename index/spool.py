"""Analysed articles parked on disk between reading and storing a build.

A build reads every changed file before it stores any (which of several files with the same
text is indexed is known only once all are read), so the articles and their analyses must wait
somewhere. Held in memory they grew with the corpus (about 100 KB a file: 1.4 GB at 10,000
files, and a slower garbage collector the more there were); parked here the build holds one at
a time. The file is anonymous (unlinked as it is made) and gone when the build ends.

Entries are written with :mod:`marshal`, whose loading runs no code; it keeps tuples and lists
apart, so an analysis comes back exactly as it went in.
"""

from __future__ import annotations

import marshal
import tempfile
from dataclasses import astuple, fields
from pathlib import Path
from typing import IO, Any

from .models import Article, LinkRef

ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


class Spool:
    """Append-only store of (article, analysis) pairs, read back by the handle :meth:`put` gives."""

    def __init__(self, folder: Path | None = None) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="spool-", dir=folder)  # noqa: SIM115 (closed by close())
        self._end = 0

    def put(self, article: Article, analysis: dict[str, Any]) -> tuple[int, int]:
        """Park one article; returns its handle (offset, length)."""
        data = marshal.dumps((astuple(article), analysis))
        self._file.seek(self._end)
        self._file.write(data)
        handle = (self._end, len(data))
        self._end += len(data)
        return handle

    def get(self, handle: tuple[int, int]) -> tuple[Article, dict[str, Any]]:
        """The article and analysis parked under ``handle``."""
        offset, length = handle
        self._file.seek(offset)
        row, analysis = marshal.loads(self._file.read(length))
        values = dict(zip(ARTICLE_FIELDS, row, strict=True))
        values["links"] = tuple(LinkRef(*link) for link in values["links"])
        return Article(**values), analysis

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
