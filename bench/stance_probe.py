"""A probe for issue 14 (headline stance): how far lexical features and trees go on FNC-1's topic split.

    python ../shared/tools/fnc_split.py --seed 0 --out build/fnc0
    .venv/bin/python bench/stance_probe.py --split build/fnc0 [--seeds 0 1 2]

Not the product's layer (there is no `headline_check` yet): a measurement to build it on. It trains on
DIR/train_stances.csv only and scores DIR/dev_stances.csv with FNC-1's score, F1m and per-class F1, once per
LightGBM seed. Features say what they measure and carry no topic words: similarity of the headline to the body and
to its lead (TF-IDF cosine with words never seen in training weighted as the rarest, shared-weight share, bigram
overlap), where the headline's words first appear, refuting / hedging / negation words in the body, near the
headline's words and in the sentences closest to it, and the body's shares of the 400 words most bodies use (no
word that half the bodies hold). The answer maximises the expected FNC score (0.25 for related/unrelated, 0.75
more for the related class), so the class prior of the training pairs (73% unrelated) does not decide it.
Last line: `stance_probe: FNC score NN.NN (F1m 0.NNN, disagree F1 0.NNN) mean over N seeds on N pairs`.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import re
from collections import Counter
from pathlib import Path

import lightgbm as lgb
import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT.parent / "shared" / "data" / "fnc1" / "train_bodies.csv"
LABELS = ("agree", "disagree", "discuss", "unrelated")


def _lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


WORD = re.compile(r"[a-z0-9']+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
REFUTE = _lexicon(
    "fake fraud hoax false deny denies denied denying despite doubt doubts bogus debunk debunks debunked prank"
    " pranks retract retracts retracted refute refutes refuted reject rejects rejected dismiss dismisses"
    " dismissed untrue misleading myth satire satirical wrong incorrect baseless unfounded rumor rumors"
)
HEDGE = _lexicon(
    "reportedly allegedly alleged claims claim claimed claiming may might could possibly apparently rumored"
    " unconfirmed unverified report reports reported according suggests suggest purportedly supposedly believed"
    " appears seems"
)
NEGATION = _lexicon("not no never n't nobody nothing none neither nor without")
STOP = _lexicon(
    "the a an of to in and or for on at by with from is are was were be been it its this that as has have had he"
    " she they his her their will would"
)
BOW_WORDS = 400
# Training weights of agree, disagree, discuss among related pairs: disagree is 5% of them. The 8 was chosen on the
# dev pairs of `fnc_split.py --seed 0` (2, 4, 8, 16 tried), so the figures of seeds 1 and 2 are the held-out ones.
CLASS_WEIGHTS = (1.0, 8.0, 0.5)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


class Features:
    """Document frequencies and the body word list, from the training pairs only."""

    def __init__(self, headlines: list[str], bodies: list[str]) -> None:
        texts = headlines + bodies
        self.df: Counter[str] = Counter()
        for t in texts:
            self.df.update({stem(w) for w in words(t)})
        self.n = len(texts)
        body_df: Counter[str] = Counter()
        for b in bodies:
            body_df.update(set(words(b)))
        common = [w for w, c in body_df.most_common() if c <= 0.5 * len(bodies) and w not in STOP]
        self.bow = {w: i for i, w in enumerate(common[:BOW_WORDS])}
        self._bodies: dict[str, tuple] = {}

    def idf(self, w: str) -> float:
        # A word never seen in training is as informative as the rarest: new topics bring new names.
        return math.log((self.n + 1) / (self.df.get(w, 0) + 1))

    def vector(self, tokens: list[str]) -> dict[str, float]:
        c = Counter(stem(w) for w in tokens if w not in STOP)
        return {w: (1 + math.log(k)) * self.idf(w) for w, k in c.items()}

    def body(self, key: str, text: str) -> tuple:
        if key not in self._bodies:
            sentences = [words(s) for s in SENTENCE.split(text)]
            tokens = [w for s in sentences for w in s]
            lead = [w for s in sentences[:3] for w in s]
            self._bodies[key] = (tokens, Counter(tokens), sentences, self.vector(tokens), self.vector(lead), lead)
        return self._bodies[key]

    def of(self, headline: str, key: str, text: str) -> list[float]:
        tokens, counts, sentences, body_vec, lead_vec, lead = self.body(key, text)
        h = words(headline)
        content = {w for w in h if w not in STOP}
        hv = self.vector(h)
        weight = sum(hv.values()) or 1.0
        n = max(1, len(tokens))
        f = [
            cosine(hv, body_vec),
            cosine(hv, lead_vec),
            sum(v for w, v in hv.items() if w in body_vec) / weight,
            sum(v for w, v in hv.items() if w in lead_vec) / weight,
            len(content & set(tokens)) / max(1, len(content)),
            len(content & set(lead)) / max(1, len(content)),
            len(set(itertools.pairwise(h)) & set(itertools.pairwise(tokens))) / max(1, len(h) - 1),
            sum(counts[w] for w in content) / n * 100,
        ]
        f += [sum(counts[w] for w in lex) / n * 100 for lex in (REFUTE, HEDGE, NEGATION)]
        f += [sum(w in lex for w in h) for lex in (REFUTE, HEDGE, NEGATION)] + [float("?" in headline)]
        at = [i for i, w in enumerate(tokens) if w in content]
        f += [near(tokens, at, REFUTE) / n * 100, near(tokens, at, HEDGE) / n * 100, len(tokens), len(h)]
        f.append(min(at) / n if at else 1.0)
        closest = sorted(((len(content & set(s)) / max(1, len(content)), i) for i, s in enumerate(sentences)))[-3:]
        top = [w for _, i in closest for w in sentences[i]]
        f += [closest[-1][0] if closest else 0.0] + [sum(w in lex for w in top) for lex in (REFUTE, HEDGE, NEGATION)]
        bow = [0.0] * len(self.bow)
        for w, k in counts.items():
            if w in self.bow:
                bow[self.bow[w]] = k / n * 100
        return f + bow


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    num = sum(v * b.get(w, 0.0) for w, v in a.items())
    na, nb = math.sqrt(sum(v * v for v in a.values())), math.sqrt(sum(v * v for v in b.values()))
    return num / (na * nb) if na and nb else 0.0


def near(tokens: list[str], at: list[int], lexicon: set[str], window: int = 10) -> int:
    """Words of `lexicon` within `window` words of one of the headline's words."""
    if not at:
        return 0
    marks = np.array(at)
    return sum(1 for i, w in enumerate(tokens) if w in lexicon and np.min(np.abs(marks - i)) <= window)


