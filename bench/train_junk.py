"""Training contamination for the line model (`bench/train_lines.py`): clean articles with non-article lines put in.

Articles are the BBC articles of `bench/clean_dev.py`'s *train* split (none of clean_eval's draw) and the PolNeAR
*train* texts. Into each, with a seeded random generator, go lines of the kinds a flattened page leaves between
paragraphs, in wordings composed here from parts (so that no one phrasing dominates):

- other stories' headlines on lines of their own, one to three stacked, sometimes under a label line, with
  bullets, arrows or chevrons, with a reading time, a section or a time tag;
- photo captions and credits in agency formats ("… REUTERS/Jane Doe", "Photograph: Jane Doe/AP", "© AFP");
- reader-interface lines: listen, share, copy link, log in, subscribe, the app, the newsletter, comments;
- bylines and time stamps.

Article text that looks like junk goes in too, unmarked, so that the model does not learn "short line = junk":
subheadings made of the next paragraph's words, and paragraphs broken mid-sentence.

    .venv/bin/python bench/train_junk.py [--n 5] [--seed 11]    # prints a few generated articles
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
sys.path.insert(0, str(ROOT / "bench"))

SECTIONS = [
    "World",
    "Politics",
    "Business",
    "Sport",
    "Tech",
    "Science",
    "Health",
    "Opinion",
    "Culture",
    "Europe",
    "US news",
    "Asia",
    "Markets",
    "Climate",
    "Entertainment",
    "Local",
    "Analysis",
    "Video",
    "Live",
]
LABELS = [
    "{Related} {stories}",
    "More {from} {Section}",
    "{You} may also like",
    "{Top} {stories}",
    "Most {read}",
    "{Related}",
    "Recommended",
    "{Top} {stories} {today}",
    "{Editors} picks",
    "{Trending} now",
    "In other news",
    "What to read next",
    "{Related} {stories}:",
    "More on this {story}",
    "Latest {from} {Section}",
    "Don't miss",
    "Popular {today}",
    "Also in {Section}",
    "Elsewhere on the site",
    "Keep reading",
]
FILL = {
    "Related": ["Related", "RELATED", "Similar", "Linked"],
    "stories": ["stories", "articles", "coverage", "links", "content", "reads"],
    "from": ["from", "in", "on"],
    "You": ["You", "Readers"],
    "Top": ["Top", "Latest", "Featured", "Breaking"],
    "read": ["read", "popular", "viewed", "shared"],
    "today": ["today", "this week", "right now"],
    "Editors": ["Editors'", "Editor's", "Our"],
    "Trending": ["Trending", "Popular", "Hot"],
    "story": ["story", "topic", "subject"],
}
BULLETS = ["", "", "", "• ", "› ", "» ", "→ ", "▸ ", "- ", "* ", "> ", "◦ ", "■ ", "| "]
TAGS = [
    "{m} min read",
    "{m} min",
    "{m} minute read",
    "{h}h ago",
    "{h} hours ago",
    "{m} mins ago",
    "{Section}",
    "{SECTION}",
    "{Section} | {m} min read",
    "Updated {h}:{mm}",
    "{d} {Mon}",
    "Video",
    "{m}:{ss}",
    "Analysis",
    "Podcast",
    "LIVE",
    "Opinion",
    "({m} comments)",
    "{Mon} {d}, {y}",
]
AGENCY = [
    "Reuters",
    "AFP",
    "AP",
    "Getty Images",
    "EPA",
    "PA",
    "Bloomberg",
    "Shutterstock",
    "Alamy",
    "Xinhua",
    "AAP",
    "ANP",
    "dpa",
    "Anadolu Agency",
    "SOPA Images",
    "NurPhoto",
    "Sipa",
    "Pool",
    "File",
]
FIRST = [
    "Anna",
    "John",
    "Maria",
    "David",
    "Chen",
    "Ahmed",
    "Sophie",
    "Carlos",
    "Olga",
    "James",
    "Fatima",
    "Tom",
    "Elena",
    "Kevin",
    "Yuki",
    "Peter",
    "Laura",
    "Omar",
    "Grace",
    "Luca",
]
LAST = [
    "Smith",
    "Lamarque",
    "Garcia",
    "Novak",
    "Kim",
    "Haddad",
    "Muller",
    "Rossi",
    "Petrov",
    "Brown",
    "Okafor",
    "Tanaka",
    "Silva",
    "Jensen",
    "Walsh",
    "Nguyen",
    "Kowalski",
    "Reyes",
    "Ali",
    "Evans",
]
CAPTION_VERBS = [
    "speaks",
    "arrives",
    "gestures",
    "looks on",
    "walks",
    "waves",
    "is seen",
    "attends a meeting",
    "speaks to reporters",
    "pictured",
    "during a visit",
    "at a news conference",
    "at a rally",
    "leaves the building",
    "meets supporters",
    "during a press briefing",
    "holds a sign",
]
CAPTIONS = [
    "{who} {verb} in {place} on {date}. {AG}/{Ph}",
    "{who} {verb} in {place}, {date}. REUTERS/{Ph}",
    "{who} {verb} in {place}. Photograph: {Ph}/{AG}",
    "{who} {verb} in {place} ({AG})",
    "{who} {verb}. (Photo by {Ph}/{AG} via Getty Images)",
    "{who} {verb} on {date} in {place}.",
    "Photo: {Ph} / {AG}",
    "© {AG}",
    "{AG} photo",
    "Credit: {AG}",
    "Photo credit: {Ph}/{AG}",
    "{Ph}/{AG}",
    "{AG} / {Ph}",
    "File photo: {who} in {place}",
    "Image source, {AG}",
    "{who}. Picture: {AG}",
    "{place}, {date}: {who} {verb}.",
    "{who} ({AG}/{Ph})",
    "Pictured: {who} {verb} in {place}",
    "{AG} via Getty Images",
    "Photo illustration by {Ph}",
]
UI_VERBS = [
    "Listen to",
    "Share",
    "Save",
    "Copy",
    "Print",
    "Email",
    "Gift",
    "Read",
    "Download",
    "Subscribe to",
    "Sign up for",
    "Log in to",
    "Sign in to",
    "Follow",
    "Join",
    "Get",
    "Comment on",
    "Bookmark",
    "Watch",
    "Open",
    "Send",
]
UI_OBJECTS = [
    "this article",
    "this story",
    "the story",
    "link",
    "our newsletter",
    "the app",
    "our app",
    "comments",
    "the full story",
    "the conversation",
    "us on Facebook",
    "the podcast",
    "this page",
    "our daily briefing",
    "the morning email",
    "our free newsletter",
    "unlimited access",
    "alerts",
]
UI_ALONE = [
    "Listen",
    "Share",
    "Copy link",
    "Link copied",
    "Log in",
    "Sign in",
    "Subscribe",
    "Register",
    "Print",
    "Comments",
    "Save article",
    "Saved",
    "Show more",
    "Load more",
    "Expand",
    "Close",
    "Menu",
    "Search",
    "Next article",
    "Previous",
    "Back to top",
    "Continue reading",
    "Skip advert",
    "Audio",
    "Play",
    "Text size",
    "Font size",
    "A A A",
    "Share this",
    "Share on X",
    "Share via Email",
    "Tweet",
    "Pin",
    "WhatsApp",
    "Facebook Twitter LinkedIn Email",
    "{m} min listen",
    "Listen · {m}:{ss}",
    "Gift this article",
    "Already a subscriber? Log in",
    "Create a free account",
    "Sign up",
    "Get the app",
    "Newsletter",
    "Manage cookies",
    "Accept",
    "Report an error",
    "Reuse this content",
    "View comments",
    "Toggle navigation",
    "{n} Comments",
    "Subscribe now",
    "Start your free trial",
    "Download the app",
    "Turn on notifications",
]
UI_SUFFIX = ["", "", "", ".", " now", " today", " for free", " →", " »", " ›", " here", " (opens in new window)"]
BYLINES = [
    "By {F} {L}",
    "By {F} {L} and {F2} {L2}",
    "By {F} {L}, {Section} correspondent",
    "{F} {L}",
    "{F} {L} | {Section} reporter",
    "Published {h}:{mm} {ampm}, {d} {Mon} {y}",
    "Updated {Mon} {d}, {y}",
    "Posted {h} hours ago",
    "{d} {Mon} {y}",
    "{Mon} {d}, {y} {h}:{mm} {ampm} ET",
    "Last updated {d} {Mon}",
    "Reporting by {F} {L}; Editing by {F2} {L2}",
    "Written by {F} {L}",
    "{F} {L} · {m} min read",
]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


def _fill(rng: random.Random, template: str, names: list[str], places: list[str]) -> str:
    f, f2 = rng.sample(FIRST, 2)
    ln, ln2 = rng.sample(LAST, 2)
    section = rng.choice(SECTIONS)
    values = {
        "m": str(rng.randint(1, 15)),
        "h": str(rng.randint(1, 12)),
        "mm": f"{rng.randint(0, 59):02d}",
        "ss": f"{rng.randint(0, 59):02d}",
        "d": str(rng.randint(1, 28)),
        "Mon": rng.choice(MONTHS),
        "y": str(rng.randint(2012, 2024)),
        "n": str(rng.randint(2, 900)),
        "ampm": rng.choice(["am", "pm", "AM", "PM"]),
        "Section": section,
        "SECTION": section.upper(),
        "F": f,
        "F2": f2,
        "L": ln,
        "L2": ln2,
        "AG": rng.choice(AGENCY),
        "Ph": f"{f} {ln}",
        "verb": rng.choice(CAPTION_VERBS),
        "who": rng.choice(names) if names and rng.random() < 0.7 else f"{f2} {ln2}",
        "place": rng.choice(places)
        if places and rng.random() < 0.6
        else rng.choice(["London", "Kyiv", "Paris", "Washington", "Berlin"]),
    }
    values["date"] = f"{rng.choice(MONTHS)} {values['d']}, {values['y']}"
    for k, vs in FILL.items():
        values[k] = rng.choice(vs)
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _names(text: str) -> tuple[list[str], list[str]]:
    """Capitalised pairs (people, roughly) and single capitalised words after "in" (places, roughly)."""
    people = sorted(set(re.findall(r"\b([A-Z][a-z]+ [A-Z][a-z]{2,})\b", text)))
    places = sorted(set(re.findall(r"\bin ([A-Z][a-z]{3,})\b", text)))
    return people, places


def related_block(rng: random.Random, donors: list[str], names: list[str], places: list[str]) -> list[str]:
    out = []
    if rng.random() < 0.45:
        out.append(_fill(rng, rng.choice(LABELS), names, places))
    bullet = rng.choice(BULLETS)
    tag_style = rng.random()
    for _ in range(rng.choice([1, 1, 2, 2, 3, 3, 4])):
        h = bullet + rng.choice(donors)
        if tag_style < 0.3:
            tag = _fill(rng, rng.choice(TAGS), names, places)
            h = rng.choice([f"{h} {tag}", f"{h} | {tag}", f"{tag} {h}", f"{h} · {tag}"])
            out.append(h)
        elif tag_style < 0.45:
            out += [h, _fill(rng, rng.choice(TAGS), names, places)]
        else:
            out.append(h)
    return out


def junk_lines(rng: random.Random, donors: list[str], names: list[str], places: list[str]) -> tuple[str, list[str]]:
    """One block of non-article lines: (kind, lines)."""
    kind = rng.choice(["related", "related", "caption", "caption", "interface", "interface", "byline"])
    if kind == "related":
        return kind, related_block(rng, donors, names, places)
    if kind == "caption":
        return kind, [_fill(rng, rng.choice(CAPTIONS), names, places)]
    if kind == "interface":
        out = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            if rng.random() < 0.5:
                out.append(_fill(rng, rng.choice(UI_ALONE), names, places))
            else:
                obj = rng.choice(UI_OBJECTS)
                out.append(f"{rng.choice(UI_VERBS)} {obj}{rng.choice(UI_SUFFIX)}")
        return kind, out
    return kind, [_fill(rng, rng.choice(BYLINES), names, places)]


def subheading(rng: random.Random, paragraph: str) -> str | None:
    """A subheading of the article's own, made of words of the paragraph under it (or of any paragraph)."""
    ws = [w.strip(".,;:\"'“”‘’()") for w in paragraph.split()]
    ws = [w for w in ws if len(w) > 3 and w.isalpha()]
    if len(ws) < 4:
        return None
    k = rng.randint(2, min(6, len(ws)))
    start = rng.randint(0, len(ws) - k)
    words = ws[start : start + k]
    head = " ".join(words)
    return head[0].upper() + head[1:] + rng.choice(["", "", "", "?", ":"])


