"""Propositions from the dependency parse: for each clause, its subject, predicate, object and further arguments.

A clause is headed by a verb (or a copula: "is", with its attribute as the object). Its parts come from the
parser's labels (ClearNLP's, as spaCy's English models give them):

- subject: `nsubj`/`nsubjpass`/`csubj` of the verb; else, for a verb in coordination, that of the first verb
  ("Turkey signed and ratified it": both claims have Turkey); for a relative clause, the noun it modifies ("an
  opening that led to…": "an opening"; when that noun is the attribute of a copula, the copula's subject instead);
  for a participle modifying a noun ("a war launched by Putin"), that noun; for an adverbial participle ("Addressing
  the summit, he urged…"), the main clause's subject; for a complement without a subject of its own ("urged the
  West to step up"), the object of the verb it completes.
- predicate: the verb with its auxiliaries, negation and particles, as one span of the text ("will also eventually
  join", "is being held up"); an infinitive right after the verb is taken in ("applied to join", "plans to
  build"); a light verb takes its noun ("take part in", "give support to"); a verb without a
  direct object takes the preposition of its first prepositional phrase ("taught at", "switched over to").
- object: the direct object, the attribute or adjective of a copula, a clausal complement ("declared [Kyiv would
  join]"), or the object of the preposition taken into the predicate.
- arguments: the verb's other prepositional phrases, a passive's "by" phrase (role "agent"), time words ("today"),
  a condition ("if…"), a dative.

Coordinated subjects and objects make one proposition each ("Sweden and Finland applied" → two). Everything here
reads the parse only; `newsgraph.claims` turns propositions into the `Claim` layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph import lexicon

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd"})
CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp", "acl", "pcomp", "csubj"})
"""The labels of a verb that heads a clause of its own (a conjunct, a reported clause, a relative clause…)."""
NOT_IN_A_PHRASE = frozenset({"relcl", "appos", "acl", "cc", "conj", "mark", "advcl", "parataxis"})
"""Children left out of a noun phrase's words: its relative clauses, appositions, participles and conjuncts are
claims or parts of their own."""
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose", "where", "when", "what"})


def light_verbs() -> frozenset[str]:
    """Verbs whose object's noun is part of the predicate when a preposition follows ("take part in")."""
    return lexicon.words("claim_light_verbs")


@dataclass(frozen=True, slots=True)
class Words:
    """A stretch of tokens, `start` to `end` (exclusive), with the token that heads it."""

    start: int
    end: int
    head: int


@dataclass(frozen=True, slots=True)
class Proposition:
    """One proposition found in the parse. `verb` is the token that heads the clause (the main verb of the
    predicate); `verbs` all verbs of the predicate (for modality and negation); `found` says how the subject was
    found: "own", "conjunct", "relative", "participle", "adverbial", "complement", "apposition", "title"."""

    verb: int
    subject: Words
    predicate: Words
    object: Words | None
    arguments: tuple[tuple[str, Words], ...]
    verbs: tuple[int, ...]
    found: str
    clause: Words  # the clause's own words, for the claim's span and its time
    passive: bool = False
    copula: bool = False
    nested: tuple[int, ...] = field(default=())  # the heads of the clauses inside this one (reported, relative…)
    kind: str = "ROOT"  # the parser's label of the clause's verb: "ROOT", "conj", "ccomp", "advcl", "relcl"…
    subordinate: bool = False  # the clause has a conjunction of its own ("when…", "because…", "that…")


def propositions(doc: Doc) -> list[Proposition]:
    """The propositions of every clause of `doc`, in the order of their verbs.

    "Sweden and Finland applied to join." gives two, "Sweden" and "Finland" each with the predicate "applied to
    join" (tests/test_claims.py holds each rule on a parse written out by hand).
    """
    out: list[Proposition] = []
    taken: set[int] = set()  # verbs taken into another's predicate ("applied to join": "join")
    for token in doc:
        if token.i in taken or not _heads_clause(token):
            continue
        out.extend(_of_clause(token, taken))
    return out


def _heads_clause(token: Token) -> bool:
    if token.dep_ not in CLAUSE_DEPS or token.is_punct or _in_word_before(token):
        return False
    if token.pos_ == "VERB":
        return True
    # A copula or "have" as the main verb: "is", "was", "has".
    return token.pos_ == "AUX" and token.dep_ in ("ROOT", "conj", "ccomp", "relcl", "advcl", "parataxis")


