"""Accuracy gate: run the shared evaluators on the shared sets and fail when a figure falls below its floor.

    .venv/bin/python bench/accuracy_gate.py [--only TOOL,...] [--workers N] [--shared DIR] [--list]
                                            [--set-floor NAME=VALUE ...]

`make eval` runs it, and `.ci/run` after the tests. Each evaluator in ../shared/tools runs as a subprocess with this
checkout's .venv python, from this checkout's root, exactly as ../shared/README.md documents it; its figures are read
from its output with the patterns below. A line that cannot be read fails the gate (a changed evaluator must not pass
silently), and so does an evaluator that exits non-zero or a ../shared that is not there.

Every figure is compared with its bound in FLOORS, the one table of floors. A floor is pinned just under the figure
measured when it was set: 0.5 points under for scores in percent, 0.005 under for scores from 0 to 1; counts on the
example article (seed_check) and the number of documents scored are exact; lower-is-better figures have a ceiling
instead. When a change really improves a figure, raise its floor in the same change; lowering a floor is a decision
to write down in the change's description. --set-floor NAME=VALUE replaces one bound for one run, to show the gate
failing (never used by make or CI).

One line per figure: ok or FAIL, the name, the value, the bound. The last line is
    accuracy gate: N figures, all at or above their floors (T s)
or  accuracy gate: FAILED: NAME VALUE < floor BOUND; ...
and the exit status is 1 on any failure ("at or above their floors" counts a figure under its ceiling, or equal to
its exact count, as met). About 3 minutes on an idle 2-core machine (the six evaluators one after another, one
worker each).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TIMEOUT_S = 1800  # per evaluator; all six take about 3 minutes in all on 2 cores


@dataclass(frozen=True)
class Floor:
    name: str  # TOOL.FIGURE; FIGURE is the named group of a pattern in TOOLS
    today: float  # the figure when the floor was set (for the reader; the gate compares with bound)
    bound: float
    kind: str  # ">=": a floor; "<=": a ceiling (lower is better); "==": exact
    what: str


# The floors. Set on 2026-11-30 from the figures below (each evaluator's last line, see README "Measured"):
#   seed:    seed: removed F1 1.00; quotes 17/17, speakers 17/17, false 0; timex 10/10; entities 18/18, titles 5/5;
#            0 areas short
#   clean:   removal F1 = 0.986 (P 0.998, R 0.975), article chars lost = 0.003% on 400 docs
#   quote:   (2026-12-07, speaker ranker, attribution model and the partial-quote rules of issue 13) content
#            F1@0.3 = 64.58, source acc = 90.42, cue acc = 89.30 on 84 docs (direct 0.3: F1 88.83, source acc
#            92.31, cue acc 85.03). quote_eval joins the pieces of a quotation only when they have one speaker, so
#            direct F1 moves with the speakers the ranker chooses as well as with the spans.
#   timex:   value F1 = 83.77 (relaxed F1 94.75, strict F1 90.85, type F1 91.73) on 183 docs
#   extract: F1 = 0.970 (P 0.965, R 0.975) on 181 pages; trafilatura F1 = 0.960
#   claims:  (2026-12-07, issue 15) CaRB F1 = 0.563 (P 0.691, R 0.475), AUC = 0.397 on 641 sentences (0 without
#            claims layer); the confidence model is trained on the first 320 sentences only
#   stance:  (2026-12-07, issue 14) FNC score = 82.02%, F1m = 0.689, disagree F1 = 0.282 on 2963 pairs (1 without a
#            prediction); the split is fnc_split.py --seed 0 and the model bench/train_stance.py's on its train part
FLOORS: list[Floor] = [
    #     name                           today   bound   kind  what
    Floor("seed.removed_f1", 1.00, 1.00, ">=", "example article: removed-span F1"),
    Floor("seed.quotes", 17, 17, ">=", "example article: quotes found (of 17)"),
    Floor("seed.speakers", 17, 17, ">=", "example article: quotes with the right speaker (of 17)"),
    Floor("seed.false_quotes", 0, 0, "<=", "example article: false quotes"),
    Floor("seed.timex", 10, 10, ">=", "example article: time expressions right (of 10)"),
    Floor("seed.entities", 18, 18, ">=", "example article: entities right (of 18)"),
    Floor("seed.mentions", 6, 6, ">=", "example article: mentions right (of 6)"),
    Floor("seed.titles", 5, 5, ">=", "example article: titles right (of 5)"),
    Floor("seed.not_entities", 0, 0, "<=", "example article: non-entities taken for entities"),
    Floor("seed.areas_short", 0, 0, "<=", "example article: areas short of the golden answer"),
    Floor("clean.removal_f1", 0.986, 0.981, ">=", "BBC + injected junk: removal F1"),
    Floor("clean.removal_p", 0.998, 0.993, ">=", "BBC + injected junk: removal precision"),
    Floor("clean.removal_r", 0.975, 0.970, ">=", "BBC + injected junk: removal recall"),
    Floor("clean.chars_lost_pct", 0.003, 0.010, "<=", "BBC + injected junk: % of article characters removed"),
    Floor("clean.docs", 400, 400, "==", "BBC + injected junk: documents scored"),
    Floor("quote.content_f1", 64.58, 64.08, ">=", "PolNeAR dev: content F1@0.3, all attributions"),
    Floor("quote.source_acc", 90.42, 89.92, ">=", "PolNeAR dev: source accuracy, all"),
    Floor("quote.cue_acc", 89.30, 88.80, ">=", "PolNeAR dev: cue accuracy, all"),
    Floor("quote.direct_f1", 88.83, 88.33, ">=", "PolNeAR dev: content F1@0.3, direct quotes"),
    Floor("quote.direct_source_acc", 92.31, 91.81, ">=", "PolNeAR dev: source accuracy, direct quotes"),
    Floor("quote.direct_cue_acc", 85.03, 84.53, ">=", "PolNeAR dev: cue accuracy, direct quotes"),
    Floor("quote.docs", 84, 84, "==", "PolNeAR dev: documents scored"),
    Floor("timex.value_f1", 83.77, 83.27, ">=", "TimeBank: value F1 (TempEval-3's ranking figure)"),
    Floor("timex.relaxed_f1", 94.75, 94.25, ">=", "TimeBank: relaxed extent F1"),
    Floor("timex.strict_f1", 90.85, 90.35, ">=", "TimeBank: strict extent F1"),
    Floor("timex.type_f1", 91.73, 91.23, ">=", "TimeBank: type F1"),
    Floor("timex.docs", 183, 183, "==", "TimeBank: documents scored"),
    Floor("extract.f1", 0.970, 0.965, ">=", "AEB HTML pages: article text F1"),
    Floor("extract.precision", 0.965, 0.960, ">=", "AEB HTML pages: article text precision"),
    Floor("extract.recall", 0.975, 0.970, ">=", "AEB HTML pages: article text recall"),
    Floor("extract.pages", 181, 181, "==", "AEB HTML pages: pages scored"),
    Floor("stance.fnc", 82.02, 81.52, ">=", "FNC-1 topic split seed 0: FNC score (model trained on its train part)"),
    Floor("stance.f1m", 0.689, 0.684, ">=", "FNC-1 topic split seed 0: macro F1 of the four classes"),
    Floor("stance.disagree_f1", 0.282, 0.277, ">=", "FNC-1 topic split seed 0: disagree F1"),
    Floor("stance.pairs", 2963, 2963, "==", "FNC-1 topic split seed 0: pairs scored"),
    Floor("claims.f1", 0.563, 0.558, ">=", "CaRB dev: F1 at the best confidence threshold"),
    Floor("claims.auc", 0.397, 0.392, ">=", "CaRB dev: area under the precision-recall curve"),
    Floor("claims.sentences", 641, 641, "==", "CaRB dev: sentences scored"),
    Floor("claims.lacking", 0, 0, "<=", "CaRB dev: sentences without a claims layer"),
]

NUM = r"\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Tool:
    name: str
    script: str  # in SHARED/tools
    args: tuple[str, ...]  # "{shared}" stands for the shared folder
    needs: tuple[str, ...]  # data the evaluator reads, relative to the shared folder
    last: str  # pattern the last line of its output must match (whole line)
    other: tuple[str, ...] = ()  # patterns exactly one other line must match (whole line)
    workers: bool = True  # takes --workers
    # Commands run first, from the checkout's root ("{python}": its .venv python, "{shared}": the shared folder),
    # and what the evaluator's environment gets: how a model trained on one split is scored on its other part.
    prepare: tuple[tuple[str, ...], ...] = ()
    env: tuple[tuple[str, str], ...] = ()


TOOLS: list[Tool] = [
    Tool(
        "seed",
        "seed_check.py",
        (),
        ("golden/seed.json", "examples"),
        rf"seed: removed F1 (?P<removed_f1>{NUM}); quotes (?P<quotes>\d+)/\d+, speakers (?P<speakers>\d+)/\d+, "
        r"false (?P<false_quotes>\d+); timex (?P<timex>\d+)/\d+; entities (?P<entities>\d+)/\d+, "
        r"titles (?P<titles>\d+)/\d+; (?P<areas_short>\d+) areas short",
        (
            r"entities: \d+/\d+ with the right name and type, mentions (?P<mentions>\d+)/\d+, titles \d+/\d+, "
            r"(?P<not_entities>\d+) that are not entities.*",
        ),
        workers=False,
    ),
    Tool(
        "clean",
        "clean_eval.py",
        (),
        ("data/bbc/bbc.jsonl",),
        rf"removal F1 = (?P<removal_f1>{NUM}) \(P (?P<removal_p>{NUM}), R (?P<removal_r>{NUM})\), "
        rf"article chars lost = (?P<chars_lost_pct>{NUM})% on (?P<docs>\d+) docs",
    ),
    Tool(
        "quote",
        "quote_eval.py",
        ("--data", "{shared}/data/polnear/dev"),
        ("data/polnear/dev/text", "data/polnear/dev/attributions"),
        rf"content F1@0\.3 = (?P<content_f1>{NUM}), source acc = (?P<source_acc>{NUM}), "
        rf"cue acc = (?P<cue_acc>{NUM}) on (?P<docs>\d+) docs",
        (
            rf"\s*direct\s+0\.3\s+{NUM}\s+{NUM}\s+(?P<direct_f1>{NUM})\s+(?P<direct_source_acc>{NUM})\s+\(\s*\d+\)"
            rf"\s+(?P<direct_cue_acc>{NUM})\s+\(\s*\d+\)\s*",
        ),
    ),
    Tool(
        "timex",
        "timex_eval.py",
        ("--gold-dir", "{shared}/data/timeml/TimeBank"),
        ("data/timeml/TimeBank",),
        rf"value F1 = (?P<value_f1>{NUM}) \(relaxed F1 (?P<relaxed_f1>{NUM}), strict F1 (?P<strict_f1>{NUM}), "
        rf"type F1 (?P<type_f1>{NUM})\) on (?P<docs>\d+) docs",
    ),
    Tool(
        "extract",
        "extract_eval.py",
        (),
        ("data/aeb",),
        # trafilatura's own figure is read and shown, not gated: it measures trafilatura, not newsgraph.
        rf"F1 = (?P<f1>{NUM}) \(P (?P<precision>{NUM}), R (?P<recall>{NUM})\) on (?P<pages>\d+) pages; "
        rf"trafilatura F1 = (?P<trafilatura_f1>{NUM}|n/a)",
    ),
    Tool(
        "stance",
        "stance_eval.py",
        ("--stances", "build/gate_fnc0/dev_stances.csv", "--bodies", "{shared}/data/fnc1/train_bodies.csv"),
        ("data/fnc1/train_stances.csv", "data/fnc1/train_bodies.csv", "tools/fnc_split.py"),
        rf"FNC score = (?P<fnc>{NUM})%, F1m = (?P<f1m>{NUM}), disagree F1 = (?P<disagree_f1>{NUM}) "
        r"on (?P<pairs>\d+) pairs \((?P<missing>\d+) without a prediction\)",
        # FNC-1's topic split (whole stories held out), the model trained on its train part only.
        prepare=(
            ("{python}", "{shared}/tools/fnc_split.py", "--seed", "0", "--out", "build/gate_fnc0"),
            ("{python}", "bench/train_stance.py", "--split", "build/gate_fnc0", "--out", "build/gate_stance.json"),
        ),
        env=(("NEWSGRAPH_STANCE_MODEL", "build/gate_stance.json"),),
    ),
    Tool(
        "claims",
        "claims_eval.py",
        ("--data", "{shared}/data/carb"),
        ("data/carb/sentences.txt", "data/carb/gold.tsv"),
        rf"CaRB F1 = (?P<f1>{NUM}) \(P (?P<precision>{NUM}), R (?P<recall>{NUM})\), AUC = (?P<auc>{NUM}) "
        r"on (?P<sentences>\d+) sentences \((?P<lacking>\d+) without claims layer\)",
    ),
]


class GateError(Exception):
    """The gate cannot read a figure: a missing folder, an evaluator that failed, a line that does not parse."""


def decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def parse(tool: Tool, stdout: str) -> dict[str, str]:
    """The named figures in an evaluator's output, as printed; GateError when a pattern finds no (or no one) line."""
    lines = [line.rstrip() for line in stdout.splitlines() if line.strip()]
    if not lines:
        raise GateError(f"{tool.name}: no output")
    found: dict[str, str] = {}
    m = re.fullmatch(tool.last, lines[-1])
    if not m:
        raise GateError(f"{tool.name}: cannot read its last line {lines[-1]!r} (expected /{tool.last}/)")
    found.update(m.groupdict())
    for pattern in tool.other:
        hits = [m for m in (re.fullmatch(pattern, line) for line in lines[:-1]) if m]
        if len(hits) != 1:
            raise GateError(f"{tool.name}: {len(hits)} lines match /{pattern}/ (expected exactly one)")
        found.update(hits[0].groupdict())
    return found


