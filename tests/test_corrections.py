"""User corrections in broadsheet.toml: each action, bad files, and the CLI that edits them."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import corrections
from index.locations import bundled_corpus
from index.models import Entity
from index.pipeline import build
from index.search import Searcher
from index.store import IndexStore
from tui.cli import main


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    dest = tmp_path / "demo"
    dest.mkdir()
    for f in bundled_corpus().glob("*.md"):
        (dest / f.name).write_text(f.read_text())
    return dest


def entities(corpus: Path) -> dict[str, Entity]:
    report = build(corpus)
    with IndexStore(report.index_dir).corpus() as db:
        return {e.id: e for e in db.entities()}


def write(corpus: Path, toml: str) -> None:
    (corpus / corrections.FILENAME).write_text(toml)


def test_hide(demo: Path) -> None:
    assert "pentagon" in entities(demo)
    write(demo, '[entities]\nhide = ["Pentagon"]\n')
    assert "pentagon" not in entities(demo)


def test_merge_keeps_the_first_id_and_updates_search(demo: Path) -> None:
    write(demo, '[entities]\nmerge = [["islamic-state", "ISIS", "Daesh"]]\n')
    ents = entities(demo)
    assert "isis" not in ents and "daesh" not in ents
    assert {"Islamic State", "ISIS", "Daesh"} <= set(ents["islamic-state"].alias_names)
    gen = IndexStore(build(demo).index_dir).current()
    assert gen is not None
    with Searcher(gen) as s:  # articles that only said "Daesh" are found under the merged id
        assert "004-ece0cc2b4a62370f" in {h.id for h in s.search("entity:islamic-state").hits}


def test_split_rename_retype(demo: Path) -> None:
    write(
        demo,
        '[entities]\nsplit = [["mohammed-shia-al-sudani", "Sudani"]]\n'
        '[entities.rename]\n"tower-22" = "Tower 22 (Jordan)"\n[entities.retype]\n"pentagon" = "PLACE"\n',
    )
    ents = entities(demo)
    assert ents["sudani"].alias_names == ["Sudani"]
    assert "Sudani" not in ents["mohammed-shia-al-sudani"].alias_names
    assert ents["tower-22"].name == "Tower 22 (Jordan)"  # the id stays
    assert ents["pentagon"].type == "PLACE"


def test_unknown_names_and_bad_values_are_reported(demo: Path) -> None:
    write(demo, '[entities]\nhide = ["Atlantis"]\n')
    report = build(demo)
    assert any("entities.hide: no entity named 'Atlantis'" in p.reason for p in report.new_problems)
    write(demo, '[entities.retype]\n"pentagon" = "ANIMAL"\n')
    report = build(demo)
    assert any(p.path == "broadsheet.toml" and "ANIMAL" in p.reason for p in report.new_problems)
    write(demo, "[entities\nhide = \n")
    report = build(demo)
    assert any(p.path == "broadsheet.toml" and "not valid TOML" in p.reason for p in report.new_problems)
    assert report.articles == 5  # a bad corrections file never stops a build


def test_cli_edits_keep_comments_and_apply(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(demo, "# my corrections\n")
    assert main(["entities", "merge", "islamic-state", "ISIS", "--corpus", str(demo)]) == 0
    assert main(["entities", "hide", "Pentagon", "--corpus", str(demo)]) == 0
    assert main(["entities", "retype", "trump", "person", "--corpus", str(demo)]) == 0
    text = (demo / corrections.FILENAME).read_text()
    assert text.startswith("# my corrections") and '"Pentagon"' in text and "PERSON" in text
    capsys.readouterr()
    assert main(["entities", "list", "--type", "PERSON", "--corpus", str(demo)]) == 0
    out = capsys.readouterr().out
    assert "donald-trump" in out or "trump" in out
    assert main(["entities", "hide", "Atlantis", "--corpus", str(demo)]) == 1  # saved but matched nothing


def test_cli_on_a_read_only_corpus_says_so(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)  # what a read-only folder does to a write
    assert main(["entities", "hide", "Pentagon", "--corpus", str(demo)]) == 2
    err = capsys.readouterr().err
    assert "broadsheet.toml: cannot write" in err and "read-only" in err