def _of_clause(verb: Token, taken: set[int]) -> Iterator[Proposition]:
    subject, found = _subject(verb)
    if subject is None:
        return
    chain = [verb]
    # "applied to join", "plans to build", "wants to be": an infinitive that goes on the verb's predicate.
    while True:
        last = chain[-1]
        if any(c.dep_ in ("dobj", "attr", "ccomp") for c in last.children):
            break
        if any(c.dep_ == "acomp" for c in last.children) and last.pos_ != "AUX":
            break
        nxt = next((c for c in last.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if nxt is None and last.pos_ == "AUX":  # "was able to control", "is likely to join"
            adjective = next((c for c in last.children if c.dep_ == "acomp"), None)
            nxt = next((c for c in adjective.children if c.dep_ == "xcomp"), None) if adjective else None
            if nxt is not None and nxt.i > last.i:
                chain.append(nxt)
                taken.add(nxt.i)
                continue
        if nxt is None or nxt.i < last.i:
            break
        # Taken in when the infinitive follows the verb's words at once ("applied to join", "was considered to
        # be"), so that the predicate is one stretch of text; "relocates to Florida to become" stays two.
        if min(t.i for t in nxt.subtree) != max(t.i for t in _verb_words(last)) + 1:
            break
        chain.append(nxt)
        taken.add(nxt.i)
    main = chain[-1]
    copula = main.pos_ == "AUX" or main.lemma_ == "be"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)

    pred_tokens = [t for v in chain for t in _verb_words(v)]
    objects: list[Token] = []
    arguments: list[tuple[str, Token]] = []
    agent_conjuncts: list[Token] = []  # a passive's agents ("held up by Turkey and Hungary"): one claim each
    nested: list[int] = []
    there = found == "there"
    # The phrases of every verb of the predicate ("applied to join the alliance in May": "in May" is the
    # first verb's), the objects of the last one.
    children = sorted((c for v in chain for c in v.children if c.i not in taken), key=lambda t: t.i)
    for child in children:
        dep = child.dep_
        if there and child.i == subject.i:
            continue
        if child.head.i == main.i and (dep in OBJECTS or (dep == "ccomp" and child.i > main.i)):
            objects.append(child)
        elif _is_agent(child, passive):
            agents = [*(_conjuncts(a) for a in child.children if a.dep_ == "pobj")]
            agent_conjuncts = agents[0] if agents else []
            if not agent_conjuncts:
                arguments.append(("agent", child))
        elif dep == "prep":
            arguments.append((child.lower_, child))
        elif dep == "dative":
            arguments.append(("to", child))
        elif dep in ("npadvmod", "tmod") or (dep == "advmod" and _is_time(child)):
            arguments.append(("time", child))
        elif dep == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children):
            arguments.append(("condition", child))
        elif dep == "xcomp":
            arguments.append(("complement", child))
        if dep in ("ccomp", "advcl", "xcomp", "relcl", "conj", "parataxis"):
            nested.append(child.i)
    objects.sort(key=lambda t: t.i)

    obj: Token | None = objects[0] if objects else None
    if obj is not None and obj.lower_ in RELATIVE_PRONOUNS and obj.tag_ in ("WDT", "WP", "DT", "IN", ""):
        # "the army that Charles was raising": the army; "what he claimed": nothing said of what
        obj = verb.head if verb.dep_ == "relcl" and obj.i < verb.i else None
    if obj is not None and obj.dep_ == "dobj" and main.lemma_ in light_verbs() and _light_noun(obj):
        # "take part in NATO's summit": the noun goes into the predicate, the preposition's object is the object.
        prep = next((c for c in obj.children if c.dep_ == "prep" and _object_of(c) is not None), None)
        if prep is None:
            prep = next((p for _, p in arguments if p.dep_ == "prep" and p.i > obj.i and _object_of(p)), None)
        pobj = _object_of(prep) if prep is not None else None
        if prep is not None and pobj is not None and prep.i == obj.i + 1 and not _is_time(pobj):
            pred_tokens += [*(t for t in obj.subtree if t.i <= obj.i), prep]
            arguments = [a for a in arguments if a[1].i != prep.i]
            obj = pobj
    elif obj is None and (ahead := _adverb_with_object(main, pred_tokens)) is not None:
        # "went ahead of Lemmy", "lives close to the border": the adverb and its preposition go on the predicate.
        adverb, prep, obj = ahead
        pred_tokens += [adverb, prep]
    elif obj is None and arguments:
        # "taught at the University", "switched over to Merck": the first phrase right after the verb.
        first_role, first = min(arguments, key=lambda a: a[1].i)
        pobj = _object_of(first)
        end = max(t.i for t in pred_tokens)
        timed = pobj is not None and _is_time(pobj)  # "married in 2000": a time, not an object
        if first.dep_ == "prep" and first_role != "agent" and pobj is not None and first.i == end + 1 and not timed:
            pred_tokens.append(first)
            arguments = [a for a in arguments if a[1].i != first.i]
            obj = pobj
    # Words of the predicate before the subject ("whether or not Turkey has met", "Will Ukraine join") stay out of
    # it: the predicate is one stretch of text after the subject.
    if subject.i < main.i:
        subject_end = _phrase(subject).end - 1
        pred_tokens = [t for t in pred_tokens if t.i > subject_end] or [main]
    predicate = _contiguous(pred_tokens, main)
    extra_objects = [o for o in objects[1:] if obj is None or o.i != obj.i]
    for other in extra_objects:  # a second object ("named him chairman"): an argument
        arguments.append(("complement", other))
    args = tuple(sorted(((role, _phrase(t)) for role, t in arguments), key=lambda a: a[1].start))
    verbs = tuple(v.i for v in chain)
    clause = _clause_words(verb, nested)
    for subj in _conjuncts(subject):
        for o, agent in _pairs(obj, agent_conjuncts):
            yield Proposition(
                verb=main.i,
                subject=_phrase(subj),
                predicate=predicate,
                object=None if o is None else _phrase(o),
                arguments=args if agent is None else _with(args, ("agent", _phrase(agent))),
                verbs=verbs,
                found=found,
                clause=clause,
                passive=passive,
                copula=copula,
                nested=tuple(nested),
                kind=_kind(verb),
                subordinate=any(c.dep_ == "mark" for c in verb.children),
            )


