from __future__ import annotations

import pytest

import newsgraph
from conftest import assert_offsets
from newsgraph import Analysis, Failure


def test_analyze_example(example, example_text):
    assert isinstance(example, Analysis)
    assert example.text == example_text
    assert example.headline.startswith("Ukraine will join NATO")
    d = example.to_dict()
    assert_offsets(d)
    stoltenberg = next(e for e in example.entities if e.name == "Jens Stoltenberg")
    assert {m.text for m in stoltenberg.mentions} >= {"Jens Stoltenberg", "Mr Stoltenberg"}
    assert sum(q.speaker == stoltenberg.id for q in example.quotes) >= 10
    values = {t.text: t.value for t in example.timex}
    assert values["yesterday"] == "2023-02-27"
    assert values["last February"] == "2022-02"


def test_analyze_refuses_empty_text_and_bad_dates():
    with pytest.raises(newsgraph.InputError, match="empty"):
        newsgraph.analyze("   \n ")
    with pytest.raises(newsgraph.InputError, match="published"):
        newsgraph.analyze("Some text.", published="28 Feb 2023")


@pytest.mark.parametrize(("value", "kind"), [(None, "NoneType"), (42, "int"), (["a list"], "list")])
def test_analyze_refuses_what_is_not_text_with_an_input_error(value, kind):
    with pytest.raises(newsgraph.InputError, match=f"expected the article as a str, got {kind}"):
        newsgraph.analyze(value)


def test_analyze_refuses_a_bad_id_or_headline_with_an_input_error():
    with pytest.raises(newsgraph.InputError, match="id: expected a string or an integer"):
        newsgraph.analyze("Some text.", id=None)
    with pytest.raises(newsgraph.InputError, match="headline: expected a string or a bool"):
        newsgraph.analyze("Some text.", headline=3)


def test_analyze_decodes_bytes_as_utf8_and_says_so():
    result = newsgraph.analyze("Café news\n“We are open,” Ann Lee said.".encode(), id="b")
    assert result.text == "Café news\n“We are open,” Ann Lee said."  # offsets count characters, not bytes
    assert result.warnings == ("b: given bytes, decoded as UTF-8; offsets count characters of the decoded text",)
    with pytest.raises(newsgraph.InputError, match="binary"):
        newsgraph.analyze(b"\x00\x01\x02\x03")


def test_analyze_replaces_lone_surrogates_and_analyses_normally():
    text = "Big news\n“We will win,” Jane Doe said \ud800 on Monday."  # as json.loads makes of "\ud800"
    result = newsgraph.analyze(text, id="s")
    assert result.text == text.replace("\ud800", "\ufffd") and len(result.text) == len(text)
    assert [q.speaker_name for q in result.quotes] == ["Jane Doe"]
    assert any("lone surrogate" in w for w in result.warnings)
    result.to_json().encode("utf-8")


def test_analyze_many_streams_in_input_order_with_failures_in_place():
    records = [
        {"id": "one", "text": "Title\n“It works,” said Ann Lee."},
        {"id": "two"},
        "Plain string article.\nSecond line.",
        {"id": 4, "text": ""},
    ]
    results = list(newsgraph.analyze_many(iter(records)))
    assert [r.id for r in results] == ["one", "two", 3, 4]
    assert [isinstance(r, Failure) for r in results] == [False, True, False, True]
    assert results[1].type == "missing_text" and results[3].type == "empty"
    assert results[0].quotes[0].speaker_name == "Ann Lee"


def test_analyze_many_is_lazy():
    def endless():
        n = 0
        while True:
            n += 1
            yield f"Article {n}\nBody of article {n}."

    stream = newsgraph.analyze_many(endless(), batch_size=4)
    first = [next(stream) for _ in range(6)]
    assert [r.id for r in first] == [1, 2, 3, 4, 5, 6]
