"""Gradient-boosted trees shipped as data: flat arrays walked with numpy, so that running newsgraph needs no
LightGBM (the trainers in bench/ use it, and `from_lightgbm` turns their boosters into these arrays).

Used by the cleaner's line model (`clean/segments.py`) and the speaker ranker (`quotes/ranking.py`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np

_ARRAYS = ("feature", "threshold", "left", "right", "value", "roots")
DEEP = 12
"""Trees deeper than this are walked step by step only where a walk is not yet on a leaf (`Forest.raw`); shallower
ones all together, which costs less when most walks go the whole way."""


class Forest:
    """Gradient-boosted trees as flat arrays, all trees walked at once for all rows.

    Every node has a feature, a threshold and two children; a leaf is a node whose children are itself, with
    threshold +inf, so that walking `depth` steps from the roots ends on each tree's leaf for every row. What else
    the model file holds (the trainer's figures: a decision threshold, a prior shift) is kept in `meta`.
    """

    def __init__(self, model: dict[str, Any], default_threshold: float = 0.5):
        self.feature = np.array(model["feature"], dtype=np.int64)
        self.threshold = np.array(model["threshold"], dtype=np.float64)
        self.left = np.array(model["left"], dtype=np.int64)
        self.right = np.array(model["right"], dtype=np.int64)
        self.value = np.array(model["value"], dtype=np.float64)
        self.roots = np.array(model["roots"], dtype=np.int64)
        self.depth = int(model["depth"])
        self.bias = float(model.get("bias", 0.0))
        self.names = tuple(model["features"])
        self.threshold_p = float(model.get("decision_threshold", default_threshold))
        self.meta = {k: v for k, v in model.items() if k not in _ARRAYS}

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed leaf values of every row of `x` (the log-odds)."""
        n = x.shape[0]
        if n == 0:
            return np.zeros(0)
        if self.depth <= DEEP:
            node = np.repeat(self.roots[None, :], n, axis=0)  # (rows, trees)
            rows = np.arange(n)[:, None]
            for _ in range(self.depth):
                go_left = x[rows, self.feature[node]] <= self.threshold[node]
                node = np.where(go_left, self.left[node], self.right[node])
            return self.value[node].sum(axis=1) + self.bias
        node = np.repeat(self.roots[None, :], n, axis=0).ravel()  # (rows × trees), row by row
        rows = np.repeat(np.arange(n), len(self.roots))
        # Deep trees: only the walks not yet on a leaf take the next step. Leaf-wise trees are a few levels deep on
        # most paths and twenty on a few, so walking every tree `depth` steps would be mostly standing on leaves.
        active = np.flatnonzero(self.left[node] != node)
        while active.size:
            at = node[active]
            go_left = x[rows[active], self.feature[at]] <= self.threshold[at]
            node[active] = np.where(go_left, self.left[at], self.right[at])
            active = active[self.left[node[active]] != node[active]]
        return self.value[node].reshape(n, len(self.roots)).sum(axis=1) + self.bias

    def probability(self, x: np.ndarray, shift: float = 0.0) -> np.ndarray:
        """The probability of each row; `shift` is added to the log-odds (a change of prior)."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.raw(x) + shift, -30, 30)))


def shipped(name: str, features: Sequence[str], trainer: str, default_threshold: float = 0.5) -> Forest:
    """The model `data/<name>.json` of the package, refused when it was trained on other features than `features`
    (then `trainer`, the bench script that makes it, must be run again)."""
    model = json.loads((resources.files("newsgraph") / "data" / f"{name}.json").read_text(encoding="utf-8"))
    if tuple(model["features"]) != tuple(features):
        raise RuntimeError(f"data/{name}.json was trained on other features: run {trainer}")
    return Forest(model, default_threshold)


def from_lightgbm(dump: dict[str, Any], features: Sequence[str], threshold: float, **meta: Any) -> dict[str, Any]:
    """A LightGBM booster's `dump_model()` as the arrays `Forest` reads (a leaf points at itself, threshold +inf),
    with the feature names, the decision threshold and the trainer's `meta` figures."""
    feature: list[int] = []
    thresh: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0

    def add(node: dict[str, Any], d: int) -> int:
        nonlocal depth
        i = len(feature)
        feature.append(0)
        thresh.append(math.inf)
        left.append(i)
        right.append(i)
        value.append(0.0)
        if "leaf_value" in node:
            value[i] = float(node["leaf_value"])
            depth = max(depth, d)
            return i
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')}")
        feature[i] = int(node["split_feature"])
        thresh[i] = float(node["threshold"])
        left[i] = add(node["left_child"], d + 1)
        right[i] = add(node["right_child"], d + 1)
        return i

    for tree in dump["tree_info"]:
        roots.append(add(tree["tree_structure"], 0))
    return {
        **meta,
        "features": list(features),
        "decision_threshold": round(threshold, 4),
        "depth": depth,
        "bias": 0.0,
        "roots": roots,
        "feature": feature,
        "threshold": [t if math.isfinite(t) else 1e308 for t in thresh],
        "left": left,
        "right": right,
        "value": [round(v, 6) for v in value],
    }
