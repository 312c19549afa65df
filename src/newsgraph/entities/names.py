"""Named mentions from the parse, their labels corrected, grouped into one group per real-world entity.

`Jens Stoltenberg`, `Stoltenberg` and `Mr Stoltenberg` are one person; `Trump` tagged as an organisation in one
sentence is still the `Donald Trump` of the next; `Kyiv` is a place whatever the small model says.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsgraph.entities.gazetteer import is_place, is_platform
from newsgraph.lexicon import words

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
"""spaCy labels kept as entities: people, organisations and places. Nationalities (NORP) are adjectives here."""

RefKind = Literal["name", "pronoun", "nominal"]


@dataclass
class Ref:
    """One mention while entities are being resolved: a name, a pronoun or a description ("the NATO chief")."""

    start: int
    end: int
    text: str
    kind: RefKind
    head: int  # token index of the mention's head word
    name: str = ""  # for names: the name without honorifics and titles


@dataclass
class Group:
    """Everything gathered for one entity: its names, mentions, labels and titles."""

    refs: list[Ref] = field(default_factory=list)
    label_votes: Counter[str] = field(default_factory=Counter)
    titles: list[str] = field(default_factory=list)
    gender: str | None = None  # "male" or "female" when the article or the first name says so

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.refs if r.kind == "name"]

    @property
    def name(self) -> str:
        """The fullest form of the name, and of equally full forms the first."""
        names = self.names
        if not names:  # an anonymous person ("a spokesman"): described, not named
            return self.refs[0].text if self.refs else ""
        return max(names, key=lambda n: (len(n.split()), -names.index(n)))

    @property
    def label(self) -> str:
        return self.label_votes.most_common(1)[0][0]

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1].lower() if parts else ""

    def add_title(self, title: str) -> None:
        if title and title.lower() not in {t.lower() for t in self.titles}:
            self.titles.append(title)


def honorific(token: Token) -> bool:
    """Mr, Mrs, Dr…: courtesy words that belong to a person's mention but are not titles."""
    return token.text.rstrip(".") in words("honorifics", lower=False)


def title_word(token: Token) -> bool:
    """A capitalised title noun that can stand before a surname: President, Senator, Chancellor."""
    return token.text[:1].isupper() and token.lower_.rstrip(".") in words("titles")


def group_names(doc: Doc) -> list[Group]:
    """Named mentions grouped into entities, in order of first mention, with corrected labels.

    Full names are grouped first; a bare surname or first name ("Trump", "Hillary") then joins the one person of
    the article it can name, or, when several can (Donald and Ivanka Trump), the one the article names most.
    """
    found = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES and ent.label_ != "NORP":
            continue
        tokens = _name_tokens(ent)
        if tokens:
            found.append((ent, tokens, doc[tokens[0].i : tokens[-1].i + 1].text))
    full_names = [name for ent, _, name in found if ent.label_ == "PERSON" and len(name.split()) > 1]
    person_words = {w.lower() for n in full_names for w in (n.split()[0], n.split()[-1])}

    groups: list[Group] = []
    by_key: dict[tuple[str, str], Group] = {}
    bare: list[tuple[Ref, str]] = []
    for ent, tokens, name in found:
        label = _corrected_label(ent.label_, name, tokens, person_words)
        if label is None:
            continue
        first = _mention_start(doc, tokens) if label == "PERSON" else tokens[0].i
        mention = doc[first : tokens[-1].i + 1]
        ref = Ref(mention.start_char, mention.end_char, mention.text, "name", tokens[-1].i, name)
        if label == "PERSON" and len(name.split()) == 1:
            bare.append((ref, label))
            continue
        key = _key(label, name)
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = Group()
            groups.append(group)
        group.refs.append(ref)
        group.label_votes[label] += 1
    people = _FullNames(groups)
    for ref, label in bare:
        group = people.person_for(ref) or by_key.get(_key(label, ref.name))
        if group is None:
            group = by_key[_key(label, ref.name)] = Group()
            groups.append(group)
        group.refs.append(ref)
        people.mentioned(group, ref)
        group.label_votes[label] += 1
    groups = _merge_acronyms(groups)
    for group in groups:
        group.refs.sort(key=lambda r: r.start)
    groups.sort(key=lambda g: g.refs[0].start)
    return groups


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "on", "in", "to"})


def initials(name: str) -> str:
    """The initials of a name's words, small words left out ("European Central Bank" → "ECB", "Bank of England" →
    "BE"; "Organisation for Economic Co-operation and Development" → "OECD")."""
    return "".join(w[0].upper() for w in name.split() if w.lower() not in _SMALL_WORDS and w[0].isalpha())


def _merge_acronyms(groups: list[Group]) -> list[Group]:
    """An organisation's acronym and its full name are one entity ("the European Central Bank (ECB)… the ECB
    said"): a group named only by an acronym joins the one group of the article whose name's initials it is."""
    out = []
    for g in groups:
        if g.label in {"ORG", "GPE"} and _ACRONYM.fullmatch(g.name):
            full = [h for h in groups if h is not g and len(h.name.split()) > 1 and initials(h.name) == g.name]
            if len(full) == 1 and full[0].label in {"ORG", "GPE", "LOC", "FAC"}:
                full[0].refs.extend(g.refs)
                full[0].label_votes.update(g.label_votes)
                continue
        out.append(g)
    return out


