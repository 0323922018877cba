"""The command line: data on stdout, diagnostics on stderr, meaningful exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_reports_summary_and_problems(capsys, mini_corpus: Path) -> None:
    code, out, err = run(capsys, "index", str(mini_corpus))
    assert code == 0 and out == ""
    assert "5 articles indexed (5 added" in err and "3 files skipped" in err
    assert "empty.txt: skipped: empty file" in err
    code, out, err = run(capsys, "index", str(mini_corpus))
    assert "up to date" in err and "empty.txt" in err  # known problems are listed again


def test_search_text_and_json(capsys, mini_corpus: Path) -> None:
    code, out, err = run(capsys, "search", "harbour strike", "--corpus", str(mini_corpus))
    assert code == 0 and "Harbour strike enters second week" in out and "[harbour]" in out
    said = re.search(r"(\d+) (article matches|articles match); showing", err)
    assert said is not None and (said.group(1) == "1") == (said.group(2) == "article matches")
    code, out, _ = run(capsys, "search", "harbour", "--corpus", str(mini_corpus), "--json")
    hits = json.loads(out)
    assert hits[0]["id"] == "harbour" and hits[0]["highlights"]
    s, e = hits[0]["highlights"][0]
    assert hits[0]["snippet"][s:e].lower().startswith("harbour")


def test_search_without_hits_exits_1(capsys, mini_corpus: Path) -> None:
    code, out, err = run(capsys, "search", "zebra", "--corpus", str(mini_corpus))
    assert code == 1 and out == "" and "no articles match" in err


def test_bad_query_and_bad_limit_exit_2(capsys, mini_corpus: Path) -> None:
    assert run(capsys, "search", "date:banana", "--corpus", str(mini_corpus))[0] == 2
    assert run(capsys, "search", "x", "--limit", "0", "--corpus", str(mini_corpus))[0] == 2


def test_show_by_id_and_prefix(capsys, mini_corpus: Path) -> None:
    code, out, _ = run(capsys, "show", "harb", "--corpus", str(mini_corpus))
    assert code == 0 and out.startswith("Harbour strike enters second week\n") and "Dock workers" in out
    code, out, _ = run(capsys, "show", "harbour", "--corpus", str(mini_corpus), "--json")
    assert json.loads(out)["source"] == "Coastal Herald"
    code, _, err = run(capsys, "show", "nothing-like-it", "--corpus", str(mini_corpus))
    assert code == 1 and "no article with id" in err


def test_export_validates(capsys, mini_corpus: Path, export_schema: dict, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", str(mini_corpus), "--format", "json")
    assert code == 0
    jsonschema.validate(json.loads(out), export_schema)
    code, out, _ = run(capsys, "export", str(mini_corpus), "-o", str(tmp_path / "e.json"))
    assert out == "" and json.loads((tmp_path / "e.json").read_text())["schema"] == "broadsheet.export/1"


def test_bad_corpus_exits_2_with_a_message(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "index", str(tmp_path / "missing"))
    assert code == 2 and out == "" and "missing: no such folder" in err


def test_index_folder_option(capsys, mini_corpus: Path, tmp_path: Path) -> None:
    code, _, _err = run(capsys, "index", str(mini_corpus), "--index", str(tmp_path / "ix"))
    assert code == 0 and (tmp_path / "ix" / "CURRENT").exists()


def test_unwritable_index_folder_exits_3(capsys, mini_corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "index", str(mini_corpus), "--index", str(blocker / "ix"))
    assert code in (2, 3) and "broadsheet: error:" in err


def test_help_lists_commands(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("index", "search", "show", "export"):
        assert command in out


def test_console_script_runs_on_the_bundled_corpus(tmp_path: Path) -> None:
    env = {**os.environ, "BROADSHEET_CACHE_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "search", "Muhandis", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["id"] == "002-522477c93a28e291"


def test_a_capped_fuzzy_query_says_so_on_stderr(tmp_path: Path) -> None:
    from index.locations import bundled_corpus

    run = subprocess.run(
        [sys.executable, "-m", "tui", "search", "sudani~99", "--corpus", str(bundled_corpus()), "--index", str(tmp_path / "i")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0 and "capped at 2" in run.stderr and run.stdout.strip()


def test_search_by_date_lists_undated_articles_last(capsys, mini_corpus: Path) -> None:
    code, out, _ = run(capsys, "search", "the", "--corpus", str(mini_corpus), "--sort", "date", "--json")
    dates = [h["published"] for h in json.loads(out)]
    assert code == 0 and None in dates and dates[0] is not None
    undated = dates.index(None)
    assert all(d is None for d in dates[undated:])
    assert dates[:undated] == sorted(dates[:undated], reverse=True)
