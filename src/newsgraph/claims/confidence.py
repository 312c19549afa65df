"""How likely a proposition is read right: a small forest over what its reading rested on, trained on CaRB's dev
sentences by `bench/train_claim_confidence.py` (the target: how much of the tuple a crowd worker's tuple holds) and
shipped as `data/claim_confidence.json`.

The features say what they capture: how the subject was found (its own verb's, a coordinated verb's, a relative
clause's noun…), what kind of clause it is, how far down the tree, the parts' lengths, the verb's form. `rules` is
the hand-set score the forest starts from (and the confidence when the model file is missing or stale).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np
from spacy.tokens import Doc

from newsgraph.claims.clauses import Proposition
from newsgraph.forest import Forest, shipped

FOUND = ("own", "there", "conjunct", "relative", "adverbial", "complement", "participle")
KINDS = ("ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "acl", "parataxis")
FEATURES = (
    "rules",
    *(f"found_{f}" for f in FOUND),
    *(f"kind_{k}" for k in KINDS),
    "subordinate",
    "passive",
    "copula",
    "arguments",
    "subject_words",
    "object_words",
    "predicate_words",
    "argument_words",
    "has_object",
    "object_is_clause",
    "subject_pronoun",
    "subject_proper",
    "verb_gerund",
    "verb_participle",
    "verb_infinitive",
    "verb_position",
    "sentence_words",
    "same_verb",
    "depth",
    "subject_after_verb",
    "object_gap",
)
TRAINER = "bench/train_claim_confidence.py"

FOUND_PENALTY = {
    "own": 0.0, "there": 0.1, "conjunct": 0.05, "relative": 0.1, "adverbial": 0.3, "complement": 0.15,
    "participle": 0.45,
}  # fmt: skip
KIND_PENALTY = {"ROOT": 0.0, "conj": 0.0, "ccomp": 0.1, "relcl": 0.05, "advcl": 0.15, "xcomp": 0.1}


def rules(p: Proposition) -> float:
    """The hand-set score: less for a subject found away from its verb, in a clause further down the tree, for
    long parts and for many arguments (each a chance of a wrong attachment)."""
    score = 0.9 - FOUND_PENALTY.get(p.found, 0.2) - KIND_PENALTY.get(p.kind, 0.2) - 0.1 * p.subordinate
    length = (p.subject.end - p.subject.start) + ((p.object.end - p.object.start) if p.object else 0)
    score -= 0.01 * max(0, length - 6)
    score -= 0.04 * max(0, len(p.arguments) - 1)
    if p.object is None and not p.arguments:
        score -= 0.1
    return min(1.0, max(0.05, score))


def features(doc: Doc, propositions: Sequence[Proposition]) -> np.ndarray:
    """One row of `FEATURES` per proposition."""
    per_verb = Counter(p.verb for p in propositions)
    rows = []
    for p in propositions:
        verb = doc[p.verb]
        first = doc[p.verbs[0]]
        sent = verb.sent
        subject = doc[p.subject.head]
        depth, node = 0, first
        while node.head.i != node.i:
            node = node.head
            depth += node.pos_ in ("VERB", "AUX")
        row = [
            rules(p),
            *(float(p.found == f) for f in FOUND),
            *(float(p.kind == k) for k in KINDS),
            float(p.subordinate),
            float(p.passive),
            float(p.copula),
            float(len(p.arguments)),
            float(p.subject.end - p.subject.start),
            float(p.object.end - p.object.start) if p.object else 0.0,
            float(p.predicate.end - p.predicate.start),
            float(sum(w.end - w.start for _, w in p.arguments)),
            float(p.object is not None),
            float(p.object is not None and doc[p.object.head].pos_ in ("VERB", "AUX")),
            float(subject.pos_ == "PRON"),
            float(subject.pos_ == "PROPN"),
            float(first.tag_ == "VBG"),
            float(first.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in first.children)),
            float(any(c.dep_ == "aux" and c.lower_ == "to" for c in first.children)),
            (verb.i - sent.start) / max(1, len(sent)),
            float(len(sent)),
            float(per_verb[p.verb]),
            float(depth),
            float(p.subject.start > p.predicate.start),
            float(p.object.start - p.predicate.end) if p.object else -1.0,
        ]
        rows.append(row)
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


@cache
def model() -> Forest | None:
    """The shipped forest; None when the file was made for other features (then the hand-set score is used)."""
    try:
        return shipped("claim_confidence", FEATURES, TRAINER)
    except (FileNotFoundError, RuntimeError):
        return None


def confidences(doc: Doc, propositions: Sequence[Proposition]) -> list[float]:
    """The confidence of each proposition, from 0 to 1, rounded to three places."""
    if not propositions:
        return []
    forest = model()
    if forest is None:
        return [round(rules(p), 3) for p in propositions]
    return [round(float(v), 3) for v in forest.probability(features(doc, propositions))]
