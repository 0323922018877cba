"""Smoke test of the corpus-store benchmark on 20 generated articles (no tmux part)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from benchmarks import bench_store

BUILD_STEPS = ("full", "noop", "one_changed", "ten_added")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    workdir = tmp_path_factory.mktemp("bench")
    out = workdir / "report.json"
    ns = argparse.Namespace(count=20, workdir=workdir, queries=3, skip_anchors=False, skip_tui=True, out=out)
    return bench_store.run(ns), workdir


def positive_numbers(data: object) -> list[float]:
    """Every int/float in a nested report (booleans left out)."""
    if isinstance(data, bool):
        return []
    if isinstance(data, int | float):
        return [data]
    if isinstance(data, dict):
        return [n for v in data.values() for n in positive_numbers(v)]
    if isinstance(data, list):
        return [n for v in data for n in positive_numbers(v)]
    return []


def test_sections_are_all_there(report: tuple[dict, Path]) -> None:
    data, _ = report
    assert set(data) == {"machine", "count", "loadavg_start", "corpus", "build", "size", "queries", "reader",
                         "anchors", "ratios", "loadavg_end"}  # fmt: skip
    assert set(data["build"]) == set(BUILD_STEPS)
    assert set(data["queries"]["kinds"]) == set(bench_store.QUERIES)
    assert set(data["anchors"]) == {"docs", "whoosh_1_writer", "whoosh_2_procs", "fts5"}
    assert "missing" not in data["ratios"]


def test_build_steps_ran_in_children_and_did_what_they_say(report: tuple[dict, Path]) -> None:
    build = report[0]["build"]
    for step in BUILD_STEPS:
        assert "error" not in build[step], build[step]
        assert build[step]["wall_s"] > 0 and build[step]["build_s"] > 0 and build[step]["rss_self_mb"] > 0
    assert build["full"]["articles"] == 20 and build["full"]["rebuilt"] is True
    assert build["full"]["articles_per_s"] > 0
    assert build["noop"]["unchanged"] == 20 and build["noop"]["updated"] == 0
    assert build["one_changed"]["updated"] == 1 and build["one_changed"]["probe_hits"] == 1
    assert build["ten_added"]["added"] == 10 and build["ten_added"]["articles"] == 30


def test_numbers_are_positive(report: tuple[dict, Path]) -> None:
    data = report[0]
    for section in ("size", "anchors", "ratios"):
        numbers = positive_numbers(data[section])
        assert numbers and all(n > 0 for n in numbers), section
    queries = data["queries"]
    assert queries["searcher_open_ms"] > 0
    for kind, figures in queries["kinds"].items():
        assert figures["p95_ms"] >= figures["p50_ms"] > 0, kind
        assert "errors" not in figures, figures
    assert queries["kinds"]["term"]["hits"]["government"] == 30  # a word of every generated article
    sizes = data["size"]
    assert sizes["generation_bytes"] == sum(sizes["parts_bytes"].values())
    assert sizes["index_folder_bytes"] >= sizes["generation_bytes"]
    reader = data["reader"]
    assert "error" not in reader, reader
    assert reader["entity_mentions"] > 0 and reader["passages"] > 0 and reader["found"] is True
    assert reader["library_open_s"] > 0 and reader["after_browsing"]["rss_mb"] > 0


def test_report_file_holds_the_same_json(report: tuple[dict, Path]) -> None:
    data, workdir = report
    assert json.loads((workdir / "report.json").read_text()) == data


def test_a_second_run_starts_from_the_generated_corpus(report: tuple[dict, Path]) -> None:
    _, workdir = report
    corpus = bench_store.prepare_corpus(workdir, 20)
    assert not (corpus / bench_store.ADDED_FOLDER).exists()
    assert not bench_store.changed_file(corpus).read_text(encoding="utf-8").endswith(bench_store.CHANGE_SENTENCE)
    assert len(list(corpus.rglob("*.*"))) == 20
