"""PolNeAR articles through newsgraph as `../shared/tools/quote_eval.py` sends them, for the trainers of the quote
layer (`bench/train_speakers.py`, `bench/train_attributions.py`): one place that says how an article is read."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
sys.path.insert(0, str(ROOT / "src"))

import quote_eval  # noqa: E402

TRAIN = SHARED / "data" / "polnear" / "train"
MATCH = 0.3  # quote_eval's lower threshold: a prediction must share this much of a gold content's words
BOOSTING = {
    # LightGBM's parameters for the quote layer's models (binary, seeded by the trainer, deterministic).
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "max_depth": 5,
    "min_child_samples": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 300


def publisher(doc_id: str) -> str:
    """The publisher of a PolNeAR article: the first part of its name (`nyt_2016-10-01_…`)."""
    return doc_id.split("_")[0]


def analysed(d: dict, learned: bool = True):
    """An article of `quote_eval.load_split` cleaned, parsed, with its entities and the quotes of the rules (with
    the learned attributions when `learned`): (doc, entities, quote context), or None when it is no article."""
    from newsgraph import nlp
    from newsgraph.clean import blank, find_removed
    from newsgraph.entities import find_entities
    from newsgraph.model import Article
    from newsgraph.pipeline import to_article
    from newsgraph.quotes.find import found_quotes

    article = to_article({"id": d["id"], "text": d["text"], "headline": False}, 0)
    if not isinstance(article, Article):
        return None
    doc = nlp.parse(blank(article.text, find_removed(article.text, headings=article.headings)))
    entities = find_entities(doc)
    return doc, entities, found_quotes(doc, entities, learned=learned)


def best_gold(golds: list[dict], tok: frozenset[int]) -> dict | None:
    """The gold attribution (with `tok`, its content's word indices) a span of words `tok` matches best, if any
    reaches `MATCH`."""
    best, best_score = None, 0.0
    for g in golds:
        score = len(g["tok"] & tok) / max(len(g["tok"]), len(tok), 1)
        if score >= MATCH and score > best_score:
            best, best_score = g, score
    return best


def as_result(ctx, entities) -> dict:
    """The quotes of a quote context as the `newsgraph analyze` record quote_eval reads (quotes and entities)."""
    quotes = []
    for f in ctx.found:
        cue = {"start": f.cue.start, "end": f.cue.end, "text": f.cue.text} if f.cue is not None else None
        quotes.append(
            {
                "start": f.start,
                "end": f.end,
                "kind": f.kind,
                "speaker": f.speaker.entity,
                "speaker_name": f.speaker.name,
                "cue": cue,
            }
        )
    ents = [
        {"id": e.id, "name": e.name, "mentions": [{"start": m.start, "end": m.end} for m in e.mentions]}
        for e in entities
    ]
    return {"quotes": quotes, "entities": ents}


def counts(d: dict, result: dict) -> tuple[int, int, int]:
    """quote_eval's `all` row at 0.3 for one article: gold attributions, predicted quotes (pieces of a quotation
    joined), matched pairs."""
    text = d["text"]
    toks = quote_eval.Tokens(text)
    golds = [dict(g, tok=toks.cover(g["content"])) for g in d["gold"]]
    golds = [g for g in golds if g["tok"]]
    preds, _ = quote_eval.predictions(result, text)
    for p in preds:
        p["tok"] = toks.cover(p["spans"])
    preds = [p for p in preds if p["tok"]]
    return len(golds), len(preds), len(quote_eval.match(golds, preds, MATCH))


def boost(x, y, names, seed: int):
    """LightGBM trees (`BOOSTING`, `ROUNDS`) on rows `x` labelled `y` with feature `names`, seeded."""
    import lightgbm as lgb

    params = dict(BOOSTING, seed=seed, bagging_seed=seed, feature_fraction_seed=seed, data_random_seed=seed)
    return lgb.train(params, lgb.Dataset(x, y, feature_name=list(names), free_raw_data=False), num_boost_round=ROUNDS)


def arguments(doc: str, seed: int, argv: list[str]) -> argparse.Namespace:
    """The trainers' command line: --seed, --data, --workers, --limit, --rows."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=seed)
    ap.add_argument("--data", type=Path, default=TRAIN)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--rows", type=Path, help="read the examples from this file if it exists, else write them there")
    return ap.parse_args(argv)


def per_article(args: argparse.Namespace, rows: Callable[[dict], object]) -> list:
    """`rows(article)` for every article of `args.data` (in name order, `args.workers` processes), or what an
    earlier run wrote to `args.rows`; written there when it is given and absent."""
    if args.rows and args.rows.exists():
        return json.loads(args.rows.read_text(encoding="utf-8"))
    docs, _ = quote_eval.load_split(args.data, args.limit)
    with Pool(args.workers) as pool:
        out = list(pool.imap(rows, docs, chunksize=4))
    if args.rows:
        args.rows.parent.mkdir(parents=True, exist_ok=True)
        args.rows.write_text(json.dumps(out), encoding="utf-8")
    return out
