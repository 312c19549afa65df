"""The learned choice between an expression's candidate values (`timex/candidates.py`).

Trees trained by `bench/train_timex_chooser.py` on TimeBank and AQUAINT score every candidate of an expression
(the probability that it is the value the corpora's annotators gave); the best one is taken, and where "not a time
expression" scores best the expression is left out. Without the shipped model (`data/timex_chooser.json` missing,
or made for other features) the rules' own reading stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from newsgraph.forest import Forest, shipped
from newsgraph.timex.candidates import FEATURES, Candidate

TRAINER = "bench/train_timex_chooser.py"


@cache
def model() -> Forest | None:
    """The shipped forest; None when there is none for these features."""
    try:
        return shipped("timex_chooser", FEATURES, TRAINER)
    except (FileNotFoundError, RuntimeError):
        return None


def choose(
    forest: Forest, expressions: Sequence[tuple[list[Candidate], list[list[float]]]], margin: float | None = None
) -> list[Candidate]:
    """The best-scored candidate of each expression (all expressions' rows scored in one walk of the trees); the
    rules' reading (each expression's first candidate) is kept unless another beats it by `margin` log-odds (the
    model's own `margin`, chosen by cross-validation, when None): where the corpora's annotators disagree among
    themselves the rules' reading is the safer one."""
    if margin is None:
        margin = float(forest.meta.get("margin", 0.0))
    rows = [row for _, feature_rows in expressions for row in feature_rows]
    if not rows:
        return []
    scores = forest.raw(np.array(rows, dtype=np.float64))
    out = []
    at = 0
    for candidates, _ in expressions:
        block = scores[at : at + len(candidates)]
        best = int(np.argmax(block))
        out.append(candidates[best] if block[best] - block[0] > margin else candidates[0])
        at += len(candidates)
    return out