def as_list(rng: random.Random, paragraph: str) -> list[str]:
    """A paragraph as the article's own bulleted list: its clauses, one a line, under a bullet."""
    parts = [x.strip() for x in re.split(r"[.;,]\s+", paragraph) if len(x.split()) >= 2]
    bullet = rng.choice(["- ", "• ", "* ", "· ", ""])
    return [bullet + x[0].upper() + x[1:] for x in parts[:8]]


def break_paragraph(rng: random.Random, paragraph: str) -> list[str]:
    """A paragraph broken mid-sentence, as extraction breaks it at a link."""
    ws = paragraph.split()
    if len(ws) < 12:
        return [paragraph]
    cut = rng.randint(4, len(ws) - 4)
    return [" ".join(ws[:cut]), " ".join(ws[cut:])]


def contaminate(
    rng: random.Random, headline: str, paras: list[str], donors: list[str]
) -> tuple[list[tuple[str, int]], list[str]]:
    """The lines of one article with junk put in: [(line, is_junk)], and the kinds of junk used."""
    names, places = _names(" ".join(paras))
    out: list[tuple[str, int]] = [(headline, 0)]
    kinds = []
    if rng.random() < 0.3:
        kind, block = junk_lines(rng, donors, names, places)
        if kind in ("byline", "interface"):
            out += [(x, 1) for x in block]
            kinds.append(kind)
    n_blocks = rng.choice([0, 1, 2, 2, 3, 4])
    at = set(rng.sample(range(len(paras) + 1), min(n_blocks, len(paras) + 1)))
    with_subheads = rng.random() < 0.3
    for k, p in enumerate(paras):
        if k in at:
            kind, block = junk_lines(rng, donors, names, places)
            out += [(x, 1) for x in block]
            kinds.append(kind)
        if with_subheads and k and rng.random() < 0.25:
            s = subheading(rng, p if rng.random() < 0.5 else rng.choice(paras))
            if s:
                out.append((s, 0))
        if rng.random() < 0.04 and len(p.split()) > 20:
            out += [(x, 0) for x in as_list(rng, p)]
        elif rng.random() < 0.08:
            out += [(x, 0) for x in break_paragraph(rng, p)]
        else:
            out.append((p, 0))
    if len(paras) in at:
        kind, block = junk_lines(rng, donors, names, places)
        out += [(x, 1) for x in block]
        kinds.append(kind)
    return out, kinds


