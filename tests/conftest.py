from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import newsgraph
from newsgraph.model import Analysis

# Property tests try the same examples on every run (derandomize, no example database kept between runs) and have no
# time limit per example: their outcome never depends on the machine's load, the seed or an earlier run. A test's
# own @settings (max_examples) still applies on top of this profile.
settings.register_profile(
    "newsgraph", derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("newsgraph")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "000_a742a6c18eb4b43a.txt"
EXAMPLE_PUBLISHED = "2023-02-28"


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example(example_text: str) -> Analysis:
    """The bundled example article, analysed once for the whole session."""
    return newsgraph.analyze(example_text, published=EXAMPLE_PUBLISHED, id="example")


def assert_offsets(result: dict) -> None:
    """Every span of a result slices `text` to its own `text`."""
    text = result["text"]
    spans = [*result["removed"], *result["quotes"], *result["timex"]]
    spans += [m for e in result["entities"] for m in e["mentions"]]
    spans += [q["cue"] for q in result["quotes"] if q["cue"]]
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(text), span
        if "text" in span:
            assert text[span["start"] : span["end"]] == span["text"], span
