"""Place names from GeoNames (`data/places.txt`) and platform names from a lexicon, to correct the small model's
labels: it tags `Kyiv` as a person, `Vilnius` as an organisation and social networks as people."""

from __future__ import annotations

from newsgraph.lexicon import words


def place_names() -> frozenset[str]:
    """Lower-cased names of countries, their capitals, US states and cities of at least 250,000 people (made from
    GeoNames by bench/make_places.py; smaller cities collide too often with surnames)."""
    return words("places")


def is_place(name: str) -> bool:
    """Is this the name of a country, capital, US state or large city?

    >>> is_place("Kyiv"), is_place("Stoltenberg")
    (True, False)
    """
    return name.lower() in place_names()


def is_platform(name: str) -> bool:
    """Is this the name of a social network or online platform?"""
    return name in words("platforms", lower=False)