def _key(label: str, name: str) -> tuple[str, str]:
    """People with the same first and last name are one ("Donald J. Trump", "Donald Trump"); other entities by
    their whole name."""
    words_ = name.lower().split()
    if label == "PERSON" and len(words_) > 2:
        return ("PERSON", f"{words_[0]} {words_[-1]}")
    return (_family(label), name.lower())


def _name_tokens(ent: Span) -> list[Token]:
    """The words of the name: no leading "the", honorific or title, no possessive, within one line."""
    tokens: list[Token] = []
    for tok in ent:
        if tok.is_space and "\n" in tok.text:
            break  # a name never runs over a line break; the model sometimes says it does
        tokens.append(tok)
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    # "Ms Lomax" tagged as an organisation is still Ms Lomax: a courtesy word goes whatever the label (and makes the
    # name a person's, `_corrected_label`); a title word only from a person's name.
    while len(tokens) > 1 and (honorific(tokens[0]) or (title_word(tokens[0]) and ent.label_ == "PERSON")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in {"'s", "’s", "'", "’"} or tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    # A title-case headline runs the name into its verb ("Obama Says Museum…", "Flynn Warns"): the verb is not a name.
    while len(tokens) > 1 and _headline_verb(tokens[-1]):
        tokens = tokens[:-1]
    if not tokens or not any(t.is_alpha for t in tokens):
        return []
    return tokens


def _headline_verb(tok: Token) -> bool:
    """A capitalised reporting verb in the third person ("Says", "Warns", "Tells")."""
    lower = tok.lower_
    if not tok.text[:1].isupper() or not lower.endswith("s"):
        return False
    verbs = _cue_verbs()
    return lower[:-1] in verbs or (lower.endswith("es") and lower[:-2] in verbs)


@cache
def _cue_verbs() -> frozenset[str]:
    return words("reporting_verbs") | words("cue_verbs")


def _corrected_label(label: str, name: str, tokens: list[Token], person_words: set[str]) -> str | None:
    """The label after the lexicons have had their say; None drops the mention (a nationality, a stray)."""
    if is_platform(name):
        return "ORG"
    single = len(name.split()) == 1
    known_person = single and name.lower() in person_words
    before = tokens[0].doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and honorific(before) and label in {"ORG", "GPE", "NORP", "PERSON"}:
        return "PERSON"  # "Mr Stoltenberg" whatever the model thought Stoltenberg was
    if known_person and label in {"ORG", "NORP", "PERSON"}:
        return "PERSON"  # "Trump said…" tagged as an organisation, after "Donald Trump"
    if label in {"PERSON", "ORG", "NORP"} and not known_person and is_place(name):
        return "GPE"
    if label == "NORP":
        return None
    return label


def _family(label: str) -> str:
    # spaCy often disagrees with itself between GPE and LOC, and ORG and FAC; they name the same thing.
    return {"LOC": "GPE", "FAC": "ORG"}.get(label, label)


def _mention_start(doc: Doc, tokens: list[Token]) -> int:
    """Where a person's mention starts: a courtesy word before the name is part of it ("Mr Stoltenberg"), and so
    is a title before a bare surname ("President Putin"), which is how the article calls that person."""
    start = tokens[0].i
    if start > 0 and honorific(doc[start - 1]):
        return start - 1
    if len(tokens) == 1 and start > 0 and title_word(doc[start - 1]):
        return start - 1
    return start


class _FullNames:
    """The people of the article named in full, by their first and last names, for the bare names that follow.

    Built once, before the bare names join: a bare name adds a one-word name and a vote for PERSON to the group it
    joins, which changes neither who is a person named in full nor the fullest name, so the index stays true.
    """

    def __init__(self, groups: list[Group]) -> None:
        self.by_word: dict[str, list[Group]] = {}
        self.starts: dict[int, list[int]] = {}
        for g in groups:
            parts = g.name.split()
            if g.label != "PERSON" or len(parts) < 2:
                continue
            for word in dict.fromkeys((g.surname, parts[0].lower())):
                self.by_word.setdefault(word, []).append(g)
            self.starts[id(g)] = sorted(r.start for r in g.refs)

    def person_for(self, ref: Ref) -> Group | None:
        """The person a bare surname or first name names: the only one it can, or of several (Donald and Ivanka
        Trump) the one named most often, and of those the nearest before it."""
        word = ref.name.lower()
        candidates = self.by_word.get(word)
        if not candidates:
            return None
        by_surname = [g for g in candidates if g.surname == word] or candidates

        def rank(g: Group) -> tuple[int, int]:
            starts = self.starts[id(g)]
            k = bisect.bisect_left(starts, ref.start)
            return (len(g.refs), starts[k - 1] if k else -1)

        return max(by_surname, key=rank)

    def mentioned(self, group: Group, ref: Ref) -> None:
        if id(group) in self.starts:
            bisect.insort(self.starts[id(group)], ref.start)
