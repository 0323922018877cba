"""Index integrity: nothing planted is unpickled, damage is found and repaired, faults are one line."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import sqlite3
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from index import pipeline, store
from index.export import export
from index.pipeline import assign_ids_reporting, build
from index.search import Searcher
from index.store import Generation, IndexError_, IndexStore
from tui import cli


@pytest.fixture(autouse=True)
def isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test signs with its own key (the signing key lives in the config folder)."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("BROADSHEET_CONFIG_DIR", str(config))
    return config


def articles_of(root: Path, corpus: Path) -> list[tuple[str, str | None, str]]:
    return [(a["id"], a["title"], a["text"]) for a in export(IndexStore(root), corpus)["articles"]]


class _Marker:
    """Unpickling this creates a file: proof that a pickle was loaded."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (exec, (f"open({self.path!r}, 'w').close()",))


def plant_malicious_index(root: Path, corpus: Path, marker: Path) -> None:
    """A real index of ``corpus`` whose Whoosh TOC, once unpickled, creates ``marker``; its manifest
    says everything is up to date, so only a signature check stands between it and the pickle."""
    report = build(corpus, root)
    gen = IndexStore(report.index_dir).current()
    assert gen is not None
    storage = FileStorage(str(gen.whoosh_dir))
    toc = TOC.read(storage, "MAIN")
    storage.delete_file(f"_MAIN_{toc.generation}.toc")
    toc.schema._planted = _Marker(str(marker))  # pickled with the schema's attributes
    toc.write(storage, "MAIN")


def test_a_planted_index_is_never_unpickled(mini_corpus: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    root = tmp_path / "ix"
    plant_malicious_index(root, mini_corpus, marker)
    gen_dir = next(root.glob("gen-*"))
    # the plant works: Whoosh itself runs it (so this test can fail)
    whoosh_index.open_dir(str(gen_dir / "whoosh")).doc_count()
    assert marker.exists()
    marker.unlink()
    store._CHECKED.clear()
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        code = cli.main(["search", "harbour", "--corpus", str(mini_corpus), "--index", str(root)])
    assert not marker.exists()
    assert code == 0
    assert "was not written by broadsheet on this account (or is damaged: " in stderr.getvalue()
    assert str(root) in stderr.getvalue()
    # rebuilt from the corpus: a fresh, signed generation replaced the planted one
    fresh = IndexStore(root).current()
    assert IndexStore(root).damage() is None and fresh is not None
    assert [p.name for p in root.glob("gen-*")] == [fresh.path.name]
    whoosh_index.open_dir(str(fresh.whoosh_dir)).doc_count()
    assert not marker.exists()


def test_an_index_signed_with_another_key_is_refused(mini_corpus: Path, tmp_path: Path, monkeypatch: Any) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    monkeypatch.setenv("BROADSHEET_CONFIG_DIR", str(tmp_path / "someone-else"))
    assert IndexStore(root).current() is None and "does not verify" in (IndexStore(root).damage() or "")
    report = build(mini_corpus, root)
    assert report.rebuilt and report.articles == 5
    assert any("not written by broadsheet" in p.reason for p in report.new_problems)


def test_the_key_is_private_and_kept(isolated_config: Path, mini_corpus: Path, tmp_path: Path) -> None:
    build(mini_corpus, tmp_path / "ix")
    key = isolated_config / store.KEY_FILE
    assert key.stat().st_mode & 0o777 == 0o600
    store._KEYS.clear()
    assert build(mini_corpus, tmp_path / "ix").changed is False  # same key read back: still verifies


@pytest.mark.parametrize("pointer", ["../outside", "/tmp", "gen-000001/../../outside", "gen-1/x", ""])
def test_current_pointing_outside_is_no_index_and_nothing_outside_is_deleted(
    mini_corpus: Path, tmp_path: Path, pointer: str
) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "manifest.json").write_text(json.dumps({"files": {}}))
    (outside / "precious.txt").write_text("keep me")
    (root / "CURRENT").write_text(pointer)
    store._CHECKED.clear()
    report = build(mini_corpus, root)
    assert report.rebuilt and report.articles == 5
    assert (outside / "precious.txt").read_text() == "keep me" and (outside / "manifest.json").exists()
    assert Path("/tmp").is_dir()
    assert IndexStore(root).damage() is None


