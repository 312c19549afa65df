from __future__ import annotations

import jsonschema
import pytest

from newsgraph.model import Analysis, Cue, Entity, Failure, Mention, Quote, Timex, json_schema


def validate(obj: dict) -> None:
    jsonschema.Draft202012Validator(json_schema()).validate(obj)


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_analysis_to_dict_follows_the_contract():
    text = "Jane Doe said “yes” yesterday."
    a = Analysis(
        id="a1",
        text=text,
        published="2023-02-28",
        entities=(Entity("E1", "Jane Doe", "PERSON", (Mention(0, 8, "Jane Doe"),), ("mayor",)),),
        quotes=(Quote(15, 18, "yes", "direct", "E1", "Jane Doe", Cue(9, 13, "said")),),
        timex=(Timex(20, 29, "yesterday", "DATE", "2023-02-27"),),
    )
    d = a.to_dict()
    validate(d)
    assert d["schema"] == "newsgraph/1"
    assert list(d)[:4] == ["schema", "id", "headline", "published"]
    assert d["quotes"][0]["cue"] == {"start": 9, "end": 13, "text": "said"}
    assert d["entities"][0]["titles"] == ["mayor"]
    assert "anchor" not in d["timex"][0]


def test_failure_line_is_valid_and_has_no_analysis_fields():
    d = Failure(3, "invalid_json", "in.jsonl:3: not valid JSON", 3).to_dict()
    validate(d)
    assert d == {"id": 3, "error": {"type": "invalid_json", "message": "in.jsonl:3: not valid JSON", "line": 3}}


@pytest.mark.parametrize(
    "broken",
    [
        {
            "schema": "newsgraph/1",
            "id": "x",
            "headline": None,
            "published": "28/02/2023",
            "text": "",
            "removed": [],
            "entities": [],
            "quotes": [],
            "timex": [],
        },
        {
            "schema": "newsgraph/1",
            "id": "x",
            "headline": None,
            "published": None,
            "text": "",
            "removed": [],
            "entities": [],
            "quotes": [
                {
                    "start": 0,
                    "end": 1,
                    "text": "a",
                    "kind": "rumour",
                    "speaker": None,
                    "speaker_name": None,
                    "cue": None,
                }
            ],
            "timex": [],
        },
        {"id": "x", "error": {"type": "", "message": "m"}},
    ],
)
def test_schema_rejects_broken_objects(broken):
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