def _adverb_with_object(verb: Token, pred_tokens: list[Token]) -> tuple[Token, Token, Token] | None:
    end = max(t.i for t in pred_tokens)
    if end + 2 >= len(verb.doc):
        return None
    adverb, prep = verb.doc[end + 1], verb.doc[end + 2]
    if adverb.head.i != verb.i or adverb.dep_ != "advmod" or prep.head.i != adverb.i or prep.dep_ != "prep":
        return None
    pobj = _object_of(prep)
    return (adverb, prep, pobj) if pobj is not None else None


def _pairs(obj: Token | None, agents: list[Token]) -> Iterator[tuple[Token | None, Token | None]]:
    """Each conjunct of the object with each agent (None where there are none)."""
    objects: list[Token | None] = [*_conjuncts(obj)] if obj is not None and obj.dep_ != "ccomp" else [obj]
    by: list[Token | None] = [*agents] or [None]
    for o in objects:
        for agent in by:
            yield o, agent


def _with(args: tuple[tuple[str, Words], ...], arg: tuple[str, Words]) -> tuple[tuple[str, Words], ...]:
    return tuple(sorted((*args, arg), key=lambda a: a[1].start))


def _subject(verb: Token) -> tuple[Token | None, str]:
    own = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if own is not None:
        if own.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return _antecedent(verb.head), "relative"
        return own, "own"
    expl = next((c for c in verb.children if c.dep_ == "expl"), None)
    if expl is not None:  # "there are no signs": the signs
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        return attr, "there"
    dep = verb.dep_
    if dep == "conj":
        head = verb.head
        # Up the coordination to a verb with a subject; a verb coordinated with a noun (a misparse: "resigns
        # after the events of X and relocates") goes up to the verb above that noun.
        while head.head.i != head.i and (
            (head.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in head.children))
            or head.pos_ not in ("VERB", "AUX")
        ):
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            subject, _ = _subject(head)
            return subject, "conjunct"
        return None, ""
    if dep == "relcl":
        return _antecedent(verb.head), "relative"
    if dep == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        noun = verb.head
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive and noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            # "They have the right to defend themselves", "Kormoran was the only ship to conduct attacks": the
            # subject of the verb whose object the noun is.
            subject, _ = _subject(noun.head)
            if subject is not None:
                return subject, "participle"
        # "a war of aggression launched by Putin": the war, not the aggression.
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        return noun, "participle"
    infinitive = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if dep == "advcl" and (verb.tag_ in ("VBG", "VBN") or infinitive) and verb.head.pos_ in ("VERB", "AUX"):
        subject, _ = _subject(verb.head)
        return subject, "adverbial"
    if dep == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj, "complement"
        subject, _ = _subject(verb.head)
        return subject, "complement"
    return None, ""


def _light_noun(obj: Token) -> bool:
    """An object noun that can be part of a light verb's predicate: no definite determiner or possessive ("take
    part", "made a final offer"; not "held the post as", "gave his support")."""
    return not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ not in ("a", "an", "no")) for c in obj.children)