def run_tool(tool: Tool, shared: Path, python: Path, workers: int | None) -> tuple[dict[str, str], float]:
    for step in tool.prepare:
        command = [a.format(shared=shared, python=python) for a in step]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S)
        if done.returncode != 0:
            said = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["(no output)"]
            raise GateError(f"{tool.name}: `{' '.join(step)}` failed ({done.returncode}): {said[0][:200]}")
    cmd = [str(python), str(shared / "tools" / tool.script), *(a.format(shared=shared) for a in tool.args)]
    if workers and tool.workers:
        cmd += ["--workers", str(workers)]
    shown = " ".join(["python", *(os.path.relpath(c, ROOT) if c.startswith("/") else c for c in cmd[1:])])
    print(f"{tool.name}: {shown}", flush=True)
    t0 = time.monotonic()
    try:
        env = {**os.environ, **dict(tool.env)}
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired as e:
        raise GateError(f"{tool.name}: still running after {TIMEOUT_S} s") from e
    took = time.monotonic() - t0
    if proc.returncode != 0:
        tail = (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-20:] or ["(no output)"]
        print("\n".join("  | " + line for line in tail), flush=True)
        raise GateError(f"{tool.name}: exit status {proc.returncode} after {took:.0f} s: {tail[-1].strip()[:200]}")
    last = [line for line in proc.stdout.splitlines() if line.strip()][-1:] or [""]
    print(f"  {last[0].strip()}   ({took:.0f} s)", flush=True)
    return parse(tool, proc.stdout), took


