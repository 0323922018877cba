"""Mention spans and types: table-driven, every span checked against the text."""

from __future__ import annotations

import pytest

from index.entities import extract


def found(text: str) -> list[tuple[str, str]]:
    out = []
    for m in extract(text).mentions:
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.type))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles and honorifics stay outside the span but make it a person
        ("He met Prime Minister Mohammed Shia al-Sudani in Baghdad.",
         [("Mohammed Shia al-Sudani", "PERSON"), ("Baghdad", "PLACE")]),
        ("Later Mr. Sudani left.", [("Sudani", "PERSON")]),
        ("A Defense Department spokesman, Maj. Gen. Pat Ryder, said so.",
         [("Defense Department", "ORG"), ("Pat Ryder", "PERSON")]),
        ("It was US Secretary of State Mike Pompeo who called.", [("US", "PLACE"), ("Mike Pompeo", "PERSON")]),
        ("Officials said President Biden would decide.", [("Biden", "PERSON")]),
        ("Yesterday German Chancellor Olaf Scholz spoke.", [("Olaf Scholz", "PERSON")]),
        ("He met Commerce Minister Wang Wentao there.", [("Wang Wentao", "PERSON")]),
        ("A Kateb Hezbollah Secretary-General spoke.", [("Kateb Hezbollah", "ORG")]),
        # a rare word before the title ends the name before it; a common one names a portfolio
        ("Officials said Partido Verde Secretary-General Luisa Prado spoke.",
         [("Partido Verde", "ORG"), ("Luisa Prado", "PERSON")]),
        ("Reporters said Sendero Rojo Chairman Tomas Rey spoke.", [("Sendero Rojo", "ORG"), ("Tomas Rey", "PERSON")]),
        ("Reporters said Ontario Finance Minister Peter Bethlenfalvy spoke.",
         [("Ontario", "PLACE"), ("Peter Bethlenfalvy", "PERSON")]),
        ("Reporters said Labour Party Health Spokesman Wes Streeting spoke.",
         [("Labour Party", "ORG"), ("Wes Streeting", "PERSON")]),
        # kin before a name make it a person, even one spelled like a place
        ("She leaves her husband, Kwame; her son, Odense; and her niece, Florence.",
         [("Kwame", "PERSON"), ("Odense", "PERSON"), ("Florence", "PERSON")]),
        ("They flew from Florence to Odense.", [("Florence", "PLACE"), ("Odense", "PLACE")]),
        # a given name alone is a person, unless the article also writes it in lowercase
        ("Reporters asked Ingrid about the vote.", [("Ingrid", "PERSON")]),
        ("The new chip is fast. Reporters asked Chip about the chip.", []),
        # a country or region is a place whatever its last word; the name news uses is shown
        ("Settlers moved into the West Bank. The Russian Federation and the Soviet Union differ.",
         [("West Bank", "PLACE"), ("Russian Federation", "PLACE"), ("Soviet Union", "PLACE")]),
        ("The European Union and the Bank of Ghana met.", [("European Union", "ORG"), ("Bank of Ghana", "ORG")]),
        # a headline in capitals is no name; a name in capitals is
        ("FLOODS HIT NORTHERN PROVINCE AS RIVERS RISE\n\nThe water fell.", []),
        ("Officials of the BANK OF THE WEST spoke.", [("BANK OF THE WEST", "ORG")]),
        # landmarks and buildings are places; a leader's name before "administration" is a person
        ("Crowds filled the Lincoln Memorial and the Aachen Cathedral.",
         [("Lincoln Memorial", "PLACE"), ("Aachen Cathedral", "PLACE")]),
        ("Prices rose under the Nkrumah and Acheampong administrations.",
         [("Nkrumah", "PERSON"), ("Acheampong", "PERSON")]),
        # what is said only of people: an age, "who", a role in apposition, even opening a sentence
        ("Lindqvist, 45, takes on the champion. Okafor, who won, smiled.",
         [("Lindqvist", "PERSON"), ("Okafor", "PERSON")]),
        ("Reporters met the 26-year-old Haddad. Frater, a spokesman for the port, agreed.",
         [("Haddad", "PERSON"), ("Frater", "PERSON")]),
        ("Shares of Zentrix, 12 percent higher, rose.", [("Zentrix", "ORG")]),  # a figure, not an age
        # a title or a full name in the article says more than a town of that name
        ("Mayor Bristol met Ana Dole. Later Bristol and Dole spoke.",
         [("Bristol", "PERSON"), ("Ana Dole", "PERSON"), ("Bristol", "PERSON"), ("Dole", "PERSON")]),
        ("Rafael Jordan flew to Jordan.", [("Rafael Jordan", "PERSON"), ("Jordan", "PLACE")]),  # a country stays
        # a club named after its town is an organisation throughout the article; national sides stay places
        ("Ostburg beat Kestrel Vale by six wickets. Fans in Ostburg cheered.",
         [("Ostburg", "ORG"), ("Kestrel Vale", "ORG"), ("Ostburg", "ORG")]),
        ("Veracruz captain Ana Ruiz scored in the match against Toluca.",
         [("Veracruz", "ORG"), ("Ana Ruiz", "PERSON"), ("Toluca", "ORG")]),
        ("Brazil beat Ghana 2-1 in Lyon.", [("Brazil", "PLACE"), ("Ghana", "PLACE"), ("Lyon", "PLACE")]),
        ("Floods hit Veracruz and Toluca.", [("Veracruz", "PLACE"), ("Toluca", "PLACE")]),
        # a number glued to a name is part of it, unless it is a score or a date
        ("Drones hit Tower 22 and Tower 9.", [("Tower 22", "PLACE"), ("Tower 9", "PLACE")]),
        # a state abbreviated after a city is that state
        ("The plant in Fresno, Calif., and the one in Tulsa, OK closed.",
         [("Fresno", "PLACE"), ("Calif", "PLACE"), ("Tulsa", "PLACE"), ("OK", "PLACE")]),
        ("Sources said OK was fine.", [("OK", "ORG")]),  # no city before it: not Oklahoma
        # leading "the" and possessive "'s" are not part of a name
        ("Analysts said the Pentagon’s plan was clear.", [("Pentagon", "ORG")]),
        ("Analysts doubted Kata’ib Hezbollah’s claims.", [("Kata’ib Hezbollah", "ORG")]),
        # sentence-initial capitals, weekdays and months are not names by themselves
        ("Interviews with officials began on Tuesday in March.", []),
        ("Tensions rose. Several Iraqi factions met.", []),
        ("Biden told reporters he had decided.", [("Biden", "ORG")]),
        # nationalities are adjectives; a nisba surname is still a name
        ("Iraqi and Iranian officials met.", []),
        ("Mohammed Shia al-Sudani spoke. Sudani then left.",
         [("Mohammed Shia al-Sudani", "PERSON"), ("Sudani", "PERSON")]),
        ("The Iraqi Army and the Iranian Quds Force were there.", [("Iraqi Army", "ORG"), ("Quds Force", "ORG")]),
        # connectors hold inside names only where they belong
        ("Iraq and Syria signed a deal.", [("Iraq", "PLACE"), ("Syria", "PLACE")]),
        ("The Security and Defence Committee met.", [("Security and Defence Committee", "ORG")]),
        ("He joined the Department of Defense of United States.",
         [("Department of Defense", "ORG"), ("United States", "PLACE")]),
        ("It is part of the Axis of Resistance.", [("Axis of Resistance", "ORG")]),
        # types from head nouns, gazetteers and place words
        ("Drones hit al-Asad Air Base and the Rukban Camp near Tower 22.",
         [("al-Asad Air Base", "PLACE"), ("Rukban Camp", "PLACE"), ("Tower 22", "PLACE")]),
        ("Rockets landed near the Baghdad airport.", [("Baghdad airport", "PLACE")]),
        ("They met at the World Economic Forum in Davos.", [("World Economic Forum", "ORG"), ("Davos", "PLACE")]),
        ("Troops crossed the Jordan-Syria border.",
         [("Jordan-Syria border", "PLACE"), ("Jordan", "PLACE"), ("Syria", "PLACE")]),
        ("Members of Harakat al Nujaba and Asaib Ahl al-Haq met.",
         [("Harakat al Nujaba", "ORG"), ("Asaib Ahl al-Haq", "ORG")]),
        ("Farnaz Fassihi reported from New York.", [("Farnaz Fassihi", "PERSON"), ("New York", "PLACE")]),
        # hyphenated prefixes and datelines
        ("An Iran-backed group and pro-Iran militias.", [("Iran", "PLACE"), ("Iran", "PLACE")]),
        ("SULAIMANI (ESTA) — Militias said so.", [("SULAIMANI", "PLACE"), ("ESTA", "ORG")]),
        # acronyms, defined or not; web markers are not names
        ("The Islamic Resistance in Iraq (IRI) said the IRI would act.",
         [("Islamic Resistance in Iraq", "ORG"), ("IRI", "ORG"), ("IRI", "ORG")]),
        ("Attacks could follow. LINK", []),
        ("Two names side by side: the Israel Hamas war.", [("Israel", "PLACE"), ("Hamas", "ORG")]),
    ],
)  # fmt: skip
def test_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("The Islamic Resistance in Iraq (IRI) formed.", ("Islamic Resistance in Iraq", "IRI")),
        ("The Popular Mobilisation Forces (PMF) met.", ("Popular Mobilisation Forces", "PMF")),
        ("Asaib Ahl al-Haq (AAH) denied it.", ("Asaib Ahl al-Haq", "AAH")),
        ("Hashid Shaabi (Popular Mobilization) fought.", ("Hashid Shaabi", "Popular Mobilization")),
        ("The militia, Kata’ib Hezbollah, or Brigades of the Party of God, is large.",
         ("Kata’ib Hezbollah", "Brigades of the Party of God")),
    ],
)  # fmt: skip
def test_the_article_declares_aliases(text: str, pair: tuple[str, str]) -> None:
    assert pair in extract(text).aliases