def _kind(verb: Token) -> str:
    """The label of the clause: a conjunct's is that of the first verb it is coordinated with."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i and node.head.pos_ in ("VERB", "AUX"):
        node = node.head
    return node.dep_


def _antecedent(noun: Token) -> Token:
    """The noun a relative clause is about; for the attribute of a copula ("X is a footballer who plays…"), X."""
    if noun.dep_ == "attr" and noun.head.pos_ == "AUX":
        subject = next((c for c in noun.head.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
    return noun


def _verb_words(verb: Token) -> list[Token]:
    """The verb with its auxiliaries, negation and particle, and the "to" of an infinitive."""
    words = [verb]
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt") or (child.dep_ == "advmod" and child.lower_ == "not"):
            words.append(child)
    return words


def _contiguous(tokens: list[Token], head: Token) -> Words:
    """The stretch from the first to the last token, widened to whole words ("re-designated", not "designated")."""
    doc = head.doc
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    while start > 0 and _in_word_before(doc[start - 1]):
        start -= 1
    while end < len(doc) and _in_word_before(doc[end - 1]) and not doc[end].is_space:
        end += 1
    return Words(start, end, head.i)


def _in_word_before(token: Token) -> bool:
    """Is the token the first part of a hyphenated word ("re" of "re-designated", "-" of it)?"""
    doc = token.doc
    if token.whitespace_ or token.i + 1 >= len(doc):
        return False
    after = doc[token.i + 1]
    return (token.text == "-" and not after.is_punct) or (after.text == "-" and not after.whitespace_)


def _object_of(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _is_agent(prep: Token, passive: bool) -> bool:
    return prep.dep_ == "agent" or (passive and prep.lower_ == "by")


TIME_ADVERBS = frozenset({"today", "yesterday", "tomorrow", "tonight", "now", "then", "later", "earlier", "soon"})


def _is_time(token: Token) -> bool:
    return token.lower_ in TIME_ADVERBS or token.ent_type_ in ("DATE", "TIME")


def _conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Sweden and Finland"); one when there is none."""
    if token.dep_ == "ccomp" or token.pos_ in ("VERB", "AUX", "ADJ"):
        return [token]
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


def _phrase(token: Token) -> Words:
    """The words of the phrase `token` heads, without its relative clauses, appositions and conjuncts, trimmed of
    punctuation at either end (and cut where a left-out part would split it)."""
    if token.pos_ in ("VERB", "AUX") and token.dep_ in ("ccomp", "xcomp", "advcl", "pcomp"):
        # A reported clause without its "that"; a condition keeps its "if".
        words = sorted(
            t.i
            for t in token.subtree
            if token.dep_ == "advcl" or not (t.dep_ == "mark" and t.head.i == token.i and t.i < token.i)
        )
    else:
        words = sorted(_kept(token))
    # Keep the run of consecutive words around the head.
    start = end = token.i
    kept = set(words)
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    doc = token.doc
    while start > 0 and _in_word_before(doc[start - 1]):  # "No-one", not "one"
        start -= 1
    while end + 1 < len(doc) and _in_word_before(doc[end]):
        end += 1
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    # A quotation mark opened inside the phrase is closed inside it: "a “party to the conflict”".
    marks = [doc[i] for i in range(start, end + 1) if doc[i].is_quote]
    opened = sum(t.is_left_punct for t in marks)
    closed = sum(t.is_right_punct for t in marks)
    plain = len(marks) - opened - closed  # '"': as often opening as closing
    while (opened > closed or plain % 2) and end + 1 < len(doc) and doc[end + 1].is_quote:
        end += 1
        closed += 1
        plain = 0
    return Words(start, end + 1, token.i)


def _kept(token: Token, top: bool = True) -> Iterator[int]:
    yield token.i
    for child in token.children:
        # Coordination inside the phrase stays ("an influence on Buchan and Follett"); the phrase's own conjuncts
        # are phrases of their own.
        if child.dep_ in NOT_IN_A_PHRASE and (top or child.dep_ not in ("cc", "conj")):
            continue
        yield from _kept(child, top=False)


def _clause_words(verb: Token, nested: list[int]) -> Words:
    """The clause's own words: the verb's subtree without the clauses nested in it (a relative clause's own
    words do not reach up to its noun)."""
    doc = verb.doc
    # Subtrees are stretches of the text (the parser's trees are projective): their edges say it all.
    inner = [(doc[n].left_edge.i, doc[n].right_edge.i) for n in nested]
    start, end = verb.left_edge.i, verb.right_edge.i
    for a, b in sorted(inner):
        if a <= start <= b:
            start = b + 1
    for a, b in sorted(inner, reverse=True):
        if a <= end <= b:
            end = a - 1
    if start > verb.i or end < verb.i:
        start = end = verb.i
    return Words(start, end + 1, verb.i)
