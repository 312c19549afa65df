"""The quote rules one by one, each over a parse written out by hand (`tests/docs.py`), so that each test states the
parse its rule is about and fails when that rule is taken out, whatever the model's parse of the sentence.

The stages are called on their own: cues (`quotes/cues.py`), speakers (`quotes/speakers.py`), reported clauses
(`quotes/clauses.py`), and `find_quotes` for the strategies of `quotes/marked.py`, `quotes/indirect.py` and the
article conventions of `quotes/__init__.py`.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from docs import entity, parsed, token
from newsgraph.model import Cue, Entity, Quote
from newsgraph.quotes import _merge_same_span, _overlaps, find_quotes
from newsgraph.quotes.clauses import balance_marks, reported_clause, trim
from newsgraph.quotes.cues import according_to, cue_span, is_cue, particle
from newsgraph.quotes.found import Found
from newsgraph.quotes.marked import _looks_like_a_name
from newsgraph.quotes.speakers import Speaker, Speakers


def quotes(doc: Doc, *entities: Entity) -> list[Quote]:
    """The quotes as the rules find them (the speaker ranker and the attribution model have tests of their own:
    test_speaker_ranking.py, test_attributions.py)."""
    return find_quotes(doc, list(entities), rank=False, learned=False)


def described(q: Quote) -> tuple[str, str, str | None, str | None]:
    """kind, text, cue and speaker of a quote."""
    return q.kind, q.text, q.cue.text if q.cue else None, q.speaker_name


def speaker_of(doc: Doc, cue: str, *entities: Entity, quote: tuple[int, int] | None = None) -> Speaker:
    return Speakers(list(entities)).of_cue(token(doc, cue), quote)


def quoted(doc: Doc) -> tuple[int, int]:
    """The span inside the first pair of curly quotation marks."""
    return doc.text.index("“") + 1, doc.text.index("”")


# ---------------------------------------------------------------------------------------------------------------
# Cues (cues.py)


def test_particle_of_a_phrasal_cue_makes_the_verb_a_cue_and_joins_its_span():
    """`go on` is a cue phrase (data/cue_phrases.txt) though "go" is no cue verb; its span is "went on"."""
    doc = parsed(
        "She went on.",
        """
        0 She  1 nsubj PRON
        1 went 1 ROOT  VERB lemma=go
        2 on   1 prt   ADP
        3 .    1 punct PUNCT
        """,
    )
    went = token(doc, "went")
    assert particle(went) == token(doc, "on")
    assert is_cue(went)
    assert cue_span(went).text == "went on"


def test_particle_labelled_as_an_adverb_still_counts():
    """The small parser often calls the particle an adverb (`fired back`: advmod)."""
    doc = parsed(
        "She fired back.",
        """
        0 She   1 nsubj  PRON
        1 fired 1 ROOT   VERB lemma=fire
        2 back  1 advmod ADV
        3 .     1 punct  PUNCT
        """,
    )
    assert is_cue(token(doc, "fired"))
    assert cue_span(token(doc, "fired")).text == "fired back"


def test_particle_must_follow_the_verb_at_once():
    """`went quickly on`: a particle not right after the verb does not make a cue phrase."""
    doc = parsed(
        "She went quickly on.",
        """
        0 She     1 nsubj  PRON
        1 went    1 ROOT   VERB lemma=go
        2 quickly 1 advmod ADV
        3 on      1 prt    ADP
        4 .       1 punct  PUNCT
        """,
    )
    assert particle(token(doc, "went")) is None
    assert not is_cue(token(doc, "went"))


def test_particle_must_be_one_the_lexicon_pairs_with_the_verb():
    """`went out` is no cue phrase: only the particles listed for the verb's lemma count."""
    doc = parsed(
        "She went out.",
        """
        0 She  1 nsubj PRON
        1 went 1 ROOT  VERB lemma=go
        2 out  1 prt   ADP
        3 .    1 punct PUNCT
        """,
    )
    assert particle(token(doc, "went")) is None
    assert not is_cue(token(doc, "went"))


def test_cue_must_be_a_verb_by_part_of_speech_or_by_tag():
    """ "report" the noun is no cue; "reported" tagged VBN is one even where its part of speech says adjective."""
    doc = parsed(
        "The report was reported.",
        """
        0 The      1 det       DET
        1 report   3 nsubjpass NOUN
        2 was      3 auxpass   AUX  lemma=be
        3 reported 3 ROOT      ADJ  lemma=report tag=VBN
        4 .        3 punct     PUNCT
        """,
    )
    assert not is_cue(token(doc, "report"))
    assert is_cue(token(doc, "reported"))


def test_reporting_only_keeps_to_verbs_that_report_a_claim():
    """For indirect speech only reporting verbs count: "urge" is a cue verb but reports no claim."""
    doc = parsed(
        "Ann urged and said.",
        """
        0 Ann   1 nsubj PROPN
        1 urged 1 ROOT  VERB lemma=urge
        2 and   1 cc    CCONJ
        3 said  1 conj  VERB lemma=say
        4 .     1 punct PUNCT
        """,
    )
    assert is_cue(token(doc, "urged"))
    assert not is_cue(token(doc, "urged"), reporting_only=True)
    assert is_cue(token(doc, "said"), reporting_only=True)


def test_according_to_needs_its_to():
    """The "according" of `according to police` is a cue; the one of `according rules` is not."""
    doc = parsed(
        "According to police, according rules apply.",
        """
        0 According 6 prep  VERB lemma=accord
        1 to        0 prep  ADP
        2 police    1 pobj  NOUN
        3 ,         6 punct PUNCT
        4 according 5 amod  VERB lemma=accord
        5 rules     6 nsubj NOUN
        6 apply     6 ROOT  VERB
        7 .         6 punct PUNCT
        """,
    )
    assert according_to(doc[0])
    assert not according_to(doc[4])
    assert cue_span(doc[0]).text == "According to"


def test_cue_span_takes_to_only_right_after_according():
    doc = parsed(
        "According mainly to police, it fled.",
        """
        0 According 6 prep   VERB lemma=accord
        1 mainly    0 advmod ADV
        2 to        0 prep   ADP
        3 police    2 pobj   NOUN
        4 ,         6 punct  PUNCT
        5 it        6 nsubj  PRON
        6 fled      6 ROOT   VERB lemma=flee
        7 .         6 punct  PUNCT
        """,
    )
    assert cue_span(doc[0]).text == "According"


# ---------------------------------------------------------------------------------------------------------------
# Speakers (speakers.py): of_cue


def test_speaker_is_the_subject_of_the_cue():
    doc = parsed(
        "Ann said so.",
        """
        0 Ann  1 nsubj  PROPN ent=PERSON
        1 said 1 ROOT   VERB  lemma=say
        2 so   1 advmod ADV
        3 .    1 punct  PUNCT
        """,
    )
    ann = entity(doc, "Ann")
    assert speaker_of(doc, "said", ann) == Speaker("E1", "Ann", token(doc, "Ann"))


def test_subject_inside_the_quote_is_not_the_speaker():
    """`“Prices will rise,” said Ann.` parsed with "Prices" a subject of "said": the quoted words are skipped."""
    doc = parsed(
        "“Prices will rise,” said Ann.",
        """
        0 “      6 punct PUNCT
        1 Prices 6 nsubj NOUN
        2 will   3 aux   AUX
        3 rise   6 ccomp VERB
        4 ,      6 punct PUNCT
        5 ”      6 punct PUNCT
        6 said   6 ROOT  VERB lemma=say
        7 Ann    6 nsubj PROPN ent=PERSON
        8 .      6 punct PUNCT
        """,
    )
    assert speaker_of(doc, "said", entity(doc, "Ann"), quote=quoted(doc)).name == "Ann"


def test_relative_pronoun_subject_gives_the_noun_the_clause_hangs_on():
    """`Ann, who said the plan failed, left.`: "who" is the subject; the speaker is Ann."""
    doc = parsed(
        "Ann, who said the plan failed, left.",
        """
        0 Ann    8 nsubj PROPN ent=PERSON
        1 ,      0 punct PUNCT
        2 who    3 nsubj PRON
        3 said   0 relcl VERB lemma=say
        4 the    5 det   DET
        5 plan   6 nsubj NOUN
        6 failed 3 ccomp VERB lemma=fail
        7 ,      0 punct PUNCT
        8 left   8 ROOT  VERB lemma=leave
        9 .      8 punct PUNCT
        """,
    )
    assert speaker_of(doc, "said", entity(doc, "Ann")).entity == "E1"


def test_relative_clause_without_a_subject_gives_the_noun_it_hangs_on():
    """A relative clause whose pronoun the parse did not make its subject (here `dep`) still speaks for its noun."""
    doc = parsed(
        "Ann, who later said it failed, left.",
        """
        0 Ann    8 nsubj  PROPN ent=PERSON
        1 ,      0 punct  PUNCT
        2 who    4 dep    PRON
        3 later  4 advmod ADV
        4 said   0 relcl  VERB lemma=say
        5 it     6 nsubj  PRON
        6 failed 4 ccomp  VERB lemma=fail
        7 ,      0 punct  PUNCT
        8 left   8 ROOT   VERB lemma=leave
        9 .      8 punct  PUNCT
        """,
    )
    assert speaker_of(doc, "said", entity(doc, "Ann")).entity == "E1"


def test_agent_of_a_passive_cue_is_the_speaker():
    """`The plan, described by Smith as a failure, collapsed.`: no subject; the agent speaks."""
    doc = parsed(
        "The plan, described by Smith as a failure, collapsed.",
        """
         0 The       1 det   DET
         1 plan     10 nsubj NOUN
         2 ,         1 punct PUNCT
         3 described 1 acl   VERB lemma=describe
         4 by        3 agent ADP
         5 Smith     4 pobj  PROPN ent=PERSON
         6 as        3 prep  ADP
         7 a         8 det   DET
         8 failure   6 pobj  NOUN
         9 ,         1 punct PUNCT
        10 collapsed 10 ROOT VERB lemma=collapse
        11 .        10 punct PUNCT
        """,
    )
    assert speaker_of(doc, "described", entity(doc, "Smith")).name == "Smith"


def test_name_parsed_as_a_compound_of_the_cue_is_the_speaker():
    """ "Conway notes.": the small parser sometimes makes the name a compound of the verb."""
    doc = parsed(
        "Conway notes.",
        """
        0 Conway 1 compound PROPN ent=PERSON
        1 notes  1 ROOT     VERB  lemma=note
        2 .      1 punct    PUNCT
        """,
    )
    assert speaker_of(doc, "notes", entity(doc, "Conway")).name == "Conway"


def test_compound_speaker_must_be_right_before_the_cue():
    doc = parsed(
        "Conway also notes.",
        """
        0 Conway 2 compound PROPN ent=PERSON
        1 also   2 advmod   ADV
        2 notes  2 ROOT     VERB  lemma=note
        3 .      2 punct    PUNCT
        """,
    )
    assert not speaker_of(doc, "notes", entity(doc, "Conway")).known


def test_compound_speaker_must_be_a_noun_or_pronoun():
    """ "Earlier notes": a time adverb the parse hangs on the verb as `npadvmod` is not who speaks."""
    doc = parsed(
        "Earlier notes.",
        """
        0 Earlier 1 npadvmod ADV
        1 notes   1 ROOT     VERB lemma=note
        2 .       1 punct    PUNCT
        """,
    )
    assert not speaker_of(doc, "notes").known


def test_compound_speaker_must_not_be_quoted():
    """The word before the cue does not speak when it belongs to the quoted words."""
    doc = parsed(
        "Conway notes.",
        """
        0 Conway 1 compound PROPN ent=PERSON
        1 notes  1 ROOT     VERB  lemma=note
        2 .      1 punct    PUNCT
        """,
    )
    assert not speaker_of(doc, "notes", entity(doc, "Conway"), quote=(0, 6)).known


_ADDED_ANN = """
    0 “     5 punct PUNCT
    1 We    2 nsubj PRON
    2 won   5 ccomp VERB lemma=win
    3 ,     5 punct PUNCT
    4 ”     5 punct PUNCT
    5 added 5 ROOT  VERB lemma=add
    6 Ann   5 dobj  PROPN ent=PERSON
    7 .     5 punct PUNCT
"""


def test_noun_right_after_a_cue_that_follows_the_quote_is_its_inverted_subject():
    """`“We won,” added Ann.` with "Ann" parsed as an object: after the closing mark, the noun after the cue speaks."""
    doc = parsed("“We won,” added Ann.", _ADDED_ANN)
    assert speaker_of(doc, "added", entity(doc, "Ann"), quote=quoted(doc)).name == "Ann"


def test_inverted_subject_must_not_be_quoted():
    doc = parsed("“We won,” added Ann.", _ADDED_ANN)
    assert not speaker_of(doc, "added", entity(doc, "Ann"), quote=(1, len(doc.text))).known


