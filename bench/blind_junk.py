"""A blind contamination generator, for EVALUATION ONLY: never train, tune or look at its items.

It was written by a helper session that the cleaner's developer never read: its phrasings, layouts and placements
are its own, drawn from how news sites of many kinds (US, UK, Irish, Indian, Australian and New Zealand, African
and Asian outlets, wire services, local papers, magazines, TV and radio sites) lay out a page and how a scraper
flattens it into text. The developer sees only the aggregate figures that `bench/clean_blind.py` prints: not
the templates below, not the generated documents. Keep it that way: reading this file, dumping its output or
tuning anything on its per-item results makes it one more development set.

Host texts: PolNeAR *dev* articles (headline on the first line, then the body) and the English AEB ground-truth
article bodies (no headline). The other stories' headlines injected come from the BBC headlines and the PolNeAR
*train* first lines, never the host's own. Half the documents are contaminated (1 to 4 items each), half are left
as they are; half are laid out with one line break between paragraphs, half with a blank line.

Kinds (`KINDS`): other stories' headlines on a line of their own, stacked, tagged with a time/section/date, glued
to the start or the end of a paragraph; "related" lists and marker-led single lines; photo captions and credits;
reader-interface lines.

    python bench/blind_junk.py --dump FILE [--n 400] [--seed S]     # JSONL {id, headline, text, injected}
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "shared" / "tools"))
import clean_eval

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DATA = SHARED / "data"
DEFAULT_SEED = 20161009

KINDS: dict[str, str] = {
    "own_line": "other story's headline, own line",
    "stacked": "2-3 other headlines stacked",
    "tagged": "headline with time/section/date tag",
    "glue_start": "headline glued to paragraph start",
    "glue_end": "headline glued to paragraph end",
    "related": "related/most-read lists, marker lines",
    "caption": "photo caption / credit",
    "interface": "reader-interface lines",
}
KIND_WEIGHTS = {
    "own_line": 1.0,
    "stacked": 1.0,
    "tagged": 1.5,
    "glue_start": 1.0,
    "glue_end": 1.0,
    "related": 2.0,
    "caption": 2.0,
    "interface": 2.5,
}

# ============================================================ vocabulary

OUTLETS = [
    "The Courier",
    "Herald Sun",
    "The Age",
    "Stuff",
    "NZ Herald",
    "The Hindu",
    "Hindustan Times",
    "Indian Express",
    "NDTV",
    "Deccan Herald",
    "News24",
    "Daily Maverick",
    "IOL",
    "Daily Nation",
    "The Standard",
    "Premium Times",
    "Punch",
    "GhanaWeb",
    "Daily Monitor",
    "The Citizen",
    "The Irish Times",
    "The Scotsman",
    "Yorkshire Post",
    "Eastern Daily Press",
    "The Independent",
    "Sky News",
    "ITV News",
    "The Denver Post",
    "Tampa Bay Times",
    "The Oregonian",
    "Star Tribune",
    "The Boston Globe",
    "Chicago Tribune",
    "Newsweek",
    "The Atlantic",
    "TIME",
    "Al Jazeera",
    "CBC News",
    "The Straits Times",
    "Khaleej Times",
    "Dawn",
    "KTVU",
    "WFAA",
    "9News",
]
SECTIONS = [
    "Politics",
    "World",
    "US News",
    "UK News",
    "India",
    "Africa",
    "Asia Pacific",
    "Business",
    "Markets",
    "Economy",
    "Opinion",
    "Analysis",
    "Health",
    "Science",
    "Environment",
    "Tech",
    "Entertainment",
    "Lifestyle",
    "Sport",
    "Cricket",
    "Football",
    "Rugby",
    "AFL",
    "Local",
    "Metro",
    "Crime",
    "Education",
    "Elections",
    "National",
    "Travel",
]
AGENCIES = [
    "Reuters",
    "AP",
    "AFP",
    "Getty Images",
    "EPA-EFE",
    "PA Media",
    "PA Wire",
    "AAP",
    "PTI",
    "ANI",
    "IANS",
    "Xinhua",
    "Bloomberg",
    "NurPhoto",
    "SOPA Images",
    "Anadolu Agency",
    "Shutterstock",
    "Alamy",
    "Gallo Images",
    "ZUMA Press",
    "Sipa USA",
    "Kyodo",
    "Yonhap",
    "Polaris",
    "Redux",
    "Bloomberg via Getty Images",
    "AFP via Getty Images",
]
FIRST = [
    "Anna",
    "Mark",
    "Priya",
    "Tom",
    "Siphiwe",
    "Kevin",
    "Rachel",
    "Ben",
    "Chidi",
    "Laura",
    "Rahul",
    "Grace",
    "Daniel",
    "Mei",
    "Sean",
    "Fatima",
    "Jonathan",
    "Nicole",
    "Arun",
    "Wanjiru",
    "Peter",
    "Olivia",
    "Craig",
    "Deepak",
    "Hannah",
    "Luis",
    "Thandeka",
    "Matt",
]
LAST = [
    "Kowalski",
    "Brennan",
    "Iyer",
    "Okafor",
    "Nkosi",
    "Mitchell",
    "Hargreaves",
    "Dunn",
    "Varghese",
    "Mwangi",
    "Lowe",
    "Castillo",
    "Fenwick",
    "Tanaka",
    "Ahmed",
    "O'Rourke",
    "Pillay",
    "Beaumont",
    "Sato",
    "Ruiz",
    "Kapoor",
    "Adeyemi",
    "Whitlock",
    "Ferreira",
    "Hollis",
    "Byrne",
    "Mokoena",
    "Sandoval",
]
PLACES = [
    "Washington",
    "New York",
    "Des Moines, Iowa",
    "Cleveland, Ohio",
    "Philadelphia",
    "Tampa, Florida",
    "London",
    "Manchester",
    "Edinburgh",
    "Dublin",
    "New Delhi",
    "Mumbai",
    "Kolkata",
    "Sydney",
    "Melbourne",
    "Canberra",
    "Auckland",
    "Johannesburg",
    "Cape Town",
    "Lagos",
    "Abuja",
    "Nairobi",
    "Accra",
    "Kampala",
    "Toronto",
    "Singapore",
]
VENUES = [
    "the White House",
    "the Capitol",
    "the courthouse",
    "the convention centre",
    "parliament",
    "the state house",
    "city hall",
    "the party headquarters",
    "the stadium",
    "the high court",
    "a polling station",
    "the town hall",
]
SUBJECTS = [
    "Supporters",
    "Protesters",
    "Voters",
    "Delegates",
    "Residents",
    "Demonstrators",
    "Journalists",
    "Police officers",
    "Students",
    "Volunteers",
    "Campaign staff",
    "Members of the public",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
ZONES = ["ET", "EDT", "BST", "GMT", "IST", "AEST", "AEDT", "SAST", "WAT", "EAT", "CAT", "NZDT", "SGT", "PT"]
SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "as", "with", "from"}

# ============================================================ host texts

_HOST_JUNK = re.compile(
    r"""^(?:
        read\ the\ rest | click\ (?:here|for) | follow\ .{1,60}\ on\ (?:twitter|facebook|instagram)
      | \(?image\ (?:credit|source)\b | main\ image\ credit | ©
      | (?:getty|netflix|instagram|twitter|youtube|screenshot)(?:\s*/\s*[\w ]+)?\.?$
      | abstract\.?$ | full\ text\.?$ | correction\ appended | _{3,}\.?$ | [\u200b\s]*$
      | <tweet | @\w+\.?$ | [—–-]\ .{1,80}\(@\w+\)\ \w+\ \d{1,2},\ \d{4}$ | .*pic\.twitter\.com | .*https?://t\.co/
      | see\ (?:tweets|more\ photos) | see\ it\ now | get\ it\ (?:on|at|with|by) | also\ at\ \w+$ | buy\ now$
      | available\ from\ amazon | \w+\ may\ receive\ a\ commission | use\ code | clip\ the | this\ sponsored
      | download\ \w+\ password | \(graphic: | originally\ published | copyright\ \d{4} | visit\ .{1,40}homepage
      | ftc: | story\ continues | \(published\ | this\ article\ has\ been\ adapted | provided\ by | contributing:
      | with\ post\ wires | staff\ reports$ | \(reporting\ by | share\ this | disclaimer$ | \[\ [^\]]+\ ?\]$
    )""",
    re.I | re.X,
)
_NOT_SURNAMES = {
    "University",
    "College",
    "School",
    "Times",
    "Post",
    "News",
    "Journal",
    "Herald",
    "Street",
    "Avenue",
    "County",
    "Center",
    "Centre",
    "Institute",
    "Party",
    "Committee",
    "Foundation",
    "Department",
    "Service",
    "Agency",
    "Review",
    "Magazine",
    "Hall",
    "Park",
    "Square",
    "Island",
    "Airport",
    "Valley",
    "Administration",
    "Association",
    "Council",
    "Court",
    "Media",
    "Group",
    "Press",
    "Television",
    "Channel",
    "Network",
    "Campaign",
}
_FUNCTION_WORDS = {
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "it",
    "by",
    "at",
    "from",
    "be",
    "are",
    "have",
    "has",
    "this",
    "an",
    "not",
    "but",
    "or",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "said",
    "will",
    "were",
    "who",
    "which",
    "its",
    "been",
    "would",
    "i",
    "we",
    "you",
}


def _english(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower())
    all_words = re.findall(r"\w+", text)
    return bool(words) and sum(w in _FUNCTION_WORDS for w in words) / max(1, len(all_words)) >= 0.25


def _clean_paras(lines: list[str]) -> tuple[list[str], int]:
    kept, dropped = [], 0
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if _HOST_JUNK.search(ln):
            dropped += bool(re.search(r"[A-Za-z]", ln))  # separators and blanks do not count against a host
            continue
        kept.append(ln)
    return kept, dropped


def load_hosts() -> dict[str, list[dict]]:
    """{source: [{id, headline, paras}]}, the paragraphs already cleared of the hosts' own junk lines."""
    polnear = []
    for f in sorted(glob.glob(str(DATA / "polnear" / "dev" / "text" / "*.txt"))):
        raw = Path(f).read_text(encoding="utf-8").split("\n")
        headline = raw[0].strip()
        paras, _ = _clean_paras(raw[1:])
        if headline and len(paras) >= 2:
            polnear.append({"id": Path(f).stem, "headline": headline, "paras": paras})
    aeb = []
    truth = json.loads((DATA / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for pid in sorted(truth):
        body = truth[pid].get("articleBody") or ""
        if len(body) <= 400 or not _english(body) or re.search(r"\(Published \w+day", body):
            continue
        lines = [ln for ln in body.split("\n") if ln.strip()]
        paras, dropped = _clean_paras(lines)
        if len(paras) >= 3 and dropped <= 0.2 * len(lines) and sum(map(len, paras)) > 400:
            aeb.append({"id": pid[:16], "headline": "", "paras": paras})
    return {"polnear_dev": polnear, "aeb": aeb}


def load_donors() -> list[str]:
    out = set()
    for line in (DATA / "bbc" / "bbc.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.add(json.loads(line)["headline"].strip())
    for f in sorted(glob.glob(str(DATA / "polnear" / "train" / "text" / "*.txt"))):
        with open(f, encoding="utf-8") as fh:
            h = fh.readline().strip().rstrip(".;").strip()
        out.add(h)
    return sorted(h for h in out if 18 <= len(h) <= 120 and re.search(r"[A-Za-z]{3}", h))


# ============================================================ small helpers for templates


def title_case(s: str) -> str:
    words = s.split(" ")
    return " ".join(
        w if (i and w.lower() in SMALL) or not w[:1].isalpha() else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def styled(rng: random.Random, s: str, upper: float = 0.06, title: float = 0.18) -> str:
    x = rng.random()
    if x < upper:
        return s.upper()
    if x < upper + title:
        return title_case(s)
    return s


def casing(rng: random.Random, s: str) -> str:
    """Labels and buttons: as written, upper, lower or title case."""
    return rng.choice([s, s, s.upper(), s.lower(), title_case(s)])


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def date_str(rng: random.Random) -> str:
    y, m, d = rng.choice([2015, 2016, 2017, 2018, 2019]), rng.randrange(12), rng.randint(1, 28)
    wd = rng.choice(WEEKDAYS)
    return rng.choice(
        [
            f"{MONTHS[m][:3]} {d}, {y}",
            f"{d} {MONTHS[m]} {y}",
            f"{MONTHS[m]} {d}, {y}",
            f"{y}-{m + 1:02d}-{d:02d}",
            f"{d:02d}/{m + 1:02d}/{y}",
            f"{d:02d}.{m + 1:02d}.{y}",
            f"{wd[:3]} {d} {MONTHS[m][:3]} {y}",
            f"{AP_MONTHS[m]} {d}, {y}",
            f"{wd}, {MONTHS[m]} {d}, {y}",
            f"{d}-{MONTHS[m][:3]}-{y}",
        ]
    )


def time_str(rng: random.Random) -> str:
    h, mi = rng.randint(0, 23), rng.randrange(60)
    h12, ap = (h % 12 or 12), ("am" if h < 12 else "pm")
    z = rng.choice(ZONES)
    return rng.choice(
        [
            f"{h:02d}:{mi:02d}",
            f"{h12}:{mi:02d} {ap.upper()}",
            f"{h12}:{mi:02d} {ap[0]}.m.",
            f"{h:02d}.{mi:02d} {z}",
            f"{h12}:{mi:02d}{ap} {z}",
            f"{h12:02d}:{mi:02d} {ap.upper()} {z}",
            f"{h:02d}:{mi:02d} {z}",
            f"{h12}.{mi:02d}{ap}",
        ]
    )


def rel_str(rng: random.Random) -> str:
    n = rng.randint(2, 23)
    return rng.choice(
        [
            f"{n} hours ago",
            f"{n}h ago",
            f"{n * 2} mins ago",
            f"{n} min ago",
            f"{n}m",
            f"{n}h",
            "1 day ago",
            f"{n % 6 + 2} days ago",
            "Yesterday",
            "just now",
            f"{n} hrs ago",
        ]
    )


def read_time(rng: random.Random) -> str:
    n = rng.randint(2, 14)
    return rng.choice(
        [f"{n} min read", f"{n} mins read", f"{n} MIN READ", f"{n}-minute read", f"Reading time: {n} minutes", f"{n}m"]
    )


def handle(s: str) -> str:
    return "@" + re.sub(r"[^A-Za-z0-9]", "", s)[:15]


# ============================================================ 1. other stories' headlines

OWN_LINE = [  # (name, how): placements of one headline on a line of its own
    "after_para",
    "before_para",
    "after_headline",
    "end_of_text",
    "after_para_single_break",
    "before_para_single_break",
    "after_para_spaced",
]

STACK_JOIN = ["line", "blank", "line_indent", "pipe_line"]

TAGGED = [  # {h} the other headline; the tag fields are filled per item
    "{h} | {rt}",
    "{h}\n{rt}",
    "{rt}\n{h}",
    "{S} | {h}",
    "{SU}\n{h}",
    "{S}\n{h}",
    "{h} — {S}",
    "{h}\n{date}",
    "{date} | {h}",
    "{h} {rel}",
    "{h} · {rel}",
    "{rel} · {h}",
    "Updated {time}\n{h}",
    "{h} (Updated {date})",
    "{h}\nUpdated: {date}, {time}",
    "{h}\nLast updated {date}",
    "{time} {h}",
    "{time} | {h}",
    "{S} {date}\n{h}",
    "{h} [VIDEO]",
    "{h} (VIDEO)",
    "VIDEO | {h}",
    "WATCH: {h}",
    "{h} ▶ {dur}",
    "{h}\n{dur}",
    "LIVE: {h}",
    "LIVE UPDATES | {h}",
    "PHOTOS: {h}",
    "Opinion | {h}",
    "ANALYSIS: {h}",
    "EXCLUSIVE: {h}",
    "{h}\nBy {P} · {date}",
    "{h}\n{o} · {rel}",
    "{h} - {o}",
    "{S} / {S2}\n{h}",
    "{h}\n{S} • {rt}",
    "{h}\nPublished {rel}",
    "Posted {date} {time}\n{h}",
    "{h} {date} {time}",
    "{S}  {h}  {rel}",
    "{h}\n{ncom} comments",
    "{SU} · {rel}\n{h}",
    "{h}\nPREMIUM",
    "Breaking | {h}",
    "{h}\n{o} Staff | {date}",
]

STACK_PLACES = ["between", "after_para", "end", "after_para_single_break"]
TAGGED_PLACES = ["between", "after_para", "end", "between_single_break", "top"]
GLUE_START = ["bare", "bare_styled", "with_time", "with_section", "with_rel", "upper"]
GLUE_END = ["bare", "space", "bare_styled", "space_styled", "with_rel", "space_with_section"]

# ============================================================ 2. related lists

RELATED_LABELS = [
    "More on this story",
    "You might also like",
    "You may also be interested in",
    "Also on {o}",
    "More from {o}",
    "Most read",
    "Most popular",
    "Trending now",
    "Top stories",
    "Latest stories",
    "Recommended for you",
    "Editor's picks",
    "Don't miss",
    "In case you missed it",
    "ICYMI",
    "What to read next",
    "Read next",
    "Up next",
    "Keep reading",
    "More stories",
    "Related coverage",
    "Related stories",
    "Related news",
    "Further reading",
    "Popular on {o}",
    "More in {S}",
    "Latest in {S}",
    "Other stories",
    "Most viewed",
    "Most shared",
    "Today's top headlines",
    "Also read",
    "Must read",
    "From around the web",
    "Trending in {S}",
    "Elsewhere on {o}",
    "Stories you may have missed",
    "Top {S} stories",
    "Explore more",
    "Recommended reading",
]
LABEL_DECOR = ["{L}", "{L}:", "{L}", "{L} »", "{L} >", "— {L} —", "{L} ›", "[{L}]"]
MARKERS = [
    "",
    "• ",
    "→ ",
    "› ",
    "» ",
    "- ",
    "– ",
    "— ",
    "* ",
    "■ ",
    "▪ ",
    "□ ",
    "◾ ",
    "▶ ",
    "► ",
    "> ",
    "{i}. ",
    "{i}) ",
    "{i:02d} ",
    "#{i} ",
    "[{i}] ",
    "▸ ",
    "◆ ",
    "+ ",
]
RELATED_PLACES = ["between", "after_para", "end", "end", "between_single_break"]
MARKER_PLACES = ["between", "between", "after_para", "end", "between_single_break"]
RELATED_SHAPES = ["lines", "lines", "lines", "blank_lines", "inline_pipe", "inline_bullet", "label_glued", "no_label"]
MARKER_LINES = [
    "► {h}",
    "» {h}",
    "▶ {h}",
    "→ {h}",
    ">> {h}",
    "ALSO READ | {h}",
    "Also Read: {h}",
    "Also read | {h}",
    "SEE ALSO: {h}",
    "MORE: {h}",
    "Don't miss: {h}",
    "TRENDING: {h}",
    "Recommended: {h}",
    "NEXT: {h}",
    "PREVIOUSLY: {h}",
    "[Also read: {h}]",
    "(Also read: {h})",
    "Must read | {h}",
    "ALSO WATCH | {h}",
    "WATCH NOW: {h}",
    "Read also: {h}",
    "READ: {h}",
    "Suggested: {h}",
    "LATEST: {h}",
    "MUST SEE: {h}",
    "Catch up: {h}",
    "See more: {h}",
    "RELATED STORY: {h}",
    "Read next → {h}",
    "Up next: {h}",
    "Keep reading: {h}",
    "Top story: {h}",
    "Don't Miss → {h}",
    "MOST READ: {h}",
    "In Other News: {h}",
    "▶︎ Also: {h}",
    "Related Article: {h}",
    "Also See | {h}",
    "Check out: {h}",
    "Opinion: {h}",
]

# ============================================================ 3. photo captions and credits

CAPTION_SENTENCES = [
    "{name} speaks during a news conference in {place} on {wd}.",
    "{name} arrives at {venue} in {place}, {apdate}.",
    "{name} gestures while addressing supporters at a rally in {place}.",
    "{name} pictured at a campaign event earlier this month",
    "{name} waves to the crowd after a speech in {place}.",
    "{name} (centre) with aides outside {venue}",
    "{name}, left, listens during a hearing in {place} on {wd}.",
    "{subj} gather outside {venue} in {place} on {wd}.",
    "{subj} wait in line at {venue} in {place}.",
    "A general view of {venue} in {place}.",
    "{subj} hold placards during a protest in {place} on {apdate}.",
    "{name} at {venue} last {month}",
    "{name} is seen during an interview in {place}.",
    "{name} leaves {venue} after a meeting on {wd}.",
    "The scene outside {venue} on {wd} morning.",
    "{name} and {name2} shake hands before their debate in {place}.",
    "{name} delivers remarks in {place} on {apdate}.",
    "{name}, pictured, has denied any wrongdoing",
    "{name} looks on during an event in {place}",
    "{subj} react as results come in at {venue} in {place}.",
    "{name} (right) and {name2} in {place} earlier this year",
    "An aerial view of {place}.",
    "{name} says the decision was made \u201cafter careful thought\u201d",
    "{name} during a visit to {place} on {wd}, {apdate}.",
]
CAPTION_FORMS = [  # {c} caption sentence, {P} photographer, {A} agency, {o} outlet
    "{c} (Photo by {P}/{A})",
    "{c} Photograph: {P}/{A}",
    "{c} REUTERS/{P}",
    "FILE PHOTO: {c} REUTERS/{P}/File Photo",
    "{c} (AP Photo/{P})",
    "FILE - In this {apdate} file photo, {cf} (AP Photo/{P}, File)",
    "{c} | Photo Credit: {P}",
    "{c} (Express Photo by {P})",
    "{c} (PTI Photo)",
    "{c} (Photo: PTI)",
    "{c} (HT Photo/{P})",
    "{c} Credit: {P}/{A}",
    "{c} © {A}",
    "{c} [{A}]",
    "{c} [File: {P}/{A}]",
    "Photo: {c} ({o}: {P})",
    "{c} Photo: {P}",
    "{c} Picture: {P}/{A}",
    "{c}\n{P}/{A}\nhide caption\ntoggle caption",
    "Enlarge this image\n{c}\n{P}/{A}",
    "{c} {P}/AFP via Getty Images",
    "Image source, {A}\n{c}",
    "{c} EPA-EFE/{PU}",
    "{c} Image: Gallo Images/{P}",
    "{c} PHOTO | FILE | NATION MEDIA GROUP",
    "Representational image. (Photo: {A})",
    "File photo of {name}. ({A})",
    "File photo: {c}",
    "FILE IMAGE: {c} ({A})",
    "{c} (Supplied)",
    "{c} Photo: Supplied",
    "Photo {k} of {kk} | {c} {P}/{A}",
    "{k}/{kk} {c} ({A})",
    "{c} ({o}: {P})",
    "{c}\nCredit...{P} for {o}",
    "{c} | {A}",
    "View image in fullscreen\n{c} Photograph: {P}/{A}",
    "{c} Illustration: {P}",
    "{c} Screengrab/YouTube",
    "{c} Photo credit: Twitter/{hd}",
    "{c} AFP PHOTO / {PU}",
    "{c} (Getty Images)",
    "{c} Picture: {o}",
    "{c} (Image: {P}/{A})",
    "{c} IMAGE: {A}",
    "{c} (Source: {A})",
]
CREDIT_ONLY = [
    "Photo: {P}/{A}",
    "(Photo by {P}/{A})",
    "© {A} {year}",
    "Credit: {A}",
    "{P}/{A}",
    "Image via {A}",
    "PHOTO: {PU}/{A}",
    "Photograph: {P}/{A}",
    "(File photo: {A})",
    "Representative Image",
    "(Representational image)",
    "Image: {P}/{A}",
    "Picture supplied by {P}",
    "Photo: {A} / {P}",
    "Photo credit: {P}",
    "{A}/{P}",
    "Lead image: {A}",
    "Cover photo: {P}/{A}",
    "Pic: {P}",
    "Photo Courtesy: {o}",
]
CAPTION_PLACES = ["under_headline", "between", "between", "between_single_break", "after_para", "top_credit_block"]

# ============================================================ 4. reader-interface lines

INTERFACE = {
    "listen": [
        "Listen to this article",
        "Listen to article",
        "Listen · {n} min",
        "Listen to this story",
        "Press play to listen to this article",
        "Audio: listen to this story",
        "Listen ({n} min)",
        "Play audio",
        "▶ Listen",
        "This audio is auto-generated. Please let us know if you have feedback.",
        "Your browser does not support the audio element.",
        "Listen to this article {n} min",
        "Voiced by Amazon Polly",
        "0:00 / {n}:{ss}",
        "Hear this story",
        "Listen now",
        "Listen to the full episode",
        "Playing in 3 seconds",
    ],
    "share": [
        "Share",
        "Share this",
        "Share this story",
        "Share on Facebook",
        "Share on Twitter",
        "Share on X",
        "Share on WhatsApp",
        "Share on LinkedIn",
        "Share on Reddit",
        "Share via Email",
        "Email this article",
        "Send to a friend",
        "Tweet",
        "Pin it",
        "Share on Telegram",
        "Share on Pinterest",
        "Post to Facebook",
        "Facebook Twitter Email",
        "Facebook\nTwitter\nLinkedIn\nWhatsApp\nEmail",
        "{n}.{ss}K shares",
        "Share:",
        "Gift this article",
        "Share full article",
        "Share on Facebook Share on Twitter Share on WhatsApp",
        "WhatsApp Facebook Twitter Telegram LinkedIn",
        "Facebook | Twitter | Email | Print",
        "fb tw wa em",
        "SHARES",
        "Share to Flipboard",
    ],
    "link": ["Copy link", "Link copied", "Copied!", "Copy article link", "Copy URL", "Link copied to clipboard"],
    "print": ["Print", "Print this article", "Printer-friendly version", "Print page", "Print Edition"],
    "save": [
        "Save",
        "Save article",
        "Save for later",
        "Bookmark",
        "Add to bookmarks",
        "Saved",
        "Add to my list",
        "Read later",
        "Save to reading list",
    ],
    "login": [
        "Sign in",
        "Log in",
        "Login",
        "Register",
        "Sign in to continue reading",
        "Already have an account? Sign in",
        "Log in or register to continue",
        "Create a free account to keep reading",
        "Sign up / Log in",
        "My Account",
        "Sign in with Google",
        "Login to comment",
        "Register for free to continue reading",
    ],
    "paywall": [
        "Subscribe",
        "Subscribe now",
        "Subscribe for ${n}",
        "Subscriber only",
        "Premium",
        "This story is available exclusively to subscribers",
        "You have read {n} of 5 free articles this month",
        "Become a member",
        "Unlock unlimited access",
        "Already a subscriber?",
        "Support independent journalism",
        "To continue reading, subscribe to {o}",
        "Get unlimited digital access",
        "Start your free trial",
        "{o} Plus",
        "Exclusive to {o} subscribers",
        "Subscribe to read the full story",
        "This content is for members only",
        "Want to read more? Subscribe today",
        "Only ${n}.99 a month. Cancel anytime.",
    ],
    "app": [
        "Download the {o} app",
        "Get the {o} app",
        "Read this story in our app",
        "Open in app",
        "Available on the App Store and Google Play",
        "Get the latest news on the go with the {o} app",
        "Download our app for breaking news alerts",
        "Get it on Google Play",
        "Turn on notifications",
    ],
    "newsletter": [
        "Get our daily newsletter",
        "Enter your email address",
        "Subscribe to our morning briefing",
        "Get the best of {o} delivered to your inbox",
        "By signing up you agree to our Terms of Use and Privacy Policy",
        "Thanks for subscribing!",
        "Newsletter",
        "Sign me up",
        "The {S} newsletter: the day's top stories, every weekday",
        "Want more? Get {o}'s {S} briefing in your inbox",
        "Email address",
        "You can unsubscribe at any time.",
        "Please enter a valid email address",
    ],
    "comments": [
        "Comments",
        "{n} Comments",
        "View comments",
        "Show comments ({n})",
        "Join the conversation",
        "Leave a comment",
        "Comments are closed",
        "Be the first to comment",
        "Conversation {n}",
        "Add a comment",
        "{n} comments so far",
        "Read {n} comments",
        "Commenting is disabled",
    ],
    "font": ["Text size", "A A A", "A- A+", "Font size", "Increase font size", "Aa", "Text: Small | Medium | Large"],
    "report": [
        "Report an error",
        "Spotted an error? Let us know",
        "Suggest a correction",
        "Found a mistake? Report it",
        "Feedback",
        "Report a typo",
        "Send us a news tip",
        "Corrections and clarifications",
    ],
    "cookies": [
        "We use cookies to ensure you get the best experience on our website.",
        "Accept cookies",
        "Accept all",
        "Reject all",
        "Manage cookie settings",
        "Cookie policy",
        "By continuing to browse the site you are agreeing to our use of cookies.",
        "This site uses cookies. Find out more.",
        "Do not sell my personal information",
        "Privacy settings",
        "We value your privacy",
        "I agree",
    ],
    "ads": [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Skip ad",
        "Sponsored",
        "Continue reading below",
        "Article continues below",
        "SCROLL TO CONTINUE WITH CONTENT",
        "AD",
    ],
    "follow": [
        "Follow us on Google News",
        "Follow {hd}",
        "Join our WhatsApp channel",
        "Join our Telegram channel for the latest updates",
        "Follow {o} on Instagram",
        "Like us on Facebook",
        "Subscribe to our YouTube channel",
    ],
    "nav": [
        "Back to top",
        "Next article",
        "Previous article",
        "Skip to main content",
        "Home / {S}",
        "Home > News > {S}",
        "Go to comments",
        "Jump to",
        "Show more",
        "Load more",
    ],
}
INTERFACE_JOIN = ["\n", "\n", "\n", " | ", " · ", "  ", " ", "\t"]
INTERFACE_PLACES = ["top", "top", "between", "between", "end", "end", "after_para", "end_single_break"]

# ============================================================ placing items


class Slots:
    """Insertion points of one host text, each handed out once."""

    def __init__(self, text: str, sep: str, has_headline: bool, rng: random.Random):
        self.text, self.sep, self.rng = text, sep, rng
        spans, pos = [], 0
        for part in text.split(sep):
            spans.append((pos, pos + len(part)))
            pos += len(part) + len(sep)
        self.body = spans[1:] if has_headline else spans
        self.has_headline = has_headline
        self.used: set[int] = set()

    def _take(self, cands: list[int]) -> int | None:
        free = [p for p in cands if p not in self.used]
        if not free:
            return None
        p = self.rng.choice(free)
        self.used.add(p)
        return p

    def top(self) -> int | None:
        return self._take([self.body[0][0]])

    def para_start(self, lo: int = 1) -> int | None:
        """Start of a body paragraph from the lo-th (0 = the first)."""
        return self._take([a for a, _ in self.body[lo:]] or [self.body[-1][0]])

    def para_end(self, last: bool = True) -> int | None:
        spans = self.body if last else self.body[:-1]
        return self._take([b for _, b in spans] or [self.body[-1][1]])

    def end(self) -> int | None:
        return self._take([len(self.text)])

    def first_end(self) -> int | None:
        return self._take([self.body[0][1]])


class Maker:
    """The items of one contaminated document."""

    def __init__(self, rng: random.Random, host: dict, text: str, sep: str, donors: list[str]):
        self.rng, self.host, self.text, self.sep = rng, host, text, sep
        self.donors = donors
        self.low = text.lower()
        self.own = host["headline"].lower().rstrip(".")
        self.slots = Slots(text, sep, bool(host["headline"]), rng)
        self.names = [n for n in clean_eval.names_in(text) if n.split()[-1] not in _NOT_SURNAMES]
        self.used_donors: set[str] = set()

    # ---- fill-ins
    def donor(self) -> str:
        for _ in range(200):
            h = self.rng.choice(self.donors)
            if h in self.used_donors or h.lower() == self.own or h.lower() in self.low:
                continue
            self.used_donors.add(h)
            return h
        return self.rng.choice(self.donors)

    def headline(self) -> str:
        return styled(self.rng, self.donor())

    def fields(self) -> dict[str, str]:
        r = self.rng
        s = r.choice(SECTIONS)
        o = r.choice(OUTLETS)
        p = person(r)
        name = r.choice(self.names) if self.names and r.random() < 0.8 else person(r)
        name2 = r.choice([n for n in self.names if n != name] or [person(r)])
        return {
            "S": s,
            "SU": s.upper(),
            "S2": r.choice(SECTIONS),
            "o": o,
            "rt": read_time(r),
            "date": date_str(r),
            "time": time_str(r),
            "rel": rel_str(r),
            "dur": f"{r.randint(0, 9)}:{r.randrange(60):02d}",
            "P": p,
            "PU": p.upper(),
            "A": r.choice(AGENCIES),
            "hd": handle(r.choice([o, p])),
            "ncom": str(r.randint(2, 900)),
            "n": str(r.randint(2, 9)),
            "ss": f"{r.randrange(60):02d}",
            "name": name,
            "name2": name2,
            "place": r.choice(PLACES),
            "venue": r.choice(VENUES),
            "subj": r.choice(SUBJECTS),
            "wd": r.choice(WEEKDAYS),
            "month": r.choice(MONTHS),
            "apdate": f"{r.choice(AP_MONTHS)} {r.randint(1, 28)}, {r.choice([2015, 2016, 2017, 2018, 2019])}",
            "year": str(r.choice([2015, 2016, 2017, 2018, 2019])),
            "k": str(r.randint(1, 6)),
            "kk": str(r.randint(7, 24)),
        }

    # ---- placement
    def line_insert(self, content: str, kind: str, variant: str, where: str) -> clean_eval.Insert | None:
        """Put content on a line (block) of its own: at the top, between paragraphs or at the end."""
        sep, s = self.sep, self.slots
        if where == "top":
            pos = s.top()
            return None if pos is None else clean_eval.Insert(pos, "", content, sep, kind, variant)
        if where in ("between", "before_para"):
            pos = s.para_start(lo=1)
            return None if pos is None else clean_eval.Insert(pos, "", content, sep, kind, variant)
        if where in ("between_single_break", "before_para_single_break"):
            pos = s.para_start(lo=1)
            return None if pos is None else clean_eval.Insert(pos, "", content, "\n", kind, variant)
        if where == "after_para":
            pos = s.para_end(last=False)
            return None if pos is None else clean_eval.Insert(pos, sep, content, "", kind, variant)
        if where == "after_para_single_break":
            pos = s.para_end(last=False)
            return None if pos is None else clean_eval.Insert(pos, "\n", content, "", kind, variant)
        if where == "after_para_spaced":
            pos = s.para_end(last=False)
            return None if pos is None else clean_eval.Insert(pos, "\n\n\n", content, "", kind, variant)
        if where == "end":
            pos = s.end()
            return None if pos is None else clean_eval.Insert(pos, sep, content, "", kind, variant)
        if where == "end_single_break":
            pos = s.end()
            return None if pos is None else clean_eval.Insert(pos, "\n", content, "", kind, variant)
        raise ValueError(where)

    # ---- kinds
    def own_line(self) -> clean_eval.Insert | None:
        how = self.rng.choice(OWN_LINE)
        h = self.headline()
        if how == "after_headline":
            where = "top" if self.host["headline"] else "between"
        elif how == "end_of_text":
            where = "end"
        else:
            where = how
        return self.line_insert(h, "own_line", how, where)

    def stacked(self) -> clean_eval.Insert | None:
        r = self.rng
        hs = [self.headline() for _ in range(r.choice([2, 2, 3]))]
        join = r.choice(STACK_JOIN)
        if join == "line":
            content = "\n".join(hs)
        elif join == "blank":
            content = self.sep.join(hs)
        elif join == "line_indent":
            content = "\n  ".join(hs)
        else:
            content = "\n".join(hs[:-1]) + " | " + hs[-1]
        where = r.choice(STACK_PLACES)
        return self.line_insert(content, "stacked", f"{join} @{where}", where)

    def tagged(self) -> clean_eval.Insert | None:
        r = self.rng
        tpl = r.choice(TAGGED)
        content = tpl.format(h=self.headline(), **self.fields())
        where = r.choice(TAGGED_PLACES)
        return self.line_insert(content, "tagged", f"{tpl} @{where}", where)

    def glue_start(self) -> clean_eval.Insert | None:
        r = self.rng
        how = r.choice(GLUE_START)
        h = self.donor()
        f = self.fields()
        content = {
            "bare": h,
            "bare_styled": title_case(h),
            "with_time": f"{h} {f['rel']}",
            "with_section": f"{f['S']}{h}",
            "with_rel": f"{h}{f['rel']}",
            "upper": h.upper(),
        }[how]
        pos = self.slots.para_start(lo=1 if len(self.slots.body) > 2 else 0)
        return None if pos is None else clean_eval.Insert(pos, "", content, "", "glue_start", how)

    def glue_end(self) -> clean_eval.Insert | None:
        r = self.rng
        how = r.choice(GLUE_END)
        h = self.donor()
        f = self.fields()
        content = {
            "bare": h,
            "space": h,
            "bare_styled": title_case(h),
            "space_styled": title_case(h),
            "with_rel": f"{h} {f['rel']}",
            "space_with_section": f"{f['SU']} {h}",
        }[how]
        pre = " " if how.startswith("space") else ""
        pos = self.slots.para_end(last=r.random() < 0.4)
        return None if pos is None else clean_eval.Insert(pos, pre, content, "", "glue_end", how)

    def related(self) -> clean_eval.Insert | None:
        r = self.rng
        f = self.fields()
        if r.random() < 0.35:  # one marker-led line
            tpl = r.choice(MARKER_LINES)
            content = tpl.format(h=self.headline())
            where = r.choice(MARKER_PLACES)
            return self.line_insert(content, "related", f"line:{tpl} @{where}", where)
        label = casing(r, r.choice(RELATED_LABELS).format(**f))
        label = r.choice(LABEL_DECOR).format(L=label)
        marker = r.choice(MARKERS)
        hs = [self.headline() for _ in range(r.randint(2, 5))]
        items = [marker.format(i=i + 1) + h for i, h in enumerate(hs)]
        shape = r.choice(RELATED_SHAPES)
        if shape == "lines":
            content = "\n".join([label, *items])
        elif shape == "blank_lines":
            content = self.sep.join([label, *items])
        elif shape == "inline_pipe":
            content = label.rstrip(":") + ": " + " | ".join(hs)
        elif shape == "inline_bullet":
            content = label + " " + " • ".join(hs)
        elif shape == "label_glued":
            content = label + items[0] + "\n" + "\n".join(items[1:])
        else:
            content = "\n".join(items)
        where = r.choice(RELATED_PLACES)
        return self.line_insert(content, "related", f"list:{shape}:{marker!r} @{where}", where)

    def caption(self) -> clean_eval.Insert | None:
        r = self.rng
        f = self.fields()
        if r.random() < 0.25:
            tpl = r.choice(CREDIT_ONLY)
            content = tpl.format(**f)
        else:
            sent = r.choice(CAPTION_SENTENCES).format(**f)
            cf = sent[0].lower() + sent[1:] if not sent.startswith(f["name"]) else sent
            tpl = r.choice(CAPTION_FORMS)
            content = tpl.format(c=sent, cf=cf, **f)
        place = r.choice(CAPTION_PLACES)
        if place == "top_credit_block":  # caption, then the credit on its own line under it
            sent = r.choice(CAPTION_SENTENCES).format(**f)
            content = sent + "\n" + r.choice(CREDIT_ONLY).format(**f)
            tpl = "caption+credit block"
            place = "under_headline"
        where = {"under_headline": "top"}.get(place, place)
        return self.line_insert(content, "caption", f"{tpl} @{place}", where)

    def interface(self) -> clean_eval.Insert | None:
        r = self.rng
        f = self.fields()
        n_lines = r.choice([1, 1, 1, 2, 2, 3, 4])
        cats = r.sample(sorted(INTERFACE), n_lines)
        lines = []
        for c in cats:
            ln = r.choice(INTERFACE[c]).format(**f)
            lines.append(casing(r, ln) if r.random() < 0.3 else ln)
        join = r.choice(INTERFACE_JOIN) if n_lines > 1 else "\n"
        content = join.join(lines).strip()
        where = r.choice(INTERFACE_PLACES)
        return self.line_insert(content, "interface", f"{'+'.join(cats)} j{join!r} @{where}", where)

    def make(self) -> list[clean_eval.Insert]:
        r = self.rng
        kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
        n_items = r.choices([1, 2, 3, 4], weights=[30, 35, 20, 15])[0]
        out: list[clean_eval.Insert] = []
        tries = 0
        while len(out) < n_items and tries < 20:
            tries += 1
            kind = r.choices(kinds, weights=weights)[0]
            ins = getattr(self, kind)()
            if ins is None:
                continue
            assert ins.content and ins.content == ins.content.strip(), ins
            assert not ins.prefix.strip() and not ins.suffix.strip(), ins
            out.append(ins)
        return out


# ============================================================ documents


def template_counts() -> dict[str, tuple[int, int]]:
    """Per kind: (phrasing/format templates, distinct placements) it draws from."""
    return {
        "own_line": (1, len(OWN_LINE)),  # the headline alone (as written, title case or capitals)
        "stacked": (len(STACK_JOIN) * 2, len(STACK_PLACES)),  # 4 joins x 2 or 3 headlines
        "tagged": (len(TAGGED), len(TAGGED_PLACES)),
        "glue_start": (len(GLUE_START), 1),
        "glue_end": (len(GLUE_END), 2),  # the paragraph's end, last paragraph or not
        "related": (len(RELATED_LABELS) + len(MARKER_LINES), len(set(RELATED_PLACES) | set(MARKER_PLACES))),
        "caption": (len(CAPTION_FORMS) + len(CREDIT_ONLY) + 1, len(set(CAPTION_PLACES) - {"top_credit_block"})),
        "interface": (sum(len(v) for v in INTERFACE.values()), len(set(INTERFACE_PLACES))),
    }


def verify(doc: clean_eval.Doc, original: str) -> None:
    """The assemble invariants: gold spans are the items' text, stripped; the rest is the host text unchanged."""
    assert len(doc.real) == len(doc.text)
    kept = "".join(c for c, r in zip(doc.text, doc.real, strict=True) if r)
    assert kept == original, doc.id
    last = 0
    for it in doc.items:
        assert doc.text[it["start"] : it["end"]] == it["text"] == it["text"].strip() != "", doc.id
        assert it["start"] >= last
        last = it["end"]
        assert not any(doc.real[it["start"] : it["end"]])
    for i, r in enumerate(doc.real):
        if not r and not doc.text[i].isspace():
            assert any(it["start"] <= i < it["end"] for it in doc.items), doc.id
    assert doc.contaminated == bool(doc.items)


def build(n: int = 400, seed: int = DEFAULT_SEED) -> list[clean_eval.Doc]:
    """n documents, alternating host sources; in each source half contaminated, half untouched."""
    rng = random.Random(seed)
    hosts = load_hosts()
    donors = load_donors()
    sources = sorted(hosts)
    docs: list[clean_eval.Doc] = []
    for i, src in enumerate(sources):
        m = n // len(sources) + (i < n % len(sources))
        pool = hosts[src][:]
        rng.shuffle(pool)
        flags = [j < (m + 1) // 2 for j in range(m)]
        rng.shuffle(flags)
        seps = ["\n" if j % 2 else "\n\n" for j in range(m)]
        rng.shuffle(seps)
        for j in range(m):
            host = pool[j % len(pool)]
            sep = seps[j]
            head = [host["headline"]] if host["headline"] else []
            text = sep.join(head + host["paras"])
            inserts: list[clean_eval.Insert] = []
            if flags[j]:
                while not inserts:
                    inserts = Maker(rng, host, text, sep, donors).make()
            doc = clean_eval.assemble(f"{src}/{host['id']}/{j // len(pool)}", text, host["headline"], inserts)
            verify(doc, text)
            doc.source = src  # type: ignore[attr-defined]
            docs.append(doc)
    docs.sort(key=lambda d: d.id)
    return docs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--dump", help="write the documents (JSONL: id, headline, text, injected) here")
    args = ap.parse_args(argv)
    docs = build(args.n, args.seed)
    if args.dump:
        with Path(args.dump).open("w", encoding="utf-8") as f:
            for d in docs:
                rec = {"id": d.id, "headline": d.headline, "text": d.text, "injected": d.items}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n_items = sum(len(d.items) for d in docs)
    print(
        f"blind_junk: {len(docs)} docs ({sum(d.contaminated for d in docs)} contaminated, {n_items} items), "
        f"seed {args.seed}"
    )


if __name__ == "__main__":
    main()
