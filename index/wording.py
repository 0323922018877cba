"""Words for people: counts with the right plural, text cut at a word boundary.

Plain string helpers (no terminal, no markup), shared by the CLI, the reader and the snippets.
"""

from __future__ import annotations

ELLIPSIS = "…"

#: plurals that are not the word plus "s" or "es"
IRREGULAR = {"entry": "entries", "match": "matches", "person": "people", "is": "are", "was": "were"}


def plural_of(word: str) -> str:
    """The plural of an English noun of the UI ("match" -> "matches", "article" -> "articles")."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def count(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it needs: "1 match", "2 matches", "0 articles"
    (thousands separated, so "1,204 articles")."""
    return f"{n:,} {word if n == 1 else plural or plural_of(word)}"


def cut_at_word(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long, cut after the last whole word that fits, with an
    ellipsis (counted in the limit) when anything was cut; a single word longer than the limit is
    cut inside it rather than dropped."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    room = limit - len(ELLIPSIS)
    head = text[: room + 1]  # one more: is the character after the room a space (a whole word fits)?
    if head[-1].isspace():
        return head.rstrip() + ELLIPSIS
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    kept = (head[:space] if space > 0 else head[:room]).rstrip(" \t\n,;:–—-")
    return (kept or text[:room]) + ELLIPSIS