def test_every_offset_holds_on_hostile_text() -> None:
    text = "“Kata’ib Hezbollah’s” (KH) — al-Sudani’s men; U.S.-led; T-22. Ḥusayn al-Ḥakim met O’Neill in São Paulo."
    for m in extract(text).mentions:
        assert text[m.start : m.end] == m.text


def spans(text: str, which: str = "mentions") -> list[tuple[str, str]]:
    """(surface, type) of the mentions or the set-aside things, each offset checked exactly."""
    out = []
    for m in getattr(extract(text), which):
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.type))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles, ranks and roles before a given name are not part of it, and make it a person
        ("The panel heard Commissioner Marta Quillon on Friday.", [("Marta Quillon", "PERSON")]),
        ("They wrote to Assistant District Attorney Daniel Ferrow in June.", [("Daniel Ferrow", "PERSON")]),
        ("He said Tobbler League Deputy Commissioner Bill Drosan agreed.",
         [("Tobbler League", "ORG"), ("Bill Drosan", "PERSON")]),
        ("The car was found by Investigator Robert Kellane later.", [("Robert Kellane", "PERSON")]),
        # sentence-initial ordinary words, number words and glued sentence starts
        ("NEW YORK -- Negotiations between the two sides stalled. The negotiations resume soon.",
         [("NEW YORK", "PLACE")]),
        ("Whether Corvale recovers is unclear, he said.", [("Corvale", "ORG")]),
        ("He spoke this week.Speaking at an event in Denver, he smiled. Speaking up mattered.",
         [("Denver", "PLACE")]),
        ("Thirty-one percent agreed. Five things stood out.", []),
        # inhabitants, nationalities, ethnic and party words are not entities
        ("Californians and New Yorkers disagreed, as did Londoners.", []),
        ("A Russian hacker and a Scottish firm met Latinos and a Democrat.", []),
        ("African-American voters cited German-U.S. ties.", []),
        # possessive plurals and "-based" tails stay inside a name
        ("She addressed the Ostrava Sheriffs' Association on Monday.", [("Ostrava Sheriffs' Association", "ORG")]),
        ("He chairs the Dunmore County Women's Leadership Council now.",
         [("Dunmore County Women's Leadership Council", "ORG")]),
        ("He founded the San Diego-based Quarrel Group.", [("San Diego", "PLACE"), ("Quarrel Group", "ORG")]),
        ("He doubted Belgrade's Tirel Council.", [("Belgrade", "PLACE"), ("Tirel Council", "ORG")]),
    ],
)  # fmt: skip
def test_precision_categories(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "kept", "others"),
    [
        # versions, models and numbered things; laws, events and works by their head noun
        ("Zentrix 11 runs on the Quorra 6000 chip.", [], [("Zentrix 11", "OTHER"), ("Quorra 6000", "OTHER")]),
        ("Prosecutors cited the Sedition Act against Halvorsen Media.",
         [("Halvorsen Media", "ORG")], [("Sedition Act", "OTHER")]),
        # acronyms of things: plurals, the indefinite article, mixed case
        ("Most PCs ship with a TPM. Each TPM stores keys.", [], [("PCs", "OTHER"), ("TPM", "OTHER"), ("TPM", "OTHER")]),
        ("Each SoC has a secure core.", [], [("SoC", "OTHER")]),
        # ordinary words capitalised as a feature name, which the article also writes in lowercase
        ("Turn on Secure Boot, because a secure boot stops attacks.", [], [("Secure Boot", "OTHER")]),
        # organisations keep their default type; evidence keeps an acronym an organisation
        ("Officials at the FBI said an FBI team helped.", [("FBI", "ORG"), ("FBI", "ORG")], []),
        ("A court fined Marlowe for its web site, marlowe.com.", [("Marlowe", "ORG")], []),
        ("Drivers asked for Highway 74.", [("Highway 74", "PLACE")], []),
    ],
)  # fmt: skip
def test_things_are_set_aside_as_other(text: str, kept: list[tuple[str, str]], others: list[tuple[str, str]]) -> None:
    assert spans(text) == kept
    assert spans(text, "others") == others


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Talks in Russia went on.", "Russia"),
        ("The Russian Federation said no.", "Russia"),
        ("Exports from Türkiye rose.", "Turkey"),
        ("Fighting in the DRC spread.", "DR Congo"),
        ("Fighting in Congo spread.", "Congo"),  # the Republic of the Congo, not DR Congo
        ("Old maps of the USSR sold.", "Soviet Union"),
        ("She was born in Austin, TX in 1970.", "Texas"),
    ],
)
def test_places_are_named_as_news_names_them(text: str, canonical: str) -> None:
    places = [m.canonical for m in extract(text).mentions if m.type == "PLACE"]
    assert canonical in places


