"""Deterministic generator of news-like articles (~700 words each) for benchmarks.

    python -m benchmarks.generate OUT_DIR [--count 10000] [--seed 7]

The same count and seed always give byte-identical files: Markdown with front matter for two
thirds of the articles, raw web text (headline, dateline, boilerplate lines) for the rest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

FIRST = "Ahmed Maria John Fatima Li Olga Carlos Amina David Sara Yusuf Elena Hassan Grace Omar Ingrid".split()
LAST = "al-Sudani Kowalski Haddad Okafor Moreno Petrov Nakamura Rahimi Schmidt Mensah al-Amiri Castillo".split()
LAST += "Novak Osei Lindqvist Farouk Duarte Ivanova Khalil Brennan".split()
ORGS = [
    "the Ministry of Finance", "the National Assembly", "the Central Bank", "the Harbour Authority",
    "the Red Crescent", "the United Nations", "the Workers' Union", "the Popular Front", "Reuters",
    "the Electoral Commission", "the Supreme Court", "the Defence Ministry", "the Kataib Brigades",
]  # fmt: skip
PLACES = "Baghdad Basra Mosul Erbil Damascus Beirut Amman Cairo Tehran Ankara Valmera Riverton".split()
PLACES += "Eastbridge Sulaimani Kirkuk Aleppo Najaf Karbala".split()
TOPICS = [
    "talks", "strike", "elections", "floods", "budget", "ceasefire", "protests", "reforms", "trade deal",
    "drone attack", "negotiations", "investigation", "withdrawal", "sanctions", "harvest",
]  # fmt: skip
VERBS = ["said", "announced", "warned", "confirmed", "denied", "told reporters", "insisted", "claimed"]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
FILLER = (
    "the government would continue to work with all parties to find a solution that respects the "
    "interests of the people and the stability of the region in the coming weeks"
).split()
BOILER = [
    "Advertisement",
    "Related Posts",
    "Share this article",
    "Previous Article",
    "Next Article",
    "0 $",
    "Subscribe",
]


def person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def sentence(r: random.Random, date: dt.date) -> str:
    kind = r.randrange(6)
    org, verb, place, topic = r.choice(ORGS), r.choice(VERBS), r.choice(PLACES), r.choice(TOPICS)
    if kind == 0:
        day = r.choice(WEEKDAYS)
        return f"{person(r)}, a spokesman for {org}, {verb} on {day} that the {topic} in {place} would resume."
    if kind == 1:
        past = date - dt.timedelta(days=r.randrange(1, 400))
        return f"On {past:%B} {past.day}, {past.year}, {org} {verb} that {' '.join(r.sample(FILLER, 12))}."
    if kind == 2:
        return f"The {topic} came after weeks of tension between {place} and {r.choice(PLACES)}, officials {verb}."
    if kind == 3:
        return f"“{' '.join(r.sample(FILLER, 14)).capitalize()},” {person(r)} {verb}."
    if kind == 4:
        return f"Last month, {org} in {place} {verb} that {' '.join(r.sample(FILLER, 10))}."
    return f"{org.capitalize()} has been accused of {' '.join(r.sample(FILLER, 9))} since {r.randrange(1990, 2024)}."


def article(n: int, r: random.Random) -> tuple[str, str]:
    date = dt.date(2019, 1, 1) + dt.timedelta(days=r.randrange(0, 2000))
    place, topic = r.choice(PLACES), r.choice(TOPICS)
    title = f"{topic.capitalize()} in {place}: {person(r)} says {r.choice(TOPICS)} will go on"
    paragraphs, words = [], 0
    while words < 700:
        para = " ".join(sentence(r, date) for _ in range(r.randrange(2, 5)))
        paragraphs.append(para)
        words += len(para.split())
    if n % 3:
        front = f'---\ntitle: "{title}"\npublished: {date.isoformat()}\nsource: "Generated News"\n---\n'
        return f"{n:06d}.md", front + "\n\n".join(paragraphs) + "\n"
    head = [r.choice(BOILER), title, f"{place.upper()} (GNA) — " + paragraphs[0]]
    tail = [r.choice(BOILER), r.choice(BOILER)]
    return f"{n:06d}.txt", "\n\n".join([*head, *paragraphs[1:], *tail]) + "\n"


def generate(out: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` articles into ``out`` (100 per sub-folder) and return ``out``."""
    r = random.Random(seed)
    for n in range(count):
        name, text = article(n, r)
        folder = out / f"{n // 100:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ns = ap.parse_args()
    generate(ns.out, ns.count, ns.seed)


if __name__ == "__main__":
    main()
