"""Entity mentions from the parse, grouped into canonical entities, with the titles the article gives them.

`Jens Stoltenberg`, `Stoltenberg` and `Mr Stoltenberg` are one entity whose name is the fullest form; titles come
from the words before a name (`NATO chief Jens Stoltenberg`) and from appositions (`Jens Stoltenberg, the NATO
chief,`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.lexicon import words
from newsgraph.model import Entity, Mention

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
"""spaCy labels kept as entities: people, organisations and places. Nationalities (NORP) are adjectives here."""

_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "nummod"})


@dataclass
class _Group:
    """The mentions gathered for one entity while reading the article in order."""

    label_votes: Counter[str] = field(default_factory=Counter)
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        # The fullest form, and of equally full forms the first one.
        return max(self.names, key=lambda n: (len(n.split()), -self.names.index(n)))

    @property
    def label(self) -> str:
        return self.label_votes.most_common(1)[0][0]


def find_entities(doc: Doc) -> list[Entity]:
    """Canonical entities of an article, in order of first mention.

    >>> [e.name for e in find_entities(nlp("Jens Stoltenberg spoke. Mr Stoltenberg left."))]  # doctest: +SKIP
    ['Jens Stoltenberg']
    """
    groups: list[_Group] = []
    by_key: dict[tuple[str, str], _Group] = {}
    by_surname: dict[str, _Group] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        name = _clean_name(ent)
        if not name:
            continue
        span = _mention_span(ent) if ent.label_ == "PERSON" else ent
        mention = Mention(span.start_char, span.end_char, span.text)
        group = _find_group(ent.label_, name, by_key, by_surname)
        if group is None:
            group = _Group()
            groups.append(group)
        group.label_votes[ent.label_] += 1
        group.names.append(name)
        group.mentions.append(mention)
        if ent.label_ == "PERSON":
            for title in _titles(ent, span):
                if title.lower() not in {t.lower() for t in group.titles}:
                    group.titles.append(title)
            by_surname[name.split()[-1].lower()] = group
        by_key[(_family(ent.label_), name.lower())] = group
    return [
        Entity(id=f"E{i}", name=g.name, type=g.label, mentions=tuple(g.mentions), titles=tuple(g.titles))
        for i, g in enumerate(groups, start=1)
    ]


def _family(label: str) -> str:
    # spaCy often disagrees with itself between GPE and LOC, and ORG and FAC; they name the same thing.
    return {"LOC": "GPE", "FAC": "ORG"}.get(label, label)


def _find_group(
    label: str, name: str, by_key: dict[tuple[str, str], _Group], by_surname: dict[str, _Group]
) -> _Group | None:
    group = by_key.get((_family(label), name.lower()))
    if group is not None or label not in {"PERSON", "ORG"}:
        return group
    known = by_surname.get(name.split()[-1].lower())
    if known is None:
        return None
    if label == "ORG":
        # The small model often tags a known person's surname as an organisation ("Stoltenberg said…").
        return known if name.lower() in {n.lower() for n in known.names} | {known.name.split()[-1].lower()} else None
    # "Stoltenberg" after "Jens Stoltenberg" is the same person; so is "Jens Stoltenberg" after "Stoltenberg",
    # unless the earlier mention already has another first name ("Hillary Clinton" then "Bill Clinton").
    if len(name.split()) == 1 or all(len(n.split()) == 1 for n in known.names):
        return known
    return None


def _clean_name(ent: Span) -> str:
    """The name without a leading "the" and a trailing possessive."""
    tokens = list(ent)
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in {"'s", "’s", "'"} or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return ent.doc[tokens[0].i : tokens[-1].i + 1].text


def _is_honorific(token: Token) -> bool:
    return token.text.rstrip(".") in words("honorifics", lower=False)


def _is_title_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.lower_.rstrip(".") in words("titles")


def _mention_span(ent: Span) -> Span:
    """The mention as the article calls the person: a courtesy word before the name is part of it ("Mr
    Stoltenberg"), and so is a title before a bare surname ("President Putin")."""
    start = ent.start
    doc = ent.doc
    if (start > 0 and _is_honorific(doc[start - 1])) or (
        len(ent) == 1 and start > 0 and _is_title_word(doc[start - 1])
    ):
        start -= 1
    return doc[start : ent.end]


def _titles(ent: Span, mention: Span) -> list[str]:
    """Titles given to the person at this mention: the words before the name and an apposition after it."""
    out = []
    doc = ent.doc
    root = ent.root
    # Words before the mention that hang on the name ("NATO chief", "former Norwegian PM").
    i = mention.start
    while i > 0:
        tok = doc[i - 1]
        if tok.is_space or tok.dep_ not in _TITLE_DEPS or not _attached_to(tok, root):
            break
        i -= 1
    if i < mention.start:
        title = _title_text(doc[i : mention.start])
        if title:
            out.append(title)
    if mention.start < ent.start:  # "President Putin": the title word is part of the mention
        word = doc[mention.start]
        if not _is_honorific(word):
            out.append(word.text)
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            title = _title_text(doc[child.left_edge.i : child.right_edge.i + 1])
            if title:
                out.append(title)
    return out


def _attached_to(token: Token, root: Token) -> bool:
    """Is `token` part of the noun phrase headed by `root`?"""
    head = token
    for _ in range(8):
        if head.head == root:
            return True
        if head.head == head:
            return False
        head = head.head
    return False


def _title_text(span: Span) -> str:
    """A title from the words of a noun phrase, or "" when its head is not a title noun."""
    tokens = [t for t in span if not t.is_space]
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct or _is_honorific(tokens[0])):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or _is_honorific(tokens[-1])):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    text = span.doc[tokens[0].i : tokens[-1].i + 1].text
    last = tokens[-1].lower_
    two = " ".join(t.lower_ for t in tokens[-2:])
    if last in words("titles") or two in words("titles"):
        return text
    return ""