def test_a_city_is_not_known_by_a_given_name_or_a_code() -> None:
    from index import lexicon as lx

    assert lx.places().get("bombay") == "Mumbai"  # a city's other name
    assert "mia" not in lx.places()  # a woman's name before it is Miami's


def test_a_list_marker_is_not_part_of_the_sentence_it_opens() -> None:
    from index.sentences import split

    text = "Demands:\n\n- Free the port.\n\n2. Lower the fares now.\n\nHe said 3 things."
    assert [text[s.start : s.end] for s in split(text)] == [
        "Demands:",
        "Free the port.",
        "Lower the fares now.",
        "He said 3 things.",
    ]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Cars made by Hyundai Motor Co arrived on Friday.", "Hyundai Motor Co", "ORG"),
        ("Shares of Nordea Holdings rose after the report.", "Nordea Holdings", "ORG"),
        ("It competes with Tata Communications in Asia.", "Tata Communications", "ORG"),
        ("A deal with Kasumi Pharmaceuticals was signed.", "Kasumi Pharmaceuticals", "ORG"),
        ("Nestle SA and Siemens AG reported results.", "Siemens AG", "ORG"),
        # a legal form closes the name: the country after "of" is a second name
        ("Buses built by Marcopolo Corp of Brazil arrived.", "Marcopolo Corp", "ORG"),
    ],
)
def test_company_names_by_their_legal_form_or_trade(text: str, name: str, kind: str) -> None:
    found = {(m.text, m.type) for m in extract(text).mentions}
    assert (name, kind) in found


