"""The whole pipeline on the hand-made mini corpus: build, export, incremental updates, atomicity."""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from index import clean, pipeline, settings
from index.export import export
from index.pipeline import BuildCancelled, Progress, build
from index.search import Searcher
from index.settings import DEFAULT_SETTINGS
from index.store import BuildLocked, IndexStore


def exported(corpus: Path) -> dict:
    report = build(corpus)
    return export(IndexStore(report.index_dir), corpus)


def search_ids(corpus: Path, query: str) -> list[str]:
    gen = IndexStore(pipeline.index_dir_for(corpus.resolve())).current()
    assert gen is not None
    with Searcher(gen) as s:
        return sorted(h.id for h in s.search(query, limit=50).hits)


def test_mini_corpus_builds_and_reports_every_bad_file(mini_corpus: Path) -> None:
    report = build(mini_corpus)
    assert report.articles == 5 and report.added == 5 and report.rebuilt
    reasons = {p.path: p.reason for p in report.problems}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["archive.txt"].startswith("binary content")
    assert reasons["world/floods-copy.txt"] == "duplicate of world/floods.txt"
    assert "bad YAML" in reasons["badyaml.md"]
    assert "not valid UTF-8" in reasons["latin1.txt"]
    assert "ignored.csv" not in reasons  # unsupported types are not corpus files
    assert report.skipped == 3


