"""Lexicons are data: plain-text files under `newsgraph/data/`, one entry a line, `#` starts a comment.

They are read once per process, so they can be extended without reading code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of `data/<name>.txt` in file order, without comments and blank lines."""
    path = resources.files("newsgraph") / "data" / f"{name}.txt"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


@cache
def words(name: str, lower: bool = True) -> frozenset[str]:
    """The entries of `data/<name>.txt` as a set, lower-cased unless `lower` is False."""
    return frozenset(e.lower() for e in entries(name)) if lower else frozenset(entries(name))


@cache
def table(name: str) -> dict[str, str]:
    """`data/<name>.txt` as {word: key}, in file order: each entry is a key, a colon and comma-separated words
    (`8: august, aug`; the last colon splits, so a key may hold one: `12:00: noon`). Words are lower-cased, their
    spaces collapsed.

    >>> table("timex_months")["aug"], table("pronoun_genders")["hers"]
    ('8', 'female')
    """
    out: dict[str, str] = {}
    for line in entries(name):
        key, _, words = line.rpartition(":")
        for word in words.split(","):
            if word.strip():
                out[" ".join(word.lower().split())] = key.strip()
    return out


@cache
def feature_weights(name: str) -> dict[str, float]:
    """Shipped weights: `data/<name>.tsv`, one `feature<TAB>weight` a line ("bias" is a linear model's intercept),
    `#` lines are comments. The cleaner's headline model and its line model's word lexicon are kept this way,
    written by bench/train_*.py.

    >>> feature_weights("headline_model")["bias"] != 0
    True
    """
    path = resources.files("newsgraph") / "data" / f"{name}.tsv"
    return parse_weights(path.read_text(encoding="utf-8"))


def parse_weights(text: str) -> dict[str, float]:
    """`feature<TAB>weight` lines (the format of `feature_weights`) as a dict.

    >>> parse_weights("# a comment\\nsubscribe\\t2.5\\n")
    {'subscribe': 2.5}
    """
    out: dict[str, float] = {}
    for row in text.splitlines():
        if row and not row.startswith("#"):
            feature, _, value = row.rpartition("\t")
            out[feature] = float(value)
    return out
