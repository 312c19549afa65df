"""Hand-made tree models (`newsgraph.forest.Forest`) for the tests of what a model's score decides."""

from __future__ import annotations

from newsgraph.forest import Forest


def constant(features: list[str] | tuple[str, ...], value: float, threshold: float = 0.5) -> Forest:
    """A forest of one leaf: everything it scores gets log-odds `value`; `threshold` is its decision threshold."""
    return Forest(
        {
            "features": list(features),
            "feature": [0],
            "threshold": [1e308],
            "left": [0],
            "right": [0],
            "value": [value],
            "roots": [0],
            "depth": 0,
            "decision_threshold": threshold,
        }
    )
