"""Every process newsgraph starts ends when the command ends, however it ends; long articles are parsed in pieces.

The worker tests run the real command with two workers and end it from outside, as a scheduler or a user would.
They read the process tree from /proc (Linux, where CI runs) and wait for what they check with a generous deadline,
never for a time to pass.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph import nlp

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"
linux_only = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    """Running, not ended (a zombie, ended but not yet reaped by whoever adopted it, has ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in {"Z", "X"}
    except OSError:
        return False


def _wait_until(condition, deadline_s: float = 120) -> bool:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _start_batch(tmp_path: Path, command: list[str]) -> tuple[subprocess.Popen[bytes], int]:
    """`newsgraph COMMAND… IN.jsonl` with two workers, IN.jsonl a named pipe that is given work for both workers
    and then held open: the command waits for more and cannot end on its own, however fast the machine. Returns
    the process and the pipe's writing end, to close when done."""
    batch = tmp_path / "in.jsonl"
    os.mkfifo(batch)
    writer = os.open(batch, os.O_RDWR)  # open for writing without waiting for a reader (Linux)
    proc = subprocess.Popen(
        [str(NEWSGRAPH), *command, str(batch), "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    lines = (json.dumps({"text": f"Ministers meet\n\n“We will win,” Jane Doe said in room {i}."}) for i in range(200))
    os.write(writer, "".join(line + "\n" for line in lines).encode())  # less than a pipe holds: never blocks
    return proc, writer


def _stop_and_check_workers(proc: subprocess.Popen[bytes], writer: int, sig: signal.Signals) -> subprocess.Popen[bytes]:
    """Once the command has its two workers, send it `sig`; check that both workers end with it."""
    try:
        assert _wait_until(lambda: len(_children(proc.pid)) == 2 or proc.poll() is not None)
        workers = _children(proc.pid)
        assert len(workers) == 2, "the command ended before its workers could be seen (it cannot end on its own)"
        proc.send_signal(sig)
        proc.wait(timeout=120)
        assert _wait_until(lambda: not any(_alive(w) for w in workers)), "a worker outlived the command"
    finally:
        os.close(writer)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc


@linux_only
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_workers_end_with_the_command(tmp_path: Path, sig: signal.Signals) -> None:
    out = tmp_path / "out.jsonl"
    proc = _stop_and_check_workers(*_start_batch(tmp_path, ["analyze", "-o", str(out)]), sig)
    if sig == signal.SIGTERM:
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr.read().decode(errors="replace")
        # Stopped before the end: no output, not a half-written one, and no temporary file left behind.
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


# A pool whose worker is stuck starting up with a handler that turns SIGTERM into KeyboardInterrupt, as a forked
# worker has (the command line's) until its initializer resets it; then `_stop` ends it.
_STOP_WHILE_STARTING = """
import multiprocessing, os, signal, sys, time
from concurrent.futures import ProcessPoolExecutor
from newsgraph.pipeline import _stop

def interrupt(*_):
    raise KeyboardInterrupt

def starting(ready):
    signal.signal(signal.SIGTERM, interrupt)
    open(ready, "w").close()
    time.sleep(600)

if __name__ == "__main__":
    ready = sys.argv[1]
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=starting,
                               initargs=(ready,))
    pool.submit(int, 1)
    while not os.path.exists(ready):
        time.sleep(0.05)
    _stop(pool)
    print("stopped")
"""


@linux_only
def test_stopping_workers_that_are_still_starting_prints_no_traceback(tmp_path: Path) -> None:
    """SIGTERM to such a worker would print `Traceback … KeyboardInterrupt`; the pool's workers are killed."""
    script = tmp_path / "stop.py"
    script.write_text(_STOP_WHILE_STARTING)
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "ready")], capture_output=True, text=True, timeout=300
    )
    assert done.stdout.strip() == "stopped"
    assert "Traceback" not in done.stderr, done.stderr