def check(floor: Floor, text: str) -> tuple[bool, str]:
    """(passes, the figure's line); text is the value as the evaluator printed it."""
    value = float(text)
    eps = 1e-9
    passes = {
        ">=": value >= floor.bound - eps,
        "<=": value <= floor.bound + eps,
        "==": abs(value - floor.bound) <= eps,
    }[floor.kind]
    word = {">=": "floor", "<=": "ceiling", "==": "exactly"}[floor.kind]
    bound = f"{floor.bound:.{decimals(text)}f}"
    line = f"  {'ok  ' if passes else 'FAIL'}  {floor.name:<26} {text:>7}   {word + ' ' + bound:<15} {floor.what}"
    return passes, line


def failure(floor: Floor, text: str) -> str:
    bound = f"{floor.bound:.{decimals(text)}f}"
    return {
        ">=": f"{floor.name} {text} < floor {bound}",
        "<=": f"{floor.name} {text} > ceiling {bound}",
        "==": f"{floor.name} {text} != {bound}",
    }[floor.kind]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: ../shared)")
    ap.add_argument("--only", help="comma-separated evaluators to run: " + ",".join(t.name for t in TOOLS))
    ap.add_argument("--workers", type=int, help="passed to the evaluators' --workers (default: theirs, 1)")
    ap.add_argument(
        "--set-floor",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="replace one figure's bound for this run only (to see the gate fail)",
    )
    ap.add_argument("--list", action="store_true", help="print the table of floors and stop")
    a = ap.parse_args(argv)

    floors = {f.name: f for f in FLOORS}
    for item in a.set_floor:
        name, _, value = item.partition("=")
        if name not in floors:
            ap.error(f"--set-floor {item}: no figure {name!r}; figures: {', '.join(floors)}")
        try:
            floors[name] = Floor(name, floors[name].today, float(value), floors[name].kind, floors[name].what)
        except ValueError:
            ap.error(f"--set-floor {item}: {value!r} is not a number")
        print(f"note: {name}'s bound set to {value} for this run (--set-floor)")
    if a.list:
        for f in floors.values():
            print(f"{f.name:<26} {f.kind} {f.bound:<8g} (set when it was {f.today:g})  {f.what}")
        return 0
    tools = TOOLS
    if a.only:
        names = [n.strip() for n in a.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in {t.name for t in TOOLS}]
        if unknown:
            ap.error(f"--only: no evaluator {', '.join(unknown)}; evaluators: {', '.join(t.name for t in TOOLS)}")
        tools = [t for t in TOOLS if t.name in names]

    shared = a.shared.resolve()
    python = ROOT / ".venv" / "bin" / "python"
    missing = [str(shared / "tools" / t.script) for t in tools] + [str(shared / d) for t in tools for d in t.needs]
    missing = [p for p in missing if not Path(p).exists()]
    if not shared.is_dir():
        print(
            f"accuracy gate: FAILED: no shared folder at {shared}: the evaluators and data sets live in ../shared "
            "beside this checkout (CI has it there); or pass --shared DIR"
        )
        return 1
    if missing:
        print(f"accuracy gate: FAILED: {shared} lacks what the evaluators need: {', '.join(missing)}")
        return 1
    if not python.exists():
        print(f"accuracy gate: FAILED: no {python}: run `make setup` first")
        return 1

    failures: list[str] = []
    checked = 0
    t0 = time.monotonic()
    for tool in tools:
        try:
            figures, _ = run_tool(tool, shared, python, a.workers)
        except GateError as e:
            print(f"  FAIL  {e}")
            failures.append(str(e))
            continue
        mine = [f for f in floors.values() if f.name.split(".", 1)[0] == tool.name]
        for f in mine:
            key = f.name.split(".", 1)[1]
            if figures.get(key) is None:
                failures.append(f"{tool.name}: its output has no figure {key!r}")
                print(f"  FAIL  {f.name}: not in the output")
                continue
            passes, line = check(f, figures[key])
            print(line)
            checked += 1
            if not passes:
                failures.append(failure(f, figures[key]))
        gated = {f.name.split(".", 1)[1] for f in mine}
        for key, text in figures.items():
            if key not in gated:
                print(f"  info  {tool.name + '.' + key:<26} {text:>7}   (not gated)")
    took = time.monotonic() - t0
    if failures:
        print(f"accuracy gate: FAILED: {'; '.join(failures)}")
        return 1
    print(f"accuracy gate: {checked} figures, all at or above their floors ({took:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
