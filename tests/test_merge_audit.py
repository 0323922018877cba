"""The merge audit's report: names and sentences from the files are shown, never run."""

from __future__ import annotations

from benchmarks.merge_audit import AuditedEntity, Merge, render

FIGURES = {
    "corpus": "c",
    "articles": 1,
    "mentions": 2,
    "entities": 1,
    "merges": 1,
    "merges_by_rule": {"surname": 1},
    "resolve_plain_s": 0.1,
    "resolve_with_evidence_s": 0.1,
}


def test_report_shows_names_and_sentences_without_terminal_sequences() -> None:
    hostile = "Ana\x1b[2J\x1b]0;owned\x07 Ruiz\nFAKE LINE"
    entity = AuditedEntity(
        "ana-ruiz", hostile, "PERSON", 2, 1, [(hostile, 1), ("Ruiz", 1)],
        [Merge("surname", "Ruiz", hostile, "a\x1b[31m", 1, f"{hostile} said so.")],
    )  # fmt: skip
    report = render([entity], FIGURES, top=5)
    assert "\x1b" not in report and "\x07" not in report
    assert "FAKE LINE" not in [line.strip() for line in report.splitlines()]  # no line forged by a newline
    assert "Ana" in report and "Ruiz" in report and "said so." in report
