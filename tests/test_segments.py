"""The learned line model (newsgraph.clean.segments): its features, the shipped weights, its guards, and the
training script's extraction of examples from a real page."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from newsgraph.clean import find_removed, segments
from newsgraph.clean.lines import split_lines
from newsgraph.clean.segments import (
    REASON,
    THRESHOLD,
    Context,
    features,
    find_lines,
    guarded,
    score,
    weights,
)

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "aeb"

BODY = [
    "Prime Minister Jane Walker resigned on Tuesday after losing a confidence vote in parliament.",
    "Walker, who led the coalition for three years, said the vote showed that parliament had lost faith in her.",
    "The opposition leader, Tom Brady, said the coalition had failed and called for an early election.",
    "Walker will stay on as prime minister until parliament forms a new coalition, her office said.",
    "Brady said the vote was a verdict on the coalition's handling of the budget and energy prices.",
    "The coalition of three parties lost its majority in parliament in March, when Brady's party left it.",
]


def _text(*extra: tuple[int, str]) -> str:
    """The article with lines put in: (index in BODY before which it goes, line)."""
    lines = ["Walker quits after losing confidence vote", *BODY]
    for at, line in sorted(extra, reverse=True):
        lines.insert(at + 1, line)
    return "\n\n".join(lines)


def _feats(text: str, needle: str) -> list[str]:
    lines = split_lines(text)
    [i] = [k for k, ln in enumerate(lines) if ln.text == needle]
    return features(Context.of(lines), i)


def _p(text: str, needle: str) -> float:
    return score(_feats(text, needle))[0]


def test_shape_features_of_hand_made_lines() -> None:
    caption = "Jane Walker arrives at parliament in Brussels on March 3, 2023. REUTERS/Kevin Lamarque"
    f = _feats(_text((2, caption)), caption)
    assert "s:credit" in f and "s:digits=2" in f and "s:sep=/" in f and "s:end=a" in f
    promo = "» Listen to this story · 4 min"
    f = _feats(_text((3, promo)), promo)
    assert {"s:bullet", "s:sep=·", "s:sep=»", "w:first=listen", "w:story"} <= set(f)
    f = _feats(_text(), BODY[1])
    assert "s:end=." in f and "s:aux" in f and "s:bullet" not in f
    assert any(x.startswith("s:stop=") and x != "s:stop=0" for x in f)


def test_context_and_relatedness_features() -> None:
    other = "Storm brings floods to coastal villages"
    text = _text((2, other))
    f = _feats(text, other)
    assert "r:recur=0" in f  # none of its words are in the article
    assert "c:around=sent>sent" in f  # between two paragraphs
    assert "c:run=1" in f
    f = _feats(text, BODY[1])
    assert any(x in f for x in ("r:recur=3", "r:recur=>3"))  # Walker, coalition, parliament recur
    stacked = ["Storm brings floods to coastal villages", "Markets rally as inflation eases", "Ten things to do"]
    text = _text(*((4, s) for s in stacked))
    assert "c:run=3" in _feats(text, stacked[1])


def test_shipped_model_loads_and_scores() -> None:
    w = weights()
    assert "bias" in w and len(w) > 100
    assert any(f.startswith("w:") for f in w)  # the learned lexicon travels with the model
    caption = "Jane Walker arrives at parliament in Brussels. Photograph: Kevin Lamarque/Reuters"
    promo = "Sign up for our daily newsletter"
    text = _text((2, caption), (4, promo))
    assert _p(text, caption) >= 0.8
    assert _p(text, promo) >= 0.8
    assert _p(text, BODY[1]) < 0.2
    assert _p(text, BODY[3]) < 0.2


def test_guards_keep_sentences_of_the_story() -> None:
    text = _text()
    ctx = Context.of(split_lines(text))
    assert guarded(ctx, 0)  # the headline
    assert all(guarded(ctx, i) for i in (1, 2, 4, 6))  # sentences with a verb, sharing the story's words
    broken = "Walker, who led the coalition for three years, said the vote\nshowed that parliament had lost faith."
    ctx = Context.of(split_lines("Head\n" + broken))
    assert guarded(ctx, 2)  # continues the sentence of the line before


def test_the_model_runs_only_when_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _text((2, "Sign up for our daily newsletter"))
    monkeypatch.setattr(segments, "ENABLED", False)
    assert find_lines(text, split_lines(text)) == []
    monkeypatch.setattr(segments, "ENABLED", True)
    assert find_lines(text, split_lines(text)) != []


def test_find_lines_removes_with_a_reason_and_keeps_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "ENABLED", True)
    promo = "Sign up for our daily newsletter"
    text = _text((2, promo))
    found = find_lines(text, split_lines(text))
    assert [r.text for r in found] == [promo]
    assert found[0].reason.startswith(REASON.format(""))
    assert found[0].reason != REASON.format("")
    assert find_lines(_text(), split_lines(_text())) == []
    assert 0.5 < THRESHOLD < 1.0


def test_lists_of_the_article_ask_for_more() -> None:
    from newsgraph.clean.segments import LIST_THRESHOLD, threshold

    fixtures = ["Chelsea v Arsenal", "Leeds v Everton", "Fulham v Wolves", "Spurs v Brentford", "Bournemouth v Luton"]
    text = "\n".join(["Weekend fixtures", *BODY[:2], "Saturday 3pm", *fixtures, *BODY[2:]])
    ctx = Context.of(split_lines(text))
    assert threshold(ctx, 4) == LIST_THRESHOLD  # a run of six short lines: the article's own list
    text = "\n".join(["Weekend fixtures", *fixtures[:3], *BODY])
    assert threshold(Context.of(split_lines(text)), 2) == LIST_THRESHOLD  # right under the headline
    related = ["Storm brings floods to coastal villages", "Markets rally as inflation eases"]
    text = "\n".join(["Walker quits", *BODY[:3], *related, *BODY[3:]])
    ctx = Context.of(split_lines(text))
    assert threshold(ctx, 4) == THRESHOLD < LIST_THRESHOLD


def test_find_removed_runs_the_model_after_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "ENABLED", True)
    text = _text((2, "Sign up for our daily newsletter"), (3, "Follow us on Twitter"))
    reasons = {r.text: r.reason for r in find_removed(text)}
    assert not any(b in reasons for b in BODY)


@pytest.mark.skipif(not (AEB / "ground-truth.json").exists(), reason="AEB pages not present")
def test_training_extracts_examples_from_one_aeb_page() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import train_lines

    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    pid = sorted(truth)[0]
    html = gzip.decompress((AEB / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", errors="replace")
    blocks = [b.replace(train_lines.LI, "") for b in train_lines.page_blocks(html)]
    labels = train_lines.label_blocks(blocks, truth[pid]["articleBody"])
    assert len(blocks) == len(labels) > 10
    article = [b for b, y in zip(blocks, labels, strict=True) if y == 0]
    junk = [b for b, y in zip(blocks, labels, strict=True) if y == 1]
    assert article and junk
    body = " ".join(truth[pid]["articleBody"].split())
    assert all(" ".join(b.split())[:40] in body for b in article)
    [(_, host, lines)] = [d for d in train_lines.aeb_documents(limit=1)]
    assert host and "." in host
    xs, ys = train_lines.doc_examples(lines)
    assert len(xs) == len(ys) > 0 and set(ys) == {0, 1}
