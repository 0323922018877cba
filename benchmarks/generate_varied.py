"""Deterministic generator of short news articles that tempt entity resolution into bad merges.

    python -m benchmarks.generate_varied OUT_DIR [--count 600] [--seed 11]

Names come from many countries and are chosen in near-twins that share a consonant skeleton but
name different people ("Carla" / "Carlo", "Rossi" / "Russo"), set in lists ("such as A, B, or C"),
next to abbreviations ("U.N. agency", "U.S. Navy"), bare surnames shared by several people, and
all-caps headlines. The merge audit (:mod:`benchmarks.merge_audit`) run on them shows whether any
of these temptations was taken. The same count and seed always give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

#: first names in near-twins (same skeleton, different names)
FIRST = [
    ("Carla", "Carlo"), ("Peter", "Petra"), ("Said", "Saad"), ("Amin", "Amina"), ("Tomas", "Tamas"),
    ("Ivan", "Ivana"), ("Lena", "Leon"), ("Marco", "Marek"), ("Karin", "Koren"), ("Hana", "Hani"),
    ("Dina", "Dino"), ("Rania", "Rana"), ("Boris", "Bares"), ("Nadia", "Nadim"), ("Yuki", "Yoko"),
]  # fmt: skip
#: surnames in near-twins
LAST = [
    ("Rossi", "Russo"), ("Nilsen", "Nelson"), ("Koller", "Keller"), ("Moreno", "Marino"), ("Haddad", "Hadid"),
    ("Sato", "Saito"), ("Okafor", "Okafur"), ("Mensah", "Mensa"), ("Kovac", "Kovic"), ("Lindgren", "Lundgren"),
    ("Banerjee", "Bannerji"), ("Tanaka", "Tanaka"), ("Oyelaran", "Oyeleran"), ("Petrov", "Petrova"),
]  # fmt: skip
COMPANIES = ["Tata Motors", "Samsung", "Petrobras", "Siemens", "Nokia", "Aramco", "Safaricom", "Toyota",
             "Embraer", "Infosys", "Naspers", "Gazprom", "Vale", "Airbus", "Baidu", "Ericsson"]  # fmt: skip
COUNTRIES = ["Chile", "Peru", "Bolivia", "Kenya", "Ghana", "Nigeria", "Vietnam", "Thailand", "Norway", "Poland",
             "Hungary", "Morocco", "Egypt", "Jordan", "Japan", "India", "Brazil", "Mexico", "Turkey"]  # fmt: skip
BODIES = [
    ("the U.N. refugee agency", "U.N."), ("the U.S. Navy", "USN"), ("the U.K. Treasury", "UKT"),
    ("the African Union", "AU"), ("the World Health Organization", "WHO"), ("the European Central Bank", "ECB"),
    ("the Asian Development Bank", "ADB"), ("the International Energy Agency", "IEA"),
]  # fmt: skip
ROLES = ["minister", "coach", "striker", "chief executive", "spokeswoman", "mayor", "judge", "senator"]
TOPICS = ["exports", "the final", "the merger", "the budget", "vaccines", "the election", "rates", "the strike"]


def _name(r: random.Random) -> str:
    first = r.choice(FIRST)[r.randrange(2)]
    last = r.choice(LAST)[r.randrange(2)]
    return f"{first} {last}"


def article(n: int, r: random.Random) -> tuple[str, str]:
    """(file name, text) of article ``n``."""
    date = dt.date(2019, 1, 1) + dt.timedelta(days=r.randrange(1500))
    a, b = _name(r), _name(r)
    role_a, role_b = r.sample(ROLES, 2)
    cos = r.sample(COMPANIES, 4)
    lands = r.sample(COUNTRIES, 4)
    body, acro = r.choice(BODIES)
    topic = r.choice(TOPICS)
    head = f"{a.split()[-1].upper()} WARNS ON {topic.replace('the ', '').upper()}"
    paras = [
        f"{role_a.capitalize()} {a} said on Tuesday that {topic} would be decided within weeks.",
        f"Firms such as {cos[0]}, {cos[1]}, or {cos[2]} have lobbied hard, and {cos[3]} is expected to follow.",
        f"Buyers in countries including {lands[0]}, {lands[1]}, or {lands[2]} are watching, officials in "
        f"{lands[3]} said.",
        f"{body[0].upper() + body[1:]} said it was monitoring the talks. A spokesman for the {acro} declined to "
        f"comment further.",
        f"{a.split()[-1]} met {role_b} {b} later. {b.split()[-1]} said the meeting was useful.",
        f'Asked about {topic}, {a.split()[-1]} added: "We will not wait for {lands[0]}."',
    ]
    text = (
        f"---\ntitle: {head}\npublished: {date.isoformat()}\nsource: Varied Wire\n---\n\n" + "\n\n".join(paras) + "\n"
    )
    return f"varied-{n:04d}.md", text


def generate(out: Path, count: int, seed: int = 11) -> Path:
    """Write ``count`` articles into ``out`` (created if needed) and return it."""
    out.mkdir(parents=True, exist_ok=True)
    r = random.Random(seed)
    for n in range(count):
        name, text = article(n, r)
        (out / name).write_text(text, encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    generate(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
