"""The table cache: a table is derived once and read back after; a stale, corrupt or foreign file
is derived again and replaced; the lexicon tables read from it equal the ones derived afresh."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from index import boilerplate, events, lexicon, tables
from index.tables import Sources, cached_table, table_path

TABLE = {"baghdad": "Baghdad", "basra": "Basra"}


class Counting:
    """A derivation that counts its calls."""

    def __init__(self, value: object = TABLE) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def data_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An importable package ``gazdata`` holding a data file (``places.txt``) and a folder of lists."""
    package = tmp_path / "site" / "gazdata"
    (package / "lists").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "places.txt").write_text("Baghdad\nBasra\n")
    (package / "lists" / "en.txt").write_text("the\nof\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    importlib.invalidate_caches()
    return package


SOURCES = Sources(packages=("pytest",), data=(("gazdata", "places.txt"), ("gazdata", "lists")))


def test_a_table_is_derived_once_then_read_back(data_package: Path) -> None:
    derive = Counting()
    assert cached_table("t", derive, SOURCES, dict) == TABLE
    assert cached_table("t", derive, SOURCES, dict) == TABLE
    assert derive.calls == 1 and table_path("t").is_file()


def corrupt_payload(path: Path) -> None:
    blob = bytearray(path.read_bytes())
    blob[-3] ^= 0x01  # inside a stored string: marshal would still load it, as another value
    path.write_bytes(bytes(blob))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:40])


def garbage(path: Path) -> None:
    path.write_bytes(b"not a table at all")


@pytest.mark.parametrize("damage", [corrupt_payload, truncate, garbage])
def test_a_damaged_file_is_derived_again_and_replaced(data_package: Path, damage: Callable[[Path], None]) -> None:
    cached_table("t", Counting(), SOURCES, dict)
    damage(table_path("t"))
    derive = Counting()
    assert cached_table("t", derive, SOURCES, dict) == TABLE and derive.calls == 1
    again = Counting()
    assert cached_table("t", again, SOURCES, dict) == TABLE and again.calls == 0  # the file was replaced


def test_a_table_of_another_type_is_not_trusted(data_package: Path) -> None:
    cached_table("t", Counting(["a", "list"]), SOURCES, list)
    derive = Counting()
    assert cached_table("t", derive, SOURCES, dict) == TABLE and derive.calls == 1


def touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


@pytest.mark.parametrize(
    "change",
    [
        lambda pkg: (pkg / "places.txt").write_text("Baghdad\nBasra\nMosul\n"),  # the data file changed
        lambda pkg: touch_later(pkg / "places.txt"),  # rewritten (same size)
        lambda pkg: (pkg / "lists" / "de.txt").write_text("der\n"),  # a list added to the folder
    ],
)
def test_a_table_is_derived_again_when_its_data_changes(data_package: Path, change: Callable[[Path], None]) -> None:
    cached_table("t", Counting(), SOURCES, dict)
    change(data_package)
    derive = Counting({"mosul": "Mosul"})
    assert cached_table("t", derive, SOURCES, dict) == {"mosul": "Mosul"} and derive.calls == 1


def test_a_table_is_derived_again_under_another_package_version(
    data_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_table("t", Counting(), SOURCES, dict)
    monkeypatch.setattr(tables, "_version", lambda name: "99.0")
    derive = Counting()
    cached_table("t", derive, SOURCES, dict)
    assert derive.calls == 1


def test_a_table_is_derived_again_when_the_code_changes(data_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached_table("t", Counting(), SOURCES, dict)
    monkeypatch.setattr(tables, "index_fingerprint", lambda: "2:another-code")
    derive = Counting()
    cached_table("t", derive, SOURCES, dict)
    assert derive.calls == 1


def test_an_unwritable_cache_folder_only_costs_the_derivation(
    data_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BROADSHEET_CACHE_DIR", str(blocker))
    derive = Counting()
    assert cached_table("t", derive, SOURCES, dict) == TABLE
    assert cached_table("t", derive, SOURCES, dict) == TABLE and derive.calls == 2


# ---- the lexicon tables: read back from the cache, they equal the tables derived afresh


def read_back(loader: Callable[[], object]) -> object:
    """The table as a later process sees it: stored by a first call, then read from the file."""
    loader.cache_clear()  # type: ignore[attr-defined]
    loader()
    loader.cache_clear()  # type: ignore[attr-defined]
    return loader()


def test_the_gazetteer_read_back_equals_the_derived_one() -> None:
    stored = read_back(lexicon.places)
    assert isinstance(stored, dict)
    assert list(stored.items()) == list(lexicon._derive_places().items())  # order kept too


def test_stem_frequencies_read_back_equal_the_derived_ones() -> None:
    stored = read_back(events._stem_frequencies)
    assert isinstance(stored, dict)
    assert list(stored.items()) == list(events._derive_stem_frequencies().items())


def test_stoplists_read_back_equal_the_derived_ones() -> None:
    stored = read_back(boilerplate.stoplists)
    assert isinstance(stored, dict)
    assert list(stored.items()) == list(boilerplate._derive_stoplists().items())  # language order decides ties


def test_first_names_from_the_table_agree_with_gender_guesser() -> None:
    import gender_guesser.detector as gd
    from anyascii import anyascii

    detector = gd.Detector(case_sensitive=False)

    def by_detector(token: str) -> bool:  # the rule the table replaces
        if len(token) < 2 or not token[0].isupper():
            return False
        if detector.get_gender(token) != "unknown":
            return True
        return not token.isascii() and detector.get_gender(anyascii(token)) != "unknown"

    read_back(lexicon._first_names)
    names = sorted(detector.names)[::50]
    tokens = [n.capitalize() for n in names] + [n.upper() for n in names] + [n for n in names]
    tokens += ["Владимир", "François", "FRANÇOIS", "İsmail", "Straße", "Basra", "Finance", "Mia", "X", "Zzyzx"]
    lexicon.is_first_name.cache_clear()
    assert [lexicon.is_first_name(t) for t in tokens] == [by_detector(t) for t in tokens]
    assert any(lexicon.is_first_name(t) for t in tokens) and not all(lexicon.is_first_name(t) for t in tokens)


def test_common_words_from_the_table_agree_with_wordfreq() -> None:
    from wordfreq import get_frequency_dict, zipf_frequency

    read_back(lexicon._common_words)
    plain = [w for w in get_frequency_dict("en") if w.isascii() and w.isalpha()][:40_000:20]
    words = plain + [w.capitalize() for w in plain] + [w.upper() for w in plain]
    words += ["Finance", "Verde", "Shuhada", "Zzyzx", "Kataib", "trade-off", "Ministry's", "Économie", "", "2021"]
    lexicon.common_english.cache_clear()
    assert [lexicon.common_english(w) for w in words] == [zipf_frequency(w, "en") >= lexicon.COMMON_ZIPF for w in words]
    assert any(lexicon.common_english(w) for w in words) and not all(lexicon.common_english(w) for w in words)
    lexicon.common_english.cache_clear()


def test_titles_read_back_equal_the_derived_ones() -> None:
    assert read_back(lexicon.titles) == lexicon._derive_titles()
