"""Who `he`, `she` and `the NATO chief` are: pronouns and titled descriptions resolved to named people.

Rules in the tradition of Hobbs and of Lappin and Leass, kept small: an antecedent must agree in gender, must not
be the subject of the clause a non-reflexive object pronoun sits in, and is looked for sentence by sentence
backwards, subjects first. Quotation matters: a pronoun outside quotation marks refers to people named outside
them (`“…President Putin…” he warned` is not Putin), one inside prefers people named inside. A description
(`the former Norwegian PM`) joins the person whose titles it matches; in the headline or first sentence it may
also look ahead (`…the alliance's Secretary-General confirmed…` before `NATO chief Jens Stoltenberg`). A
description that matches nobody (`a spokesman`) stays an anonymous person, so that `he` after it is not taken
for somebody else.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.entities.gender import gendered_words as _gendered_words
from newsgraph.entities.gender import group_gender
from newsgraph.entities.names import Group, Ref
from newsgraph.entities.titles import is_title_noun
from newsgraph.lexicon import table, words
from newsgraph.nlp import SUBJECT_DEPS
from newsgraph.quotes.quotation_marks import find_marked_spans

PRONOUN_GENDER = table("pronoun_genders")
GENERIC_TITLES = words("generic_titles")
WINDOW_SENTENCES = 12
"""How far back a pronoun looks: quotes of several paragraphs often separate "he said" from the name."""
LOOKAHEAD_SENTENCES = 2
DESCRIPTION_WINDOW = 4
DESCRIPTION_LOOKBACK = 1_000
"""How far back (in sentences, the line breaks between paragraphs counted among them) a description looks for the
person whose title it repeats: further than news articles run (PolNeAR's longest, 33,000 characters, has 694),
and a bound that keeps the cost of a very long text linear in its length."""
MAX_DESCRIPTION_TAIL = 6
ORGANISATION_WINDOW = 3
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "obj"})


class _Timeline:
    """The mentions resolved so far, in text order, each with its group: what pronouns and descriptions look back
    over. Kept sorted as mentions are added, with an index by head word, so that looking back from a word costs
    the few mentions looked at, not the whole article (a long article has tens of thousands)."""

    def __init__(self, items: list[tuple[Ref, Group]]) -> None:
        self.items = sorted(items, key=lambda x: x[0].start)
        self.starts = [r.start for r, _ in self.items]
        self.by_head: dict[int, tuple[Ref, Group]] = {}
        for ref, group in reversed(self.items):
            self.by_head[ref.head] = (ref, group)

    def insert(self, ref: Ref, group: Group) -> None:
        """Add a mention before those that start where it does (as `bisect_left` places it)."""
        k = bisect.bisect_left(self.starts, ref.start)
        self.starts.insert(k, ref.start)
        self.items.insert(k, (ref, group))
        first = self.by_head.get(ref.head)
        if first is None or ref.start <= first[0].start:
            self.by_head[ref.head] = (ref, group)

    def before(self, char: int) -> Iterator[tuple[Ref, Group]]:
        """The mentions that start before `char`, nearest first."""
        items = self.items
        for k in range(bisect.bisect_left(self.starts, char) - 1, -1, -1):
            yield items[k]

    def owner_of(self, token: Token) -> Group | None:
        """The group of the first mention whose head is `token`."""
        found = self.by_head.get(token.i)
        return found[1] if found is not None else None


@dataclass
class _Context:
    doc: Doc
    sentence_of: list[int]
    quote_starts: list[int]
    quote_ends: list[int]
    named: set[int]  # id() of the groups of named entities

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quote_starts, char) - 1
        return k >= 0 and char < self.quote_ends[k]


def resolve_references(doc: Doc, groups: list[Group]) -> list[Group]:
    """Add pronoun and description mentions to `groups` (in place); return the anonymous people found.

    Two passes: the first only counts which pronouns each person of unknown gender attracts (Megyn, Bernie: first
    names the dictionary does not know or gets wrong); the majority sets the gender, and the second pass resolves
    with it, so that one early "he" cannot make Megyn Kelly a man for the rest of the article.
    """
    ctx = _context(doc, groups)
    for group in groups:
        if group.label == "PERSON":
            group.gender = group_gender(group)
    votes: dict[int, Counter[str]] = {}
    _resolve(ctx, groups, votes, commit=False)
    for group in groups:
        counts = votes.get(id(group))
        if group.label == "PERSON" and group.gender is None and counts:
            group.gender = counts.most_common(1)[0][0]
    return _resolve(ctx, groups, votes, commit=True)


def _resolve(ctx: _Context, groups: list[Group], votes: dict[int, Counter[str]], commit: bool) -> list[Group]:
    doc = ctx.doc
    named_tokens = {i for g in groups for r in g.refs if r.kind == "name" for i in _token_range(doc, r)}
    anonymous: list[Group] = []
    timeline = _Timeline([(r, g) for g in groups for r in g.refs if r.kind == "name"])
    for tok in doc:
        if tok.i in named_tokens:
            continue
        lower = tok.lower_
        if lower in PRONOUN_GENDER and tok.pos_ == "PRON":
            group = _resolve_pronoun(ctx, tok, PRONOUN_GENDER[lower], timeline)
            if group is not None:
                ref = Ref(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", tok.i)
                timeline.insert(ref, group)
                votes.setdefault(id(group), Counter())[PRONOUN_GENDER[lower]] += not commit
                if commit:
                    group.refs.append(ref)
        elif lower == "who" and tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == "relcl":
            # "Mike Pence, who called…": the relative pronoun is the person it hangs on.
            group = timeline.owner_of(tok.head.head)
            if group is not None:
                ref = Ref(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", tok.i)
                timeline.insert(ref, group)
                if commit:
                    group.refs.append(ref)
        elif lower == "it" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in words("cue_verbs"):
            # "It said…": an organisation speaking (the campaign, the ministry), never an anonymous person.
            group = _resolve_organisation(ctx, tok, timeline)
            if group is not None:
                ref = Ref(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", tok.i)
                timeline.insert(ref, group)
                if commit:
                    group.refs.append(ref)
        elif _is_description_head(tok):
            ref, title, definite = _description(tok)
            named = next((c for c in tok.children if c.dep_ == "appos" and c.i in named_tokens), None)
            if named is not None:  # "The mayor, Tom Hardy, said": the description is the named person's title
                group = timeline.owner_of(named) or _resolve_description(ctx, tok, title, definite, groups, timeline)
            else:
                group = _resolve_description(ctx, tok, title, definite, groups, timeline)
            if group is None:
                group = Group()
                group.label_votes["PERSON"] += 1
                group.add_title(title)
                group.gender = group_gender(group)
                group.refs.append(ref)
                anonymous.append(group)
            elif commit:
                group.add_title(title)
                group.refs.append(ref)
            timeline.insert(ref, group)
            named_tokens.update(_token_range(doc, ref))
    if commit:
        for group in groups:
            group.refs.sort(key=lambda r: r.start)
    return anonymous


def _context(doc: Doc, groups: list[Group]) -> _Context:
    sentence_of = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for tok in sent:
            sentence_of[tok.i] = k
    spans = [s for s in find_marked_spans(doc.text) if not s.nested]
    return _Context(doc, sentence_of, [s.start for s in spans], [s.end for s in spans], {id(g) for g in groups})


def _token_range(doc: Doc, ref: Ref) -> range:
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _is_subject(doc: Doc, ref: Ref) -> bool:
    return doc[ref.head].dep_ in SUBJECT_DEPS


def _clause_verb(tok: Token) -> Token:
    head = tok.head
    while head.pos_ not in {"VERB", "AUX"} and head.head != head:
        head = head.head
    return head


def _resolve_pronoun(ctx: _Context, tok: Token, gender: str, timeline: _Timeline) -> Group | None:
    doc = ctx.doc
    here = ctx.sentence_of[tok.i]
    inside = ctx.in_quote(tok.idx)
    object_position = tok.dep_ in _OBJECT_DEPS and not tok.lower_.endswith("self")
    # "Mike Pence, who called him": him is not whoever is the subject of its own clause.
    verb = _clause_verb(tok)
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None) if object_position else None
    excluded = timeline.owner_of(subject) if subject is not None else None
    best: tuple[tuple[int, int, int, int, int], Group] | None = None
    for ref, group in timeline.before(tok.idx):
        distance = here - ctx.sentence_of[ref.head]
        if distance > WINDOW_SENTENCES:
            break
        if group.label != "PERSON" or (group.gender is not None and group.gender != gender) or group is excluded:
            continue
        ref_inside = ctx.in_quote(ref.start)
        if ref_inside and not inside:
            continue
        if (
            object_position
            and distance == 0
            and _is_subject(doc, ref)
            and _clause_verb(doc[ref.head]) == _clause_verb(tok)
        ):
            continue  # "Trump attacked him": him is not Trump
        key = (
            0 if ref_inside == inside else 1,
            distance,
            0 if _is_subject(doc, ref) else 1,
            _depth(doc[ref.head]),
            -ref.start,
        )
        if best is None or key < best[0]:
            best = (key, group)
    return best[1] if best else None


def _depth(token: Token) -> int:
    """How deep a word sits in its sentence's tree: the subject of the main clause is preferred to the subject of a
    clause inside it (`X was pro Y while the governor was running, he said`: he is X)."""
    depth = 0
    while token.head != token and depth < 20:
        token, depth = token.head, depth + 1
    return depth


def _resolve_organisation(ctx: _Context, tok: Token, timeline: _Timeline) -> Group | None:
    """The organisation "it" names as a speaker: the nearest one before it, outside quotes, subjects first."""
    here = ctx.sentence_of[tok.i]
    best: tuple[tuple[int, int, int], Group] | None = None
    for ref, group in timeline.before(tok.idx):
        if group.label != "ORG" or ctx.in_quote(ref.start):
            continue
        distance = here - ctx.sentence_of[ref.head]
        if distance > ORGANISATION_WINDOW:
            break
        key = (distance, 0 if _is_subject(ctx.doc, ref) else 1, -ref.start)
        if best is None or key < best[0]:
            best = (key, group)
    return best[1] if best else None


def _is_description_head(tok: Token) -> bool:
    """A singular title noun heading a noun phrase of its own: `the NATO chief`, `a spokeswoman`."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.tag_ in {"NNS", "NNPS"} or not is_title_noun(tok):
        return False
    if tok.dep_ in {"compound", "appos", "amod", "nmod"} or (
        tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_type_ == "PERSON"
    ):
        return False  # part of a name's title ("NATO chief Jens Stoltenberg") or itself a title given by apposition
    return any(c.dep_ in {"det", "poss"} for c in tok.children)


def _description(tok: Token) -> tuple[Ref, str, bool]:
    """The description's mention, the title it gives, and whether it is definite (the, a possessor)."""
    doc = tok.doc
    left = [c for c in tok.lefts if c.dep_ in {"det", "poss", "amod", "compound", "nmod", "punct", "nummod"}]
    start = min([tok.i, *(c.left_edge.i for c in left)])
    title_start = tok.i
    for c in sorted(left, key=lambda c: c.i, reverse=True):
        if c.dep_ in {"det", "poss"} or c.pos_ in {"DET", "NUM"}:
            break
        title_start = c.left_edge.i
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    definite = det is None or det.lower_ in {"the", "this", "that"}
    end = tok.i + 1
    # "a spokesman for the ministry", "the chairman of the committee": the phrase that says whose.
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in {"for", "of", "at", "with"}), None)
    if of is not None and of.i == tok.i + 1 and of.right_edge.i - tok.i <= MAX_DESCRIPTION_TAIL:
        end = of.right_edge.i + 1
    span = doc[start:end]
    ref = Ref(span.start_char, span.end_char, span.text, "nominal", tok.i)
    return ref, doc[title_start : tok.i + 1].text, definite


