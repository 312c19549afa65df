from __future__ import annotations

from newsgraph.clean import blank
from newsgraph.model import Removed


def test_blank_keeps_length_and_line_breaks():
    text = "Keep.\nDrop this\nline. Keep too."
    removed = [Removed(6, 21, "promotion", text[6:21])]
    out = blank(text, removed)
    assert len(out) == len(text)
    assert out == "Keep.\n         \n      Keep too."


def test_blank_without_removals_is_the_text():
    assert blank("abc", []) == "abc"
