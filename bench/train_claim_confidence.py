"""Train the claims' confidence (`newsgraph/claims/confidence.py`) on CaRB's dev sentences; write the shipped model.

    .venv/bin/python bench/train_claim_confidence.py [--train a|all] [--out src/newsgraph/data/claim_confidence.json]

Each proposition the rules find in a sentence is scored against the sentence's crowd-sourced tuples with CaRB's own
matching (`../shared/tools/claims_eval.py`): the target is the share of the tuple's words that the best gold tuple
holds (CaRB's precision of it). A small LightGBM forest (cross-entropy on that share) learns it from
`confidence.FEATURES`.

Held out: `--train a` (the default, what ships) trains on the first 320 of the 641 dev sentences only and prints
CaRB's figures on the other 321 (never trained or tuned on) with the learned confidence and with the hand-set one.
Deterministic: LightGBM's `deterministic` with one thread and a fixed seed; the same file, byte for byte, each run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import lightgbm as lgb
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
import claims_eval  # noqa: E402  (CaRB's matching, as the evaluator runs it)

from newsgraph import nlp  # noqa: E402
from newsgraph.claims import confidence, find_claims  # noqa: E402
from newsgraph.claims.clauses import propositions  # noqa: E402
from newsgraph.entities import find_entities  # noqa: E402
from newsgraph.forest import Forest, from_lightgbm  # noqa: E402

DATA = SHARED / "data" / "carb"
TUNE = 320
"""The first 320 sentences are trained and tuned on; the rest are held out."""
PARAMS = {
    "objective": "cross_entropy",
    "learning_rate": 0.05,
    "num_leaves": 7,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "lambda_l2": 1.0,
    "verbose": -1,
    "seed": 7,
    "deterministic": True,
    "num_threads": 1,
}
ROUNDS = 150


def read() -> tuple[list[str], dict[str, list[tuple]]]:
    sentences = [s.strip() for s in (DATA / "sentences.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
    return sentences, claims_eval.read_gold(DATA / "gold.tsv")


def rows(sentences: list[str], gold: dict[str, list[tuple]]) -> list[dict]:
    """Per sentence: its feature rows, its predicted tuples and each tuple's target."""
    out = []
    for sentence, doc in zip(sentences, nlp.parse_many(sentences), strict=True):
        found = propositions(doc)
        claims = find_claims(doc, find_entities(doc))
        tuples = [claims_eval.claim_tuple(c.to_dict(), doc.text) for c in claims]
        golds = gold.get(sentence, [])
        target = [max((claims_eval.binary_match(g, t)[0] for g in golds), default=0.0) for t in tuples]
        out.append({"sentence": sentence, "x": confidence.features(doc, found), "tuples": tuples, "y": target})
    return out


def carb_figures(part: list[dict], gold: dict[str, list[tuple]], scores: list[np.ndarray]) -> dict:
    predicted = {}
    for r, s in zip(part, scores, strict=True):
        if r["tuples"]:
            predicted[r["sentence"]] = [(t[0], t[1], round(float(c), 3)) for t, c in zip(r["tuples"], s, strict=True)]
    keep = {r["sentence"] for r in part}
    return claims_eval.carb({k: v for k, v in gold.items() if k in keep}, predicted)


def train(part: list[dict]) -> lgb.Booster:
    x = np.vstack([r["x"] for r in part if len(r["y"])])
    y = np.concatenate([r["y"] for r in part if len(r["y"])])
    return lgb.train(PARAMS, lgb.Dataset(x, y), ROUNDS)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", choices=["a", "all"], default="a", help="a: the first 320 sentences; all: all 641")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "newsgraph" / "data" / "claim_confidence.json")
    args = ap.parse_args()
    sentences, gold = read()
    data = rows(sentences, gold)
    tuned, held = data[:TUNE], data[TUNE:]
    booster = train(tuned if args.train == "a" else data)
    model = from_lightgbm(
        booster.dump_model(), confidence.FEATURES, 0.5, trainer="bench/train_claim_confidence.py",
        sentences=TUNE if args.train == "a" else len(data),
    )  # fmt: skip
    forest = Forest(model)
    sample = np.vstack([r["x"] for r in tuned if len(r["y"])])[:200]
    assert np.allclose(forest.probability(sample), booster.predict(sample), atol=1e-4), "forest and LightGBM disagree"
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    for name, part in (("tuned (trained on)", tuned), ("held out", held)):
        learned = carb_figures(part, gold, [forest.probability(r["x"]) if len(r["x"]) else r["x"] for r in part])
        hand = carb_figures(part, gold, [np.array([x[0] for x in r["x"]]) for r in part])
        print(f"{name:>18}: learned F1 {learned['f1']:.3f} AUC {learned['auc']:.3f}; "
              f"hand-set F1 {hand['f1']:.3f} AUC {hand['auc']:.3f} ({len(part)} sentences)")  # fmt: skip
    print(f"wrote {args.out.relative_to(ROOT)} ({len(model['roots'])} trees)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