@pytest.mark.parametrize(
    ("text", "teams", "places"),
    [
        # one cue marks a whole list of clubs named after their towns
        ("Title rivals Ostburg, Lindmoor and Harwick all won on Saturday.", {"Ostburg", "Lindmoor", "Harwick"}, set()),
        ("Ana Ruiz scored for Valmera in the second half.", {"Valmera"}, set()),
        ("The former Karsby playmaker signed a new deal.", {"Karsby"}, set()),
        ("After tea Karsby need another 148 runs to win.", {"Karsby"}, set()),
        # a list of places with no cue stays places; national sides stay their countries
        ("Talks between Paris, Berlin and Rome resumed.", set(), {"Paris", "Berlin", "Rome"}),
        ("Title rivals Brazil, Argentina and Chile all won.", set(), {"Brazil", "Argentina", "Chile"}),
    ],
)
def test_clubs_named_after_their_towns(text: str, teams: set[str], places: set[str]) -> None:
    found = {m.text: m.type for m in extract(text).mentions}
    assert {n for n in teams if found.get(n) == "ORG"} == teams
    assert {n for n in places if found.get(n) == "PLACE"} == places


def test_players_are_not_clubs_and_a_city_surname_stays_a_name() -> None:
    found = {m.text: (m.type, m.strength) for m in extract("In the final Tariq Anwar beat Mark Cairns.").mentions}
    assert found["Mark Cairns"][0] == "PERSON"  # "Cairns" is a city, not people of a place called "Cair"
    assert found["Tariq Anwar"] != ("ORG", 3)  # "beat" says a club only of a town's name


