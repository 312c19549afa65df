from __future__ import annotations

import newsgraph


def test_surname_and_honorific_mentions_join_the_full_name():
    text = (
        "Talks\nNATO chief Jens Stoltenberg met reporters. Later Mr Stoltenberg left. "
        "Stoltenberg said the talks went well."
    )
    result = newsgraph.analyze(text)
    [person] = [e for e in result.entities if e.type == "PERSON"]
    assert person.name == "Jens Stoltenberg"
    assert [m.text for m in person.mentions] == ["Jens Stoltenberg", "Mr Stoltenberg", "Stoltenberg"]
    assert "NATO chief" in person.titles


def test_different_first_names_stay_different_people():
    text = "Campaign news\nHillary Clinton spoke first. Then Bill Clinton spoke."
    people = [e.name for e in newsgraph.analyze(text).entities if e.type == "PERSON"]
    assert people == ["Hillary Clinton", "Bill Clinton"]


def test_entity_ids_are_unique_and_in_order_of_first_mention(example):
    ids = [e.id for e in example.entities]
    assert ids == [f"E{i}" for i in range(1, len(ids) + 1)]
    starts = [e.mentions[0].start for e in example.entities]
    assert starts == sorted(starts)
