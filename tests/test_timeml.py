"""`newsgraph analyze --format timeml`: the analysed text, exactly, with well-formed TIMEX3 tags added."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import EXAMPLE, EXAMPLE_PUBLISHED
from newsgraph.model import Analysis, Timex
from newsgraph.timex.timeml import timeml_text, to_timeml

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


def text_of(document: str) -> str:
    """The character content of <TEXT>, as an XML parser reads it: the tags stripped, the entities decoded."""
    root = ET.fromstring(document.encode("utf-8"))
    text = root.find("TEXT")
    assert text is not None
    return "".join(text.itertext())


def test_tags_stripped_give_back_the_text_exactly():
    text = 'Fees rose 5% & "more" <today>.\r\nOn Monday, talks resumed.\n'
    today, monday = text.index("today"), text.index("Monday")
    analysis = Analysis(
        id="a&b",
        text=text,
        published="2023-02-28",
        timex=(
            Timex(today, today + 5, "today", "DATE", "2023-02-28", "2023-02-28"),
            Timex(monday, monday + 6, "Monday", "DATE", "2023-02-27", "2023-02-28"),
        ),
    )
    document = to_timeml(analysis)
    assert text_of(document) == text
    root = ET.fromstring(document.encode("utf-8"))
    assert root.findtext("DOCID") == "a&b"
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("value") == "2023-02-28" and dct.get("functionInDocument") == "CREATION_TIME"
    tags = root.findall("TEXT/TIMEX3")
    assert [(t.text, t.get("type"), t.get("value"), t.get("anchorTimeID")) for t in tags] == [
        ("today", "DATE", "2023-02-28", "t0"),
        ("Monday", "DATE", "2023-02-27", "t0"),
    ]
    assert [t.get("tid") for t in tags] == ["t1", "t2"]


def test_overlapping_expressions_are_not_nested_and_unknown_values_are_empty():
    analysis = Analysis(
        id=1,
        text="last Friday night",
        timex=(Timex(0, 11, "last Friday", "DATE", None), Timex(5, 17, "Friday night", "TIME", None)),
    )
    assert timeml_text(analysis) == (
        '<TIMEX3 tid="t1" type="DATE" value="" temporalFunction="false" functionInDocument="NONE">last Friday'
        "</TIMEX3> night"
    )
    document = to_timeml(analysis)
    assert "<DCT>" not in document  # no publication date, no document creation time
    assert text_of(document) == "last Friday night"


def test_cli_writes_timeml_that_strips_back_to_the_input():
    proc = subprocess.run(
        [str(NEWSGRAPH), "analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED, "--format", "timeml"],
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    document = proc.stdout.decode("utf-8")
    assert text_of(document) == EXAMPLE.read_text(encoding="utf-8")
    root = ET.fromstring(proc.stdout)
    tags = root.findall("TEXT/TIMEX3")
    assert len(tags) >= 10
    assert all(t.get("type") in {"DATE", "TIME", "DURATION", "SET"} for t in tags)
    assert ("next week", "2023-W10") in {(t.text, t.get("value")) for t in tags}
    assert len({t.get("tid") for t in tags}) == len(tags)