def test_a_generation_that_is_a_link_to_outside_is_not_followed(mini_corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    outside = tmp_path / "outside"
    shutil.copytree(next(root.glob("gen-*")), outside)  # even a copy of a signed generation
    (outside / "precious.txt").write_text("keep me")
    (root / "gen-000099").symlink_to(outside)
    (root / "CURRENT").write_text("gen-000099")
    report = build(mini_corpus, root)
    assert report.rebuilt and any("not written by broadsheet" in p.reason for p in report.new_problems)
    assert (outside / "precious.txt").read_text() == "keep me"
    assert not (root / "gen-000099").is_symlink()  # the link itself is cleaned up, its target kept


def _damage_segment_truncate(gen: Path) -> None:
    seg = next((gen / "whoosh").glob("*.seg"))
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])


def _damage_segment_flip(gen: Path) -> None:
    _flip_middle_byte(next((gen / "whoosh").glob("*.seg")))


def _damage_toc_delete(gen: Path) -> None:
    next((gen / "whoosh").glob("_MAIN_*.toc")).unlink()


def _damage_manifest(gen: Path) -> None:
    (gen / "manifest.json").write_text('{"fingerprint": 3, "files": [')


def _damage_corpus(gen: Path) -> None:
    database = Generation(gen).database
    assert database is not None
    database.write_bytes(b"\x00" * 10)


def _damage_extra_toc(gen: Path) -> None:
    toc = next((gen / "whoosh").glob("_MAIN_*.toc"))
    shutil.copy(toc, toc.with_name("_MAIN_99.toc"))  # Whoosh would read the highest-numbered TOC


DAMAGES = [
    _damage_segment_truncate,
    _damage_segment_flip,
    _damage_toc_delete,
    _damage_manifest,
    _damage_corpus,
    _damage_extra_toc,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__)
def test_damage_is_detected_and_rebuilt_and_never_up_to_date(mini_corpus: Path, tmp_path: Path, damage: Any) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    clean = articles_of(root, mini_corpus)
    gen = IndexStore(root).current()
    assert gen is not None
    damage(gen.path)
    assert gen.problem() is not None and IndexStore(root).current() is None
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        assert cli.main(["index", str(mini_corpus), "--index", str(root)]) == 0
    out = stderr.getvalue()
    assert "up to date" not in out and "5 added" in out
    assert f"{root}: warning: this index was not written by broadsheet on this account (or is damaged" in out
    assert articles_of(root, mini_corpus) == clean
    with redirect_stderr(io.StringIO()) as again:
        cli.main(["index", str(mini_corpus), "--index", str(root)])
    assert "up to date" in again.getvalue()


def test_a_damaged_live_generation_falls_back_to_the_previous_one_for_reading(
    mini_corpus: Path, tmp_path: Path
) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    (mini_corpus / "new.txt").write_text("A new article about the harbour of Valmera and its long quiet winter.\n")
    build(mini_corpus, root, force=True)  # a full build: a database of its own
    gens = IndexStore(root).generations()
    assert [g.path.name for g in gens] == ["gen-000002", "gen-000001"]  # the previous one is kept
    assert gens[0].database != gens[1].database
    _damage_segment_flip(gens[0].path)
    fallback = IndexStore(root).current()
    assert fallback is not None and fallback.path.name == "gen-000001"
    with Searcher(fallback) as s:
        assert s.search("harbour").total >= 1


def test_an_incremental_build_changes_the_database_in_place_and_keeps_nothing_stale(
    mini_corpus: Path, tmp_path: Path
) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    first = IndexStore(root).current()
    assert first is not None and first.database is not None
    database = first.database
    (mini_corpus / "new.txt").write_text("A new article about the harbour of Valmera and its long quiet winter.\n")
    build(mini_corpus, root)
    live = IndexStore(root).current()
    assert live is not None and live.database == database
    # the previous generation cannot be read with a database committed for the next: it is gone
    assert [g.path.name for g in IndexStore(root).generations()] == [live.path.name]
    assert sorted(p.name for p in root.glob("corpus-*.sqlite")) == [database.name]
    with Searcher(live) as s:
        assert s.search("Valmera").total >= 1