def test_inverted_subject_needs_the_closing_mark_right_before_the_cue():
    """`Ann left, asking supporters to vote.`: after a comma the noun after the verb is its object, and the speaker
    is found by climbing to "left"."""
    doc = parsed(
        "Ann left, asking supporters to vote.",
        """
        0 Ann        1 nsubj PROPN ent=PERSON
        1 left       1 ROOT  VERB  lemma=leave
        2 ,          1 punct PUNCT
        3 asking     1 advcl VERB  lemma=ask
        4 supporters 3 dobj  NOUN
        5 to         6 aux   PART
        6 vote       3 xcomp VERB
        7 .          1 punct PUNCT
        """,
    )
    assert speaker_of(doc, "asking", entity(doc, "Ann")).name == "Ann"


def test_inverted_subject_is_not_looked_for_before_the_first_word():
    """A cue that opens the text has no closing mark before it (the text's last token is not "before" it)."""
    doc = parsed(
        "Warning officials about “fraud”",
        """
        0 Warning   0 ROOT  VERB lemma=warn
        1 officials 0 dobj  NOUN
        2 about     0 prep  ADP
        3 “         4 punct PUNCT
        4 fraud     2 pobj  NOUN
        5 ”         0 punct PUNCT
        """,
    )
    assert not speaker_of(doc, "Warning").known


def test_inverted_subject_must_be_an_argument_of_the_cue():
    """`“Stay home,” warned residents.` with "residents" parsed as the ones warned (`dative`): not the speaker."""
    doc = parsed(
        "“Stay home,” warned residents.",
        """
        0 “         5 punct  PUNCT
        1 Stay      5 ccomp  VERB
        2 home      1 advmod ADV
        3 ,         5 punct  PUNCT
        4 ”         5 punct  PUNCT
        5 warned    5 ROOT   VERB lemma=warn
        6 residents 5 dative NOUN
        7 .         5 punct  PUNCT
        """,
    )
    assert not speaker_of(doc, "warned", quote=quoted(doc)).known


def test_inverted_subject_must_be_a_noun_or_pronoun():
    """`“We won,” added proudly.` with the adverb left as `dep`: no speaker."""
    doc = parsed(
        "“We won,” added proudly.",
        """
        0 “       5 punct PUNCT
        1 We      2 nsubj PRON
        2 won     5 ccomp VERB lemma=win
        3 ,       5 punct PUNCT
        4 ”       5 punct PUNCT
        5 added   5 ROOT  VERB lemma=add
        6 proudly 5 dep   ADV
        7 .       5 punct PUNCT
        """,
    )
    assert not speaker_of(doc, "added", quote=quoted(doc)).known


def test_inverted_subject_is_at_most_six_words_after_the_cue():
    doc = parsed(
        "“We won,” added the tired but very happy old coach.",
        """
         0 “     5 punct PUNCT
         1 We    2 nsubj PRON
         2 won   5 ccomp VERB lemma=win
         3 ,     5 punct PUNCT
         4 ”     5 punct PUNCT
         5 added 5 ROOT  VERB lemma=add
         6 the  12 det   DET
         7 tired 12 amod ADJ
         8 but   7 cc    CCONJ
         9 very 10 advmod ADV
        10 happy 7 conj  ADJ
        11 old  12 amod  ADJ
        12 coach 5 dobj  NOUN
        13 .     5 punct PUNCT
        """,
    )
    assert not speaker_of(doc, "added", quote=quoted(doc)).known


def test_speaker_of_a_complement_cue_is_the_subject_of_the_verb_above():
    """`Ann refused to comment.`: an `xcomp` cue climbs to the verb it hangs on."""
    doc = parsed(
        "Ann refused to comment.",
        """
        0 Ann     1 nsubj PROPN ent=PERSON
        1 refused 1 ROOT  VERB  lemma=refuse
        2 to      3 aux   PART
        3 comment 1 xcomp VERB
        4 .       1 punct PUNCT
        """,
    )
    assert speaker_of(doc, "comment", entity(doc, "Ann")).name == "Ann"


def test_speaker_of_a_statement_saying_is_who_issued_the_statement():
    """`Ann issued a statement saying…`: from the noun on to the verb it is the object of."""
    doc = parsed(
        "Ann issued a statement saying it failed.",
        """
        0 Ann       1 nsubj PROPN ent=PERSON
        1 issued    1 ROOT  VERB  lemma=issue
        2 a         3 det   DET
        3 statement 1 dobj  NOUN
        4 saying    3 acl   VERB  lemma=say
        5 it        6 nsubj PRON
        6 failed    4 ccomp VERB  lemma=fail
        7 .         1 punct PUNCT
        """,
    )
    assert speaker_of(doc, "saying", entity(doc, "Ann")).name == "Ann"


def test_a_noun_that_is_a_subject_does_not_pass_the_climb_on():
    """`A statement saying it failed was issued.`: the statement is the subject; nobody is named as speaking."""
    doc = parsed(
        "A statement saying it failed was issued.",
        """
        0 A         1 det       DET
        1 statement 6 nsubjpass NOUN
        2 saying    1 acl       VERB lemma=say
        3 it        4 nsubj     PRON
        4 failed    2 ccomp     VERB lemma=fail
        5 was       6 auxpass   AUX  lemma=be
        6 issued    6 ROOT      VERB lemma=issue
        7 .         6 punct     PUNCT
        """,
    )
    assert not speaker_of(doc, "saying").known


def test_a_cue_that_is_a_subject_does_not_climb():
    """`Saying sorry is hard.`: a clausal subject is not a complement of the verb above; nobody speaks."""
    doc = parsed(
        "Saying sorry is hard.",
        """
        0 Saying 2 csubj VERB lemma=say
        1 sorry  0 acomp ADJ
        2 is     2 ROOT  AUX  lemma=be
        3 hard   2 acomp ADJ
        4 .      2 punct PUNCT
        """,
    )
    assert not speaker_of(doc, "Saying").known


def test_climb_to_the_speaker_stops_after_four_verbs():
    """`Ann wanted to try to begin to learn to say it.`: "say" is five verbs below the subject; the climb stops at
    four (`Ann wanted to try to say it` is two)."""
    doc = parsed(
        "Ann wanted to try to begin to learn to say it.",
        """
         0 Ann    1 nsubj PROPN ent=PERSON
         1 wanted 1 ROOT  VERB lemma=want
         2 to     3 aux   PART
         3 try    1 xcomp VERB
         4 to     5 aux   PART
         5 begin  3 xcomp VERB
         6 to     7 aux   PART
         7 learn  5 xcomp VERB
         8 to     9 aux   PART
         9 say    7 xcomp VERB
        10 it     9 dobj  PRON
        11 .      1 punct PUNCT
        """,
    )
    ann = entity(doc, "Ann")
    assert not speaker_of(doc, "say", ann).known
    assert speaker_of(doc, "learn", ann).name == "Ann"


def test_according_to_x_is_spoken_by_x():
    doc = parsed(
        "According to police, it fled.",
        """
        0 According 5 prep  VERB lemma=accord
        1 to        0 prep  ADP
        2 police    1 pobj  NOUN
        3 ,         5 punct PUNCT
        4 it        5 nsubj PRON
        5 fled      5 ROOT  VERB lemma=flee
        6 .         5 punct PUNCT
        """,
    )
    assert speaker_of(doc, "According").name == "police"


def test_according_to_without_an_object_has_no_speaker():
    doc = parsed(
        "According to, it fled.",
        """
        0 According 4 prep  VERB lemma=accord
        1 to        0 prep  ADP
        2 ,         4 punct PUNCT
        3 it        4 nsubj PRON
        4 fled      4 ROOT  VERB lemma=flee
        5 .         4 punct PUNCT
        """,
    )
    assert speaker_of(doc, "According") == Speaker(None, None)


# ---------------------------------------------------------------------------------------------------------------
# Speakers (speakers.py): the noun phrase that names the speaker (of_token)


def test_apposition_of_the_subject_names_the_speaker():
    """`The mayor, Tom Hardy, said so.`: the subject is "mayor"; the apposition names him."""
    doc = parsed(
        "The mayor, Tom Hardy, said so.",
        """
        0 The   1 det      DET
        1 mayor 6 nsubj    NOUN
        2 ,     1 punct    PUNCT
        3 Tom   4 compound PROPN ent=PERSON
        4 Hardy 1 appos    PROPN ent=PERSON
        5 ,     1 punct    PUNCT
        6 said  6 ROOT     VERB lemma=say
        7 so    6 advmod   ADV
        8 .     6 punct    PUNCT
        """,
    )
    assert speaker_of(doc, "said", entity(doc, "Tom Hardy", "Hardy")).name == "Tom Hardy"


def test_apposition_that_is_the_subject_names_the_noun_it_stands_beside():
    """`…hired Scott Reed, the strategist, who added…`: the strategist is Scott Reed."""
    doc = parsed(
        "They hired Scott Reed, the strategist, who added that it would win.",
        """
         0 They       1 nsubj    PRON
         1 hired      1 ROOT     VERB lemma=hire
         2 Scott      3 compound PROPN ent=PERSON
         3 Reed       1 dobj     PROPN ent=PERSON
         4 ,          3 punct    PUNCT
         5 the        6 det      DET
         6 strategist 3 appos    NOUN
         7 ,          6 punct    PUNCT
         8 who        9 nsubj    PRON
         9 added      6 relcl    VERB lemma=add
        10 that      13 mark     SCONJ
        11 it        13 nsubj    PRON
        12 would     13 aux      AUX
        13 win        9 ccomp    VERB
        14 .          1 punct    PUNCT
        """,
    )
    assert speaker_of(doc, "added", entity(doc, "Scott Reed")).name == "Scott Reed"


def test_pronoun_with_no_entity_is_an_unknown_speaker_that_keeps_its_word():
    doc = parsed(
        "He said so.",
        """
        0 He   1 nsubj  PRON
        1 said 1 ROOT   VERB lemma=say
        2 so   1 advmod ADV
        3 .    1 punct  PUNCT
        """,
    )
    speaker = speaker_of(doc, "said")
    assert not speaker.known and speaker.token == doc[0]


def test_described_speaker_leaves_out_a_relative_clause():
    """`The man who found it said so.` → "The man"."""
    doc = parsed(
        "The man who found it said so.",
        """
        0 The   1 det    DET
        1 man   5 nsubj  NOUN
        2 who   3 nsubj  PRON
        3 found 1 relcl  VERB lemma=find
        4 it    3 dobj   PRON
        5 said  5 ROOT   VERB lemma=say
        6 so    5 advmod ADV
        7 .     5 punct  PUNCT
        """,
    )
    assert speaker_of(doc, "said") == Speaker(None, "The man", doc[1])


def test_described_speaker_ends_at_a_comma_after_the_head():
    """`A spokesman for the firm, in a statement, said so.` with "in a statement" hung on the noun."""
    doc = parsed(
        "A spokesman for the firm, in a statement, said so.",
        """
         0 A         1 det    DET
         1 spokesman 10 nsubj NOUN
         2 for       1 prep   ADP
         3 the       4 det    DET
         4 firm      2 pobj   NOUN
         5 ,         1 punct  PUNCT
         6 in        1 prep   ADP
         7 a         8 det    DET
         8 statement 6 pobj   NOUN
         9 ,         1 punct  PUNCT
        10 said     10 ROOT   VERB lemma=say
        11 so       10 advmod ADV
        12 .        10 punct  PUNCT
        """,
    )
    assert speaker_of(doc, "said").name == "A spokesman for the firm"


def test_described_speaker_is_at_most_twelve_words():
    doc = parsed(
        "A senior aide to the head of the office of the deputy minister for trade said so.",
        """
         0 A        2 det    DET
         1 senior   2 amod   ADJ
         2 aide    15 nsubj  NOUN
         3 to       2 prep   ADP
         4 the      5 det    DET
         5 head     3 pobj   NOUN
         6 of       5 prep   ADP
         7 the      8 det    DET
         8 office   6 pobj   NOUN
         9 of       8 prep   ADP
        10 the     12 det    DET
        11 deputy  12 amod   ADJ
        12 minister 9 pobj   NOUN
        13 for     12 prep   ADP
        14 trade   13 pobj   NOUN
        15 said    15 ROOT   VERB lemma=say
        16 so      15 advmod ADV
        17 .       15 punct  PUNCT
        """,
    )
    assert speaker_of(doc, "said").name == "A senior aide to the head of the office of the deputy"


def test_described_speaker_drops_a_relative_word_left_at_its_end():
    """`The official who spoke said so.` with "who" hung on the noun rather than in its clause."""
    doc = parsed(
        "The official who spoke said so.",
        """
        0 The      1 det    DET
        1 official 4 nsubj  NOUN
        2 who      1 dep    PRON
        3 spoke    1 relcl  VERB lemma=speak
        4 said     4 ROOT   VERB lemma=say
        5 so       4 advmod ADV
        6 .        4 punct  PUNCT
        """,
    )
    assert speaker_of(doc, "said").name == "The official"