def fnc_score(gold: np.ndarray, pred: np.ndarray) -> float:
    related = gold < 3
    best = np.where(related, 1.0, 0.25).sum()
    got = 0.25 * ((gold == 3) == (pred == 3)).sum() + 0.75 * (related & (gold == pred)).sum()
    return 100 * got / best


def decide(p: np.ndarray) -> np.ndarray:
    """The answer with the highest expected FNC score under the model's probabilities."""
    expected = np.zeros_like(p)
    expected[:, :3] = 0.25 * (1 - p[:, 3:4]) + 0.75 * p[:, :3]
    expected[:, 3] = 0.25 * p[:, 3]
    return expected.argmax(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", type=Path, required=True, help="a folder written by fnc_split.py")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = ap.parse_args()
    with BODIES.open(encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    rows = {}
    for part in ("train", "dev"):
        with (args.split / f"{part}_stances.csv").open(encoding="utf-8", newline="") as f:
            rows[part] = list(csv.DictReader(f))
    train_bodies = sorted({r["Body ID"] for r in rows["train"]})
    feats = Features(sorted({r["Headline"] for r in rows["train"]}), [bodies[b] for b in train_bodies])
    x = {k: np.array([feats.of(r["Headline"], r["Body ID"], bodies[r["Body ID"]]) for r in v]) for k, v in rows.items()}
    y = {k: np.array([LABELS.index(r["Stance"]) for r in v]) for k, v in rows.items()}
    related = y["train"] < 3
    weights = np.array(CLASS_WEIGHTS)[y["train"][related]]
    figures = []
    for seed in args.seeds:
        params = {
            "n_estimators": 400, "learning_rate": 0.05, "num_leaves": 31, "subsample": 0.8, "subsample_freq": 1,
            "colsample_bytree": 0.8, "random_state": seed, "verbose": -1,
        }  # fmt: skip
        # Two stages: related or not (the similarity features), then which stance (trained on related pairs only).
        first = lgb.LGBMClassifier(**params).fit(x["train"], related.astype(int))
        second = lgb.LGBMClassifier(**params).fit(x["train"][related], y["train"][related], sample_weight=weights)
        p_related = first.predict_proba(x["dev"])[:, 1]
        p = np.column_stack([second.predict_proba(x["dev"]) * p_related[:, None], 1 - p_related])
        pred = decide(p)
        f1 = f1_score(y["dev"], pred, average=None, labels=[0, 1, 2, 3])
        figures.append((fnc_score(y["dev"], pred), f1.mean(), f1[1]))
        print(f"seed {seed}: FNC {figures[-1][0]:.2f}, F1m {f1.mean():.3f}, per class {np.round(f1, 3).tolist()}")
    fnc, f1m, dis = np.mean(figures, axis=0)
    print(
        f"stance_probe: FNC score {fnc:.2f} (F1m {f1m:.3f}, disagree F1 {dis:.3f}) mean over {len(figures)} seeds"
        f" on {len(rows['dev'])} pairs"
    )


if __name__ == "__main__":
    main()
