"""Articles not in English: the language is detected, the text and `removed` kept, the English-only layers empty."""

from __future__ import annotations

import pytest

from newsgraph import analyze
from newsgraph.clean import language
from newsgraph.clean.language import other_language
from newsgraph.pipeline import analyze_many
from newsgraph.sources import article_from_html

PORTUGUESE = (
    "O presidente da Câmara Municipal de Lisboa anunciou nesta terça-feira um novo plano de habitação para a "
    "cidade. “Vamos construir mais de duas mil casas até ao fim do mandato”, disse Carlos Moedas aos jornalistas, "
    "acrescentando que as obras começam no próximo ano."
)
KOREAN = (
    "윤석열 대통령은 21일 서울 용산 대통령실에서 기자회견을 열고 새로운 경제 정책을 발표했다. "
    "그는 “국민의 삶을 지키기 위해 모든 노력을 다하겠다”고 말했다. "
    "야당은 이번 발표에 대해 구체적인 대책이 부족하다고 비판했다."
)
FRENCH = (
    "Le maire de Marseille a présenté mardi un plan de rénovation des écoles de la ville. « Nous allons rénover "
    "cent écoles d'ici à la fin du mandat », a déclaré Benoît Payan lors d'une conférence de presse, précisant "
    "que les travaux commenceraient dès la rentrée prochaine."
)
GERMAN = (
    "Die Bundesregierung hat am Mittwoch in Berlin ein neues Klimaschutzgesetz beschlossen. „Wir werden die "
    "Emissionen bis zum Ende des Jahrzehnts deutlich senken“, sagte Bundeskanzler Olaf Scholz nach der Sitzung "
    "des Kabinetts. Die Opposition kritisierte den Entwurf als unzureichend."
)
ENGLISH = (
    "The city council approved a new budget on Tuesday after weeks of debate. “We had to make difficult choices, "
    "but services for older residents will be protected,” council leader Sarah Jones said."
)
ENGLISH_NAMES = (
    "Jean-Claude Juncker, Emmanuel Macron, Olaf Scholz, Giorgia Meloni, Pedro Sánchez, Mateusz Morawiecki, "
    "Kyriakos Mitsotakis and Mark Rutte met Ursula von der Leyen in Brussels on Thursday, alongside Charles Michel "
    "and Josep Borrell."
)
ENGLISH_TEAM = (
    "France: Thomas Ramos (Toulouse); Damian Penaud (Bordeaux-Begles), Gael Fickou (Racing 92), Jonathan Danty "
    "(Stade Francais), Louis Bielle-Biarrey (Bordeaux-Begles); Romain Ntamack (Toulouse), Antoine Dupont (Toulouse, "
    "capt); Cyril Baille (Toulouse), Julien Marchand (Toulouse), Uini Atonio (La Rochelle)."
)


@pytest.mark.parametrize(
    ("text", "code"), [(PORTUGUESE, "pt"), (KOREAN, "ko"), (FRENCH, "fr"), (GERMAN, "de")], ids=["pt", "ko", "fr", "de"]
)
def test_other_languages_are_detected(text, code):
    assert other_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        ENGLISH_NAMES,
        ENGLISH_TEAM,
        "Mayor quits",
        "Lula meets Macron in Paris",
        "São Paulo beat Flamengo 2-1.",
        "Olá, Lisboa!",
        "서울 시장 사퇴",  # a short text is too little to go on, whatever its script
    ],
    ids=["english", "names", "team", "short", "short-names", "short-places", "short-pt", "short-ko"],
)
def test_english_and_short_texts_stay_english(text):
    assert other_language(text) is None


def test_plain_english_needs_no_detector(monkeypatch):
    def fail(text):
        raise AssertionError("the detector was called")

    monkeypatch.setattr(language, "detect", fail)
    assert other_language(ENGLISH * 5) is None


def _assert_left_empty(result, text_in, code):
    assert text_in in result.text
    assert result.entities == () and result.quotes == () and result.timex == () and result.headline_check is None
    said = f"{result.id}: language detected as '{code}' (not English): "
    said += "entities, quotes, time expressions and the headline check left empty"
    assert said in result.warnings


def test_plain_text_in_portuguese_keeps_text_and_removed_and_no_english_layers():
    text = "Lisboa vai construir duas mil casas\n" + PORTUGUESE + "\n* Follow Example News on Twitter and Facebook"
    result = analyze(text, id="pt", published="2024-03-05")
    _assert_left_empty(result, PORTUGUESE, "pt")
    assert [r.text for r in result.removed] == ["* Follow Example News on Twitter and Facebook"]
    assert result.headline == "Lisboa vai construir duas mil casas"


def test_html_and_jsonl_records_in_other_languages():
    page = f"<html><head><title>경제 정책 발표</title></head><body><article><p>{KOREAN}</p></article></body></html>"
    records = [
        article_from_html(page, "ko"),
        {"id": "fr", "text": "Marseille rénove ses écoles\n" + FRENCH},
        {"id": "de", "html": f"<html><body><article><p>{GERMAN}</p></article></body></html>"},
        {"id": "en", "text": "Council agrees budget\n" + ENGLISH, "published": "2024-03-05"},
    ]
    ko, fr, de, en = analyze_many(records)
    _assert_left_empty(ko, KOREAN[:40], "ko")
    _assert_left_empty(fr, FRENCH, "fr")
    _assert_left_empty(de, GERMAN[:40], "de")
    # English in the same batch is parsed as ever.
    assert not any("language detected" in w for w in en.warnings)
    assert [q.text for q in en.quotes] and any(e.name == "Sarah Jones" for e in en.entities)
    assert en.timex
