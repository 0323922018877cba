"""How well the plain-text path recovers an article from a whole web page copied as text.

    python -m benchmarks.bench_pasted_pages PAGES_DIR [--json]

Each ``*.html`` page in PAGES_DIR is rendered to plain text the way a browser's "select all,
copy" gives it (every block element on its own line, scripts and styles left out), then cleaned
by broadsheet's text path. The reference is trafilatura's main text of the same page's HTML (a
strong extractor working on the tree, which the text path cannot see). Reported per page and on
average: token F1 against the reference for (a) no cleaning at all and (b) the text path, plus
how many pages the text path loses almost entirely (F1 < 0.2).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter
from pathlib import Path

from benchmarks.machine import describe
from index.clean import clean
from index.markdown_blocks import html_fragment_blocks
from index.models import RawDocument

TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in TOKEN.findall(text))


def f1(got: Counter[str], want: Counter[str]) -> float:
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def as_pasted_text(html: str) -> str:
    """The page as select-all-and-copy gives it: one line per block, no markup."""
    body = re.sub(r"(?is)<head\b.*?</head>", " ", html)
    return "\n".join(b.text for b in html_fragment_blocks(body))


def reference(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=False) or ""


def score_page(path: Path) -> dict[str, float | str]:
    html = path.read_text(encoding="utf-8", errors="replace")
    want = tokens(reference(html))
    pasted = as_pasted_text(html)
    raw = RawDocument(path.name, path, "text", pasted, "", "utf-8")
    article, _ = clean(raw, "page")
    cleaned = article.text if article else ""
    return {"page": path.name, "raw_f1": f1(tokens(pasted), want), "text_path_f1": f1(tokens(cleaned), want)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--json", action="store_true")
    ns = parser.parse_args()
    rows = [score_page(p) for p in sorted(ns.pages.glob("*.html"))]
    summary = {
        "machine": describe(),
        "pages": len(rows),
        "raw_f1_mean": statistics.fmean(float(r["raw_f1"]) for r in rows) if rows else 0.0,
        "text_path_f1_mean": statistics.fmean(float(r["text_path_f1"]) for r in rows) if rows else 0.0,
        "text_path_lost": sum(float(r["text_path_f1"]) < 0.2 for r in rows),
    }
    if ns.json:
        print(json.dumps({"summary": summary, "pages": rows}, indent=1))
        return
    for r in rows:
        print(f"{r['page']:<32} no cleaning {float(r['raw_f1']):.3f}   text path {float(r['text_path_f1']):.3f}")
    print(
        f"{summary['pages']} pages: mean token F1 no cleaning {summary['raw_f1_mean']:.3f}, "
        f"text path {summary['text_path_f1_mean']:.3f}; pages lost (F1 < 0.2): {summary['text_path_lost']}"
    )
    print(summary["machine"])


if __name__ == "__main__":
    main()