def test_described_speaker_that_is_only_a_relative_word_is_that_word():
    """`That said, …` with "That" a determiner subject: the description falls back on the word itself."""
    doc = parsed(
        "That said, it failed.",
        """
        0 That   1 nsubj DET
        1 said   4 advcl VERB lemma=say
        2 ,      4 punct PUNCT
        3 it     4 nsubj PRON
        4 failed 4 ROOT  VERB lemma=fail
        5 .      4 punct PUNCT
        """,
    )
    assert speaker_of(doc, "said").name == "That"


def test_clausal_subject_of_the_cue_is_described_as_the_speaker():
    """`Whoever leaked it told reporters.`: the clause is the subject, and the speaker is described by it."""
    doc = parsed(
        "Whoever leaked it told reporters.",
        """
        0 Whoever   1 nsubj PRON
        1 leaked    3 csubj VERB lemma=leak
        2 it        1 dobj  PRON
        3 told      3 ROOT  VERB lemma=tell
        4 reporters 3 dobj  NOUN
        5 .         3 punct PUNCT
        """,
    )
    assert speaker_of(doc, "told").name == "Whoever leaked it"


# ---------------------------------------------------------------------------------------------------------------
# Quotes in quotation marks (marked.py), through find_quotes: which marks hold a quote, and of what kind