def _title_heads(group: Group) -> set[str]:
    heads = set()
    for title in group.titles:
        for word in reversed(title.lower().split()):
            if word.rstrip(".") in GENERIC_TITLES or _lexicon_title(word):
                heads.add(word.rstrip("."))
                break
    return heads


def _lexicon_title(word: str) -> bool:
    return word.rstrip(".") in words("titles")


def _resolve_description(
    ctx: _Context, tok: Token, title: str, definite: bool, groups: list[Group], timeline: _Timeline
) -> Group | None:
    """The named person a definite description refers to: the nearest earlier one whose titles share its head
    (`the prime minister` → Finnish Prime Minister Sanna Marin); failing that, in the headline or first sentences,
    the first later one with a title (`the alliance's Secretary-General` → NATO chief Jens Stoltenberg); failing
    that, the person most recently the subject of a sentence before it (`the businessman replied`)."""
    if not definite:
        return None  # "a spokesman" introduces somebody new
    head = title.lower().split()[-1]
    here = ctx.sentence_of[tok.i]
    gender = _gendered_words().get(head)

    def is_person(g: Group) -> bool:  # a named person (not one of the anonymous ones described) of its gender
        return id(g) in ctx.named and g.label == "PERSON" and (gender is None or g.gender in {None, gender})

    best: tuple[tuple[int, int], Group] | None = None
    for ref, group in timeline.before(tok.idx):
        distance = here - ctx.sentence_of[ref.head]
        if distance > DESCRIPTION_LOOKBACK or (best is not None and best[0][0] == 0 and distance > best[0][1]):
            break  # out of reach, or past the nearest with the very title
        if not is_person(group):
            continue
        heads = _title_heads(group)
        if head in heads or (head in GENERIC_TITLES and heads):
            key = (0 if head in heads else 1, distance)
            if best is None or key < best[0]:
                best = (key, group)
    if best is not None:
        return best[1]
    if here <= LOOKAHEAD_SENTENCES:
        ahead = [
            (min(r.start for r in g.refs if r.start > tok.idx), g)
            for g in groups
            if is_person(g)
            if _compatible_ahead(head, _title_heads(g)) and any(r.start > tok.idx for r in g.refs)
        ]
        if ahead:
            return min(ahead, key=lambda x: x[0])[1]
    if head in words("office_titles") or title.lower() in words("office_titles"):
        return None  # "the president" is whoever holds that office, not whoever was named last
    for ref, group in timeline.before(tok.idx):
        distance = here - ctx.sentence_of[ref.head]
        if distance == 0:
            continue
        if distance > DESCRIPTION_WINDOW:
            break
        if is_person(group) and _is_subject(ctx.doc, ref) and not ctx.in_quote(ref.start):
            return group
    return None


def _compatible_ahead(head: str, heads: set[str]) -> bool:
    """Looking ahead, a person titled `NATO chief` may be `the Secretary-General`: a generic title (chief, leader)
    is compatible with a specific one, but two different specific titles (President, Secretary-General) are not."""
    return head in heads or bool(heads & GENERIC_TITLES) or (head in GENERIC_TITLES and bool(heads))
