"""Blind evaluation of the cleaner: `newsgraph.clean.find_removed` on `bench/blind_junk.py`'s documents.

    .venv/bin/python bench/clean_blind.py [--n 400] [--seed S]

`bench/blind_junk.py` is a contamination generator written by a helper the cleaner's developer never read (other
stories' headlines on their own, stacked, tagged or glued; related lists; photo captions and credits; reader-
interface lines), over PolNeAR dev and AEB article texts. This prints aggregate figures only, never an item's text:
per kind the items, how many were caught (at least half their non-space characters removed) and the character
recall; the share of real article characters removed ("lost") per host source; and, scored as
`../shared/tools/clean_eval.py` scores, removal precision/recall/F1 over non-space characters.

Last line: `clean_blind: F1 = F (P p, R r), lost = L% on N docs`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import newsgraph.clean  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "src"))

import blind_junk  # noqa: E402
import clean_eval  # noqa: E402  (blind_junk put ../shared/tools on sys.path)


def main(argv: list[str] | None = None) -> None:
    from newsgraph.clean import find_removed

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="documents, half contaminated (default 400)")
    ap.add_argument("--seed", type=int, default=blind_junk.DEFAULT_SEED)
    args = ap.parse_args(argv)

    t0 = time.time()
    docs = blind_junk.build(args.n, args.seed)
    outs = []
    for d in docs:
        found = find_removed(d.text)
        outs.append({"id": d.id, "text": d.text, "removed": [{"start": r.start, "end": r.end} for r in found]})
    secs = time.time() - t0
    tally = clean_eval.score_docs(docs, outs)
    p, r, f = clean_eval.prf(tally)
    lost = 100.0 * tally.fp / tally.real if tally.real else 0.0

    n_items = sum(len(d.items) for d in docs)
    print(
        f"blind generator (bench/blind_junk.py, seed {args.seed}): {len(docs)} docs, "
        f"{sum(d.contaminated for d in docs)} contaminated with {n_items} items; {secs:.1f} s"
    )
    print(f"  {'kind':<50}{'items':>6}{'caught':>8}{'chars':>8}{'char recall':>13}")
    for k, label in blind_junk.KINDS.items():
        chars = tally.kind_chars[k]
        rec = tally.kind_hit[k] / chars if chars else 0.0
        print(f"  {k + '  (' + label + ')':<50}{tally.kind_items[k]:>6}{tally.kind_caught[k]:>8}{chars:>8}{rec:>13.3f}")

    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # lost, real, lost in untouched, docs
    for d, o in zip(docs, outs, strict=True):
        mask = bytearray(len(d.text))
        for s in o["removed"]:
            mask[s["start"] : s["end"]] = b"\x01" * (s["end"] - s["start"])
        row = by_source[d.source]
        row[3] += 1
        for i, c in enumerate(d.text):
            if d.real[i] and not c.isspace():
                row[1] += 1
                row[0] += mask[i]
                row[2] += mask[i] and not d.contaminated
    print(
        "  lost by source: "
        + ", ".join(
            f"{s} {100 * a / b if b else 0.0:.3f}% ({a} of {b} chars, {u} in untouched docs; {n} docs)"
            for s, (a, b, u, n) in sorted(by_source.items())
        )
    )
    print(
        f"  false deletions: {tally.fp} of {tally.real} article chars, {tally.fp_untouched} in untouched docs; "
        f"docs with any article char removed: {tally.docs_any_lost}; with a real sentence removed: "
        f"{tally.docs_sentence_lost} ({tally.docs_sentence_lost_untouched} untouched)"
    )
    print(f"clean_blind: F1 = {f:.3f} (P {p:.3f}, R {r:.3f}), lost = {lost:.3f}% on {len(docs)} docs")


if __name__ == "__main__":
    main(sys.argv[1:])
