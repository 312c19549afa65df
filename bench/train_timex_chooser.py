"""Train the time layer's chooser (`newsgraph/timex/chooser.py`) on TimeBank and AQUAINT; write the shipped model.

    .venv/bin/python bench/train_timex_chooser.py [--out src/newsgraph/data/timex_chooser.json] [--folds 5]

Every expression the rules find in a TimeML article gets its candidates (`timex/candidates.py`); a candidate is
right when it is the value (and the type) the gold expression it overlaps has, and "not a time expression" is right
when it overlaps none. A small LightGBM forest (binary cross-entropy) learns which is right from
`candidates.FEATURES`; the chooser takes the best-scored candidate of each expression.

What it prints, each figure scored with `../shared/tools/timex_eval.py`'s own pairing and counts, never on an
article the model was trained on:
- the rules alone, per corpus;
- cross-validated by document (`--folds` folds over the 256 articles of both corpora, each article scored by the
  model trained on the folds without it), per corpus;
- cross-corpus: trained on all of TimeBank, scored on AQUAINT, and the reverse.
The shipped model is then trained on both corpora whole. Deterministic: LightGBM's `deterministic` with one thread
and a fixed seed, folds by a fixed shuffle; the same file, byte for byte, each run.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
import timex_eval  # noqa: E402  (the evaluator's reading of TimeML and its scoring)

from newsgraph import nlp  # noqa: E402
from newsgraph.clean import blank, find_removed  # noqa: E402
from newsgraph.forest import Forest, from_lightgbm  # noqa: E402
from newsgraph.pipeline import to_article  # noqa: E402
from newsgraph.timex.candidates import FEATURES  # noqa: E402
from newsgraph.timex.find import Expression, expressions, find_timex  # noqa: E402

DATA = SHARED / "data" / "timeml"
CORPORA = ("TimeBank", "AQUAINT")
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 10,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "seed": 11,
    "deterministic": True,
    "num_threads": 1,
}
ROUNDS = 300


@dataclass
class Article:
    corpus: str
    gold: timex_eval.Doc
    doc: object  # the spaCy parse
    published: str | None
    found: list[Expression]


def read() -> list[Article]:
    """Both corpora, each article cleaned and parsed as `newsgraph analyze` does, with the rules' expressions."""
    articles = []
    for corpus in CORPORA:
        for gold in timex_eval.read_gold_dir(DATA / corpus):
            record = {"id": gold.id, "text": gold.text, "headline": False}
            if gold.published:
                record["published"] = gold.published
            article = to_article(record, 0)
            text = blank(article.text, find_removed(article.text, headings=article.headings))
            doc = nlp.parse(text)
            articles.append(Article(corpus, gold, doc, article.published, expressions(doc, article.published)))
    return articles


def labelled(article: Article) -> tuple[list[list[float]], list[float]]:
    """The feature rows of every candidate of the article's expressions and whether each is the right one."""
    system = [timex_eval.Timex(e.timex.start, e.timex.end, e.timex.type, e.timex.value or "") for e in article.found]
    gold_of = {
        j: article.gold.timexes[i] for i, j in timex_eval.pair_up(article.gold.timexes, system, article.doc.text)
    }
    rows: list[list[float]] = []
    labels: list[float] = []
    for j, e in enumerate(article.found):
        gold = gold_of.get(j)
        right = [_right(c.type, c.value, gold) for c in e.candidates]
        if gold is not None and not any(r == 2 for r in right):
            right = [1 if r else 0 for r in right]  # no candidate has the type too: the right value is enough
        rows += e.rows
        labels += [float(r == max(right) and r > 0) for r in right]
    return rows, labels


def _right(type_: str | None, value: str | None, gold: timex_eval.Timex | None) -> int:
    """2: the gold value and type; 1: the gold value only; 0: neither. "Not a time expression" is right (2) when
    there is no gold expression."""
    if gold is None:
        return 2 if type_ is None else 0
    if type_ is None or value != gold.value:
        return 0
    return 2 if type_ == gold.type else 1


def train(articles: list[Article]) -> lgb.Booster:
    rows: list[list[float]] = []
    labels: list[float] = []
    for article in articles:
        r, y = labelled(article)
        rows += r
        labels += y
    data = lgb.Dataset(np.array(rows, dtype=np.float64), np.array(labels), feature_name=list(FEATURES))
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def forest(booster: lgb.Booster) -> Forest:
    return Forest(from_lightgbm(booster.dump_model(), FEATURES, 0.5))


