"""What is not article: each kind of junk is found, and real article text is kept."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import ADVERT, CAPTION, DUPLICATE, GLUED, PROMOTION, RELATED, blank, find_removed, headlines
from newsgraph.clean.headlines import candidates
from newsgraph.clean.language import looks_english
from newsgraph.clean.lines import split_lines
from newsgraph.model import Removed

P1 = (
    "The city council approved a new budget on Tuesday after weeks of debate, cutting spending on roads by a "
    "tenth and raising the tax on second homes."
)
P2 = (
    "Council leader Sarah Jones said the decision had been difficult but necessary, and that services for older "
    "residents would be protected."
)
P3 = (
    "Opposition members voted against the plan, arguing that the cuts would fall hardest on villages outside "
    "the town centre."
)
P4 = "The new budget takes effect in April, and a review is planned for the autumn."


def article(*paragraphs: str, headline: str = "Council agrees budget cuts", sep: str = "\n") -> str:
    return sep.join([headline, *paragraphs])


def removed_texts(text: str) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in find_removed(text)]


# ---------------------------------------------------------------- junk lines


@pytest.mark.parametrize(
    "line",
    [
        "* Follow Mirror Politics on Snapchat, Tiktok, Twitter and Facebook",
        "Follow Daily Record Politics on Twitter: @DailyRecordPolitics",
        "Sign up to our newsletter",
        "Sign up for the Wales Online Money newsletter here",
        "Click here to get the latest Football news",
        "Like Evening Standard Money on Facebook",
    ],
)
def test_promotion_lines_are_removed(line):
    text = article(P1, P2, line)
    assert removed_texts(text) == [(PROMOTION, line)]


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Putin accused of surrounding himself with same 'actors'",
        "Read more: Verdict delay for Greek sprinters",
        "RELATED: Blair pledges unity to Labour MPs",
        "READ MORE",
    ],
)
def test_read_more_and_related_lines_are_removed(line):
    text = article(P1, line, P2)
    assert removed_texts(text) == [(RELATED, line)]


def test_headlines_listed_under_related_articles_are_removed_up_to_the_next_paragraph():
    block = "RELATED ARTICLES\nCan Yahoo dominate next decade?\nReds sink 10-man Magpies"
    text = article(P1, block, P2, sep="\n\n")
    assert [t for _, t in removed_texts(text)] == block.split("\n")
    assert {r for r, _ in removed_texts(text)} == {RELATED}


@pytest.mark.parametrize(
    "line",
    [
        "(Image: Getty Images)",
        "Sarah Jones (Image: PA Wire)",
        "Sarah Jones pictured last year (Image: Reuters)",
        "Image caption Sarah Jones has been at the centre of the row",
        "Photo: Rex Features",
        "Picture: AFP",
        "Getty Images",
    ],
)
def test_photo_captions_and_credits_are_removed(line):
    text = article(P1, line, P2)
    assert removed_texts(text) == [(CAPTION, line)]


def test_a_credit_inside_a_paragraph_goes_alone():
    paragraph = P1 + " (Image: Getty Images) " + P4
    text = article(paragraph, P2)
    assert removed_texts(text) == [(CAPTION, "(Image: Getty Images)")]


@pytest.mark.parametrize("line", ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement"])
def test_advertisement_markers_are_removed(line):
    text = article(P1, line, P2)
    assert removed_texts(text) == [(ADVERT, line)]


def test_a_repeated_long_paragraph_is_removed_once():
    long_paragraph = P1 + " " + P2
    text = article(long_paragraph, P3, long_paragraph, P4)
    found = find_removed(text)
    assert [(r.reason, r.text) for r in found] == [(DUPLICATE, long_paragraph)]
    assert found[0].start == text.rindex(long_paragraph)  # the later copy goes, the first stays


def test_short_repeated_lines_stay():
    question = "What is your favourite dish?"
    text = article(question, "Pasta, said Anna.", question, "Rice, said Ben.", question, "Fish, said Carl.")
    assert find_removed(text) == []


# ---------------------------------------------------------------- glued headlines


def test_the_example_article_loses_exactly_its_three_junk_spans(example_text):
    assert removed_texts(example_text) == [
        (GLUED, "Putin accused of surrounding himself with same 'actors' at series of events"),
        (GLUED, "Catholics across the world pray for Pope Benedict XVI as his body lies in state"),
        (PROMOTION, "* Follow Mirror Politics on Snapchat, Tiktok, Twitter and Facebook"),
    ]


@pytest.mark.parametrize(
    "headline",
    [
        "Gamers snap up new Sony handheld",
        "Fire crews tackle blaze at city warehouse",
        "Minister quits over expenses row",
    ],
)
@pytest.mark.parametrize("glue", ["", " "])
def test_a_headline_glued_to_the_start_of_a_paragraph_is_found(headline, glue):
    # With a space between, the paragraph must begin as only a sentence can ("The new budget…"); where the two
    # could read as one ("…expenses row Council leader Sarah Jones said…") the cleaner keeps the text.
    text = article(P1, P2, P3, headline + glue + P4)
    assert removed_texts(text) == [(GLUED, headline)]


def test_a_headline_glued_before_an_opening_quotation_mark_is_found():
    quote = "“We will not give up,” the leader of the campaign said on Monday."
    text = article(P1, "Minister quits over expenses row" + quote, P3)
    assert removed_texts(text) == [(GLUED, "Minister quits over expenses row")]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_headline_of_another_story_on_a_line_of_its_own_is_found(sep):
    # A line of its own could be a subheading; one about another story, in an article without subheadings, is not.
    text = article(P1, P2, "Minister quits over expenses row", P3, P4, sep=sep)
    assert removed_texts(text) == [(GLUED, "Minister quits over expenses row")]


@pytest.mark.parametrize("glue", ["", " "])
def test_a_headline_glued_to_the_end_of_a_paragraph_is_found(glue):
    text = article(P1, P2 + glue + "Minister quits over expenses row amid fresh claims", P3, P4)
    assert removed_texts(text) == [(GLUED, "Minister quits over expenses row amid fresh claims")]


# A page of ../shared/data/aeb whose text is hard-wrapped: the second Henshaw line was removed as a glued headline.
HARD_WRAPPED_PAGE = (
    "Photos\n"
    "which were released online and are making the rounds on social media,\n"
    "show Nigerian actress, Kate Henshaw, looking absolutely stunning in new\n"
    "make-up photos.\n"
    "Kate Henshaw\n"
    "Veteran Nollywood actress, Kate Henshaw, who in 2008, won the\n"
    "Africa Movie Academy Award for Best Actress in a Leading Role, has taken\n"
    "to her Instagram page to share some stunning photos of herself.\n"
    "She flaunted her hand bag which had the colours of the Nigerian\n"
    "flag. The 47 year old was one of the guests invited to an event by media\n"
    "mogul, Debola Lagos.\n"
)
# Made by hand: lines in Title Case that the headline model takes for headlines, inside sentences.
HARD_WRAPPED_BY_HAND = (
    "Council agrees budget cuts\n"
    "The city council approved a new budget on Tuesday after weeks of debate,\n"
    "cutting spending on roads by a tenth and raising the tax on second homes. The\n"
    "Prime Minister Rishi Sunak Visits Flood Defences In Yorkshire Village\n"
    "were also discussed by the members of the finance committee on Monday night\n"
    "and the leader of the council said the decision had been difficult but\n"
    "Opposition Members Vote Against Plan To Close Rural Libraries\n"
    "in the villages outside the town centre, where services are already thin.\n"
)


@pytest.mark.parametrize("text", [HARD_WRAPPED_PAGE, HARD_WRAPPED_BY_HAND], ids=["aeb-page", "by-hand"])
def test_a_line_that_continues_a_sentence_is_never_a_headline(text, monkeypatch):
    assert find_removed(text) == []
    # Without the guard the model would remove a line: the test tests the guard.
    monkeypatch.setattr(headlines, "continues_sentence", lambda *args: False)
    monkeypatch.setattr(headlines, "runs_on", lambda *args: False)
    assert [r.reason for r in find_removed(text)][:1] == [GLUED]


@pytest.mark.parametrize(
    ("before", "line", "continues"),
    [
        ("Kate Henshaw, who in 2008, won the", "Africa Movie Academy Award", True),  # stops on "the"
        ("He said the plan, which was late,", "Ministers Will Decide", True),  # stops on a comma
        ("The mayor said it was over and that", "they would leave", True),  # begins in lower case
        ("Rescue teams were sent to the", "iPhone Factory In Shenzhen", True),
        ("The mayor resigned on Tuesday.", "Minister quits over expenses row", False),  # a sentence ended
        ("Pope lies in state", "Leaders meet next week", False),  # two headlines
        ("Sony unveils new handheld", "iPhone sales slow in China", False),  # "iPhone" is a name, not lower case
    ],
)
def test_continues_sentence(before, line, continues):
    assert headlines.continues_sentence(split_lines(f"Head\n{before}\n{line}"), 2) is continues
    assert headlines.runs_on(split_lines(f"Head\n{before}\n{line}"), 1) is continues


def test_wrap_width_of_a_hard_wrapped_text_and_of_a_list():
    wrapped = split_lines(
        "The city council approved a new budget on Tuesday after weeks of\n"
        "debate, cutting spending on roads by a tenth and raising the tax on\n"
        "second homes. Council leader Sarah Jones said the decision had been\n"
        "difficult but necessary, and that services for older residents would\n"
        "be protected."
    )
    assert headlines.wrap_width(wrapped) == max(len(ln.text) for ln in wrapped)
    # In a wrapped text a line whose first word would not have fitted on the line before goes on with its sentence.
    lines = split_lines("Head\nThe mayor said the plan would go to the Council\nMembers Vote On Friday")
    assert len(lines[1].text) == 47
    assert headlines.continues_sentence(lines, 2, width=50)
    assert not headlines.continues_sentence(lines, 2, width=60)
    assert not headlines.continues_sentence(lines, 2)
    listing = split_lines(
        "Pope lies in state\nLeaders meet next week\nMinister quits over expenses row\nRain stops play"
    )
    assert headlines.wrap_width(listing) is None


def test_a_headline_line_between_sentences_is_still_found_next_to_a_sentence_that_goes_on():
    # The guard looks at the lines around: a headline after a finished sentence and before a capital stays found.
    p2 = "Council leader Sarah Jones said the decision had been difficult, and"
    text = article(
        P1, p2, "that services for older residents would be protected.", "Minister quits over expenses row", P3, P4
    )
    assert removed_texts(text) == [(GLUED, "Minister quits over expenses row")]


def test_candidates_offer_the_junction_where_two_spans_meet():
    text = "Head\nPope lies in stateLeaders meet next week."
    kinds = {(c.kind, text[c.start : c.end]) for c in candidates(text, split_lines(text)[1])}
    assert ("start_glued", "Pope lies in state") in kinds
    assert ("line", "Pope lies in stateLeaders meet next week.") in kinds


# ---------------------------------------------------------------- real text that must be kept


@pytest.mark.parametrize(
    "paragraph",
    [
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.",
        "Shares in McDonald's rose after the company said its McFlurry sales had doubled in the US.",
        "Apple first started replacing its proprietary MagSafe charger with USB-C on its laptops in 2016.",
        "The iPhone maker and eBay both reported higher sales, while PlayStation owner Sony was flat.",
        "Like many other recent viruses, Bofra plunders the address book in Microsoft Outlook for e-mail addresses.",
        "Listen to the full interview on Sport on Five and the BBC Sport website from 1900 GMT.",
        "He told MPs: “There remains a public interest in the matter,” before leaving the chamber.",
        "Ms O'Brien and Mr DiCaprio, who met in Los Angeles, said they would announce the plans in May.",
        "- Sign up for the bundle using the same email as your streaming account",
    ],
)
def test_real_paragraphs_are_kept(paragraph):
    assert find_removed(article(P1, paragraph, P2)) == []


def test_an_article_without_junk_loses_nothing():
    assert find_removed(article(P1, P2, P3, P4, sep="\n\n")) == []


def test_fixture_lists_and_subheadings_of_a_structured_article_are_kept():
    # The fixtures name the article's own clubs: its list, not another story's (the line model's relatedness). A
    # fixture list that shares nothing with its article (football under a budget story) is page furniture.
    text = article(
        "Everton will host Sunderland on Saturday after the league confirmed the new fixture dates on Monday, with "
        "Chelsea facing Birmingham the same weekend.",
        "The new dates",
        "The league said the changes followed talks with the clubs and the police, who had raised concerns about "
        "crowds on the original dates.",
        "What the clubs say",
        "Chelsea manager Tom Reed said the new dates suited his side, who have three games in eight days before the "
        "end of the month.",
        "Everton v Sunderland",
        "Chelsea v Birmingham",
        "Tuesday, 1 March",
        "The remaining fixtures will be announced next week, the league said.",
        headline="League moves weekend fixtures",
    )
    assert find_removed(text) == []
    text = article(P1, "Where the money goes", P2, "What the opposition says", P3, P4)
    assert find_removed(text) == []


def test_the_first_line_is_the_articles_own_headline_and_stays():
    text = "Minister quits over expenses row\n" + P1
    assert find_removed(text) == []


def test_other_languages_are_left_alone():
    text = article(
        "Le conseil municipal a approuvé mardi un nouveau budget après des semaines de débat, en réduisant les "
        "dépenses pour les routes.",
        "Incendie dans un entrepôt de la ville",
        "La maire a déclaré que la décision avait été difficile mais nécessaire pour les habitants.",
        headline="Le conseil adopte le budget",
    )
    assert not looks_english(text)
    assert find_removed(text) == []


# ---------------------------------------------------------------- the contract of the spans


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([P1, P2, P3, P4, "Sign up to our newsletter", "READ MORE", "Picture: PA", "x"])))
def test_spans_are_ordered_disjoint_and_slice_the_text(paragraphs):
    text = article(*paragraphs)
    found = find_removed(text)
    for r in found:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.text and r.reason
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_blank_keeps_length_and_line_breaks():
    text = "Keep.\nDrop this\nline. Keep too."
    removed = [Removed(6, 21, "promotion", text[6:21])]
    out = blank(text, removed)
    assert len(out) == len(text)
    assert out == "Keep.\n         \n      Keep too."


def test_blank_without_removals_is_the_text():
    assert blank("abc", []) == "abc"