@pytest.mark.parametrize(
    "text",
    ["Results: Keanu Oduya (Kenya) beat Lior Benami (Israel) 6-3 6-4.", "Squad: Wiremu Tane (captain), Ari Kala."],
)
def test_a_country_or_role_in_brackets_after_a_name_says_person(text: str) -> None:
    people = [m.text for m in extract(text).mentions if m.type == "PERSON"]
    assert people[0] in ("Keanu Oduya", "Wiremu Tane")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Senior African Union officials met on Friday.", "African Union"),
        ("Angry Boca Juniors fans protested.", "Boca Juniors"),
        ("Jailed Kremlin critic Ivan Petrov spoke.", "Ivan Petrov"),
        ("They met. Rebel Wilson arrived late.", None),  # a given name that is also a word stays
    ],
)
def test_an_adjective_opening_the_sentence_is_no_part_of_the_name(text: str, name: str | None) -> None:
    names = [m.text for m in extract(text).mentions]
    if name is not None:
        assert name in names
    assert not any(n.split()[0] in ("Senior", "Angry", "Jailed") for n in names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Speaking later, Cofinec CEO Stephen Frater told them.", [("Cofinec", "ORG"), ("Stephen Frater", "PERSON")]),
        ("The commander, Major-General Nikolai Sherbatov, took over.", [("Nikolai Sherbatov", "PERSON")]),
        ("Then Lt-Col Ana Diaz arrived.", [("Ana Diaz", "PERSON")]),
        ("Finance Minister Ali Reza said so.", [("Ali Reza", "PERSON")]),  # a portfolio, not a name
    ],
)
def test_titles_and_ranks_are_outside_the_name(text: str, names: list[tuple[str, str]]) -> None:
    assert [(m.text, m.type) for m in extract(text).mentions] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Results follow. Women's singles, third round.", []),
        ("Men's doubles: final.", []),
        ("The Women's Council met.", ["Women's Council"]),
    ],
)
def test_men_and_women_alone_are_no_names(text: str, names: list[str]) -> None:
    assert [m.text for m in extract(text).mentions] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Striker Marco Moreno scored twice.", [("Marco Moreno", "PERSON")]),
        ("Frenchman Cedric Pioline lost in four sets.", [("Cedric Pioline", "PERSON")]),
        ("Veteran Kenyan Amina Odhiambo won.", [("Amina Odhiambo", "PERSON")]),
        ("It was a win for Spaniard Carlos Sainz.", [("Carlos Sainz", "PERSON")]),
        # a place, an acronym or a company's legal form keeps the words before the given name
        ("Ontario Finance Minister Peter Bethlen spoke.", [("Ontario", "PLACE"), ("Peter Bethlen", "PERSON")]),
        ("It sued Amazon Europe Core SARL on Monday.", [("Amazon Europe Core SARL", "ORG")]),
    ],
)
def test_words_describing_a_person_are_outside_the_name(text: str, names: list[tuple[str, str]]) -> None:
    assert [(m.text, m.type) for m in extract(text).mentions] == names


@pytest.mark.parametrize(
    ("text", "aliases"),
    [
        ("The Hashid Shaabi (Popular Mobilization) fought on.", [("Hashid Shaabi", "Popular Mobilization")]),
        # a list of players with their clubs declares no alias
        ("Defenders - Ana Ruiz (Valmera), Li Wei (Ostburg), Kofi Mensah (Valmera).", []),
    ],
)
def test_a_bracket_gloss_declares_an_alias_but_a_list_of_brackets_does_not(
    text: str, aliases: list[tuple[str, str]]
) -> None:
    assert extract(text).aliases == aliases


def test_a_hyphenated_given_name_is_a_given_name() -> None:
    from index.lexicon import is_first_name

    assert is_first_name("Jean-Philippe") and is_first_name("Anne-Marie")
    assert not is_first_name("Austro-Hungarian") and not is_first_name("Jean-")
    assert ("Jean-Philippe Fleurian", "PERSON") in {
        (m.text, m.type) for m in extract("Frenchman Jean-Philippe Fleurian lost.").mentions
    }