def test_damage_to_a_segment_both_generations_share_rebuilds_the_index(mini_corpus: Path, tmp_path: Path) -> None:
    """Unchanged Whoosh files are hard-linked from one generation to the next: damage to one of
    them spoils both, and the next build says so and rebuilds from the corpus."""
    root = tmp_path / "ix"
    build(mini_corpus, root)
    (mini_corpus / "new.txt").write_text("A new article about the harbour of Valmera and its long quiet winter.\n")
    build(mini_corpus, root)
    shared = [f for f in (IndexStore(root).generations()[0].path / "whoosh").glob("*.seg") if f.stat().st_nlink > 1]
    if not shared:
        pytest.skip("this file system cannot hard-link: every generation has its own copies")
    _flip_middle_byte(shared[0])
    assert IndexStore(root).current() is None
    report = build(mini_corpus, root)
    assert report.rebuilt and any("is damaged" in p.reason for p in report.new_problems)
    with Searcher(IndexStore(root).current()) as s:  # type: ignore[arg-type]
        assert s.search("Valmera").total >= 1


def _flip_middle_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))


def write_fails(err: int) -> Any:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(err, os.strerror(err))

    return fail


@pytest.mark.parametrize(("err", "meaning"), [(errno.ENOSPC, "No space left on device (ENOSPC)"),
                                              (errno.EROFS, "Read-only file system (EROFS)"),
                                              (errno.EACCES, "Permission denied (EACCES)")])  # fmt: skip
def test_full_or_read_only_disk_is_one_line_and_the_last_index_stays_readable(
    mini_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int, meaning: str
) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    clean = articles_of(root, mini_corpus)
    (mini_corpus / "new.txt").write_text("A new article about the harbour of Valmera and its long quiet winter.\n")
    monkeypatch.setattr(store, "_write_json", write_fails(err))
    stderr, stdout = io.StringIO(), io.StringIO()
    with redirect_stderr(stderr):
        assert cli.main(["index", str(mini_corpus), "--index", str(root)]) == 3  # an index error
    lines = [ln for ln in stderr.getvalue().splitlines() if "cannot write" in ln]
    assert lines == [f"broadsheet: {root}: warning: cannot write the index: {meaning}; showing the last complete index"]
    assert "Traceback" not in stderr.getvalue() and "up to date" not in stderr.getvalue()
    assert not [p for p in root.iterdir() if p.name.startswith("tmp-")]
    with redirect_stderr(io.StringIO()):
        from contextlib import redirect_stdout

        with redirect_stdout(stdout):
            assert cli.main(["search", "Valmera", "--corpus", str(mini_corpus), "--index", str(root)]) == 0
    assert "harbour" in stdout.getvalue()
    assert articles_of(root, mini_corpus) == clean


