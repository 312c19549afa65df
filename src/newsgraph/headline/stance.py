"""The headline's stance towards the body: agree, disagree, discuss or unrelated (FNC-1's classes), from the
features of `features.py` and two forests of gradient-boosted trees (`data/stance_model.json`, trained by
`bench/train_stance.py` on FNC-1's train pairs).

Two stages, as the strongest FNC-1 systems have them: whether the body is about the headline at all (similarity
decides it), then, for a related pair, whether it agrees, disagrees or discusses (how the body talks decides it,
learned from related pairs only). The probabilities are those of the two stages multiplied; the stance is the
class with the highest expected FNC-1 score under them (a related class right is worth four times "unrelated"
right), so that the training pairs' prior (73% unrelated) does not decide a close call.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.forest import Forest
from newsgraph.headline.features import Body, Vocabulary, feature_names, features

STANCES = ("agree", "disagree", "discuss", "unrelated")
MODEL_ENV = "NEWSGRAPH_STANCE_MODEL"
"""A model file to use instead of the shipped one (what `bench/train_stance.py --out` writes): how a model trained
on one split of FNC-1 is measured on the other."""
TRAINER = "bench/train_stance.py"


@dataclass(frozen=True)
class StanceModel:
    vocabulary: Vocabulary
    related: Forest
    stances: tuple[Forest, Forest, Forest]  # the log-odds of agree, disagree, discuss among related pairs

    @classmethod
    def from_dict(cls, model: dict[str, Any]) -> StanceModel:
        vocabulary = Vocabulary.from_dict(model["vocabulary"])
        if tuple(model["features"]) != feature_names(vocabulary):
            raise RuntimeError(f"the stance model was trained on other features: run {TRAINER}")
        agree, disagree, discuss = (Forest(f) for f in model["stances"])
        return cls(vocabulary, Forest(model["related"]), (agree, disagree, discuss))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Rows of agree, disagree, discuss, unrelated probabilities for feature rows `x`."""
        related = self.related.probability(x)
        raw = np.column_stack([f.raw(x) for f in self.stances])
        raw = np.exp(raw - raw.max(axis=1, keepdims=True))
        among = raw / raw.sum(axis=1, keepdims=True)
        return np.column_stack([among * related[:, None], 1 - related])


@cache
def model() -> StanceModel:
    """The model of `$NEWSGRAPH_STANCE_MODEL` when set, else the shipped one."""
    path = os.environ.get(MODEL_ENV)
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = (resources.files("newsgraph") / "data" / "stance_model.json").read_text(encoding="utf-8")
    return StanceModel.from_dict(json.loads(text))


def decide(p: np.ndarray) -> np.ndarray:
    """For rows of probabilities, the index of the class with the highest expected FNC-1 score: 0.25 for a pair
    rightly related or unrelated, 0.75 more for the related class right.

    >>> decide(np.array([[0.3, 0.0, 0.0, 0.7], [0.1, 0.0, 0.0, 0.9]])).tolist()
    [0, 3]
    """
    expected = np.zeros_like(p)
    expected[:, :3] = 0.25 * (1 - p[:, 3:4]) + 0.75 * p[:, :3]
    expected[:, 3] = 0.25 * p[:, 3]
    return expected.argmax(axis=1)


def stance(headline: str, body: Body, stance_model: StanceModel | None = None) -> tuple[str, dict[str, float]]:
    """The stance of one headline towards one body, and the four probabilities."""
    [one] = stances([(headline, body)], stance_model)
    return one


def stances(
    pairs: Sequence[tuple[str, Body]], stance_model: StanceModel | None = None
) -> list[tuple[str, dict[str, float]]]:
    """The stances of many pairs at once: the trees walk all rows together, a batch costing little more than one."""
    if not pairs:
        return []
    m = stance_model or model()
    p = m.probabilities(np.array([features(h, b, m.vocabulary) for h, b in pairs], dtype=np.float64))
    labels = decide(p)
    return [
        (STANCES[int(k)], {s: round(float(v), 4) for s, v in zip(STANCES, row, strict=True)})
        for k, row in zip(labels, p, strict=True)
    ]
