"""Speakers: the subject of a cue, resolved to an entity through the entity layer's mentions (names, pronouns,
descriptions), or described as the article describes them ("a spokesman for the campaign")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.model import Entity
from newsgraph.nlp import SUBJECT_DEPS
from newsgraph.quotes.quotation_marks import CLOSING

# A cue's clausal subject ("Whoever leaked it told…") is its subject too: the search for the speaker stops there
# (the clause is described) rather than going on to an agent, a word before the verb or the verb above.
_CUE_SUBJECT_DEPS = SUBJECT_DEPS | {"csubj"}
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "dep", "acomp"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_NOUN_DEPS = frozenset({"dobj", "pobj", "attr", "appos", "npadvmod"})
_INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "dep", "oprd"})
MAX_DESCRIPTION_WORDS = 12


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks: an entity id with its name, or only a description when the speaker has no name."""

    entity: str | None
    name: str | None
    token: Token | None = None  # the word that names the speaker in the text

    @property
    def known(self) -> bool:
        return self.entity is not None or self.name is not None


NOBODY = Speaker(None, None)


class Speakers:
    """Resolves the word that names a speaker to an entity, through the mentions of the entity layer."""

    def __init__(self, entities: list[Entity]) -> None:
        self.names = {e.id: e.name for e in entities}
        self.types = {e.id: e.type for e in entities}
        self.owner: dict[int, str] = {}
        self.mentions = {e.id: len(e.mentions) for e in entities}
        for e in entities:
            for m in e.mentions:
                for i in range(m.start, m.end):
                    self.owner.setdefault(i, e.id)

    def entity_at(self, token: Token) -> str | None:
        return self.owner.get(token.idx)

    def of_cue(self, cue: Token, quote: tuple[int, int] | None = None) -> Speaker:
        """The speaker of a cue verb: its subject, or the subject of the verb it hangs on ("Accusing…, he went on");
        the noun a relative clause hangs on ("Smith, who said"); the agent of a passive; X of "according to X".
        A subject inside `quote` (the quoted words, which the parse sometimes takes for one) is not the speaker."""
        if cue.lower_ == "according":
            to = next((c for c in cue.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            return self.of_token(obj) if obj is not None else NOBODY
        verb = cue
        for _ in range(4):
            subject = next((c for c in verb.children if c.dep_ in _CUE_SUBJECT_DEPS and not _inside(c, quote)), None)
            if subject is not None:
                if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    return self.of_token(verb.head)
                return self.of_token(subject)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self.of_token(obj)
            if verb.dep_ == "relcl":
                return self.of_token(verb.head)
            # "Conway notes.": the small parser sometimes makes the name a compound of the verb.
            before = next(
                (c for c in verb.lefts if c.dep_ in {"compound", "nmod", "npadvmod"} and c.i == verb.i - 1), None
            )
            if before is not None and before.pos_ in {"PROPN", "NOUN", "PRON"} and not _inside(before, quote):
                return self.of_token(before)
            inverted = _inverted_subject(verb, quote)
            if inverted is not None:
                return self.of_token(inverted)
            if verb.dep_ not in _CLIMB_DEPS and not (verb.pos_ in {"NOUN", "PROPN"} and verb.dep_ in _NOUN_DEPS):
                break  # a statement saying…: from the noun on to the verb it is the object of
            if verb.head == verb:
                break
            verb = verb.head
        return NOBODY

    def of_label(self, label: str) -> Speaker:
        """The speaker a transcript names in capitals ("PENCE", "MIKE PENCE"): the person whose name ends in that
        word, the one mentioned most where several do; else the label itself, as written in the text."""
        last = label.split()[-1].lower()
        people = [e for e, name in self.names.items() if name.split()[-1].lower() == last]
        if people:
            best = max(people, key=lambda e: (self.types[e] == "PERSON", self.mentions[e]))
            return Speaker(best, self.names[best])
        return Speaker(None, label.title())

    def of_token(self, token: Token) -> Speaker:
        """The speaker named by a noun phrase whose head is `token`."""
        # Only the head counts: in "the Clinton campaign" or "a spokesman for Clinton" Clinton does not speak.
        entity = self.entity_at(token)
        if entity is None:  # "The mayor, Tom Hardy, said": the apposition names the speaker
            entity = next((self.entity_at(c) for c in token.children if c.dep_ == "appos" and self.entity_at(c)), None)
        if entity is None and token.dep_ == "appos":  # "…said Scott Reed, the strategist, who added"
            entity = self.entity_at(token.head)
        if entity is not None:
            return Speaker(entity, self.names[entity], token)
        if token.pos_ == "PRON" and not _indefinite(token):
            return Speaker(None, None, token)  # "he", "it", "who", "this": only the entity layer can say who
        return Speaker(None, _description(token), token)


def _indefinite(token: Token) -> bool:
    """ "Some believe…", "Someone asked…", "Both said…": a pronoun the tagger calls a determiner or a noun (not a
    personal, relative or demonstrative one) describes its speaker by its own word."""
    return token.tag_ in {"DT", "NN", "NNS"} and "Dem" not in token.morph.get("PronType", [])


def _inverted_subject(verb: Token, quote: tuple[int, int] | None) -> Token | None:
    """`“…,” added another New Hampshire Democrat`: after a quote, the noun phrase right after the cue is its
    subject, whatever label the parse gave it."""
    if verb.i == 0:
        return None
    doc = verb.doc
    before = doc[verb.i - 1]
    if not (before.is_punct and (before.text in CLOSING or before.text == "''")):
        return None  # only right after the closing mark: `, asking supporters to…` has its subject elsewhere
    after = next((c for c in verb.rights if not c.is_punct), None)
    if after is None or after.dep_ not in _INVERTED_DEPS or after.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    if _inside(after, quote) or after.i > verb.i + 6:
        return None
    return after


def _inside(token: Token, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] - 1 <= token.idx <= span[1]


def _description(head: Token) -> str:
    """The noun phrase as written, without relative clauses, appositions, or what follows a comma."""
    left_out = {t.i for c in head.children if c.dep_ in {"relcl", "appos", "acl"} for t in c.subtree}
    tokens = []
    for tok in head.subtree:
        if tok.i > head.i and tok.is_punct:
            break
        if tok.i not in left_out and not tok.is_space:
            tokens.append(tok)
    tokens = tokens[:MAX_DESCRIPTION_WORDS]
    while tokens and tokens[-1].lower_ in {"who", "that", "which"}:
        tokens.pop()
    if not tokens:
        return head.text
    return head.doc[tokens[0].i : tokens[-1].i + 1].text