def test_quote_nested_in_a_quote_is_part_of_it():
    """`“He told me ‘we will never give up…’ and left.”`: the inner marks make no quote of their own."""
    doc = parsed(
        "Ann said: “He told me ‘we will never give up on this fight’ and left.”",
        """
         0 Ann    1 nsubj PROPN ent=PERSON
         1 said   1 ROOT  VERB lemma=say
         2 :      1 punct PUNCT
         3 “      1 punct PUNCT
         4 He     5 nsubj PRON
         5 told   1 ccomp VERB lemma=tell
         6 me     5 dobj  PRON
         7 ‘     11 punct PUNCT
         8 we    11 nsubj PRON
         9 will  11 aux   AUX
        10 never 11 neg   ADV
        11 give   5 ccomp VERB
        12 up    11 prt   ADP
        13 on    11 prep  ADP
        14 this  15 det   DET
        15 fight 13 pobj  NOUN
        16 ’     11 punct PUNCT
        17 and   11 cc    CCONJ
        18 left  11 conj  VERB lemma=leave
        19 .      1 punct PUNCT
        20 ”      1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("direct", "He told me ‘we will never give up on this fight’ and left.", "said", "Ann")


def test_marks_around_punctuation_only_hold_no_quote():
    doc = parsed(
        "Ann said: “...”",
        """
        0 Ann  1 nsubj PROPN ent=PERSON
        1 said 1 ROOT  VERB lemma=say
        2 :    1 punct PUNCT
        3 “    1 punct PUNCT
        4 ...  1 punct PUNCT
        5 ”    1 punct PUNCT
        """,
    )
    assert quotes(doc, entity(doc, "Ann")) == []


_TRUMP_COLON = """
    0 Trump 0 ROOT  PROPN ent=PERSON
    1 :     0 punct PUNCT
    2 “     0 punct PUNCT
    3 We    5 nsubj PRON
    4 will  5 aux   AUX
    5 build 0 dep   VERB
    6 the   7 det   DET
    7 wall  5 dobj  NOUN
    8 .     0 punct PUNCT
    9 ”     0 punct PUNCT
"""


def test_name_and_colon_before_a_quote_name_its_speaker():
    """`Trump: “We will build the wall.”`, as in interviews and transcripts: the colon is the cue."""
    doc = parsed("Trump: “We will build the wall.”", _TRUMP_COLON)
    [q] = quotes(doc, entity(doc, "Trump"))
    assert described(q) == ("direct", "We will build the wall.", ":", "Trump")


def test_colon_speaker_must_be_an_entity():
    """`Moderator: “…”`: a word that names no entity of the entity layer is not taken for the speaker."""
    doc = parsed("Moderator: “We will build the wall.”", _TRUMP_COLON.replace("Trump", "Moderator"))
    [q] = quotes(doc)
    assert (q.cue, q.speaker_name) == (None, None)


def test_colon_speaker_needs_a_word_before_the_colon():
    """A colon that opens the text has no name before it (the text's last word is not "before" it)."""
    doc = parsed(
        ": “We will build the wall.” Trump",
        """
        0 :     4 punct PUNCT
        1 “     4 punct PUNCT
        2 We    4 nsubj PRON
        3 will  4 aux   AUX
        4 build 4 ROOT  VERB
        5 the   6 det   DET
        6 wall  4 dobj  NOUN
        7 .     4 punct PUNCT
        8 ”     4 punct PUNCT
        9 Trump 4 npadvmod PROPN ent=PERSON
        """,
    )
    assert [q.speaker_name for q in quotes(doc, entity(doc, "Trump"))] == [None]


def test_colon_speaker_only_when_there_is_no_cue():
    """`Ann said to Trump: “…”`: the cue "said" speaks for Ann; the name before the colon is who she spoke to."""
    doc = parsed(
        "Ann said to Trump: “We will build the wall.”",
        """
         0 Ann   1 nsubj PROPN ent=PERSON
         1 said  1 ROOT  VERB lemma=say
         2 to    1 prep  ADP
         3 Trump 2 pobj  PROPN ent=PERSON
         4 :     1 punct PUNCT
         5 “     1 punct PUNCT
         6 We    8 nsubj PRON
         7 will  8 aux   AUX
         8 build 1 ccomp VERB
         9 the  10 det   DET
        10 wall  8 dobj  NOUN
        11 .     1 punct PUNCT
        12 ”     1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"), entity(doc, "Trump", id="E2"))
    assert (q.cue.text, q.speaker_name) == ("said", "Ann")


def test_title_in_marks_with_no_cue_is_no_quote():
    """`She loves “The Lord of the Rings” films.`: a few words capitalised as a title is."""
    doc = parsed(
        "She loves “The Lord of the Rings” films.",
        """
         0 She   1 nsubj    PRON
         1 loves 1 ROOT     VERB lemma=love
         2 “     9 punct    PUNCT
         3 The   4 det      DET
         4 Lord  9 compound PROPN
         5 of    4 prep     ADP
         6 the   7 det      DET
         7 Rings 5 pobj     PROPN
         8 ”     9 punct    PUNCT
         9 films 1 dobj     NOUN
        10 .     1 punct    PUNCT
        """,
    )
    assert quotes(doc) == []


def test_term_after_so_called_is_no_quote():
    """`the so-called “war on the working families”`: a term (data/term_words.txt), not something said."""
    doc = parsed(
        "He opposed the so-called “war on the working families”.",
        """
         0 He       1 nsubj  PRON
         1 opposed  1 ROOT   VERB lemma=oppose
         2 the      7 det    DET
         3 so       5 advmod ADV
         4 -        5 punct  PUNCT
         5 called   7 amod   VERB lemma=call
         6 “        7 punct  PUNCT
         7 war      1 dobj   NOUN
         8 on       7 prep   ADP
         9 the     11 det    DET
        10 working 11 amod   VERB lemma=work
        11 families 8 pobj   NOUN
        12 ”        7 punct  PUNCT
        13 .        1 punct  PUNCT
        """,
    )
    assert quotes(doc) == []


_WE_WON = """
    0 “     6 punct PUNCT
    1 We    2 nsubj PRON
    2 won   6 ccomp VERB lemma=win
    3 ,     6 punct PUNCT
    4 ”     6 punct PUNCT
    5 Ann   6 nsubj PROPN ent=PERSON
    6 said  6 ROOT  VERB lemma=say
    7 .     6 punct PUNCT
"""


def test_one_word_in_marks_with_no_cue_is_no_quote_even_after_a_quote():
    """`“We won,” Ann said.` then a paragraph `“absolutely.”`: one word is too little to go on with a quote (a
    capitalised one would look like a name anyway)."""
    doc = parsed(
        "“We won,” Ann said.\n“absolutely.”",
        _WE_WON
        + """
        8 \\n         10 dep   SPACE
        9 “          10 punct PUNCT
        10 absolutely 10 ROOT  ADV
        11 .          10 punct PUNCT
        12 ”          10 punct PUNCT
        """,
    )
    assert [q.text for q in quotes(doc, entity(doc, "Ann"))] == ["We won,"]


def test_short_quote_with_no_cue_mid_sentence_is_no_quote():
    """`The firm’s “very best work ever” was sold.`: under five words, no cue, not an utterance of its own."""
    doc = parsed(
        "The firm’s “very best work ever” was sold.",
        """
         0 The  1 det       DET
         1 firm 6 poss      NOUN
         2 ’s   1 case      PART
         3 “    6 punct     PUNCT
         4 very 5 advmod    ADV
         5 best 6 amod      ADJ
         6 work 10 nsubjpass NOUN
         7 ever 6 advmod    ADV
         8 ”    6 punct     PUNCT
         9 was 10 auxpass   AUX  lemma=be
        10 sold 10 ROOT     VERB lemma=sell
        11 .   10 punct     PUNCT
        """,
    )
    assert quotes(doc) == []


def test_short_sentence_in_marks_after_a_quote_goes_on_with_it():
    """`“We won,” Ann said. “Others must go.”`: a capitalised sentence of its own in marks is an utterance however
    short, and it goes on from the quote before it."""
    doc = parsed(
        "“We won,” Ann said. “Others must go.”",
        _WE_WON
        + """
         8 “      11 punct PUNCT
         9 Others 11 nsubj NOUN
        10 must   11 aux   AUX
        11 go     11 ROOT  VERB
        12 .      11 punct PUNCT
        13 ”      11 punct PUNCT
        """,
    )
    assert [(q.text, q.cue.text if q.cue else None, q.speaker_name) for q in quotes(doc, entity(doc, "Ann"))] == [
        ("We won,", "said", "Ann"),
        ("Others must go.", None, "Ann"),
    ]


def test_short_quote_that_opens_the_next_paragraph_goes_on_with_the_quote_before():
    """`“and more to come.”` opening the paragraph after a quote of Ann's is hers, short and lower case as it is."""
    doc = parsed(
        "“We won,” Ann said.\n“and more to come.”",
        _WE_WON
        + """
         8 \\n   11 dep   SPACE
         9 “    11 punct PUNCT
        10 and  11 cc    CCONJ
        11 more 11 ROOT  ADJ
        12 to   13 aux   PART
        13 come 11 xcomp VERB
        14 .    11 punct PUNCT
        15 ”    11 punct PUNCT
        """,
    )
    assert [q.speaker_name for q in quotes(doc, entity(doc, "Ann"))] == ["Ann", "Ann"]


def test_title_in_marks_next_to_a_cue_is_no_quote():
    """`Ann spoke on “Meet the Press” on Sunday.`: a title, even where a cue is near."""
    doc = parsed(
        "Ann spoke on “Meet the Press” on Sunday.",
        """
         0 Ann    1 nsubj    PROPN ent=PERSON
         1 spoke  1 ROOT     VERB lemma=speak
         2 on     1 prep     ADP
         3 “      2 punct    PUNCT
         4 Meet   2 pcomp    VERB lemma=meet
         5 the    6 det      DET
         6 Press  4 dobj     PROPN
         7 ”      4 punct    PUNCT
         8 on     1 prep     ADP
         9 Sunday 8 pobj     PROPN
        10 .      1 punct    PUNCT
        """,
    )
    assert quotes(doc, entity(doc, "Ann")) == []


def test_capitalised_clause_in_marks_mid_sentence_is_a_direct_quote():
    """`Ann said the answer was “We will never surrender.”`: a sentence of its own (capital, subject and verb)."""
    doc = parsed(
        "Ann said the answer was “We will never surrender.”",
        """
         0 Ann       1 nsubj PROPN ent=PERSON
         1 said      1 ROOT  VERB lemma=say
         2 the       3 det   DET
         3 answer    4 nsubj NOUN
         4 was       1 ccomp AUX  lemma=be
         5 “         4 punct PUNCT
         6 We        9 nsubj PRON
         7 will      9 aux   AUX
         8 never     9 neg   ADV
         9 surrender 4 attr  VERB
        10 .         1 punct PUNCT
        11 ”         1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("direct", "We will never surrender.", "said", "Ann")


def test_capitalised_clause_with_an_expletive_subject_is_a_direct_quote():
    """`…was “There is no plan.”`: "there" counts as the subject of the quoted clause."""
    doc = parsed(
        "Ann said the answer was “There is no plan.”",
        """
         0 Ann    1 nsubj PROPN ent=PERSON
         1 said   1 ROOT  VERB lemma=say
         2 the    3 det   DET
         3 answer 4 nsubj NOUN
         4 was    1 ccomp AUX  lemma=be
         5 “      4 punct PUNCT
         6 There  7 expl  PRON
         7 is     4 attr  VERB lemma=be
         8 no     9 det   DET
         9 plan   7 attr  NOUN
        10 .      1 punct PUNCT
        11 ”      1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert q.kind == "direct"


def test_quote_after_a_colon_is_direct_even_in_lower_case():
    """`Ann said: “we will win.”`: after a colon the quote opens a sentence."""
    doc = parsed(
        "Ann said: “we will win.”",
        """
        0 Ann  1 nsubj PROPN ent=PERSON
        1 said 1 ROOT  VERB lemma=say
        2 :    1 punct PUNCT
        3 “    1 punct PUNCT
        4 we   6 nsubj PRON
        5 will 6 aux   AUX
        6 win  1 ccomp VERB
        7 .    1 punct PUNCT
        8 ”    1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("direct", "we will win.", "said", "Ann")


def test_quote_at_the_start_of_a_line_is_direct_though_the_parse_runs_the_sentence_on():
    """The text before a quote is read from the start of its line: `Ann said` then a line `“we will win…”` in one
    parsed sentence is still a quote that opens its sentence."""
    doc = parsed(
        "Ann said\n“we will win the fight.”",
        """
         0 Ann   1 nsubj PROPN ent=PERSON
         1 said  1 ROOT  VERB lemma=say
         2 \\n   1 dep   SPACE
         3 “     1 punct PUNCT
         4 we    6 nsubj PRON
         5 will  6 aux   AUX
         6 win   1 ccomp VERB
         7 the   8 det   DET
         8 fight 6 dobj  NOUN
         9 .     1 punct PUNCT
        10 ”     1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert (q.kind, q.text) == ("direct", "we will win the fight.")


def test_partial_quote_is_the_reported_clause_that_holds_it():
    """`Ann denied the firm was a “party to the fraud”.` → the clause, with the quoted words as verbatim."""
    doc = parsed(
        "Ann denied the firm was a “party to the fraud”.",
        """
         0 Ann    1 nsubj PROPN ent=PERSON
         1 denied 1 ROOT  VERB lemma=deny
         2 the    3 det   DET
         3 firm   4 nsubj NOUN
         4 was    1 ccomp AUX  lemma=be
         5 a      7 det   DET
         6 “      7 punct PUNCT
         7 party  4 attr  NOUN
         8 to     7 prep  ADP
         9 the   10 det   DET
        10 fraud  8 pobj  NOUN
        11 ”      7 punct PUNCT
        12 .      1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("partial", "the firm was a “party to the fraud”", "denied", "Ann")
    assert [v.text for v in q.verbatim] == ["party to the fraud"]


def test_partial_clause_takes_in_the_marks_the_parse_hung_on_the_cue():
    """`Ann said "the plan is dead" today.` with both marks hung on "said": they still belong to the clause."""
    doc = parsed(
        'Ann said "the plan is dead" today.',
        """
        0 Ann   1 nsubj    PROPN ent=PERSON
        1 said  1 ROOT     VERB lemma=say
        2 "     1 punct    PUNCT
        3 the   4 det      DET
        4 plan  5 nsubj    NOUN
        5 is    1 ccomp    AUX  lemma=be
        6 dead  5 acomp    ADJ
        7 "     1 punct    PUNCT
        8 today 1 npadvmod NOUN
        9 .     1 punct    PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("partial", '"the plan is dead"', "said", "Ann")


def test_partial_quote_under_an_addressee_is_only_the_quoted_words():
    """`Ann told “the whole world and its dog” that…`: the quote hangs on the cue as its addressee (`dative`), not
    as what was said, so there is no reported clause around it."""
    doc = parsed(
        "Ann told “the whole world and its dog” that it was over.",
        """
         0 Ann   1 nsubj  PROPN ent=PERSON
         1 told  1 ROOT   VERB lemma=tell
         2 “     5 punct  PUNCT
         3 the   5 det    DET
         4 whole 5 amod   ADJ
         5 world 1 dative NOUN
         6 and   5 cc     CCONJ
         7 its   8 poss   PRON
         8 dog   5 conj   NOUN
         9 ”     5 punct  PUNCT
        10 that 12 mark   SCONJ
        11 it   12 nsubj  PRON
        12 was   1 ccomp  AUX  lemma=be
        13 over 12 acomp  ADV
        14 .     1 punct  PUNCT
        """,
    )
    partial = [q for q in quotes(doc, entity(doc, "Ann")) if q.kind == "partial"]
    assert [described(q) for q in partial] == [("partial", "the whole world and its dog", "told", "Ann")]


def test_partial_clause_must_hold_the_start_of_the_quote():
    """`It fell when Ann warned “well, the plan is dead”.` with "well" hung on "fell": the clause of "warned" starts
    after the quote does, so the quote stands as its own words."""
    doc = parsed(
        "It fell when Ann warned “well, the plan is dead”.",
        """
         0 It     1 nsubj  PRON
         1 fell   1 ROOT   VERB lemma=fall
         2 when   4 advmod SCONJ
         3 Ann    4 nsubj  PROPN ent=PERSON
         4 warned 1 advcl  VERB lemma=warn
         5 “      1 punct  PUNCT
         6 well   1 intj   INTJ
         7 ,      1 punct  PUNCT
         8 the    9 det    DET
         9 plan  10 nsubj  NOUN
        10 is     4 ccomp  AUX  lemma=be
        11 dead  10 acomp  ADJ
        12 ”     10 punct  PUNCT
        13 .      1 punct  PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("partial", "well, the plan is dead", "warned", "Ann")


_ANN_CALLED_BOB = """
     0 Ann    1 nsubj PROPN ent=PERSON
     1 called 1 ROOT  VERB lemma=call
     2 Bob    1 dobj  PROPN ent=B-PERSON
"""


def test_partial_quote_said_of_the_object_takes_in_the_object():
    """`Ann called Bob a “nasty guy”.`: what was said is the object with what is said of it (PolNeAR's contents,
    "the senator a “nasty guy”"), not the quoted words alone."""
    doc = parsed(
        "Ann called Bob a “nasty guy”.",
        _ANN_CALLED_BOB
        + """
         3 a      6 det   DET
         4 “      6 punct PUNCT
         5 nasty  6 amod  ADJ
         6 guy    1 oprd  NOUN
         7 ”      6 punct PUNCT
         8 .      1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"), entity(doc, "Bob", id="E2"))
    assert described(q) == ("partial", "Bob a “nasty guy”", "called", "Ann")
    assert [v.text for v in q.verbatim] == ["nasty guy"]


def test_object_before_the_cue_is_not_taken_in():
    """`the plan, which Ann called “a disgrace”`: the object stands before the cue and its subject; the quote stays
    the quoted words and does not reach back over who said them."""
    doc = parsed(
        "It is the plan which Ann called “a disgrace”.",
        """
         0 It       1 nsubj PRON
         1 is       1 ROOT  AUX  lemma=be
         2 the      3 det   DET
         3 plan     1 attr  NOUN
         4 which    6 dobj  PRON
         5 Ann      6 nsubj PROPN ent=PERSON
         6 called   3 relcl VERB lemma=call
         7 “        9 punct PUNCT
         8 a        9 det   DET
         9 disgrace 6 oprd  NOUN
        10 ”        9 punct PUNCT
        11 .        1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("partial", "“a disgrace”", "called", "Ann")


def test_partial_quotes_of_one_cue_whose_clauses_overlap_are_one_quote():
    """`Trump called the senator a "nasty guy," … and "sick."`: the parse may end one quote's clause before the last
    mark and the other's after it; overlapping partial quotes of one cue are one, other quotes stay apart."""
    said, other = Cue(4, 10, "called"), Cue(40, 44, "said")
    a = Found(11, 33, "partial", said, verbatim=[(18, 22)])
    b = Found(11, 35, "partial", said, verbatim=[(28, 33)])
    c = Found(30, 50, "partial", other, verbatim=[(45, 48)])
    d = Found(34, 60, "direct", other)
    [merged, *rest] = _merge_same_span([a, b, c, d])
    assert (merged.start, merged.end, merged.verbatim) == (11, 35, [(18, 22), (28, 33)])
    assert rest == [c, d]


def test_any_verb_with_an_object_and_an_as_phrase_is_the_cue_of_the_quote_in_it():
    """`Ann admires Bob as a “strong leader”.`: "admire" is no reporting verb, but the quote is what Ann calls Bob."""
    doc = parsed(
        "Ann admires Bob as a “strong leader”.",
        """
         0 Ann     1 nsubj PROPN ent=PERSON
         1 admires 1 ROOT  VERB lemma=admire
         2 Bob     1 dobj  PROPN ent=B-PERSON
         3 as      1 prep  ADP
         4 a       7 det   DET
         5 “       7 punct PUNCT
         6 strong  7 amod  ADJ
         7 leader  3 pobj  NOUN
         8 ”       7 punct PUNCT
         9 .       1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"), entity(doc, "Bob", id="E2"))
    assert described(q) == ("partial", "Bob as a “strong leader”", "admires", "Ann")


def test_as_phrase_makes_no_cue_without_an_object_before_it():
    """`Ann works as a “fixer”.`: no object that the words are said of, so "works" is no cue."""
    doc = parsed(
        "Ann works as a “senior fixer”.",
        """
         0 Ann    1 nsubj PROPN ent=PERSON
         1 works  1 ROOT  VERB lemma=work
         2 as     1 prep  ADP
         3 a      6 det   DET
         4 “      6 punct PUNCT
         5 senior 6 amod  ADJ
         6 fixer  2 pobj  NOUN
         7 ”      6 punct PUNCT
         8 .      1 punct PUNCT
        """,
    )
    assert all(q.cue is None or q.cue.text != "works" for q in quotes(doc, entity(doc, "Ann")))


def test_cue_inside_a_reported_clause_gives_way_to_the_reporting_verb():
    """`Ann said Bob described it as the “gold standard”.`: the quote is Ann's report of Bob's words; PolNeAR's
    source is the reporter of the whole clause."""
    doc = parsed(
        "Ann said Bob described it as the “gold standard”.",
        """
         0 Ann       1 nsubj PROPN ent=PERSON
         1 said      1 ROOT  VERB lemma=say
         2 Bob       3 nsubj PROPN ent=B-PERSON
         3 described 1 ccomp VERB lemma=describe
         4 it        3 dobj  PRON
         5 as        3 prep  ADP
         6 the       9 det   DET
         7 “         9 punct PUNCT
         8 gold      9 compound NOUN
         9 standard  5 pobj  NOUN
        10 ”         9 punct PUNCT
        11 .         1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"), entity(doc, "Bob", id="E2"))
    assert described(q) == ("partial", "Bob described it as the “gold standard”", "said", "Ann")


def test_cue_inside_the_clause_of_a_reporting_participle_gives_way_to_it():
    """`Ann spoke up, saying Bob should release it “without delay”.`: "saying" has no subject of its own (its
    speaker is the subject above it), yet it is the cue; a finite verb without a subject would not be."""
    doc = parsed(
        "Ann spoke up, saying Bob should release it “without delay”.",
        """
         0 Ann     1 nsubj PROPN ent=PERSON
         1 spoke   1 ROOT  VERB lemma=speak
         2 up      1 prt   ADP
         3 ,       1 punct PUNCT
         4 saying  1 advcl VERB lemma=say tag=VBG
         5 Bob     7 nsubj PROPN ent=B-PERSON
         6 should  7 aux   AUX
         7 release 4 ccomp VERB lemma=release
         8 it      7 dobj  PRON
         9 “      10 punct PUNCT
        10 without 7 prep  ADP
        11 delay  10 pobj  NOUN
        12 ”      10 punct PUNCT
        13 .       1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"), entity(doc, "Bob", id="E2"))
    assert (q.cue.text if q.cue else None, q.speaker_name) == ("saying", "Ann")


def test_transcript_turn_is_spoken_by_the_person_its_label_names():
    """`"PENCE: Well, look…`: a quoted paragraph opening with a name in capitals and a colon is that person's turn;
    the colon is the cue and the label is not part of what was said."""
    doc = parsed(
        'Mike Pence spoke.\n"PENCE: Well, we won.',
        """
         0 Mike   1 compound PROPN ent=PERSON
         1 Pence  2 nsubj PROPN ent=PERSON
         2 spoke  2 ROOT  VERB lemma=speak
         3 .      2 punct PUNCT
         4 \\n    2 dep   SPACE
         5 "      9 punct PUNCT
         6 PENCE  9 nsubj PROPN
         7 :      9 punct PUNCT
         8 Well   9 intj  INTJ
         9 ,      9 punct PUNCT
        10 we    11 nsubj PRON
        11 won   11 ROOT  VERB lemma=win
        12 .     11 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Mike Pence"))
    assert described(q) == ("direct", "Well, we won.", ":", "Mike Pence")
    assert q.speaker == "E1"


_ANN_SPOKE = """
     0 When   2 advmod SCONJ
     1 Ann    2 nsubj  PROPN ent=PERSON
     2 spoke  5 advcl  VERB lemma=speak
     3 ,      5 punct  PUNCT
     4 it     5 nsubj  PRON
     5 was    5 ROOT   AUX  lemma=be
"""


def test_scare_quoted_word_near_a_cue_it_does_not_hang_on_is_no_quote():
    """`When Ann spoke, it was “fake” news.`: one or two words near a cue, not in its clause."""
    doc = parsed(
        "When Ann spoke, it was “fake” news.",
        _ANN_SPOKE
        + """
         6 “      9 punct PUNCT
         7 fake   9 amod  ADJ
         8 ”      9 punct PUNCT
         9 news   5 attr  NOUN
        10 .      5 punct PUNCT
        """,
    )
    assert quotes(doc, entity(doc, "Ann")) == []


def test_cue_in_the_quotes_sentence_that_the_parse_did_not_link_is_its_cue():
    """`When Ann spoke, it was “fake news from the left”.`: the parse hangs the quote on "was", not on the cue; the
    nearest cue of the sentence with a subject is taken, and the quote is its quoted words."""
    doc = parsed(
        "When Ann spoke, it was “fake news from the left”.",
        _ANN_SPOKE
        + """
         6 “      8 punct PUNCT
         7 fake   8 amod  ADJ
         8 news   5 attr  NOUN
         9 from   8 prep  ADP
        10 the   11 det   DET
        11 left   9 pobj  NOUN
        12 ”      8 punct PUNCT
        13 .      5 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("partial", "fake news from the left", "spoke", "Ann")


def test_nearest_cue_of_the_sentence_is_taken():
    """`When Ann spoke and Bob replied, it was “…”`: Bob's cue is the nearer."""
    doc = parsed(
        "When Ann spoke and Bob replied, it was “fake news from the left”.",
        """
         0 When    2 advmod SCONJ
         1 Ann     2 nsubj  PROPN ent=PERSON
         2 spoke   8 advcl  VERB lemma=speak
         3 and     2 cc     CCONJ
         4 Bob     5 nsubj  PROPN ent=PERSON
         5 replied 2 conj   VERB lemma=reply
         6 ,       8 punct  PUNCT
         7 it      8 nsubj  PRON
         8 was     8 ROOT   AUX  lemma=be
         9 “      11 punct  PUNCT
        10 fake   11 amod   ADJ
        11 news    8 attr   NOUN
        12 from   11 prep   ADP
        13 the    14 det    DET
        14 left   12 pobj   NOUN
        15 ”      11 punct  PUNCT
        16 .       8 punct  PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"), entity(doc, "Bob", id="E2"))
    assert (q.cue.text, q.speaker_name) == ("replied", "Bob")


def test_cue_of_the_sentence_more_than_120_characters_away_is_not_the_quotes():
    filler = "with" + " very" * 24 + " many"  # 26 words: 128 characters between "spoke" and the quote
    words = filler.split()
    text = f"When Ann spoke {filler}, it was “fake news from the left”."
    n = len(words)
    rows = "\n".join(
        [
            "0 When 2 advmod SCONJ",
            "1 Ann 2 nsubj PROPN ent=PERSON",
            f"2 spoke {n + 5} advcl VERB lemma=speak",
            "3 with 2 prep ADP",
            *(f"{4 + k} very {3 + n - 1} advmod ADV" for k in range(n - 2)),
            f"{3 + n - 1} many 3 pobj ADJ",
            f"{3 + n} , {n + 5} punct PUNCT",
            f"{4 + n} it {n + 5} nsubj PRON",
            f"{5 + n} was {n + 5} ROOT AUX lemma=be",
            f"{6 + n} “ {8 + n} punct PUNCT",
            f"{7 + n} fake {8 + n} amod ADJ",
            f"{8 + n} news {n + 5} attr NOUN",
            f"{9 + n} from {8 + n} prep ADP",
            f"{10 + n} the {11 + n} det DET",
            f"{11 + n} left {9 + n} pobj NOUN",
            f"{12 + n} ” {8 + n} punct PUNCT",
            f"{13 + n} . {n + 5} punct PUNCT",
        ]
    )
    doc = parsed(text, rows)
    assert text.index("“") - text.index("spoke") > 120
    assert [(q.text, q.cue) for q in quotes(doc, entity(doc, "Ann"))] == [("fake news from the left", None)]


def test_parenthetical_cue_on_the_quotes_clause_is_its_cue():
    """`Trump, Sexton said, has created a “crisis of confidence”.`: the cue is a parenthesis (`parataxis`) on the
    clause the quote hangs on."""
    doc = parsed(
        "Trump, Sexton said, has created a “crisis of confidence”.",
        """
         0 Trump       6 nsubj     PROPN ent=PERSON
         1 ,           3 punct     PUNCT
         2 Sexton      3 nsubj     PROPN ent=PERSON
         3 said        6 parataxis VERB lemma=say
         4 ,           3 punct     PUNCT
         5 has         6 aux       AUX  lemma=have
         6 created     6 ROOT      VERB lemma=create
         7 a           9 det       DET
         8 “           9 punct     PUNCT
         9 crisis      6 dobj      NOUN
        10 of          9 prep      ADP
        11 confidence 10 pobj      NOUN
        12 ”           6 punct     PUNCT
        13 .           6 punct     PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Trump"), entity(doc, "Sexton", id="E2"))
    assert described(q) == ("partial", "crisis of confidence", "said", "Sexton")


def test_quote_in_an_according_to_phrase_has_it_for_cue():
    """`…, according to “official figures from the bank”.`: the quote hangs on "according to"."""
    doc = parsed(
        "The economy grew, according to “official figures from the bank”.",
        """
         0 The        1 det   DET
         1 economy    2 nsubj NOUN
         2 grew       2 ROOT  VERB lemma=grow
         3 ,          2 punct PUNCT
         4 according  2 prep  VERB lemma=accord
         5 to         4 prep  ADP
         6 “          8 punct PUNCT
         7 official   8 amod  ADJ
         8 figures    5 pobj  NOUN
         9 from       8 prep  ADP
        10 the       11 det   DET
        11 bank       9 pobj  NOUN
        12 ”          8 punct PUNCT
        13 .          2 punct PUNCT
        """,
    )
    assert [q.cue.text for q in quotes(doc) if q.kind != "indirect"] == ["according to"]


def test_according_to_elsewhere_in_the_sentence_is_the_quotes_cue():
    """`According to Ann, it was “fake news from the left”.`"""
    doc = parsed(
        "According to Ann, it was “fake news from the left”.",
        """
         0 According  5 prep  VERB lemma=accord
         1 to         0 prep  ADP
         2 Ann        1 pobj  PROPN ent=PERSON
         3 ,          5 punct PUNCT
         4 it         5 nsubj PRON
         5 was        5 ROOT  AUX  lemma=be
         6 “          8 punct PUNCT
         7 fake       8 amod  ADJ
         8 news       5 attr  NOUN
         9 from       8 prep  ADP
        10 the       11 det   DET
        11 left       9 pobj  NOUN
        12 ”          8 punct PUNCT
        13 .          5 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert (q.kind, q.cue.text, q.speaker_name) == ("partial", "According to", "Ann")


def test_syntactic_cue_nearest_the_quote_in_the_parse_wins():
    """`Ann said it was “all over now,” Bob said.` with "now" hung on Bob's "said": one step from the quote, where
    Ann's "said" is two."""
    doc = parsed(
        "Ann said it was “all over now,” Bob said.",
        """
         0 Ann   1 nsubj     PROPN ent=PERSON
         1 said  1 ROOT      VERB lemma=say
         2 it    3 nsubj     PRON
         3 was   1 ccomp     AUX  lemma=be
         4 “     3 punct     PUNCT
         5 all   6 advmod    ADV
         6 over  3 acomp     ADV
         7 now  11 advmod    ADV
         8 ,    11 punct     PUNCT
         9 ”    11 punct     PUNCT
        10 Bob  11 nsubj     PROPN ent=PERSON
        11 said  1 parataxis VERB lemma=say
        12 .     1 punct     PUNCT
        """,
    )
    marked = [q for q in quotes(doc, entity(doc, "Ann"), entity(doc, "Bob", id="E2")) if q.verbatim]
    assert [(q.cue.text, q.speaker_name) for q in marked] == [("said", "Bob")]


def test_syntactic_cue_is_at_most_six_heads_above_the_quote():
    """A cue seven heads above the quote (`Ann said Bob hoped Cy knew Dee felt Eve thought Fay guessed Gus was
    “…”`) is too far up the parse to be the quote's."""
    doc = parsed(
        "Ann said Bob hoped Cy knew Dee felt Eve thought Fay guessed Gus was “very angry about it all”.",
        """
         0 Ann      1 nsubj PROPN ent=PERSON
         1 said     1 ROOT  VERB lemma=say
         2 Bob      3 nsubj PROPN
         3 hoped    1 ccomp VERB lemma=hope
         4 Cy       5 nsubj PROPN
         5 knew     3 ccomp VERB lemma=know
         6 Dee      7 nsubj PROPN
         7 felt     5 ccomp VERB lemma=feel
         8 Eve      9 nsubj PROPN
         9 thought  7 ccomp VERB lemma=think
        10 Fay     11 nsubj PROPN
        11 guessed  9 ccomp VERB lemma=guess
        12 Gus     13 nsubj PROPN
        13 was     11 ccomp AUX  lemma=be
        14 “       16 punct PUNCT
        15 very    16 advmod ADV
        16 angry   13 acomp ADJ
        17 about   16 prep  ADP
        18 it      17 pobj  PRON
        19 all     18 appos DET
        20 ”       16 punct PUNCT
        21 .        1 punct PUNCT
        """,
    )
    marked = [q for q in quotes(doc, entity(doc, "Ann")) if q.kind != "indirect"]
    assert [(q.text, q.cue) for q in marked] == [("very angry about it all", None)]


def test_cue_inside_another_quote_is_not_this_quotes():
    """`“We said no.” “It is over for good now.”` with the second quote hung on "said": that cue is quoted words."""
    doc = parsed(
        "“We said no.” “It is over for good now.”",
        """
         0 “     2 punct     PUNCT
         1 We    2 nsubj     PRON
         2 said  2 ROOT      VERB lemma=say
         3 no    2 dobj      INTJ
         4 .     2 punct     PUNCT
         5 ”     2 punct     PUNCT
         6 “     8 punct     PUNCT
         7 It    8 nsubj     PRON
         8 is    2 parataxis AUX  lemma=be
         9 over  8 advmod    ADV
        10 for   8 prep      ADP
        11 good 10 pobj      ADJ
        12 now   8 advmod    ADV
        13 .     8 punct     PUNCT
        14 ”     8 punct     PUNCT
        """,
    )
    assert [(q.text, q.cue) for q in quotes(doc)] == [("We said no.", None), ("It is over for good now.", None)]


def test_cue_elsewhere_is_not_taken_when_the_quote_belongs_to_a_clause_of_its_own():
    """`When Trump mentioned Clinton, the crowd reprised the chant “Lock her up now!”`: the quote hangs on
    "reprised", which has a subject of its own; "mentioned" is not its cue."""
    doc = parsed(
        "When Trump mentioned Clinton, the crowd reprised the chant “Lock her up now!”",
        """
         0 When       2 advmod SCONJ
         1 Trump      2 nsubj  PROPN ent=PERSON
         2 mentioned  7 advcl  VERB lemma=mention
         3 Clinton    2 dobj   PROPN ent=PERSON
         4 ,          7 punct  PUNCT
         5 the        6 det    DET
         6 crowd      7 nsubj  NOUN
         7 reprised   7 ROOT   VERB lemma=reprise
         8 the        9 det    DET
         9 chant      7 dobj   NOUN
        10 “         11 punct  PUNCT
        11 Lock       9 appos  VERB lemma=lock
        12 her       11 dobj   PRON
        13 up        11 prt    ADP
        14 now       11 advmod ADV
        15 !          7 punct  PUNCT
        16 ”          7 punct  PUNCT
        """,
    )
    assert quotes(doc, entity(doc, "Trump"), entity(doc, "Clinton", id="E2")) == []


def test_any_verb_with_a_speaker_right_after_a_quote_and_its_comma_is_the_cue():
    """`“We will not back down,” an angry Hollande retaliated.`: the news layout, whatever the verb."""
    doc = parsed(
        "“We will not back down,” an angry Hollande retaliated.",
        """
         0 “           4 punct PUNCT
         1 We          4 nsubj PRON
         2 will        4 aux   AUX
         3 not         4 neg   PART
         4 back        4 ROOT  VERB
         5 down        4 prt   ADP
         6 ,           4 punct PUNCT
         7 ”           4 punct PUNCT
         8 an         10 det   DET
         9 angry      10 amod  ADJ
        10 Hollande   11 nsubj PROPN ent=PERSON
        11 retaliated 11 ROOT  VERB lemma=retaliate
        12 .          11 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Hollande"))
    assert described(q) == ("direct", "We will not back down,", "retaliated", "Hollande")


def test_after_a_quote_without_a_comma_only_a_cue_will_do():
    """`“Four more years!” balloons cascaded from the ceiling.`: balloons say nothing."""
    doc = parsed(
        "“Four more years!” balloons cascaded from the ceiling.",
        """
         0 “         3 punct  PUNCT
         1 Four      3 nummod NUM
         2 more      3 amod   ADJ
         3 years     3 ROOT   NOUN
         4 !         3 punct  PUNCT
         5 ”         3 punct  PUNCT
         6 balloons  7 nsubj  NOUN
         7 cascaded  7 ROOT   VERB lemma=cascade
         8 from      7 prep   ADP
         9 the      10 det    DET
        10 ceiling   8 pobj   NOUN
        11 .         7 punct  PUNCT
        """,
    )
    assert [(q.text, q.cue, q.speaker_name) for q in quotes(doc)] == [("Four more years!", None, None)]


def test_cue_right_after_a_quote_with_no_mark_between_is_its_cue():
    """`Fans sang “We will win” Joey Salceda said.`: a capitalised word right after the closing mark starts the
    attribution even with no comma."""
    doc = parsed(
        "Fans sang “We will win” Joey Salceda said.",
        """
         0 Fans     1 nsubj    NOUN
         1 sang     1 ROOT     VERB lemma=sing
         2 “        5 punct    PUNCT
         3 We       5 nsubj    PRON
         4 will     5 aux      AUX
         5 win      1 ccomp    VERB
         6 ”        5 punct    PUNCT
         7 Joey     8 compound PROPN ent=PERSON
         8 Salceda  9 nsubj    PROPN ent=PERSON
         9 said     9 ROOT     VERB lemma=say
        10 .        9 punct    PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Joey Salceda"))
    assert described(q) == ("direct", "We will win", "said", "Joey Salceda")


@pytest.mark.parametrize(
    ("between", "row"), [(". ", "7 . 6 punct PUNCT"), ("\n", "7 \\n 9 dep SPACE")], ids=["full stop", "line break"]
)
def test_cue_after_a_quote_is_looked_for_only_up_to_the_end_of_the_sentence(between, row):
    """`“Go home!” Fans cheered. Ann said so.`: the "said" of the next sentence (or line) is not the quote's."""
    doc = parsed(
        f"“Go home!” Fans cheered{between}Ann said so.",
        f"""
         0 “       1 punct  PUNCT
         1 Go      1 ROOT   VERB
         2 home    1 advmod ADV
         3 !       1 punct  PUNCT
         4 ”       1 punct  PUNCT
         5 Fans    6 nsubj  NOUN
         6 cheered 6 ROOT   VERB lemma=cheer
         {row}
         8 Ann     9 nsubj  PROPN ent=PERSON
         9 said    9 ROOT   VERB lemma=say
        10 so      9 advmod ADV
        11 .       9 punct  PUNCT
        """,
    )
    assert [(q.text, q.cue) for q in quotes(doc, entity(doc, "Ann"))] == [("Go home!", None)]


def test_only_a_verb_after_a_quote_is_its_cue():
    """`“We won,” Ann Smith said.` with the name parsed as a compound: "Smith" would have a speaker ("Conway
    notes"), but only a verb is a cue."""
    doc = parsed(
        "“We won,” Ann Smith said.",
        """
        0 “     2 punct    PUNCT
        1 We    2 nsubj    PRON
        2 won   2 ROOT     VERB lemma=win
        3 ,     2 punct    PUNCT
        4 ”     2 punct    PUNCT
        5 Ann   6 compound PROPN ent=PERSON
        6 Smith 7 nsubj    PROPN ent=PERSON
        7 said  7 ROOT     VERB lemma=say
        8 .     7 punct    PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann Smith"))
    assert (q.cue.text, q.speaker_name) == ("said", "Ann Smith")


def test_verb_after_a_quote_needs_a_known_speaker_to_be_its_cue():
    """`“We won,” it seemed.`: "it" names nobody; "seemed" is no cue."""
    doc = parsed(
        "“We won,” it seemed.",
        """
        0 “      2 punct PUNCT
        1 We     2 nsubj PRON
        2 won    2 ROOT  VERB lemma=win
        3 ,      2 punct PUNCT
        4 ”      2 punct PUNCT
        5 it     6 nsubj PRON
        6 seemed 6 ROOT  VERB lemma=seem
        7 .      6 punct PUNCT
        """,
    )
    assert [(q.text, q.cue) for q in quotes(doc)] == [("We won,", None)]


def test_any_verb_with_a_speaker_right_before_a_quote_and_its_comma_is_the_cue():
    """`Hollande retaliated, “We will not back down.”`"""
    doc = parsed(
        "Hollande retaliated, “We will not back down.”",
        """
         0 Hollande   1 nsubj PROPN ent=PERSON
         1 retaliated 1 ROOT  VERB lemma=retaliate
         2 ,          1 punct PUNCT
         3 “          1 punct PUNCT
         4 We         7 nsubj PRON
         5 will       7 aux   AUX
         6 not        7 neg   PART
         7 back       1 ccomp VERB
         8 down       7 prt   ADP
         9 .          1 punct PUNCT
        10 ”          1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Hollande"))
    assert described(q) == ("direct", "We will not back down.", "retaliated", "Hollande")


def test_verb_before_a_quote_on_the_line_above_is_not_its_cue():
    """`Hollande retaliated,` then a line `“We will not back down.”`: the layout holds only on one line."""
    doc = parsed(
        "Hollande retaliated,\n“We will not back down.”",
        """
         0 Hollande   1 nsubj PROPN ent=PERSON
         1 retaliated 1 ROOT  VERB lemma=retaliate
         2 ,          1 punct PUNCT
         3 \\n        8 dep   SPACE
         4 “          8 punct PUNCT
         5 We         8 nsubj PRON
         6 will       8 aux   AUX
         7 not        8 neg   PART
         8 back       8 ROOT  VERB
         9 down       8 prt   ADP
        10 .          8 punct PUNCT
        11 ”          8 punct PUNCT
        """,
    )
    assert [(q.text, q.cue) for q in quotes(doc, entity(doc, "Hollande"))] == [("We will not back down.", None)]


@pytest.mark.parametrize(
    ("between", "row"), [(". ", "2 . 1 punct PUNCT"), ("\n", "2 \\n 8 dep SPACE")], ids=["full stop", "line break"]
)
def test_verb_before_a_quote_is_looked_for_only_back_to_the_start_of_the_sentence(between, row):
    """`Ann smiled. Then, “We all went home.”`: the verb of the sentence before is not the quote's cue."""
    doc = parsed(
        f"Ann smiled{between}Then, “We all went home.”",
        f"""
         0 Ann    1 nsubj  PROPN ent=PERSON
         1 smiled 1 ROOT   VERB lemma=smile
         {row}
         3 Then   8 advmod ADV
         4 ,      8 punct  PUNCT
         5 “      8 punct  PUNCT
         6 We     8 nsubj  PRON
         7 all    6 appos  PRON
         8 went   8 ROOT   VERB lemma=go
         9 home   8 advmod ADV
        10 .      8 punct  PUNCT
        11 ”      8 punct  PUNCT
        """,
    )
    assert [(q.text, q.cue) for q in quotes(doc, entity(doc, "Ann"))] == [("We all went home.", None)]


def test_only_a_verb_before_a_quote_is_its_cue():
    """`For Ann Smith, “it was a long fight.”` with the name parsed as a compound: no verb, no cue."""
    doc = parsed(
        "For Ann Smith, “it was a long fight.”",
        """
         0 For   6 prep     ADP
         1 Ann   2 compound PROPN ent=PERSON
         2 Smith 0 pobj     PROPN ent=PERSON
         3 ,     6 punct    PUNCT
         4 “     6 punct    PUNCT
         5 it    6 nsubj    PRON
         6 was   6 ROOT     AUX  lemma=be
         7 a     9 det      DET
         8 long  9 amod     ADJ
         9 fight 6 attr     NOUN
        10 .     6 punct    PUNCT
        11 ”     6 punct    PUNCT
        """,
    )
    assert [(q.text, q.cue) for q in quotes(doc, entity(doc, "Ann Smith"))] == [("it was a long fight.", None)]


def test_cue_of_the_sentence_after_the_closing_mark_is_the_quotes():
    """`“Is it over?” she asked.`: the question mark ended the parser's sentence, not the quote's; "she" names
    nobody here, so the cue is found in that next sentence."""
    doc = parsed(
        "“Is it over?” she asked.",
        """
        0 “     1 punct  PUNCT
        1 Is    1 ROOT   AUX  lemma=be
        2 it    1 nsubj  PRON
        3 over  1 advmod ADP
        4 ?     1 punct  PUNCT
        5 ”     1 punct  PUNCT
        6 she   7 nsubj  PRON
        7 asked 7 ROOT   VERB lemma=ask
        8 .     7 punct  PUNCT
        """,
    )
    assert [(q.text, q.cue.text if q.cue else None) for q in quotes(doc)] == [("Is it over?", "asked")]


def test_cue_with_no_subject_at_all_in_the_quotes_sentence_is_not_its_cue():
    """`The reported “deal of the century” collapsed.`: "reported" says nothing of who speaks."""
    doc = parsed(
        "The reported “deal of the century” collapsed.",
        """
        0 The       3 det   DET
        1 reported  3 amod  VERB lemma=report tag=VBN
        2 “         3 punct PUNCT
        3 deal      8 nsubj NOUN
        4 of        3 prep  ADP
        5 the       6 det   DET
        6 century   4 pobj  NOUN
        7 ”         3 punct PUNCT
        8 collapsed 8 ROOT  VERB lemma=collapse
        9 .         8 punct PUNCT
        """,
    )
    assert quotes(doc) == []


_POTTS = """
     6 \\n     10 dep   SPACE
     7 “      10 punct PUNCT
     8 We     10 nsubj PRON
     9 all     8 appos PRON
    10 want   10 ROOT  VERB
    11 change 10 dobj  NOUN
    12 now    10 advmod ADV
    13 .      10 punct PUNCT
    14 ”      10 punct PUNCT
"""


def test_any_verb_with_a_speaker_before_a_colon_introduces_the_quote_after_it():
    """`Jared Potts put it simply:` then a line `“We all want change now.”`"""
    doc = parsed(
        "Jared Potts put it simply:\n“We all want change now.”",
        """
        0 Jared  1 compound PROPN ent=PERSON
        1 Potts  2 nsubj    PROPN ent=PERSON
        2 put    2 ROOT     VERB
        3 it     2 dobj     PRON
        4 simply 2 advmod   ADV
        5 :      2 punct    PUNCT
        """
        + _POTTS,
    )
    [q] = quotes(doc, entity(doc, "Jared Potts"))
    assert described(q) == ("direct", "We all want change now.", "put", "Jared Potts")


def test_verb_before_a_colon_needs_a_known_speaker_to_introduce_the_quote():
    """`It was simple:` then `“We all want change now.”`: "it" names nobody."""
    doc = parsed(
        "It was simple:\n“We all want change now.”",
        """
        0 It     1 nsubj PRON
        1 was    1 ROOT  AUX  lemma=be
        2 simple 1 acomp ADJ
        3 :      1 punct PUNCT
         4 \\n     8 dep   SPACE
         5 “      8 punct PUNCT
         6 We     8 nsubj PRON
         7 all    6 appos PRON
         8 want   8 ROOT  VERB
         9 change 8 dobj  NOUN
        10 now    8 advmod ADV
        11 .      8 punct PUNCT
        12 ”      8 punct PUNCT
        """,
    )
    assert [(q.text, q.cue) for q in quotes(doc)] == [("We all want change now.", None)]


def test_last_verb_before_the_colon_introduces_the_quote():
    """`Ann listened as Bob put it:` then `“We all want change now.”`: Bob's words."""
    doc = parsed(
        "Ann listened as Bob put it:\n“We all want change now.”",
        """
         0 Ann      1 nsubj  PROPN ent=PERSON
         1 listened 1 ROOT   VERB lemma=listen
         2 as       4 mark   SCONJ
         3 Bob      4 nsubj  PROPN ent=PERSON
         4 put      1 advcl  VERB
         5 it       4 dobj   PRON
         6 :        1 punct  PUNCT
         7 \\n     11 dep    SPACE
         8 “       11 punct  PUNCT
         9 We      11 nsubj  PRON
        10 all      9 appos  PRON
        11 want    11 ROOT   VERB
        12 change  11 dobj   NOUN
        13 now     11 advmod ADV
        14 .       11 punct  PUNCT
        15 ”       11 punct  PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"), entity(doc, "Bob", id="E2"))
    assert (q.cue.text, q.speaker_name) == ("put", "Bob")


_DNC_QUOTE = """
     9 \\n      20 dep   SPACE
    10 “        20 punct PUNCT
    11 On       20 prep  ADP
    12 behalf   11 pobj  NOUN
    13 of       12 prep  ADP
    14 everyone 13 pobj  PRON
    15 at       14 prep  ADP
    16 the      17 det   DET
    17 DNC      15 pobj  PROPN ent=ORG
    18 ,        20 punct PUNCT
    19 we       20 nsubj PRON
    20 apologise 20 ROOT VERB
    21 .        20 punct PUNCT
    22 ”        20 punct PUNCT
"""


def test_quote_opening_a_paragraph_is_introduced_by_a_cue_ending_the_paragraph_before():
    """`The DNC issued a statement apologizing to Sanders.` then `“On behalf of everyone at the DNC, …”`"""
    doc = parsed(
        "The DNC issued a statement apologizing to Sanders.\n“On behalf of everyone at the DNC, we apologise.”",
        """
        0 The         1 det   DET
        1 DNC         2 nsubj PROPN ent=ORG
        2 issued      2 ROOT  VERB lemma=issue
        3 a           4 det   DET
        4 statement   2 dobj  NOUN
        5 apologizing 4 acl   VERB lemma=apologize
        6 to          5 prep  ADP
        7 Sanders     6 pobj  PROPN ent=PERSON
        8 .           2 punct PUNCT
        """
        + _DNC_QUOTE,
    )
    [q] = quotes(doc, entity(doc, "DNC", type="ORG"), entity(doc, "Sanders", id="E2"))
    assert (q.kind, q.cue.text, q.speaker_name) == ("direct", "issued", "DNC")


def test_paragraph_before_with_a_quote_of_its_own_introduces_nothing():
    """`Ann said “we won” today.` then `“It was a long and hard fight.”`: the second quote goes on from the first
    (see the conventions below) rather than taking its cue."""
    doc = parsed(
        "Ann said “we won” today.\n“It was a long and hard fight.”",
        """
         0 Ann   1 nsubj    PROPN ent=PERSON
         1 said  1 ROOT     VERB lemma=say
         2 “     4 punct    PUNCT
         3 we    4 nsubj    PRON
         4 won   1 ccomp    VERB lemma=win
         5 ”     4 punct    PUNCT
         6 today 1 npadvmod NOUN
         7 .     1 punct    PUNCT
         8 \\n  11 dep      SPACE
         9 “    11 punct    PUNCT
        10 It   11 nsubj    PRON
        11 was  11 ROOT     AUX  lemma=be
        12 a    16 det      DET
        13 long 16 amod     ADJ
        14 and  13 cc       CCONJ
        15 hard 13 conj     ADJ
        16 fight 11 attr    NOUN
        17 .    11 punct    PUNCT
        18 ”    11 punct    PUNCT
        """,
    )
    qs = quotes(doc, entity(doc, "Ann"))
    assert [(q.text, q.cue.text if q.cue else None, q.speaker_name) for q in qs] == [
        ("“we won”", "said", "Ann"),
        ("It was a long and hard fight.", None, "Ann"),
    ]


def test_cue_of_the_sentence_before_introduces_only_a_quote_that_opens_its_paragraph():
    """`Trump issued a statement. “Lock her up now!”`: mid-paragraph, the sentence before is no introduction."""
    doc = parsed(
        "Trump issued a statement. “Lock her up now!”",
        """
         0 Trump     1 nsubj  PROPN ent=PERSON
         1 issued    1 ROOT   VERB lemma=issue
         2 a         3 det    DET
         3 statement 1 dobj   NOUN
         4 .         1 punct  PUNCT
         5 “         6 punct  PUNCT
         6 Lock      6 ROOT   VERB lemma=lock
         7 her       6 dobj   PRON
         8 up        6 prt    ADP
         9 now       6 advmod ADV
        10 !         6 punct  PUNCT
        11 ”         6 punct  PUNCT
        """,
    )
    assert [(q.text, q.speaker_name) for q in quotes(doc, entity(doc, "Trump"))] == [("Lock her up now!", None)]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("Saturday Night Live", True),
        ("Meet the Press.", True),
        ("The Lord of the Rings", True),
        ("Catch-22 and 1984", True),
        ("Four More Years For Us All Now", False),  # seven words: a sentence, capitalised or not
        ("Make America Great Again!", False),  # an exclamation: said, not a title
        ("Are You Ready?", False),
        ("We will win", False),
    ],
)
def test_what_looks_like_a_name_or_title(content, name):
    assert _looks_like_a_name(content) is name


# ---------------------------------------------------------------------------------------------------------------
# Indirect speech (indirect.py) and reported clauses (clauses.py)


def test_indirect_speech_is_the_complement_of_a_reporting_verb_without_its_that():
    doc = parsed(
        "Ann said that the bridge would reopen.",
        """
        0 Ann    1 nsubj PROPN ent=PERSON
        1 said   1 ROOT  VERB lemma=say
        2 that   6 mark  SCONJ
        3 the    4 det   DET
        4 bridge 6 nsubj NOUN
        5 would  6 aux   AUX
        6 reopen 1 ccomp VERB
        7 .      1 punct PUNCT
        """,
    )
    assert [described(q) for q in quotes(doc, entity(doc, "Ann"))] == [
        ("indirect", "the bridge would reopen", "said", "Ann")
    ]


def test_indirect_speech_needs_a_verb_that_reports_a_claim():
    """`Ann urged that the bridge reopen soon.`: "urge" is a cue for quotes but reports no claim."""
    doc = parsed(
        "Ann urged that the bridge reopen soon.",
        """
        0 Ann    1 nsubj  PROPN ent=PERSON
        1 urged  1 ROOT   VERB lemma=urge
        2 that   5 mark   SCONJ
        3 the    4 det    DET
        4 bridge 5 nsubj  NOUN
        5 reopen 1 ccomp  VERB
        6 soon   5 advmod ADV
        7 .      1 punct  PUNCT
        """,
    )
    assert quotes(doc, entity(doc, "Ann")) == []


def test_indirect_speech_needs_a_clausal_complement():
    """`Ann promised to fix the roads soon.`: an `xcomp` is what Ann will do, not what she said."""
    doc = parsed(
        "Ann promised to fix the roads soon.",
        """
        0 Ann      1 nsubj  PROPN ent=PERSON
        1 promised 1 ROOT   VERB lemma=promise
        2 to       3 aux    PART
        3 fix      1 xcomp  VERB
        4 the      5 det    DET
        5 roads    3 dobj   NOUN
        6 soon     3 advmod ADV
        7 .        1 punct  PUNCT
        """,
    )
    assert quotes(doc, entity(doc, "Ann")) == []


def test_indirect_speech_is_at_least_three_words():
    """`Ann said it rained.`: two words are too few to stand as what was said."""
    doc = parsed(
        "Ann said it rained.",
        """
        0 Ann    1 nsubj PROPN ent=PERSON
        1 said   1 ROOT  VERB lemma=say
        2 it     3 nsubj PRON
        3 rained 1 ccomp VERB lemma=rain
        4 .      1 punct PUNCT
        """,
    )
    assert quotes(doc, entity(doc, "Ann")) == []


def test_complement_introduced_by_because_is_no_speech():
    """`Ann complained because the trains were late.` parsed as a `ccomp`: a misparsed adverbial clause."""
    doc = parsed(
        "Ann complained because the trains were late.",
        """
        0 Ann        1 nsubj PROPN ent=PERSON
        1 complained 1 ROOT  VERB lemma=complain
        2 because    5 mark  SCONJ
        3 the        4 det   DET
        4 trains     5 nsubj NOUN
        5 were       1 ccomp AUX  lemma=be
        6 late       5 acomp ADJ
        7 .          1 punct PUNCT
        """,
    )
    assert quotes(doc, entity(doc, "Ann")) == []


def test_complement_introduced_by_whether_is_speech():
    doc = parsed(
        "Ann asked whether the trains were late.",
        """
        0 Ann     1 nsubj PROPN ent=PERSON
        1 asked   1 ROOT  VERB lemma=ask
        2 whether 5 mark  SCONJ
        3 the     4 det   DET
        4 trains  5 nsubj NOUN
        5 were    1 ccomp AUX  lemma=be
        6 late    5 acomp ADJ
        7 .       1 punct PUNCT
        """,
    )
    assert [described(q) for q in quotes(doc, entity(doc, "Ann"))] == [
        ("indirect", "the trains were late", "asked", "Ann")
    ]


def test_reporting_verb_with_no_subject_reports_nobody():
    """`Explain that the plan has failed.`: nobody to attribute it to."""
    doc = parsed(
        "Explain that the plan has failed.",
        """
        0 Explain 0 ROOT  VERB lemma=explain
        1 that    5 mark  SCONJ
        2 the     3 det   DET
        3 plan    5 nsubj NOUN
        4 has     5 aux   AUX  lemma=have
        5 failed  0 ccomp VERB lemma=fail
        6 .       0 punct PUNCT
        """,
    )
    assert quotes(doc) == []


def test_according_to_before_the_clause_reports_the_rest_of_the_sentence():
    doc = parsed(
        "According to police, the man fled.",
        """
        0 According 6 prep  VERB lemma=accord
        1 to        0 prep  ADP
        2 police    1 pobj  NOUN
        3 ,         6 punct PUNCT
        4 the       5 det   DET
        5 man       6 nsubj NOUN
        6 fled      6 ROOT  VERB lemma=flee
        7 .         6 punct PUNCT
        """,
    )
    assert [described(q) for q in quotes(doc)] == [("indirect", "the man fled", "According to", "police")]


def test_according_to_after_the_clause_reports_the_sentence_before_it():
    doc = parsed(
        "The man fled, according to police.",
        """
        0 The       1 det   DET
        1 man       2 nsubj NOUN
        2 fled      2 ROOT  VERB lemma=flee
        3 ,         2 punct PUNCT
        4 according 2 prep  VERB lemma=accord
        5 to        4 prep  ADP
        6 police    5 pobj  NOUN
        7 .         2 punct PUNCT
        """,
    )
    assert [described(q) for q in quotes(doc)] == [("indirect", "The man fled", "according to", "police")]


def test_according_to_with_nothing_else_in_its_sentence_reports_nothing():
    doc = parsed(
        "According to police.",
        """
        0 According 0 ROOT  VERB lemma=accord
        1 to        0 prep  ADP
        2 police    1 pobj  NOUN
        3 .         0 punct PUNCT
        """,
    )
    assert quotes(doc) == []


def test_reported_clause_is_not_the_subject_of_the_cue():
    """`reported_clause(cue, word)`: a word under the cue's subject (or aux, mark, punctuation…) is in no clause
    the cue reports."""
    doc = parsed(
        "Ann said it failed.",
        """
        0 Ann    1 nsubj PROPN
        1 said   1 ROOT  VERB lemma=say
        2 it     3 nsubj PRON
        3 failed 1 ccomp VERB lemma=fail
        4 .      1 punct PUNCT
        """,
    )
    assert reported_clause(doc[1], doc[0]) is None
    assert reported_clause(doc[1], doc[2]) == (9, 18)


def test_trim_drops_edge_punctuation_and_a_leading_that_mark_but_not_that_the_determiner():
    doc = parsed(
        "; that that plan failed ,",
        """
        0 ;      4 punct PUNCT
        1 that   4 mark  SCONJ
        2 that   3 det   DET
        3 plan   4 nsubj NOUN
        4 failed 4 ROOT  VERB lemma=fail
        5 ,      4 punct PUNCT
        """,
    )
    start, end = trim(doc, 0, len(doc))
    assert doc.text[start:end] == "that plan failed"


def test_trim_keeps_a_quotation_mark_whose_partner_is_inside_and_drops_one_whose_partner_is_not():
    doc = parsed(
        'it was "dead"',
        """
        0 it   1 nsubj PRON
        1 was  1 ROOT  AUX  lemma=be
        2 "    3 punct PUNCT
        3 dead 1 acomp ADJ
        4 "    3 punct PUNCT
        """,
    )
    start, end = trim(doc, 0, len(doc))
    assert doc.text[start:end] == 'it was "dead"'
    start, end = trim(doc, 2, 4)  # `"dead`: the closing mark is outside
    assert doc.text[start:end] == "dead"


def test_balance_marks_takes_in_the_closing_mark_of_a_quote_the_span_opens():
    text = "It is “ongoing.” Then"
    end = text.index("ongoing") + len("ongoing")
    assert balance_marks(text, 0, end) == (0, text.index("”") + 1)
    assert balance_marks(text, 0, 5) == (0, 5)


# ---------------------------------------------------------------------------------------------------------------
# Article conventions (find_quotes)


def test_reported_speech_that_holds_a_quote_is_not_a_second_quote():
    """`Ann said the plan was “dead in the water”.`: one partial quote, not also an indirect one over it."""
    doc = parsed(
        "Ann said the plan was “dead in the water”.",
        """
         0 Ann   1 nsubj PROPN ent=PERSON
         1 said  1 ROOT  VERB lemma=say
         2 the   3 det   DET
         3 plan  4 nsubj NOUN
         4 was   1 ccomp AUX  lemma=be
         5 “     6 punct PUNCT
         6 dead  4 acomp ADJ
         7 in    6 prep  ADP
         8 the   9 det   DET
         9 water 7 pobj  NOUN
        10 ”     6 punct PUNCT
        11 .     1 punct PUNCT
        """,
    )
    assert [described(q) for q in quotes(doc, entity(doc, "Ann"))] == [
        ("partial", "the plan was “dead in the water”", "said", "Ann")
    ]


def test_overlap_with_a_long_quote_that_starts_before_a_short_one():
    """The spans taken so far are sorted by start: an indirect quote inside a long partial quote overlaps it even
    where a later, shorter quote lies between them."""
    taken = [(0, 100), (10, 20)]
    assert _overlaps(Found(50, 80, "indirect"), taken)
    assert not _overlaps(Found(100, 120, "indirect"), taken)
    assert _overlaps(Found(15, 18, "indirect"), taken)


def test_quoted_words_in_one_reported_clause_make_one_partial_quote():
    """`Ann denounced “profane” and “sexist” attacks.`"""
    doc = parsed(
        "Ann denounced “profane” and “sexist” attacks.",
        """
         0 Ann       1 nsubj PROPN ent=PERSON
         1 denounced 1 ROOT  VERB lemma=denounce
         2 “         3 punct PUNCT
         3 profane   9 amod  ADJ
         4 ”         3 punct PUNCT
         5 and       3 cc    CCONJ
         6 “         7 punct PUNCT
         7 sexist    3 conj  ADJ
         8 ”         7 punct PUNCT
         9 attacks   1 dobj  NOUN
        10 .         1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("partial", "“profane” and “sexist” attacks", "denounced", "Ann")
    assert [v.text for v in q.verbatim] == ["profane", "sexist"]


def _long_fight(first: int, root: int) -> str:
    """Rows of `“It was a long fight.”` from token `first`, whose root "was" is token `root`."""
    words = [("“", root, "punct", "PUNCT"), ("It", root, "nsubj", "PRON"), ("was", root, "ROOT", "AUX")]
    words += [("a", root + 3, "det", "DET"), ("long", root + 3, "amod", "ADJ"), ("fight", root, "attr", "NOUN")]
    words += [(".", root, "punct", "PUNCT"), ("”", root, "punct", "PUNCT")]
    return "\n".join(f"{first + k} {w} {h} {d} {p}" for k, (w, h, d, p) in enumerate(words))


def test_quote_with_no_cue_goes_on_from_a_quote_before_it_in_its_paragraph():
    """`“We won,” Ann said. “It was a long fight.”`"""
    doc = parsed("“We won,” Ann said. “It was a long fight.”", _WE_WON + _long_fight(8, 10))
    assert [q.speaker_name for q in quotes(doc, entity(doc, "Ann"))] == ["Ann", "Ann"]


def test_quote_with_no_cue_that_opens_a_paragraph_goes_on_from_the_quote_before():
    """`“We won,” Ann said.` then a paragraph `“It was a long fight.”`"""
    doc = parsed("“We won,” Ann said.\n“It was a long fight.”", _WE_WON + "8 \\n 11 dep SPACE\n" + _long_fight(9, 11))
    assert [q.speaker_name for q in quotes(doc, entity(doc, "Ann"))] == ["Ann", "Ann"]


def test_continued_quote_carries_the_speaker_on_to_the_next_paragraph():
    """Three paragraphs of quotes after one attribution: each goes on from the one before."""
    doc = parsed(
        "“We won,” Ann said.\n“It was a long fight.”\n“It was a long fight.”",
        _WE_WON + "8 \\n 11 dep SPACE\n" + _long_fight(9, 11) + "\n17 \\n 20 dep SPACE\n" + _long_fight(18, 20),
    )
    assert [q.speaker_name for q in quotes(doc, entity(doc, "Ann"))] == ["Ann", "Ann", "Ann"]


def test_quote_running_on_into_the_next_paragraph_carries_its_speaker_through_that_paragraph():
    """`Ann said: “We will fight on,` runs on (the next paragraph opens with a mark): a later uncued quote of that
    paragraph is still Ann's, though it does not open the paragraph."""
    doc = parsed(
        "Ann said: “We will fight on,\n“Yes.” The room fell silent. “It was a long fight.”",
        """
         0 Ann    1 nsubj  PROPN ent=PERSON
         1 said   1 ROOT   VERB lemma=say
         2 :      1 punct  PUNCT
         3 “      1 punct  PUNCT
         4 We     6 nsubj  PRON
         5 will   6 aux    AUX
         6 fight  1 ccomp  VERB
         7 on     6 prt    ADP
         8 ,      6 punct  PUNCT
         9 \\n   11 dep    SPACE
        10 “     11 punct  PUNCT
        11 Yes   11 ROOT   INTJ
        12 .     11 punct  PUNCT
        13 ”     11 punct  PUNCT
        14 The   15 det    DET
        15 room  16 nsubj  NOUN
        16 fell  16 ROOT   VERB lemma=fall
        17 silent 16 acomp ADJ
        18 .     16 punct  PUNCT
        """
        + _long_fight(19, 21),
    )
    assert [(q.text, q.speaker_name) for q in quotes(doc, entity(doc, "Ann"))] == [
        ("We will fight on,", "Ann"),
        ("It was a long fight.", "Ann"),
    ]


def test_cued_quote_with_no_known_speaker_ends_the_continuation():
    """`“We won,” Ann said. “We lost,” he said. “It was a long fight.”` with "he" resolved to nobody: the last
    quote goes on from his, and so has no speaker, rather than from Ann's."""
    doc = parsed(
        "“We won,” Ann said. “We lost,” he said. “It was a long fight.”",
        _WE_WON
        + """
         8 “     14 punct PUNCT
         9 We    10 nsubj PRON
        10 lost  14 ccomp VERB lemma=lose
        11 ,     14 punct PUNCT
        12 ”     14 punct PUNCT
        13 he    14 nsubj PRON
        14 said  14 ROOT  VERB lemma=say
        15 .     14 punct PUNCT
        """
        + "\n"
        + _long_fight(16, 18),
    )
    assert [q.speaker_name for q in quotes(doc, entity(doc, "Ann"))] == ["Ann", None, None]


def test_reported_speech_is_placed_in_its_paragraph_for_the_quotes_after_it():
    """`Vote` then `Ann said that the bridge would reopen soon. “It will be a great day.”`: the quote goes on from
    the reported speech of its own paragraph (the second)."""
    doc = parsed(
        "Vote\nAnn said that the bridge would reopen soon. “It will be a great day.”",
        """
         0 Vote    0 ROOT   NOUN
         1 \\n     1 ROOT   SPACE
         2 Ann     3 nsubj  PROPN ent=PERSON
         3 said    3 ROOT   VERB lemma=say
         4 that    8 mark   SCONJ
         5 the     6 det    DET
         6 bridge  8 nsubj  NOUN
         7 would   8 aux    AUX
         8 reopen  3 ccomp  VERB
         9 soon    8 advmod ADV
        10 .       3 punct  PUNCT
        11 “      14 punct  PUNCT
        12 It     14 nsubj  PRON
        13 will   14 aux    AUX
        14 be     14 ROOT   AUX
        15 a      17 det    DET
        16 great  17 amod   ADJ
        17 day    14 attr   NOUN
        18 .      14 punct  PUNCT
        19 ”      14 punct  PUNCT
        """,
    )
    qs = quotes(doc, entity(doc, "Ann"))
    assert [(q.kind, q.speaker_name) for q in qs] == [("indirect", "Ann"), ("direct", "Ann")]


def test_quote_hung_on_a_cue_inside_another_quote_still_finds_a_cue_of_its_sentence():
    """`“Ann said no.” “It is over for good now” when Bob spoke.` with the second quote hung on the quoted "said":
    a cue verb above the quote does not make the quote belong to a clause of its own (only a verb that is no cue
    does), so the cue of its sentence, "spoke", is still found."""
    doc = parsed(
        "“Ann said no.” “It is over for good now” when Bob spoke.",
        """
         0 “     2 punct     PUNCT
         1 Ann   2 nsubj     PROPN ent=PERSON
         2 said  2 ROOT      VERB lemma=say
         3 no    2 dobj      INTJ
         4 .     2 punct     PUNCT
         5 ”     2 punct     PUNCT
         6 “     8 punct     PUNCT
         7 It    8 nsubj     PRON
         8 is    2 parataxis AUX  lemma=be
         9 over  8 advmod    ADV
        10 for   8 prep      ADP
        11 good 10 pobj      ADJ
        12 now   8 advmod    ADV
        13 ”     8 punct     PUNCT
        14 when 16 advmod    SCONJ
        15 Bob  16 nsubj     PROPN ent=PERSON
        16 spoke 8 advcl     VERB lemma=speak
        17 .     2 punct     PUNCT
        """,
    )
    qs = quotes(doc, entity(doc, "Ann"), entity(doc, "Bob", id="E2"))
    second = next(q for q in qs if q.text == "It is over for good now")
    assert (second.cue.text, second.speaker_name) == ("spoke", "Bob")


def test_cue_ending_the_paragraph_before_needs_a_known_speaker_to_introduce_the_quote():
    """`He said so.` (nobody the entity layer knows) then `“We all want change now.”`"""
    doc = parsed(
        "He said so.\n“We all want change now.”",
        """
         0 He     1 nsubj  PRON
         1 said   1 ROOT   VERB lemma=say
         2 so     1 advmod ADV
         3 .      1 punct  PUNCT
         4 \\n    8 dep    SPACE
         5 “      8 punct  PUNCT
         6 We     8 nsubj  PRON
         7 all    6 appos  PRON
         8 want   8 ROOT   VERB
         9 change 8 dobj   NOUN
        10 now    8 advmod ADV
        11 .      8 punct  PUNCT
        12 ”      8 punct  PUNCT
        """,
    )
    assert [(q.text, q.cue) for q in quotes(doc)] == [("We all want change now.", None)]


def test_capitalised_words_in_marks_that_are_only_the_subject_of_a_clause_outside_are_partial():
    """`Ann said “The plan and the budget” were wrong.`: the quoted subject's verb is outside the marks, so the
    quote is no clause of its own."""
    doc = parsed(
        "Ann said “The plan and the budget” were wrong.",
        """
         0 Ann    1 nsubj PROPN ent=PERSON
         1 said   1 ROOT  VERB lemma=say
         2 “      4 punct PUNCT
         3 The    4 det   DET
         4 plan   9 nsubj NOUN
         5 and    4 cc    CCONJ
         6 the    7 det   DET
         7 budget 4 conj  NOUN
         8 ”      4 punct PUNCT
         9 were   1 ccomp AUX  lemma=be
        10 wrong  9 acomp ADJ
        11 .      1 punct PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("partial", "“The plan and the budget” were wrong", "said", "Ann")


def test_partial_quote_hung_on_the_cue_through_a_preposition_takes_the_phrase():
    """`Ann spoke about “the need to act now”.`: the reported phrase is the preposition's."""
    doc = parsed(
        "Ann spoke about “the need to act now”.",
        """
         0 Ann   1 nsubj  PROPN ent=PERSON
         1 spoke 1 ROOT   VERB lemma=speak
         2 about 1 prep   ADP
         3 “     5 punct  PUNCT
         4 the   5 det    DET
         5 need  2 pobj   NOUN
         6 to    7 aux    PART
         7 act   5 acl    VERB
         8 now   7 advmod ADV
         9 ”     5 punct  PUNCT
        10 .     1 punct  PUNCT
        """,
    )
    [q] = quotes(doc, entity(doc, "Ann"))
    assert described(q) == ("partial", "about “the need to act now”", "spoke", "Ann")


def test_trim_drops_white_space_at_the_edges():
    doc = parsed(
        "the plan failed  ",
        """
        0 the    1 det   DET
        1 plan   2 nsubj NOUN
        2 failed 2 ROOT  VERB lemma=fail
        3 \\s     2 dep   SPACE
        """,
    )
    start, end = trim(doc, 0, len(doc))
    assert doc.text[start:end] == "the plan failed"


def test_one_clause_reported_by_two_according_tos_is_one_quote():
    """`According to police and according to witnesses, the man fled.`: both report "the man fled"."""
    doc = parsed(
        "According to police and according to witnesses, the man fled.",
        """
         0 According 10 prep  VERB lemma=accord
         1 to         0 prep  ADP
         2 police     1 pobj  NOUN
         3 and        0 cc    CCONJ
         4 according  0 conj  VERB lemma=accord
         5 to         4 prep  ADP
         6 witnesses  5 pobj  NOUN
         7 ,         10 punct PUNCT
         8 the        9 det   DET
         9 man       10 nsubj NOUN
        10 fled      10 ROOT  VERB lemma=flee
        11 .         10 punct PUNCT
        """,
    )
    assert [described(q) for q in quotes(doc)] == [("indirect", "the man fled", "According to", "police")]
