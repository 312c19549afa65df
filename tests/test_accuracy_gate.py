"""bench/accuracy_gate.py (`make eval`): its patterns read the evaluators' lines, its table is whole, and it fails
loudly on a changed line, a figure under its floor and a missing ../shared. The evaluators themselves are not run
here (`make eval` runs them)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load():
    spec = importlib.util.spec_from_file_location("accuracy_gate", ROOT / "bench" / "accuracy_gate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy_gate"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gate = _load()

# The evaluators' output when the floors were set (last line last; the lines the other patterns read before it).
OUTPUT = {
    "seed": "removed: F1 1.00 (precision 1.00, recall 1.00); 3 spans\n"
    "entities: 18/18 with the right name and type, mentions 6/6, titles 5/5, 0 that are not entities\n"
    "seed: removed F1 1.00; quotes 17/17, speakers 17/17, false 0; timex 10/10; entities 18/18, titles 5/5; "
    "0 areas short\n",
    "clean": "removal F1 = 0.986 (P 0.998, R 0.975), article chars lost = 0.003% on 400 docs\n",
    "quote": "            thr       P       R      F1       source acc          cue acc\n"
    "  all       0.3   90.11   50.32   64.58    90.42 ( 1086)    89.30 ( 1103)\n"
    "  direct    0.3   89.20   88.45   88.83    92.31 (  624)    85.03 (  628)\n"
    "  direct    0.8   69.32   68.73   69.02    93.02 (  487)    94.26 (  488)\n"
    "content F1@0.3 = 64.58, source acc = 90.42, cue acc = 89.30 on 84 docs\n",
    "timex": "value F1 = 83.77 (relaxed F1 94.75, strict F1 90.85, type F1 91.73) on 183 docs\n",
    "extract": "F1 = 0.970 (P 0.965, R 0.975) on 181 pages; trafilatura F1 = 0.960\n",
    "stance": "FNC score = 82.02%, F1m = 0.689, disagree F1 = 0.282 on 2963 pairs (1 without a prediction)\n",
    "claims": "CaRB F1 = 0.563 (P 0.691, R 0.475), AUC = 0.397 on 641 sentences (0 without claims layer)\n",
}
TOOLS = {t.name: t for t in gate.TOOLS}


def test_every_floor_is_read_from_its_evaluator_and_met_by_the_figure_it_was_set_from() -> None:
    assert set(OUTPUT) == set(TOOLS)
    names = [f.name for f in gate.FLOORS]
    assert len(names) == len(set(names))
    for name, tool in TOOLS.items():
        figures = gate.parse(tool, OUTPUT[name])
        for f in gate.FLOORS:
            if f.name.startswith(name + "."):
                text = figures[f.name.split(".", 1)[1]]
                assert float(text) == pytest.approx(f.today), f.name
                assert gate.check(f, text)[0], f.name
    assert {f.name.split(".", 1)[0] for f in gate.FLOORS} == set(TOOLS)


def test_a_changed_last_line_fails_loudly() -> None:
    with pytest.raises(gate.GateError, match="cannot read its last line"):
        gate.parse(TOOLS["timex"], "value F1 = 83.77 (relaxed 94.75) on 183 docs\n")
    with pytest.raises(gate.GateError, match="no output"):
        gate.parse(TOOLS["clean"], "\n")
    # the direct row must be there, once
    no_row = OUTPUT["quote"].replace("  direct    0.3", "  quoted    0.3")
    with pytest.raises(gate.GateError, match="0 lines match"):
        gate.parse(TOOLS["quote"], no_row)


def test_a_figure_under_its_floor_fails_with_its_name_value_and_floor() -> None:
    floor = next(f for f in gate.FLOORS if f.name == "quote.direct_f1")
    ok, line = gate.check(floor, "80.10")
    assert not ok and "FAIL" in line
    assert gate.failure(floor, "80.10") == f"quote.direct_f1 80.10 < floor {floor.bound:.2f}"
    ceiling = next(f for f in gate.FLOORS if f.name == "clean.chars_lost_pct")
    assert not gate.check(ceiling, "0.020")[0]
    assert gate.failure(ceiling, "0.020") == "clean.chars_lost_pct 0.020 > ceiling 0.010"
    exact = next(f for f in gate.FLOORS if f.name == "quote.docs")
    assert not gate.check(exact, "83")[0] and not gate.check(exact, "85")[0]


def test_no_shared_folder_fails_with_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gate.main(["--shared", str(tmp_path / "nowhere")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("accuracy gate: FAILED: no shared folder at ")
    (tmp_path / "shared").mkdir()
    assert gate.main(["--shared", str(tmp_path / "shared"), "--only", "seed"]) == 1
    assert "seed_check.py" in capsys.readouterr().out


def test_a_preparing_step_that_fails_fails_the_gate_and_the_evaluator_gets_its_environment(tmp_path: Path) -> None:
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "env.py").write_text("import os\nprint('seen ' + os.environ['GATE_TEST'])\n")
    tool = gate.Tool("env", "env.py", (), (), r"seen (?P<value>\w+)", workers=False, env=(("GATE_TEST", "yes"),))
    assert gate.run_tool(tool, tmp_path, Path(sys.executable), None)[0] == {"value": "yes"}
    failing = gate.Tool(
        "env", "env.py", (), (), r"seen (?P<value>\w+)", prepare=(("{python}", "-c", "raise SystemExit(3)"),)
    )
    with pytest.raises(gate.GateError, match=r"env: `\{python\} -c raise SystemExit\(3\)` failed \(3\)"):
        gate.run_tool(failing, tmp_path, Path(sys.executable), None)


def test_an_evaluator_that_fails_fails_the_gate(tmp_path: Path) -> None:
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "broken.py").write_text("import sys\nprint('half a line')\nsys.exit('it broke')\n")
    tool = gate.Tool("broken", "broken.py", (), (), r"never")
    with pytest.raises(gate.GateError, match=r"broken: exit status 1 after \d+ s: it broke"):
        gate.run_tool(tool, tmp_path, Path(sys.executable), None)