def corpus() -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of every training article: BBC train split and PolNeAR train."""
    import clean_dev

    out = []
    for art in clean_dev.articles("train"):
        paras = [p.strip() for p in art["text"].split("\n\n") if p.strip()]
        if len(paras) > 2:
            out.append((paras[0], paras[1:]))
    for path in sorted(POLNEAR.glob("*.txt")):
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        if len(paras) > 2:
            out.append((paras[0].splitlines()[0].strip(), [" ".join(p.split()) for p in paras[1:]]))
    return out


def documents(seed: int, rounds: int = 1) -> list[tuple[str, list[tuple[str, int]]]]:
    """Contaminated training documents: (joined text, [(line, is_junk)])."""
    rng = random.Random(seed)
    arts = corpus()
    donors = [h for h, _ in arts]
    docs = []
    for _ in range(rounds):
        for headline, paras in arts:
            lines, _ = contaminate(rng, headline, paras, [d for d in donors if d != headline])
            sep = rng.choice(["\n", "\n\n"])
            docs.append((sep.join(x for x, _ in lines), lines))
    return docs


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    for _, lines in documents(args.seed)[: args.n]:
        for line, y in lines:
            print(("JUNK  " if y else "      ") + line[:110])
        print("-" * 60)


if __name__ == "__main__":
    main()