def test_export_follows_the_schema_and_every_offset(mini_corpus: Path, export_schema: dict) -> None:
    doc = exported(mini_corpus)
    jsonschema.validate(doc, export_schema)
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for e in doc["entities"]:
        for m in e["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]
    for t in doc["times"] + doc["events"]:
        assert texts[t["article"]][t["start"] : t["end"]] == t["text"]


def test_export_articles(mini_corpus: Path) -> None:
    arts = {a["id"]: a for a in exported(mini_corpus)["articles"]}
    assert sorted(arts) == ["badyaml", "election", "harbour", "latin1", "world-floods"]
    harbour = arts["harbour"]
    assert (harbour["title"], harbour["published"], harbour["source"]) == (
        "Harbour strike enters second week",
        "2023-05-09",
        "Coastal Herald",
    )
    assert harbour["text"].startswith("Dock workers") and "Related Posts" not in harbour["text"]
    floods = arts["world-floods"]
    assert floods["source"] == "VNA" and floods["title"] == "Floods cut roads across the northern valley"
    assert floods["url"] == "https://valleynews.example/2023/floods-northern-valley"
    assert floods["text"].startswith("RIVERTON (VNA)") and "gardening" not in floods["text"]
    assert "Advertisement" not in floods["text"]
    election = arts["election"]
    assert (election["title"], election["published"], election["source"]) == (
        "Mayor wins second term in close vote",
        "2022-11-09",
        "The Daily Ledger",
    )
    assert "Privacy" not in election["text"] and "Tomas Lindqvist" in election["text"]
    assert arts["badyaml"]["title"] == "Bridge reopens after repairs"  # inferred after the YAML error
    assert "cafés" in arts["latin1"]["text"]


def test_second_run_changes_nothing(mini_corpus: Path) -> None:
    first = build(mini_corpus)
    gen = IndexStore(first.index_dir).current()
    second = build(mini_corpus)
    assert not second.changed and second.unchanged == 8 and second.articles == 5
    assert IndexStore(first.index_dir).current() == gen  # no new generation written


def test_incremental_update_reads_only_changed_files(mini_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(mini_corpus)
    (mini_corpus / "harbour.md").write_text((mini_corpus / "harbour.md").read_text().replace("Valmera", "Ostrava"))
    (mini_corpus / "election.html").unlink()
    (mini_corpus / "new.txt").write_text(
        "Library opens at night\n\nThe city library will stay open until midnight from next month, the council "
        "said on Thursday, after students asked for more quiet places to study.\n"
    )
    read: list[str] = []
    original = pipeline.sources.read
    monkeypatch.setattr(
        pipeline.sources, "read", lambda e, s=settings.DEFAULT_SETTINGS: read.append(e.path) or original(e, s)
    )
    report = build(mini_corpus)
    assert sorted(read) == ["harbour.md", "new.txt"]
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert search_ids(mini_corpus, "Ostrava") == ["harbour"]
    assert search_ids(mini_corpus, "Valmera") == []
    assert search_ids(mini_corpus, "Lindqvist") == []
    assert search_ids(mini_corpus, "library midnight") == ["new"]


def test_touched_but_unchanged_file_is_not_reindexed(mini_corpus: Path) -> None:
    build(mini_corpus)
    path = mini_corpus / "harbour.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    report = build(mini_corpus)
    assert (report.added, report.updated, report.removed) == (0, 0, 0)


def test_removing_the_original_promotes_its_duplicate(mini_corpus: Path) -> None:
    build(mini_corpus)
    (mini_corpus / "world" / "floods.txt").unlink()
    report = build(mini_corpus)
    assert report.articles == 5
    assert search_ids(mini_corpus, "Riverton") == ["world-floods-copy"]
    assert not any("duplicate" in p.reason for p in report.problems)


def test_interrupted_build_leaves_the_previous_index_usable(mini_corpus: Path) -> None:
    build(mini_corpus)
    before = search_ids(mini_corpus, "harbour")
    (mini_corpus / "harbour.md").write_text(
        "---\ntitle: Changed\n---\nA completely new text about nothing much at all here.\n"
    )
    (mini_corpus / "more.txt").write_text("Another article with enough words to count as one, about the harbour.\n")

    def explode(p: Progress) -> None:
        if p.done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(mini_corpus, progress=explode)
    assert search_ids(mini_corpus, "harbour") == before
    store = IndexStore(pipeline.index_dir_for(mini_corpus.resolve()))
    assert not [p for p in store.root.iterdir() if p.name.startswith("tmp-")]
    assert not (store.root / "build.lock").exists()
    report = build(mini_corpus)  # and the next build picks the changes up
    assert report.updated == 1 and report.added == 1


def test_cancel_keeps_the_previous_index(mini_corpus: Path) -> None:
    build(mini_corpus)
    (mini_corpus / "new.txt").write_text("Some new article text that is long enough to keep around here.\n")
    with pytest.raises(BuildCancelled):
        build(mini_corpus, cancel=lambda: True)
    assert search_ids(mini_corpus, "Valmera") == ["harbour"]


def test_leftovers_of_a_killed_build_are_cleaned_up(mini_corpus: Path) -> None:
    report = build(mini_corpus)
    (report.index_dir / "tmp-crashed").mkdir()
    (report.index_dir / "tmp-crashed" / "junk").write_text("x")
    (report.index_dir / "build.lock").write_text("999999999")  # a pid that does not exist
    (mini_corpus / "new.txt").write_text("Some new article text that is long enough to keep around here.\n")
    assert build(mini_corpus).added == 1
    assert not (report.index_dir / "tmp-crashed").exists()


def test_a_live_lock_is_respected(mini_corpus: Path) -> None:
    report = build(mini_corpus)
    (report.index_dir / "build.lock").write_text(str(os.getppid()))
    (mini_corpus / "new.txt").write_text("Some new article text that is long enough to keep around here.\n")
    locked = build(mini_corpus)  # the lock is respected: nothing written, the last good index is read
    assert locked.stale is not None and "another broadsheet process is building" in locked.stale
    assert locked.articles == report.articles and IndexStore(report.index_dir).current() is not None
    shutil.rmtree(report.index_dir)
    (report.index_dir).mkdir()
    (report.index_dir / "build.lock").write_text(str(os.getppid()))
    with pytest.raises(BuildLocked):  # with nothing to read, the lock is an error
        build(mini_corpus)


def test_code_or_schema_change_rebuilds(mini_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(mini_corpus)
    monkeypatch.setattr(settings, "SCHEMA_VERSION", settings.SCHEMA_VERSION + 1)
    settings.index_fingerprint.cache_clear()
    try:
        report = build(mini_corpus)
    finally:
        monkeypatch.undo()
        settings.index_fingerprint.cache_clear()
    assert report.rebuilt and report.added == 5


def test_read_only_corpus_works(mini_corpus: Path) -> None:
    for path in [mini_corpus, *mini_corpus.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        assert build(mini_corpus).articles == 5
        assert sorted(p.name for p in mini_corpus.iterdir()) == sorted(
            p.name for p in Path(__file__).parent.joinpath("fixtures/mini").iterdir()
        )
    finally:
        for path in [mini_corpus, *mini_corpus.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_explicit_index_folder(mini_corpus: Path, tmp_path: Path) -> None:
    report = build(mini_corpus, tmp_path / "my-index")
    assert report.index_dir == tmp_path / "my-index" and (tmp_path / "my-index" / "CURRENT").exists()


def test_missing_or_wrong_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(pipeline.CorpusError, match="no such folder"):
        build(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(pipeline.CorpusError, match="not a folder"):
        build(tmp_path / "file.txt")


def test_ids_are_stable_slugs() -> None:
    ids = pipeline.assign_ids(["World/Iraq News.md", "a.md", "a.txt", "b.html"])
    assert ids == {"World/Iraq News.md": "world-iraq-news", "a.md": "a-md", "a.txt": "a-txt", "b.html": "b"}


def test_empty_corpus(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    report = build(tmp_path / "c")
    assert report.articles == 0
    assert export(IndexStore(report.index_dir), tmp_path / "c")["articles"] == []
    shutil.rmtree(tmp_path / "c")


def test_a_pool_of_processes_gives_the_same_index(mini_corpus: Path, tmp_path: Path) -> None:
    serial = build(mini_corpus, tmp_path / "serial")
    pooled = build(mini_corpus, tmp_path / "pooled", settings=settings.Settings(workers=2, parallel_min_files=1))
    a = export(IndexStore(serial.index_dir), mini_corpus)
    b = export(IndexStore(pooled.index_dir), mini_corpus)
    assert a == b and [str(p) for p in serial.problems] == [str(p) for p in pooled.problems]


def test_a_pool_that_cannot_start_falls_back_to_this_process(
    mini_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    class Broken:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise BrokenProcessPool("no __main__ to re-import")

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", Broken)
    report = build(mini_corpus, settings=settings.Settings(workers=2, parallel_min_files=1))
    assert report.articles == 5 and report.added == 5


def test_progress_reports_files_then_stages(mini_corpus: Path) -> None:
    seen: list[Progress] = []
    build(mini_corpus, progress=seen.append)
    assert [p.done for p in seen if p.stage == "reading files"] == list(range(1, 9))
    assert [p.stage for p in seen][-2:] == ["storing articles", "linking entities and events"]


def test_a_file_that_breaks_the_cleaner_is_reported_and_the_rest_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "A council vote on the harbour was delayed again on Tuesday, officials said in a statement to reporters."
    (corpus / "good.txt").write_text(text)
    (corpus / "bad.txt").write_text(text.replace("harbour", "bridge"))
    real_clean = clean.clean

    def failing(raw, article_id, settings=DEFAULT_SETTINGS):
        if raw.path == "bad.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real_clean(raw, article_id, settings)

    monkeypatch.setattr(clean, "clean", failing)
    report = build(corpus, tmp_path / "index", settings=replace(DEFAULT_SETTINGS, workers=1))
    assert report.articles == 1
    (problem,) = [p for p in report.problems if p.path == "bad.txt"]
    assert problem.skipped and "RecursionError" in problem.reason


def test_a_build_reports_the_time_of_its_stages(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\ndate: 2024-03-01\n---\n\nMaria Okafor spoke in Basra on Monday.\n")
    first = build(corpus, tmp_path / "ix")
    assert {"scan folder", "read and analyse files", "resolve entities", "cluster events", "sign and publish"} <= set(
        first.timings
    )
    assert all(seconds >= 0 for seconds in first.timings.values())
    assert sum(first.timings.values()) <= first.elapsed + 0.01
    (corpus / "a.md").write_text("---\ntitle: A\ndate: 2024-03-01\n---\n\nMaria Okafor spoke in Mosul on Monday.\n")
    assert "copy previous generation" in build(corpus, tmp_path / "ix").timings


def test_names_in_other_scripts_keep_their_spelling_and_get_ascii_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "visit.md").write_text(
        "---\ntitle: A visit\npublished: 2024-03-01\n---\n\n"
        "Officials said Владимир Путин would visit Łódź in May. Later Владимир Путин spoke in Łódź again.\n",
        encoding="utf-8",
    )
    entities = {e["id"]: e for e in exported(corpus)["entities"]}
    assert entities["vladimir-putin"]["name"] == "Владимир Путин"
    assert entities["vladimir-putin"]["type"] == "PERSON"
    assert entities["lodz"]["name"] == "Łódź"
    assert len(entities["lodz"]["mentions"]) == 2
    assert search_ids(corpus, "lodz") == search_ids(corpus, "Łódź") == ["visit"]
    assert search_ids(corpus, "Путин") == search_ids(corpus, "putin") == ["visit"]
