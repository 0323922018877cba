"""Entity precision on invented news prose: things set aside, generic words, split and glued names.

Every case checks exact spans (``text[start:end]``) and types, with negative cases beside them."""

from __future__ import annotations

import pytest

from index.entities import extract


def spans(text: str, attr: str = "mentions") -> list[tuple[str, str]]:
    out = []
    for m in getattr(extract(text), attr):
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.type))
    return out


@pytest.mark.parametrize(
    ("text", "kept", "others"),
    [
        # a name modifying a technology, disease or rule noun names a thing
        ("The new laptops ship with the Zentra chip inside.", [], [("Zentra", "OTHER")]),
        ("Analysts watched the Zentra chip. It also runs Zentra keys.", [],
         [("Zentra", "OTHER"), ("Zentra", "OTHER")]),
        ("Budgets for day-to-day XR operations grew.", [], [("XR", "OTHER")]),
        ("Grants were frozen for:\n\nHXV prevention research\n\nand more.", [], [("HXV", "OTHER")]),
        # ... but an organisation that speaks or has people keeps its type
        ("Vantor said the Vantor chip was ready.", [("Vantor", "ORG"), ("Vantor", "ORG")], []),
        ("A Vantor spokesman praised the Vantor chip.", [("Vantor", "ORG"), ("Vantor", "ORG")], []),
        # a name before an ordinary noun of acts or decisions is still an organisation
        ("Talks stalled over the UNR sanctions on Syria.", [("UNR", "ORG"), ("Syria", "PLACE")], []),
        # "X-enabled" is a thing; "X-backed" is an actor
        ("Buyers want XRQ-enabled phones.", [], [("XRQ", "OTHER")]),
        # an abbreviation glossed by lowercase words is a term, not an organisation
        ("It measured the electromagnetic field (EMF) and hypervisor-protected code integrity (HVCI).", [],
         [("EMF", "OTHER"), ("HVCI", "OTHER")]),
        ("The Federal Aviation Office (FAO) agreed.", [("Federal Aviation Office", "ORG"), ("FAO", "ORG")], []),
    ],
)  # fmt: skip
def test_things_by_context(text: str, kept: list[tuple[str, str]], others: list[tuple[str, str]]) -> None:
    assert spans(text) == kept
    assert spans(text, "others") == others


@pytest.mark.parametrize(
    "text",
    [
        "Tags: [[action.malware.name=Conti]] [[action.malware.name=Zen]]",
        "Filters {{Vantor}} and <Brisk> and @Halvor apply.",
    ],
)
def test_words_glued_to_code_are_not_names(text: str) -> None:
    assert spans(text) == []
    assert spans(text, "others") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline or cited title: ordinary words the article writes in lowercase are not names
        ("The ruling was appealed and the extradition case goes on; what happens next is unclear.\n\n"
         "Karl Brenner Extradition Case Ruling: What Happens Next\n\nMore follows.",
         [("Karl Brenner", "PERSON")]),
        # ... but a list of surnames is not a headline
        ("The coach picked Breen late.\n\nBreen, Staunton, Irwin, Harte, Quinn.",
         [("Breen", "ORG"), ("Breen", "ORG"), ("Staunton", "PLACE"), ("Irwin", "PERSON"), ("Harte", "ORG"),
          ("Quinn", "PERSON")]),  # Irwin and Quinn are also given names
        # a gazetteer word that is also an ordinary word does not become a place by opening a sentence
        ("Federal money stays frozen. Judges cited federal law.", []),
        ("Paris stays calm. Officials in paris agreed.", [("Paris", "PLACE")]),
        # a capitalised foreign article inside a sentence opens the name; lowercase particles join it
        ("In an interview with the weekly Der Kurier, she spoke.", [("Der Kurier", "ORG")]),
        ("A complaint filed by La Voix du Nord in 2018 failed.", [("La Voix du Nord", "ORG")]),
        ("The Senate agreed.", [("Senate", "ORG")]),
    ],
)  # fmt: skip
def test_generic_words_and_particles(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # adjectives made from names, before a common noun, and their plurals, are not entities
        ("The Varnian administration said no. The Reagan administration agreed.", [("Reagan", "PERSON")]),
        ("Tools show Korvethal technology. Korvethals used tar.", []),
        ("Then Brian ordered pizza.", [("Brian", "PERSON")]),
        ("Troops entered Michoacan state on Friday.", [("Michoacan", "PLACE")]),
        # names of institutions are kept whole: "of the" + a title, a court before a judge's title
        ("Data came from the UC Office of the President’s reports.", [("UC Office of the President", "ORG")]),
        ("Then U.S. District Court Judge John McConnell ruled.",
         [("U.S. District Court", "ORG"), ("John McConnell", "PERSON")]),
        ("He met Commerce Minister Wang Wentao.", [("Wang Wentao", "PERSON")]),
        # a title owning an institution: "Sheriff’s Department"
        ("It was reported to the Riverside County Sheriff’s Department at 9 p.m.",
         [("Riverside County Sheriff’s Department", "ORG")]),
        ("He met the Oklahoma Sheriffs' Association on Friday.", [("Oklahoma Sheriffs' Association", "ORG")]),
        ("Iran’s Quds Force struck.", [("Iran", "PLACE"), ("Quds Force", "ORG")]),
    ],
)  # fmt: skip
def test_adjectives_and_whole_institutions(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a single line break inside a paragraph is a space for names; a blank line ends them
        ("She spoke in North\nLas Vegas, Nevada.", [("North\nLas Vegas", "PLACE"), ("Nevada", "PLACE")]),
        ("She spoke in Nevada\n\nLas Vegas came later.", [("Nevada", "PLACE"), ("Las Vegas", "PLACE")]),
        # "on", "for" and "and" inside an institution's name
        ("A class certified by the Varnia Commission on Peace\nOfficer Standards and Training, Kilgore said.",
         [("Varnia Commission on Peace\nOfficer Standards and Training", "ORG"), ("Kilgore", "ORG")]),
        ("The Luxembourg National Commission for Data Protection fined it.",
         [("Luxembourg National Commission for Data Protection", "ORG")]),
        ("The Department of Health and Human Services and Iraq agreed.",
         [("Department of Health and Human Services", "ORG"), ("Iraq", "PLACE")]),
        ("Talks between the Ministry of Defence and Iraq went on.", [("Ministry of Defence", "ORG"), ("Iraq", "PLACE")]),
        ("Reporters said Trump on Wednesday left.", [("Trump", "ORG")]),
    ],
)  # fmt: skip
def test_line_breaks_and_institution_connectors(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scraped text glued at a case switch: a function word, a title, or two words seen alone
        ("Updated 3:10 AM UTCBy Mara QuillPresident Joe Biden spoke.\n\nLater Mara Quill said no.",
         [("Mara Quill", "PERSON"), ("Joe Biden", "PERSON"), ("Mara Quill", "PERSON")]),
        ("Mara QuillMara Quill is a reporter.", [("Mara Quill", "PERSON"), ("Mara Quill", "PERSON")]),
        # camel-case brands used more than once, and name prefixes, stay whole
        ("BrightPath said so, and Joan Bright and Ed Path agreed. Users like BrightPath.",
         [("BrightPath", "ORG"), ("Joan Bright", "PERSON"), ("Ed Path", "PERSON"), ("BrightPath", "ORG")]),
        ("Senator Angus McNeil met YouTube in MacLeod at 9 p.m. EST.",
         [("Angus McNeil", "PERSON"), ("YouTube", "ORG"), ("MacLeod", "PLACE")]),
    ],
)  # fmt: skip
def test_glued_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected
