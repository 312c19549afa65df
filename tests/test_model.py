from __future__ import annotations

import jsonschema
import pytest

import handmade
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


def test_claims_follow_the_contract_and_the_schema():
    d = handmade.every_layer().to_dict()
    validate(d)
    text = d["text"]
    claims = d["claims"]
    assert [c["predicate"]["text"] for c in claims] == ["agreed", "would be filled", "back"]
    last = claims[2]
    assert list(last)[:6] == ["start", "end", "text", "subject", "predicate", "object"]
    assert last["subject"] == {"start": last["subject"]["start"], "end": last["subject"]["end"],
                               "text": "Jens Stoltenberg", "entity": "E2"}  # fmt: skip
    assert last["object"]["entity"] == "E1" and last["arguments"] == [
        {"start": text.index("in March"), "end": text.index("in March") + 8, "text": "in March", "role": "time"}
    ]
    assert (last["negated"], last["modality"], last["quote"], last["time"]) == (True, "possible", 4, 3)
    assert d["quotes"][last["quote"]]["speaker"] == last["claimant"] == "E1"
    assert d["timex"][last["time"]]["value"] == "2023-03"
    assert claims[0]["object"] is None and claims[0]["quote"] is None and claims[0]["time"] is None
    for claim in claims:
        for span in [claim, claim["subject"], claim["predicate"], *claim["arguments"], *claim["hedges"]]:
            assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    "broken",
    [
        {"modality": "rumour"},
        {"negated": "no"},
        {"confidence": 1.5},
        {"quote": -1},
        {"subject": None},
        {"arguments": [{"start": 0, "end": 1, "text": "a"}]},  # an argument needs its role
    ],
)
def test_schema_rejects_broken_claims(broken):
    d = handmade.every_layer().to_dict()
    d["claims"][0] |= broken
    with pytest.raises(jsonschema.ValidationError):
        validate(d)