def test_a_full_disk_while_articles_wait_to_be_stored_keeps_the_last_index(
    mini_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.spool import Spool

    root = tmp_path / "ix"
    build(mini_corpus, root)
    clean = articles_of(root, mini_corpus)
    (mini_corpus / "new.txt").write_text("A new article about the harbour of Valmera and its long quiet winter.\n")
    monkeypatch.setattr(Spool, "put", write_fails(errno.ENOSPC))
    report = build(mini_corpus, root)
    assert report.stale is not None and "No space left on device" in report.stale
    assert articles_of(root, mini_corpus) == clean
    assert not [p for p in root.iterdir() if p.name.startswith(("tmp-", "spool-"))]


def test_a_write_error_with_nothing_to_read_is_a_clear_error(
    mini_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.tempfile, "mkdtemp", write_fails(errno.EROFS))
    with pytest.raises(store.IndexWriteError, match=r"ix: cannot write the index: Read-only file system \(EROFS\)"):
        build(mini_corpus, tmp_path / "ix")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file modes (simulated by the EROFS/EACCES tests above)")
def test_a_read_only_cache_folder(mini_corpus: Path, tmp_path: Path) -> None:  # pragma: no cover - not run as root
    root = tmp_path / "ix"
    build(mini_corpus, root)
    (mini_corpus / "new.txt").write_text("A new article about the harbour of Valmera and its long quiet winter.\n")
    root.chmod(0o500)
    try:
        report = build(mini_corpus, root)
        assert report.stale is not None and "Permission denied" in report.stale and report.articles == 5
    finally:
        root.chmod(0o700)


def test_a_folder_that_is_not_an_index_is_never_written_or_cleaned(mini_corpus: Path, tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    (documents / "gen-notes").mkdir(parents=True)
    (documents / "letter.txt").write_text("dear")
    (documents / "tmp-draft").write_text("draft")
    with pytest.raises(IndexError_, match="is not a broadsheet index"):
        build(mini_corpus, documents)
    assert sorted(p.name for p in documents.iterdir()) == ["gen-notes", "letter.txt", "tmp-draft"]
    with redirect_stderr(io.StringIO()) as err:
        assert cli.main(["index", str(mini_corpus), "--index", str(documents)]) != 0
    assert "refusing to write into it" in err.getvalue() and "Traceback" not in err.getvalue()


def test_colliding_ids_are_distinct_stable_and_reported() -> None:
    paths = ["world/iraq.md", "world-iraq.md", "World_Iraq.txt", "a.md"]
    ids, problems = assign_ids_reporting(paths)
    assert len(set(ids.values())) == len(paths)
    assert ids["a.md"] == "a" and ids["World_Iraq.txt"] == "world-iraq"  # first in sorted order keeps it
    assert ids["world/iraq.md"].startswith("world-iraq-") and len(ids["world/iraq.md"]) == len("world-iraq-") + 6
    assert assign_ids_reporting(list(reversed(paths)))[0] == ids  # independent of scan order
    assert sorted(str(p) for p in problems) == sorted(
        f"{p}: warning: has the same id as World_Iraq.txt (world-iraq); indexed as {ids[p]}"
        for p in ("world-iraq.md", "world/iraq.md")
    )
    assert not any(p.skipped for p in problems)


def test_a_hashed_id_never_takes_an_existing_one() -> None:
    first, _ = assign_ids_reporting(["a/b.md", "a-b.md"])
    squatter = first["a/b.md"] + ".md"
    ids, _ = assign_ids_reporting(["a/b.md", "a-b.md", squatter])
    assert len(set(ids.values())) == 3


def test_editing_one_of_two_colliding_files_keeps_the_other(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    (corpus / "world").mkdir(parents=True)
    (corpus / "world" / "iraq.md").write_text(
        "---\ntitle: Floods in the south\n---\n" + "The river rose in the night. " * 8
    )
    (corpus / "world-iraq.md").write_text("---\ntitle: Budget passed\n---\n" + "The assembly passed the budget. " * 8)
    report = build(corpus)
    assert report.articles == 2
    assert any("has the same id as world-iraq.md" in p.reason for p in report.new_problems)
    (corpus / "world-iraq.md").write_text("---\ntitle: Budget passed again\n---\n" + "The assembly voted again. " * 8)
    assert build(corpus).articles == 2
    titles = sorted(
        a["title"] for a in export(IndexStore(pipeline.index_dir_for(corpus.resolve())), corpus)["articles"]
    )
    assert titles == ["Budget passed again", "Floods in the south"]


def test_a_key_others_can_write_is_refused(isolated_config: Path, mini_corpus: Path, tmp_path: Path) -> None:
    build(mini_corpus, tmp_path / "ix")
    key = isolated_config / store.KEY_FILE
    key.chmod(0o666)
    store._KEYS.clear()
    with pytest.raises(IndexError_, match="not private to this account"):
        build(mini_corpus, tmp_path / "ix")


def test_checks_are_redone_when_a_file_changes(mini_corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    gen = IndexStore(root).current()
    assert gen is not None and gen.problem() is None  # now cached
    manifest = gen.path / "manifest.json"
    data = manifest.read_bytes()
    manifest.write_bytes(data[:-1] + b" ")  # same size: the cache must still notice
    assert gen.problem() == "manifest.json differs from what was signed"
    with pytest.raises(store.IndexDamaged):
        gen.corpus()


def test_a_verified_generation_is_not_hashed_again_until_a_file_changes(
    mini_corpus: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    gen = IndexStore(root).current()
    assert gen is not None
    hashed: list[Path] = []
    real = store._sha256
    monkeypatch.setattr(store, "_sha256", lambda path: hashed.append(path) or real(path))
    store._CHECKED.clear()  # as in a new process
    assert gen.problem() is None and hashed == []  # the signed record of the last check stands
    manifest = gen.path / "manifest.json"
    manifest.write_bytes(manifest.read_bytes())  # the same bytes, but written: a new ctime
    store._CHECKED.clear()
    assert gen.problem() is None and hashed  # checked in full again (and still verifies)
    record = json.loads((root / store.VERIFIED).read_text())
    record["mac"] = "0" * 64  # a forged record is ignored
    (root / store.VERIFIED).write_text(json.dumps(record))
    store._CHECKED.clear()
    hashed.clear()
    assert gen.problem() is None and hashed


def test_a_verified_generation_opens_without_reading_its_manifest(
    mini_corpus: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """The manifest (29 MB at 100,000 articles) was checked when the generation was verified; a
    reader opening it again reads it only once the files changed."""
    root = tmp_path / "ix"
    build(mini_corpus, root)
    gen = IndexStore(root).current()
    assert gen is not None
    read: list[Path] = []
    real = store._read_json
    monkeypatch.setattr(store, "_read_json", lambda path: read.append(path) or real(path))
    store._CHECKED.clear()  # as in a new process
    assert gen.problem() is None and gen.corpus().article_count() > 0
    assert [p for p in read if p.name == "manifest.json"] == []
    manifest = gen.path / "manifest.json"
    manifest.write_bytes(manifest.read_bytes())  # written again: verified (and checked) in full
    store._CHECKED.clear()
    assert gen.problem() is None and [p for p in read if p.name == "manifest.json"]


def _interrupt(*args: Any, **kwargs: Any) -> None:
    raise KeyboardInterrupt  # as if the build were killed here


def test_a_build_stopped_after_its_database_commit_is_rolled_forward(
    mini_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    (mini_corpus / "new.txt").write_text("A new article about the mill of Quillbrook and its long quiet winter.\n")

    publish = IndexStore._publish
    monkeypatch.setattr(IndexStore, "_publish", _interrupt)  # committed, CURRENT not yet swapped
    with pytest.raises(KeyboardInterrupt):
        build(mini_corpus, root)
    monkeypatch.setattr(IndexStore, "_publish", publish)
    assert (root / "CURRENT").read_text().strip() == "gen-000001"
    live = IndexStore(root).current()
    assert live is not None and live.path.name == "gen-000002" and IndexStore(root).damage() is None
    with Searcher(live) as s:
        assert s.search("Quillbrook").total >= 1
    assert not build(mini_corpus, root).changed


def test_a_build_stopped_before_its_database_commit_leaves_the_last_state(
    mini_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    (mini_corpus / "new.txt").write_text("A new article about the mill of Quillbrook and its long quiet winter.\n")

    finish = store.corpusdb.finish
    monkeypatch.setattr(store.corpusdb, "finish", _interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(mini_corpus, root)
    monkeypatch.setattr(store.corpusdb, "finish", finish)
    live = IndexStore(root).current()
    assert live is not None and live.path.name == "gen-000001" and IndexStore(root).damage() is None
    with Searcher(live) as s:
        assert s.search("Quillbrook").total == 0
    assert [g.path.name for g in IndexStore(root).generations()] == ["gen-000001"]
    assert build(mini_corpus, root).added == 1


def test_a_database_with_a_planted_trigger_is_not_used(mini_corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "ix"
    build(mini_corpus, root)
    gen = IndexStore(root).current()
    assert gen is not None and gen.database is not None
    with sqlite3.connect(gen.database) as conn:
        conn.execute("CREATE TRIGGER planted AFTER INSERT ON info BEGIN DELETE FROM articles; END")
    assert gen.problem() == "corpus database holds an unexpected trigger 'planted'"
    report = build(mini_corpus, root)
    assert report.rebuilt and report.articles == 5