def score(articles: list[Article], chooser: Forest | None, margin: float | None = None) -> timex_eval.Score:
    """The evaluator's counts for the articles with the time layer using `chooser` (None: the rules alone)."""
    total = timex_eval.Score()
    for article in articles:
        found = find_timex(article.doc, article.published, chooser=chooser, margin=margin)
        system = [timex_eval.Timex(t.start, t.end, t.type, t.value or "") for t in found]
        total.add(article.gold, system, article.doc.text)
    return total


def ceiling(articles: list[Article]) -> timex_eval.Score:
    """The counts a perfect chooser would get from these candidates: the gold value wherever one of them has it,
    and every expression that overlaps no gold one dropped."""
    total = timex_eval.Score()
    for article in articles:
        system = [
            timex_eval.Timex(e.timex.start, e.timex.end, e.timex.type, e.timex.value or "") for e in article.found
        ]
        pairs = timex_eval.pair_up(article.gold.timexes, system, article.doc.text)
        best = []
        for i, j in pairs:
            gold, e = article.gold.timexes[i], article.found[j]
            hit = next((c for c in e.candidates if c.value == gold.value), None)
            best.append(
                timex_eval.Timex(e.timex.start, e.timex.end, hit.type or "", hit.value or "") if hit else system[j]
            )
        total.add(article.gold, sorted(best, key=lambda t: t.start), article.doc.text)
    return total


def line(total: timex_eval.Score) -> str:
    m = total.metrics()
    return (
        f"value F1 = {100 * m['value_f1']:.2f} (relaxed F1 {100 * m['relaxed_f1']:.2f}, strict F1 "
        f"{100 * m['strict_f1']:.2f}, type F1 {100 * m['type_f1']:.2f}) on {total.docs} docs"
    )


def folds(articles: list[Article], k: int) -> list[list[Article]]:
    """`k` folds of whole articles, each corpus dealt out evenly after a fixed shuffle."""
    out: list[list[Article]] = [[] for _ in range(k)]
    for corpus in CORPORA:
        these = [a for a in articles if a.corpus == corpus]
        random.Random(5).shuffle(these)
        for i, a in enumerate(these):
            out[i % k].append(a)
    return out


def merged(scores: list[timex_eval.Score]) -> timex_eval.Score:
    total = timex_eval.Score()
    for s in scores:
        for name in ("docs", "gold", "system", "relaxed", "strict", "type_ok", "value_ok"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
    return total


MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
"""The log-odds by which another candidate must beat the rules' reading to be taken, tried under cross-validation."""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "newsgraph" / "data" / "timex_chooser.json")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    articles = read()
    by_corpus = {c: [a for a in articles if a.corpus == c] for c in CORPORA}
    rules = {c: score(these, None) for c, these in by_corpus.items()}
    parts = folds(articles, args.folds)
    fold_models = [
        forest(train([a for j, part in enumerate(parts) if j != i for a in part])) for i in range(len(parts))
    ]
    cross = {(a, b): forest(train(by_corpus[a])) for a, b in (("TimeBank", "AQUAINT"), ("AQUAINT", "TimeBank"))}
    print(f"{'':44}" + "".join(f"{name:>12}" for name in ("TimeBank", "AQUAINT", "TB->AQ", "AQ->TB")))
    print(
        f"{'rules alone':44}"
        + "".join(f"{100 * rules[c].metrics()['value_f1']:12.2f}" for c in (*CORPORA, *reversed(CORPORA)))
    )
    best: tuple[float, float] | None = None
    for margin in MARGINS:
        cv = {
            c: merged(
                [
                    score([a for a in test if a.corpus == c], m, margin)
                    for test, m in zip(parts, fold_models, strict=True)
                ]
            )
            for c in CORPORA
        }
        crossed = [score(by_corpus[b], m, margin) for (_, b), m in cross.items()]
        figures = [cv[c].metrics()["value_f1"] for c in CORPORA] + [s.metrics()["value_f1"] for s in crossed]
        print(f"{f'chooser, margin {margin}':44}" + "".join(f"{100 * f:12.2f}" for f in figures))
        gain = sum(cv[c].value_ok - rules[c].value_ok for c in CORPORA)
        if best is None or gain > best[1]:
            best = (margin, gain)
    assert best is not None
    margin, gain = best
    for corpus in CORPORA:
        print(f"rules, {corpus}: {line(rules[corpus])}")
        print(f"a perfect chooser, {corpus}: {line(ceiling(by_corpus[corpus]))}")
    if gain <= 0:
        print(f"not written: under cross-validation no margin gets more values right than the rules ({gain:+.0f})")
        return
    booster = train(articles)
    model = from_lightgbm(booster.dump_model(), FEATURES, 0.5, trained_on=list(CORPORA), rounds=ROUNDS, margin=margin)
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (margin {margin}: {gain:+.0f} values right under cross-validation)")


if __name__ == "__main__":
    main()
