"""A person's grammatical gender, for pronoun agreement: from the mention (Mr, Mrs), the titles (spokeswoman)
and the first name (the `gender-guesser` package's name dictionary). Unknown means compatible with any pronoun."""

from __future__ import annotations

from functools import cache
from typing import Any

from newsgraph.entities.names import Group
from newsgraph.lexicon import entries


@cache
def gendered_words() -> dict[str, str]:
    out = {}
    for entry in entries("gendered_words"):
        word, _, gender = entry.partition("\t")
        out[word.strip()] = gender.strip()
    return out


@cache
def _detector() -> Any:  # a gender_guesser Detector (the package has no type information)
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@cache
def first_name_gender(name: str) -> str | None:
    """'male', 'female' or None for a first name.

    >>> first_name_gender("Sanna"), first_name_gender("Jens"), first_name_gender("Kim")
    ('female', 'male', None)
    """
    # Only the dictionary's sure answers: its "mostly" ones are wrong too often for news names (Bernie is
    # "mostly_female"); the pronouns the article uses decide those (see coref.resolve_references).
    guess = _detector().get_gender(name)
    return guess if guess in {"male", "female"} else None


def group_gender(group: Group) -> str | None:
    """The gender the article gives a person, or None when it does not say."""
    gendered = gendered_words()
    for ref in group.refs:
        if ref.kind == "name":
            first = ref.text.split()[0].rstrip(".").lower()
            if first in gendered:
                return gendered[first]
    for title in group.titles:
        for word in title.lower().split():
            if word in gendered:
                return gendered[word]
    full = group.name.split()
    if group.names and len(full) > 1:
        return first_name_gender(full[0])
    return None
