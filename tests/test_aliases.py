"""Resolution rules, one table row per rule, and the merges it must never make."""

from __future__ import annotations

import pytest

from index.aliases import resolve, skeleton, token_skeleton
from index.entities import extract


def groups(*articles: str) -> list[set[str]]:
    """Resolve some articles and return the surface forms of each entity."""
    records = resolve({f"a{i}": extract(text) for i, text in enumerate(articles)})
    return [{m.text for _, m in r.mentions} for r in records]


def same(surfaces: set[str], *articles: str) -> bool:
    return any(surfaces <= g for g in groups(*articles))


@pytest.mark.parametrize(
    ("articles", "surfaces"),
    [
        # transliteration: vowels, apostrophes, doubled letters
        (["Kataib Hezbollah fired.", "Kateb Hezbollah fired.", "Kata’ib Hezbollah fired.", "Kataeb Hezbollah fired."],
         {"Kataib Hezbollah", "Kateb Hezbollah", "Kata’ib Hezbollah", "Kataeb Hezbollah"}),
        # dh/z, al-/Al- particles, case
        (["Prime Minister Mustafa Kadhimi spoke.", "Prime Minister Mustafa Al-Kazemi spoke."],
         {"Mustafa Kadhimi", "Mustafa Al-Kazemi"}),
        (["Hadi al-Amiri arrived.", "Hadi al-Ameri arrived."], {"Hadi al-Amiri", "Hadi al-Ameri"}),
        (["Qais al-Khazali spoke.", "Qais Khazali spoke."], {"Qais al-Khazali", "Qais Khazali"}),
        (["Hashid al-Shaabi marched.", "Hashd al-Shaabi marched."], {"Hashid al-Shaabi", "Hashd al-Shaabi"}),
        # acronyms: defined in one article, used alone in another; or matching initials
        (["The Islamic Resistance in Iraq (IRI) formed.", "The IRI attacked again."], {"Islamic Resistance in Iraq", "IRI"}),
        (["Kateb Hezbollah denied it. Officials blame KH."], {"Kateb Hezbollah", "KH"}),
        # known places by their gazetteer name
        (["The US said.", "The U.S. said.", "The United States said.", "People in America said."],
         {"US", "U.S.", "United States", "America"}),
        # short forms of people's names
        (["Prime Minister Mohammed Shia al-Sudani met them. Mr. Sudani said no."],
         {"Mohammed Shia al-Sudani", "Sudani"}),
        (["Spokesman Farhad Alaadin spoke.", "Alaadin told media."], {"Farhad Alaadin", "Alaadin"}),
        (["Mr. Lloyd Austin spoke.", "Lloyd J. Austin said it."], {"Lloyd Austin", "Lloyd J. Austin"}),
        # organisations: inverted heads, a tail, a head plus a generic noun
        (["The Department of Defense said.", "The Defense Department said."],
         {"Department of Defense", "Defense Department"}),
        (["Kataib Sayyid al-Shuhada fought.", "Sayyid Shuhada fought too."], {"Kataib Sayyid al-Shuhada", "Sayyid Shuhada"}),
        (["The Popular Mobilization marched.", "The Popular Mobilisation Forces marched."],
         {"Popular Mobilization", "Popular Mobilisation Forces"}),
    ],
)  # fmt: skip
def test_merges(articles: list[str], surfaces: set[str]) -> None:
    assert same(surfaces, *articles), groups(*articles)


@pytest.mark.parametrize(
    ("articles", "apart"),
    [
        # two people with one surname stay apart, and the bare surname joins neither
        (["Joe Biden spoke.", "Hunter Biden spoke.", "Later Biden said no."], [{"Joe Biden"}, {"Hunter Biden"}, {"Biden"}]),
        (["John Smith and Jane Smith met. Smith left."], [{"John Smith"}, {"Jane Smith"}, {"Smith"}]),
        # a shared first name is not a shared person
        (["Muhammad Mohi spoke.", "Muhammad al-Halbousi spoke."], [{"Muhammad Mohi"}, {"Muhammad al-Halbousi"}]),
        # similar skeletons of different places, a place and a person
        (["Iran and Iraq talked."], [{"Iran"}, {"Iraq"}]),
        # different organisations sharing a word
        (["The Islamic State attacked.", "The Islamic Republic said."], [{"Islamic State"}, {"Islamic Republic"}]),
    ],
)  # fmt: skip
def test_non_merges(articles: list[str], apart: list[set[str]]) -> None:
    got = groups(*articles)
    for surfaces in apart:
        assert surfaces in got, got


def test_a_place_never_absorbs_a_person_with_the_same_skeleton() -> None:
    got = groups("SULAIMANI (ESTA) — it began.", "Qassem Soleimani died. Soleimani was buried.")
    assert {"SULAIMANI"} in got
    assert {"Qassem Soleimani", "Soleimani"} in got


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("Kataib", "Kateb", True),
        ("Kadhimi", "Kazemi", True),
        ("Mohammed", "Muhammad", True),
        ("Qais", "Kais", True),
        ("al-Sudani", "Sudani", True),
        ("Iran", "Iraq", False),
        ("Iran", "Oran", False),
    ],
)
def test_token_skeleton(a: str, b: str, equal: bool) -> None:
    assert (token_skeleton(a) == token_skeleton(b)) is equal


def test_skeleton_reads_inverted_organisations() -> None:
    assert skeleton("Ministry of Finance") == skeleton("Finance Ministry")
    assert skeleton("Axis of Resistance") != skeleton("Resistance Axis")  # "Axis" is no generic head


def test_ids_are_stable_slugs_and_types_are_voted() -> None:
    records = resolve(
        {"a": extract("Prime Minister Mustafa Kadhimi spoke. Kadhimi left."), "b": extract("Kadhimi said.")}
    )
    (kadhimi,) = [r for r in records if "Mustafa Kadhimi" in {m.text for _, m in r.mentions}]
    assert kadhimi.id == "mustafa-kadhimi" and kadhimi.type == "PERSON" and kadhimi.name == "Mustafa Kadhimi"
    assert dict(kadhimi.aliases) == {"Kadhimi": 2, "Mustafa Kadhimi": 1}
