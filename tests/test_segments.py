"""The learned line model (newsgraph.clean.segments): its features on hand-made lines, the tree walker, the guards,
the shipped model, and the training script's pieces (page cuts, the learned lexicon, the LightGBM conversion)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

import forests
from newsgraph import forest
from newsgraph.clean import find_removed, segments
from newsgraph.clean.lines import split_lines
from newsgraph.clean.segments import FEATURES, REASON, REASONS, find_lines, guarded, line_features
from newsgraph.forest import Forest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

BODY = [
    "Prime Minister Jane Walker resigned on Tuesday after losing a confidence vote in parliament.",
    "Walker, who led the coalition for three years, said the vote showed that parliament had lost faith in her.",
    "The opposition leader, Tom Brady, said the coalition had failed and called for an early election.",
    "Walker will stay on as prime minister until parliament forms a new coalition, her office said.",
    "Brady said the vote was a verdict on the coalition's handling of the budget and energy prices.",
    "The coalition of three parties lost its majority in parliament in March, when Brady's party left it.",
]
HEADLINE = "Walker quits after losing confidence vote"
PARAGRAPHS = [f"{a} {b}" for a, b in itertools.pairwise(BODY)]  # long enough (25 words) to be paragraphs


def _text(*extra: tuple[int, str], sep: str = "\n\n") -> str:
    """The article with lines put in: (index in BODY before which it goes, line)."""
    lines = [HEADLINE, *BODY]
    for at, line in sorted(extra, reverse=True):
        lines.insert(at + 1, line)
    return sep.join(lines)


def _row(text: str, needle: str, lexicon: dict[str, float] | None = None) -> dict[str, float]:
    lines = split_lines(text)
    [i] = [k for k, ln in enumerate(lines) if ln.text == needle]
    x = line_features(lines, lexicon if lexicon is not None else {})
    return dict(zip(FEATURES, x[i], strict=True))


def _constant(value: float, threshold: float = 0.5) -> Forest:
    """A forest of one leaf: every line gets log-odds `value`."""
    return forests.constant(FEATURES, value, threshold)


# ---------------------------------------------------------------- features


def test_shape_features_of_a_credit_line() -> None:
    caption = "Jane Walker arrives at parliament in Brussels on March 3, 2023. REUTERS/Kevin Lamarque"
    f = _row(_text((2, caption)), caption)
    assert f["credit"] == 1 and f["date"] == 1 and f["year"] == 1 and f["slash"] == 1 and f["end_alpha"] == 1
    assert f["sentences"] == 1 and f["end_period"] == 0
    para = _row(_text(), BODY[1])
    assert para["credit"] == 0 and para["end_period"] == 1 and para["is_paragraph"] == 0  # 19 words: not 25
    assert para["aux"] >= 2 and para["stop"] > 0.3


def test_shape_features_of_markers_tags_and_labels() -> None:
    lines = {
        "› Walker's rival sets out his plan": ("arrows", 1),
        "• Markets fall as coalition collapses": ("start_bullet", 1),
        "Coalition talks explained | 4 min read": ("pipes", 1),
        "Watch: the vote in full [VIDEO]": ("tail_tag", 1),
        "MORE FROM POLITICS": ("allcaps", 1),
        "Listen to this article 5 min": ("duration", 1),
        "© Example Agency 2023": ("copyright", 1),
        "Follow @walker on social media": ("handle", 1),
        "1. Who is Tom Brady?": ("start_numbered", 1),
    }
    for line, (name, value) in lines.items():
        assert _row(_text((3, line)), line)[name] == value, (line, name)
    assert _row(_text((3, "Watch: the vote in full")), "Watch: the vote in full")["colon_head"] == 1
    assert _row(_text(), BODY[2])["tail_tag"] == 0


def test_lexicon_features_read_the_given_lexicon() -> None:
    line = "Sign up for our daily newsletter"
    f = _row(_text((2, line)), line, {"newsletter": 3.0, "sign": 1.5, "daily": -2.0})
    assert f["lex_max"] == 3.0 and f["lex_min"] == -2.0 and f["lex_first"] == 1.5 and f["lex_last"] == 3.0
    assert f["lex_mean"] == pytest.approx((3.0 + 1.5 - 2.0) / 6)
    assert f["lex_pos"] == pytest.approx(2 / 6) and f["lex_neg"] == pytest.approx(1 / 6)
    assert _row(_text((2, line)), line, {})["lex_max"] == 0.0


def test_context_features_runs_lists_and_positions() -> None:
    items = ["Markets fall as coalition collapses", "Who could replace Walker", "Brady's plan in five charts"]
    text = "\n\n".join([HEADLINE, *PARAGRAPHS, "More on this story:", *items])
    f = _row(text, items[1])
    assert f["intro_colon"] == 1 and f["run"] >= 3 and f["run_index"] >= 1 and f["paras_after"] == 0
    assert f["n_words"] == 4 and f["p1_n_words"] == 5 and f["n1_n_words"] == 5 and f["n2_exists"] == 0
    assert _row(text, items[0])["prev_intro"] == 1 and _row(text, items[1])["prev_intro"] == 0
    body = _row(text, PARAGRAPHS[2])
    assert body["run"] == 0 and body["intro_colon"] == 0 and body["paras_before"] == 2 and body["paras_after"] == 2
    assert body["is_paragraph"] == 1 and f["is_paragraph"] == 0 and f["is_short"] == 1
    assert _row(text, HEADLINE)["index"] == 0 and _row(text, PARAGRAPHS[-1])["from_end"] == len(items) + 1


def test_context_features_continuations_and_repeats() -> None:
    broken = _text((2, "The coalition of three parties, which had"), (2, "governed since 2019, collapsed overnight."))
    assert _row(broken, "governed since 2019, collapsed overnight.")["continues"] == 1
    assert _row(broken, "The coalition of three parties, which had")["runs_on"] == 1
    assert _row(_text(), BODY[2])["continues"] == 0
    twice = _text((2, "Advertisement"), (4, "Advertisement"))
    lines = split_lines(twice)
    x = line_features(lines, {})
    assert x[[ln.text for ln in lines].index("Advertisement"), FEATURES.index("repeated")] == 1
    assert _row(_text(), BODY[0])["repeated"] == 0


def test_relatedness_tells_the_story_from_another() -> None:
    caption = "Jane Walker and Tom Brady in parliament"
    other = "Floods hit farms across northern Spain"
    text = "\n\n".join([HEADLINE, *PARAGRAPHS[:2], caption, other, *PARAGRAPHS[2:]])
    mine, theirs = _row(text, caption), _row(text, other)
    assert mine["recur"] == 1.0 and theirs["recur"] == 0.0
    assert mine["names_recur"] == 1.0 and theirs["names_recur"] == 0.0
    assert mine["recur_near"] > theirs["recur_near"]
    assert _row(text, PARAGRAPHS[0])["recur_headline"] > 0 and _row(text, HEADLINE)["recur_headline"] == -1


# ---------------------------------------------------------------- the forest, the guards, the reasons


def test_forest_walks_every_tree_to_its_leaf() -> None:
    n_words = FEATURES.index("n_words")
    pipes = FEATURES.index("pipes")
    # tree 0: n_words <= 5 ? (pipes <= 0 ? 1.0 : 2.0) : -1.0; tree 1: a single leaf 0.5 (depth 0)
    model = {
        "features": list(FEATURES),
        "feature": [n_words, pipes, 0, 0, 0, 0],
        "threshold": [5.0, 0.0, 1e308, 1e308, 1e308, 1e308],
        "left": [1, 2, 2, 3, 4, 5],
        "right": [4, 3, 2, 3, 4, 5],
        "value": [0, 0, 1.0, 2.0, -1.0, 0.5],
        "roots": [0, 5],
        "depth": 2,
        "bias": 0.25,
    }
    x = np.zeros((3, len(FEATURES)))
    x[:, n_words] = [3, 3, 9]
    x[:, pipes] = [0, 2, 0]
    raw = Forest(model).raw(x)
    assert raw.tolist() == [1.75, 2.75, -0.25]
    assert Forest(model).probability(x)[0] == pytest.approx(1 / (1 + np.exp(-1.75)))
    assert Forest(model).raw(np.zeros((0, len(FEATURES)))).shape == (0,)


def test_lightgbm_trees_convert_to_the_same_scores() -> None:
    import lightgbm as lgb
    import train_lines

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, len(FEATURES)))
    y = (x[:, 0] + x[:, 3] * x[:, 5] > 0.2).astype(int)
    params = {"objective": "binary", "num_leaves": 7, "max_depth": 3, "verbose": -1, "seed": 1, "num_threads": 1}
    booster = lgb.train(params, lgb.Dataset(x, y), num_boost_round=20)
    forest = Forest(train_lines.to_forest(booster, 0.7))
    assert forest.threshold_p == 0.7 and forest.depth <= 3
    assert np.allclose(forest.raw(x), booster.predict(x, raw_score=True), atol=1e-5)


def test_shipped_model_loads_and_matches_the_features() -> None:
    model = segments.forest()
    assert model.names == FEATURES and len(model.roots) > 10 and 0.5 <= model.threshold_p < 1
    assert segments.line_lexicon()  # the learned lexicon ships with it
    p = segments.probabilities(split_lines(_text((2, "Sign up for our daily newsletter"))))
    assert p.shape == (len(BODY) + 2,) and ((p >= 0) & (p <= 1)).all()


def test_a_model_of_other_features_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import json

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "line_model.json").write_text(json.dumps({"features": ["n_words"]}), encoding="utf-8")
    monkeypatch.setattr(forest.resources, "files", lambda _: tmp_path)
    segments.forest.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="other features"):
            segments.forest()
    finally:
        segments.forest.cache_clear()


def test_guards_keep_the_headline_and_a_continued_sentence() -> None:
    text = _text((2, "The coalition of three parties, which had"), (2, "governed since 2019, collapsed overnight."))
    lines = split_lines(text)
    width = None
    assert guarded(lines, 0, width)
    k = [ln.text for ln in lines].index("governed since 2019, collapsed overnight.")
    assert guarded(lines, k, width) and not guarded(lines, 1, width)
    removed = {r.text for r in find_lines(text, lines, model=_constant(10.0))}
    assert HEADLINE not in removed and lines[k].text not in removed and BODY[0] in removed


def test_find_lines_follows_the_threshold_and_the_skip_set() -> None:
    text = _text((2, "Sign up for our daily newsletter"))
    lines = split_lines(text)
    assert find_lines(text, lines, model=_constant(-10.0)) == []
    assert find_lines(text, lines, model=_constant(0.0, threshold=0.6)) == []  # p = 0.5 < 0.6
    every = find_lines(text, lines, model=_constant(0.0, threshold=0.5))
    assert len(every) == len(lines) - 1
    skipped = find_lines(text, lines, skip={1, 2}, model=_constant(10.0))
    assert {r.start for r in skipped}.isdisjoint({lines[1].start, lines[2].start})
    assert all(text[r.start : r.end] == r.text and r.reason.startswith(REASON.format("")) for r in every)
    assert find_lines("One line", split_lines("One line"), model=_constant(10.0)) == []


def test_reasons_say_what_the_line_looks_like() -> None:
    def reason(line: str) -> str:
        text = _text((2, line))
        [r] = [r for r in find_lines(text, split_lines(text), model=_constant(10.0)) if r.text == line]
        return r.reason

    assert reason("Jane Walker in parliament. REUTERS/Kevin Lamarque") == REASON.format(REASONS["credit"])
    assert reason("• Markets fall as coalition collapses") == REASON.format(REASONS["list"])
    assert reason("Markets fall as coalition collapses") == REASON.format(REASONS["headline"])
    assert reason("Top stories") == REASON.format(REASONS["label"])
    interface = max(segments.line_lexicon().items(), key=lambda kv: kv[1])[0]
    assert reason(f"Try {interface}") == REASON.format(REASONS["interface"])


def test_find_removed_takes_out_reader_interface_lines_and_keeps_the_story() -> None:
    text = _text((2, "Sign up for our daily politics newsletter"), (4, "Share this article"))
    removed = {r.text for r in find_removed(text)}
    assert "Sign up for our daily politics newsletter" in removed and "Share this article" in removed
    assert not removed & {HEADLINE, *BODY}


# ---------------------------------------------------------------- training


def _page(blocks: list[tuple[str, str, str]]):
    import aeb_pages

    bs = tuple(aeb_pages.Block(t, tag, label) for t, tag, label in blocks)
    return aeb_pages.Page("p1", "news.example.com", "https://news.example.com/a", "Title | Site", "", bs)


def test_a_page_is_cut_like_a_careless_extractor_would() -> None:
    import train_lines

    page = _page(
        [
            ("Menu", "li", "junk"),
            ("Walker quits", "h1", "unsure"),
            ("Share", "li", "junk"),
            (BODY[0], "p", "article"),
            ("Advertisement", "div", "junk"),
            (BODY[1], "p", "article"),
            ("More stories", "h2", "junk"),
            ("Markets fall", "li", "junk"),
            ("Floods hit Spain", "li", "junk"),
        ]
    )
    assert train_lines.aeb_cut(page, lead=0, trail=1) == [
        ("Walker quits", -1),
        (BODY[0], 0),
        ("Advertisement", 1),
        (BODY[1], 0),
        ("More stories", 1),
    ]
    cut = train_lines.aeb_cut(page, lead=1, trail=8)
    assert cut[1] == ("Share", 1) and cut[-1] == ("Floods hit Spain", 1) and ("Menu", 1) not in cut


def test_the_lexicon_keeps_words_met_on_several_sites() -> None:
    import train_lines

    def ex(site: str, lines: list[tuple[str, int]]) -> train_lines.Example:
        return train_lines.Example(site, site, site, "aeb", lines)

    examples = [
        ex(f"s{k}.com", [("Subscribe to our newsletter", 1), (f"Walker resigned on day {k}.", 0)] * 2) for k in range(3)
    ]
    examples.append(ex("only.com", [("Zebrafish club", 1)] * 6 + [("Walker resigned.", 0)]))
    lex = train_lines.learn_lexicon(examples)
    assert lex["newsletter"] > 0.3 and lex["walker"] < -0.3
    assert "zebrafish" not in lex  # six lines, but of one site: that site's, not news pages'
    assert "day" not in lex or abs(lex["day"]) < abs(lex["walker"])


def test_the_aeb_reader_labels_blocks_against_the_true_article() -> None:
    import aeb_pages

    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav><li>Home</li></nav>"
        f"<article><h1>Walker quits</h1><p>{BODY[0]}</p><p style='display:none'>hidden</p>"
        f"<figure><figcaption>Photo: Example Agency</figcaption></figure><p>{BODY[1]}</p></article></body></html>"
    )
    title, blocks = aeb_pages.page_blocks(html)
    assert title == "T" and [b.text for b in blocks] == [
        "Home",
        "Walker quits",
        BODY[0],
        "Photo: Example Agency",
        BODY[1],
    ]
    body = aeb_pages.Body(BODY[0] + "\n" + BODY[1])
    assert [body.label(b.text) for b in blocks] == ["junk", "junk", "article", "junk", "article"]
    assert body.label("Walker, who") == "unsure"  # in it, but too short a stretch to tell
    assert aeb_pages.site_fold("news.example.com", 5) == aeb_pages.site_fold("news.example.com", 5) < 5


# ---------------------------------------------------------------- the page's structure (HTML)


def test_the_pages_headings_are_found_in_the_extracted_text() -> None:
    from newsgraph.sources.html import extract

    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>{paragraphs}"
        f"<h2>What the opposition says</h2>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[3:])}</article></body></html>"
    )
    text, meta = extract(html)
    starts = {ln.start: ln.text for ln in split_lines(text)}
    heads = [starts[h] for h in meta.headings]
    assert "What the opposition says" in heads and not set(heads) & set(PARAGRAPHS)


def test_headings_are_never_judged_as_other_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsgraph.clean as clean

    text = _text((3, "What the opposition says"))
    [head] = [ln for ln in split_lines(text) if ln.text == "What the opposition says"]
    monkeypatch.setattr(segments, "forest", lambda: _constant(10.0))  # the line model would remove every line
    assert head.text in {r.text for r in find_removed(text)}
    assert head.text not in {r.text for r in find_removed(text, headings=[head.start])}
    skips: list[set[int]] = []

    def glued(text, lines, skip):
        skips.append(set(skip))
        return []

    monkeypatch.setattr(clean, "find_glued_headlines", glued)
    find_removed(text, headings=[head.start])
    assert head.index in skips[0]
    marked = _text((3, "Advertisement"))
    [ad] = [ln for ln in split_lines(marked) if ln.text == "Advertisement"]
    assert "Advertisement" in {r.text for r in find_removed(marked, headings=[ad.start])}  # rules still apply


def test_an_extractors_output_asks_the_model_for_more() -> None:
    import train_lines

    model = _constant(1.0)  # p = 0.73 >= 0.5: every unguarded line goes
    model.meta["extracted_log_prior"] = 2.0  # junk is rarer in what an extractor kept: p = sigmoid(1 - 2) = 0.27
    text = _text((2, "Sign up for our daily newsletter"))
    lines = split_lines(text)
    assert len(find_lines(text, lines, model=model)) == len(lines) - 1
    assert find_lines(text, lines, model=model, extracted=True) == []
    # cut: 100 junk / 900 article characters; extracted: 10 / 990 (+1 each): log(101/901) - log(11/991)
    shift = train_lines.extracted_shift({"a.com/1": (100, 900, 10, 990)})
    assert shift == pytest.approx(np.log(101 / 901) - np.log(11 / 991), abs=1e-3)
    assert train_lines.extracted_shift({"a.com/1": (1, 900, 100, 990)}) == 0.0  # never below the training prior


def test_zone_features_describe_the_lines_around() -> None:
    lex = {"subscribe": 2.0, "newsletter": 4.0}
    text = "\n\n".join([HEADLINE, *PARAGRAPHS, "Subscribe", "Newsletter"])
    lines = split_lines(text)
    x = line_features(lines, lex)
    col = {f: FEATURES.index(f) for f in segments._ZONE}
    last_para = len(PARAGRAPHS)  # the headline is line 0
    assert x[last_para, col["after_lex"]] == pytest.approx((2.0 + 4.0) / 2)  # the two lines after it, each one word
    assert x[last_para, col["after_short"]] == 1.0 and x[last_para, col["before_short"]] == pytest.approx(1 / 5)
    assert x[0, col["before_lex"]] == -1 and x[len(lines) - 1, col["after_recur"]] == -1  # nothing that side
    assert x[1, col["before_recur"]] == max(0.0, x[0, FEATURES.index("recur")])  # the headline alone is before it