@linux_only
def test_ingest_stopped_by_sigterm_keeps_what_it_stored_and_its_workers_end(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    proc = _stop_and_check_workers(
        *_start_batch(tmp_path, ["ingest", "--no-progress", "--db", str(db)]), signal.SIGTERM
    )
    said = proc.stderr.read().decode(errors="replace")
    assert proc.returncode != 0 and "Traceback" not in said
    assert "safely stored" in said and "Run the same command again to resume" in said


def test_long_text_is_cut_into_pieces_at_line_breaks() -> None:
    paragraph = "The minister said the talks would go on. " * 5
    text = "\n\n".join([paragraph.strip()] * 40)
    cuts = nlp.pieces(text, 1_000)
    assert len(cuts) > 1
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))  # together the whole text
    assert all(end - start <= 1_000 for start, end in cuts)
    # Each piece after the first begins with a paragraph's first word, just after a line break.
    assert all(text[start - 2 : start] == "\n\n" and text[start] == "T" for start, _ in cuts[1:])


def test_long_text_without_line_breaks_is_cut_after_a_space() -> None:
    text = "word " * 1_000
    cuts = nlp.pieces(text, 1_000)
    assert len(cuts) >= 5 and cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    assert all(text[start - 1] == " " and text[start] != " " for start, _ in cuts[1:])
    assert all(end - start <= 1_000 for start, end in cuts)


def test_a_text_with_no_space_is_still_cut() -> None:
    assert nlp.pieces("x" * 2_500, 1_000) == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]


def test_pieces_tokenize_as_the_whole_text() -> None:
    """Cut where the tokenizer would make the same tokens of the pieces as of the whole (a leading space, or a
    cut inside a run of whitespace, would make other tokens)."""
    tokenizer = nlp.load().tokenizer
    text = "".join(
        f"Para {i} ends here.{'  ' if i % 3 else ' '}\n\n\tNext one {i},  then more words. " for i in range(60)
    )
    cuts = nlp.pieces(text, 200)
    whole = [(t.text, t.whitespace_) for t in tokenizer(text)]
    parts = [(t.text, t.whitespace_) for a, b in cuts for t in tokenizer(text[a:b])]
    assert parts == whole


def test_a_long_article_is_parsed_in_pieces_into_one_doc(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = "Jens Stoltenberg, the NATO chief, said on Monday that Sweden would join. He met ministers in Oslo."
    text = "\n\n".join([paragraph] * 30)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 500)
    parsed: list[str] = []
    real_pipe = nlp.load().pipe

    def pipe(texts, **kwargs):
        texts = list(texts)
        parsed.extend(texts)
        return real_pipe(texts, **kwargs)

    monkeypatch.setattr(nlp.load(), "pipe", pipe)
    doc = nlp.parse(text)
    assert len(parsed) == len(nlp.pieces(text, 500)) > 1
    assert max(len(p) for p in parsed) <= 500
    assert doc.text == text
    assert [t.idx for t in doc] == [t.idx for t in nlp.load().make_doc(text)]
    assert sum(1 for e in doc.ents if e.text == "Jens Stoltenberg") == 30
    assert sum(1 for s in doc.sents if s.text.startswith("He met")) == 30
    # The parse of each piece kept as it was: every word's head in its own piece (heads are stored relative).
    starts = [start for start, _ in nlp.pieces(text, 500)]
    assert all(bisect.bisect_right(starts, t.idx) == bisect.bisect_right(starts, t.head.idx) for t in doc)


def test_batches_are_bounded_by_characters() -> None:
    texts = ["a" * 60_000, "b" * 30_000, "c" * 30_000, "d" * 10, "e" * 200_000]
    batches = list(nlp._batches(texts, 32, 100_000))
    assert [len(b) for b in batches] == [2, 2, 1]
    assert [sum(map(len, b)) for b in batches][:2] == [90_000, 30_010]
    assert [len(b) for b in nlp._batches(["x"] * 70, 32, 100_000)] == [32, 32, 6]
