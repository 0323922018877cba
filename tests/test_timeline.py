"""Events and clusters on a hand-made mini corpus; the timeline command and its formats."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from index import timeline
from index.corpus import Corpus
from index.events import Event, compatible
from index.pipeline import build
from index.store import IndexStore
from tui.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "timeline"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "timeline"
    shutil.copytree(FIXTURE, dest)
    return dest


def db_of(corpus: Path) -> Corpus:
    return IndexStore(build(corpus).index_dir).corpus()


def test_every_dated_sentence_is_an_event_with_its_entities(corpus: Path) -> None:
    with db_of(corpus) as db:
        by_text = {e.text: e for e in db.all_events()}
    calls_off = next(e for t, e in by_text.items() if t.startswith("The dock workers' union of Valmera"))
    assert (calls_off.date, calls_off.precision) == ("2023-05-09", "day")
    assert "valmera" in calls_off.entities
    began = next(e for t, e in by_text.items() if t.startswith("The strike began"))
    assert began.date == "2023-04-28"
    thursday = next(e for t, e in by_text.items() if "return to the docks" in t)
    assert thursday.date == "2023-05-11"  # "would return ... on Thursday": the next one
    began = next(e for t, e in by_text.items() if t.startswith("The dock workers' union of Valmera"))
    assert began.date == "2023-05-09"  # "announced on Tuesday": the one before


def test_reports_of_one_happening_share_a_cluster_and_disagree_on_the_day(corpus: Path) -> None:
    with db_of(corpus) as db:
        clusters, events = db.clusters(), list(db.all_events())
        herald = db.events_of("herald")
    (cluster,) = [c for c in clusters if len(c.articles) > 1]
    assert cluster.articles == ("gazette", "herald")
    assert cluster.dates == ("2023-05-09", "2023-05-10")  # Tuesday in one, Wednesday in the other
    assert cluster.disagreement is True
    library = next(e for e in events if e.article == "unrelated")
    assert library.cluster != cluster.id  # same day, nothing else in common
    shared = [e for e in herald if e.cluster == cluster.id]
    assert shared and all(e.sources == 2 and e.disagreement for e in shared)
    assert [e.date for e in herald] == sorted(e.date for e in herald)


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (("2024-01-30", "day"), ("2024-01-31", "day"), True),
        (("2024-01-30", "day"), ("2024-02-01", "day"), False),
        (("2024-01-30", "day"), ("2024-W05", "week"), True),
        (("2024-01-30", "day"), ("2024-01", "month"), True),
        (("2024-01-30", "day"), ("2024", "year"), False),
        (("2024-W04", "week"), ("2024-01", "month"), True),
    ],
)
def test_compatible_dates(a: tuple[str, str], b: tuple[str, str], ok: bool) -> None:
    def ev(value: str, precision: str) -> Event:
        return Event("x", value, precision, "a", 0, 1, "", [], "")

    assert compatible(ev(*a), ev(*b)) is ok


def test_query_filters(corpus: Path) -> None:
    with db_of(corpus) as db:
        day = db.events(None, *timeline.day_bounds("2023-05-09", "2023-05-09"))
        assert day and {e.date for e in day} == {"2023-05-09"}
        marta = db.events("marta-okafor")
        assert marta and all("marta-okafor" in e.entities for e in marta)
        assert len(db.events(limit=2)) == 2
    with pytest.raises(timeline.TimelineError):
        timeline.day_bounds("May 2023", None)


def test_timeline_command_formats(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--corpus", str(corpus)]) == 0
    text = capsys.readouterr().out
    assert "[2 sources, dates differ]" in text and text.index("2023-04-28") < text.index("2023-05-09")
    assert main(["timeline", "--corpus", str(corpus), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["source"] for r in rows} >= {"Coastal Herald", "Valmera Gazette"}
    assert main(["timeline", "--corpus", str(corpus), "--format", "timelinejs"]) == 0
    tl = json.loads(capsys.readouterr().out)
    assert tl["events"][0]["start_date"] == {"year": "2023", "month": "4", "day": "28"}
    assert any("different dates" in e["text"]["text"] for e in tl["events"])
    assert main(["timeline", "--corpus", str(corpus), "--entity", "Marta Okafor", "--format", "json"]) == 0
    assert all("marta-okafor" in e["entities"] for e in json.loads(capsys.readouterr().out))
    assert main(["timeline", "--corpus", str(corpus), "--from", "1999", "--to", "1999"]) == 1
    assert main(["timeline", "--corpus", str(corpus), "--from", "soon"]) == 2
