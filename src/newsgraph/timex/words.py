"""The time lexicons (`data/timex_*.txt`), read once per process, and the number words they define.

Each file has one entry a line: a key, a colon, comma-separated words (`8: august, aug`; the last colon splits, so
a key may be a clock time, `12:00: noon`). The maps go from the lower-case word to its key, so that the grammar
can build its alternations from them and the normaliser can look words up.

>>> MONTHS["aug"], WEEKDAYS["friday"], SEASONS["autumn"], UNITS["hours"]
(8, 5, 'FA', 'H')
>>> number("twenty-four"), number("2 1/2"), number("a few")
(24.0, 2.5, None)
"""

from __future__ import annotations

import re

from newsgraph import lexicon


def table(name: str) -> dict[str, str]:
    """`data/timex_<name>.txt` as {word: key}, words lower case, in file order (`lexicon.table`)."""
    return lexicon.table(f"timex_{name}")


def word_list(name: str) -> frozenset[str]:
    """`data/timex_<name>.txt` as a set of lower-case entries (one a line, no keys)."""
    return lexicon.words(f"timex_{name}")


MONTHS: dict[str, int] = {w: int(k) for w, k in table("months").items()}
WEEKDAYS: dict[str, int] = {w: int(k) for w, k in table("weekdays").items()}
SEASONS: dict[str, str] = table("seasons")
UNITS: dict[str, str] = table("units")
DAY_PARTS: dict[str, str] = table("day_parts")
HOLIDAYS: dict[str, str] = table("holidays")
REFERENCES: dict[str, str] = table("references")
SETS: dict[str, str] = table("sets")
ORDINALS: dict[str, int] = {w: int(k) for w, k in table("ordinals").items()}
NUMBER_WORDS: dict[str, str] = table("numbers")
RECURRING_EVENTS: frozenset[str] = word_list("recurring_events")
AGED_THINGS: frozenset[str] = word_list("aged_things")
YEAR_CUES: frozenset[str] = word_list("year_cues")
AMBIGUOUS_WORDS: frozenset[str] = word_list("ambiguous_words")
APPROXIMATORS: frozenset[str] = word_list("approximators")
MODIFIERS: frozenset[str] = word_list("modifiers")
DECADES: frozenset[str] = word_list("decades")
UNIT_QUALIFIERS: frozenset[str] = word_list("unit_qualifiers")
PERIOD_NOUNS: frozenset[str] = word_list("period_nouns")
DURATION_RELATIONS: frozenset[str] = word_list("duration_relations")
CURRENT_THINGS: frozenset[str] = word_list("current_things")

_FRACTION = re.compile(r"^(?:(\d+)\s+)?(\d+)/(\d+)$")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def number(text: str) -> float | None:
    """The value of a number written in digits or words; None for a vague amount ("several", "a few").

    >>> number("1,000"), number("three hundred"), number("one and a half"), number("twenty four")
    (1000.0, 300.0, 1.5, 24.0)
    """
    low = " ".join(text.lower().replace("-", " ").split())
    if _DIGITS.match(low):
        return float(low.replace(",", ""))
    m = _FRACTION.match(low)
    if m:
        return int(m[1] or 0) + int(m[2]) / int(m[3])
    half = 0.0
    for tail in (" and a half", " and one half", " and half"):
        if low.endswith(tail):
            low, half = low[: -len(tail)], 0.5
    if low in {"half", "a half", "half a", "half an"}:
        return 0.5
    whole = " ".join(low.split())
    if whole in NUMBER_WORDS:
        return None if NUMBER_WORDS[whole] == "X" else float(NUMBER_WORDS[whole]) + half
    total, current = 0.0, 0.0
    words = [w for w in low.split() if w != "and"]
    if not words:
        return None
    for i, word in enumerate(words):
        key = NUMBER_WORDS.get(word)
        if key is None or key == "X":
            # "a hundred", "a thousand": the article is the number one
            if word in {"a", "an"} and i == 0:
                current = 1.0
                continue
            if _DIGITS.match(word):
                current += float(word.replace(",", ""))
                continue
            return None
        value = float(key)
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            total += (current or 1) * 1000
            current = 0.0
        else:
            current += value
    return total + current + half
