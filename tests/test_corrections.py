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


def test_cli_refuses_a_merge_of_names_that_match_nothing(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(demo, "# mine\n")
    assert main(["entities", "merge", "foo", "ISIS", "bar", "--corpus", str(demo)]) == 1
    err = capsys.readouterr().err
    assert "'foo'" in err and "'bar'" in err and "'ISIS'" not in err and "nothing was saved" in err
    assert (demo / corrections.FILENAME).read_text() == "# mine\n"  # nothing written


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["split", "mohammed-shia-al-sudani", "Pompeo"], "not an alias of 'mohammed-shia-al-sudani'"),
        (["rename", "Atlantis", "Atlantis (myth)"], "'Atlantis'"),
        (["retype", "Atlantis", "PLACE"], "'Atlantis'"),
        (["hide", "Atlantis"], "'Atlantis'"),
    ],
)
def test_cli_refuses_corrections_of_unknown_entities(
    demo: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    assert main(["entities", *args, "--corpus", str(demo)]) == 1
    assert said in capsys.readouterr().err
    assert not (demo / corrections.FILENAME).exists()


def test_split_survives_rebuilds_without_a_warning(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A split of an alias that came with a merge, then rebuilds: in effect, and nothing warns."""
    assert main(["entities", "merge", "kataib-hezbollah", "IRI", "--corpus", str(demo)]) == 0
    assert main(["entities", "split", "kataib-hezbollah", "IRI", "--corpus", str(demo)]) == 0
    capsys.readouterr()
    report = build(demo, force=True)
    assert not [p for p in report.new_problems if p.path == corrections.FILENAME]
    ents = entities(demo)
    assert "IRI" not in ents["kataib-hezbollah"].alias_names
    assert any(e.alias_names == ["IRI"] for e in ents.values())
    # the same split again, by another spelling of the owner: already in effect, nothing warns
    assert main(["entities", "split", "Kata'ib Hezbollah", "IRI", "--corpus", str(demo)]) == 0
    err = capsys.readouterr().err
    assert "nothing changed" in err and "warning" not in err


def test_corrections_of_the_demo_corpus_go_to_the_config_folder(config_dir: Path) -> None:
    path = corrections.path_for(bundled_corpus())
    assert path.is_relative_to(config_dir) and not path.is_relative_to(bundled_corpus())


def test_a_read_only_corpus_keeps_its_corrections_in_the_config_folder(
    demo: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(corrections, "_writable", lambda folder: False)  # root may write anywhere
    assert main(["entities", "hide", "Pentagon", "--corpus", str(demo)]) == 0
    path = corrections.path_for(demo)
    assert path.is_relative_to(config_dir) and '"Pentagon"' in path.read_text()
    assert not (demo / corrections.FILENAME).exists()
    assert str(path) in capsys.readouterr().err
    assert "pentagon" not in entities(demo)


def test_save_and_restore_give_back_the_file_exactly(demo: Path) -> None:
    original = "# keep me\n[entities]\nhide = [ 'jihad' ]  # odd spacing\n"
    write(demo, original)
    with IndexStore(build(demo).index_dir).corpus() as db:
        saved = corrections.save(demo, corrections.Correction("merge", ["islamic-state", "ISIS"]), db)
    assert saved.changed and saved.previous == original
    assert "# odd spacing" in saved.path.read_text()
    corrections.restore(saved)
    assert (demo / corrections.FILENAME).read_text() == original
