"""Training contamination for the line model (`bench/train_lines.py`): clean articles with non-article lines put in.

Host articles: the BBC articles of `bench/clean_dev.py`'s *train* split (none of clean_eval's draw), PolNeAR
*train* texts and the AEB ground-truth bodies (each tagged with its site, so that a leave-site-out fold can leave
its own site's texts out). Into each, with a seeded random generator, go lines of the kinds a flattened page leaves
between paragraphs, in wordings composed here from parts so that no one phrasing dominates. Each kind belongs to a
*family* (`FAMILIES`), so that the trainer can hold whole families out and measure what it has not seen:

- `headline`: other stories' headlines on lines of their own, one to four stacked, with or without a tag (section,
  reading time, time ago, date, media type) before or after, or on a line of its own;
- `related`: a label line and headlines under it, with bullets, arrows, numbers or nothing; marker-led single lines;
- `caption`: photo captions and credits: a caption sentence with a credit after it, credits alone, agency formats;
- `interface`: reader-interface lines: listen, share, save, print, copy link, log in, subscribe, the app, the
  newsletter, comments, cookie and consent lines, paywall prompts, toolbars of network names;
- `advert`: advertisement markers and sponsored-content labels.

Article text that looks like junk goes in too, labelled article, so that the model does not learn "a short line is
junk": subheadings made of the next paragraph's words, the article's own lists (introduced by a colon, or items of
a fixture list or a cast), paragraphs broken mid-sentence as extraction breaks them at a link, one-line quotes.

These phrasings are not taken from `bench/heldout_junk.py` or `bench/blind_junk.py` (evaluation only) and must not
be: what is measured there has to be new to the model.

    .venv/bin/python bench/train_junk.py [--n 5] [--seed 11]    # prints a few generated articles
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
sys.path.insert(0, str(ROOT / "bench"))

FAMILIES = ("headline", "related", "caption", "interface", "advert")

# ------------------------------------------------------------------ parts

SECTIONS = [
    "World", "Politics", "Business", "Sport", "Tech", "Science", "Health", "Opinion", "Culture", "Europe", "US",
    "Asia", "Africa", "Markets", "Climate", "Entertainment", "Local", "Analysis", "Video", "Travel", "Lifestyle",
    "Money", "Football", "Cricket", "Education", "Crime", "Courts", "Weather", "Motoring", "Property", "Royals",
    "Middle East", "Environment", "Economy", "Personal Finance", "Books", "Food", "TV & Radio", "Elections",
]  # fmt: skip
OUTLETS = [
    "the Post", "The Ledger", "Daily Star", "Tribune", "The Voice", "NewsNow", "Metro Daily", "The Record",
    "Eagle", "The Times Herald", "Courier-Journal", "The Standard", "Star Tribune", "The Independent", "Bulletin",
    "The Examiner", "The Nation", "Morning News", "The Argus", "The Mercury", "The Citizen", "Capital FM",
]  # fmt: skip
AGENCIES = [
    "Reuters", "AFP", "AP", "Getty Images", "EPA", "PA", "Bloomberg", "Shutterstock", "Alamy", "Xinhua", "AAP",
    "ANP", "dpa", "Anadolu Agency", "SOPA Images", "NurPhoto", "Sipa USA", "Pool", "File", "iStock", "Rex",
    "Zuma Press", "Corbis", "Kyodo", "Yonhap", "TASS", "Press Association", "Associated Press", "Agence France-Presse",
    "WireImage", "Handout", "Supplied", "Facebook", "Instagram", "Twitter", "YouTube", "NASA", "Wikimedia Commons",
]  # fmt: skip
FIRST = [
    "Anna", "John", "Maria", "David", "Chen", "Ahmed", "Sophie", "Carlos", "Olga", "James", "Fatima", "Tom",
    "Elena", "Kevin", "Yuki", "Peter", "Laura", "Omar", "Grace", "Luca", "Ravi", "Ngozi", "Sven", "Ines", "Malik",
]  # fmt: skip
LAST = [
    "Smith", "Lamarque", "Garcia", "Novak", "Kim", "Haddad", "Muller", "Rossi", "Petrov", "Brown", "Okafor",
    "Tanaka", "Silva", "Jensen", "Walsh", "Nguyen", "Kowalski", "Reyes", "Ali", "Evans", "Mensah", "Dubois",
]  # fmt: skip
PLACES = ["London", "Kyiv", "Paris", "Washington", "Berlin", "Lagos", "Delhi", "Sydney", "Toronto", "Madrid", "Rome"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec", "January",
          "February", "September", "October", "November", "December"]  # fmt: skip
BULLETS = [
    "", "", "", "• ", "› ", "» ", "→ ", "▸ ", "- ", "* ", "> ", "◦ ", "■ ", "| ", "— ", "▶ ", "◆ ", "+ ", ">> ",
    "{n}. ", "{n}) ", "{n} - ", "({n}) ", "#{n} ",
]  # fmt: skip

# Tags that go with another story's headline.
TAGS = [
    "{m} min read", "{m} min", "{m}-minute read", "{h}h ago", "{h} hours ago", "{m} mins ago", "{m}m", "{d}d",
    "{Section}", "{SECTION}", "{Section} | {m} min read", "Updated {h}:{mm}", "{d} {Mon}", "{Mon} {d}", "VIDEO",
    "Video", "{m}:{ss}", "Analysis", "Podcast", "LIVE", "Opinion", "({n} comments)", "{n} comments", "{Mon} {d}, {y}",
    "{d}/{mo}/{y}", "{y}-{mo}-{dd}", "Yesterday", "Sponsored", "PHOTOS", "Gallery", "Exclusive", "{n} shares",
    "Watch", "Explainer", "Review", "Breaking", "{h}:{mm} {ampm}", "Premium", "Paid content",
]  # fmt: skip
TAG_JOINS = ["{h} {t}", "{h} | {t}", "{t} {h}", "{h} · {t}", "{t} | {h}", "{t}: {h}", "{h} - {t}", "{h} ({t})",
             "{h} [{t}]", "{t} / {h}", "{h}\n{t}", "{t}\n{h}", "{h}{t}"]  # fmt: skip

LABEL_PARTS = {
    "A": [
        "More",
        "Further",
        "Other",
        "Latest",
        "Top",
        "Recent",
        "Related",
        "Recommended",
        "Popular",
        "Trending",
        "Featured",
        "Similar",
        "Suggested",
        "Selected",
        "Essential",
        "Best",
    ],
    "B": [
        "stories",
        "news",
        "articles",
        "reads",
        "coverage",
        "headlines",
        "links",
        "reading",
        "content",
        "posts",
        "videos",
        "features",
    ],
    "C": [
        "from {Section}",
        "in {Section}",
        "on {Outlet}",
        "from {Outlet}",
        "this week",
        "today",
        "for you",
        "right now",
        "",
        "",
        "",
    ],
}
LABEL_FORMS = [
    "{A} {B} {C}", "{A} {B}", "{A} {B}:", "{A} {B} {C}:", "{A_UP} {B_UP}", "{A} {C}", "See also", "Also read",
    "ALSO READ", "Also on {Outlet}", "Most {read}", "Most {read} in {Section}", "Most {read} today",
    "In case you missed it", "Don't miss", "Editor's choice", "Editors' picks", "Elsewhere on {Outlet}",
    "What's hot", "Keep reading", "Topics", "Tags:", "Recommended for you", "Latest {Section} news", "Hot right now",
    "Trending on {Outlet}", "From our partners", "Around the web", "Promoted stories", "More headlines",
    "Top {B} on {Outlet}", "Newsletter picks", "Now reading", "Up next", "What others are reading",
    "Previously on {Outlet}", "{Section}", "{SECTION}",
]  # fmt: skip
READ = ["read", "popular", "viewed", "shared", "commented", "watched", "emailed"]
MARKER_LINES = ["{lead} {h}", "{lead}: {h}", "{lead} - {h}", "{lead} » {h}", "{LEAD}: {h}"]
MARKER_LEADS = [
    "Also read",
    "See also",
    "Related",
    "Watch",
    "Listen",
    "Opinion",
    "Explained",
    "Analysis",
    "More",
    "Previously",
    "Read",
    "Video",
    "Live",
    "Exclusive",
    "Watch now",
    "Also see",
    "Background",
]

CAPTION_VERBS = [
    "speaks", "arrives", "gestures", "looks on", "walks", "waves", "is seen", "attends a meeting",
    "speaks to reporters",
    "during a visit", "at a news conference", "at a rally", "leaves the building", "meets supporters",
    "during a press briefing", "holds a sign", "reacts", "poses for a photograph", "addresses delegates",
    "shakes hands with officials", "celebrates", "listens", "is pictured", "delivers a speech", "gives evidence",
    "signs the agreement", "inspects the damage", "arrives at court", "votes", "takes part in a debate",
]  # fmt: skip
CAPTION_SCENES = [
    "Firefighters work at the scene", "A general view of the site", "Protesters gather outside parliament",
    "Smoke rises over the city", "Supporters wave flags", "Workers clear debris", "Visitors queue at the entrance",
    "Police officers patrol the area", "Residents look at the damage", "Delegates attend the opening session",
    "A woman walks past a mural", "Cars queue at a petrol station", "Troops take part in an exercise",
    "Players celebrate after the match", "The building was badly damaged", "Shoppers in the high street",
]  # fmt: skip
CREDITS = [
    "{AG}/{Ph}", "{AG_UP}/{Ph}", "{Ph}/{AG}", "Photo: {Ph}/{AG}", "Photo: {AG}", "Picture: {AG}", "Image: {AG}",
    "Credit: {AG}", "Credit: {Ph}/{AG}", "Source: {AG}", "Courtesy of {Ph}", "Illustration: {Ph}", "({AG})",
    "[{AG}]", "© {AG}", "© {Ph}/{AG}", "{Ph} via {AG}", "Photographer: {Ph}", "{AG} photo", "{AG} Photo/{Ph}",
    "Photo by {Ph} for {Outlet}", "Photo credit: {AG}", "Image source: {AG}", "{Ph} | {AG}", "Photos: {AG}",
    "(Photo: {Ph}, {AG})", "PHOTO: {AG_UP}", "File photo/{AG}", "Image copyright {AG}", "Copyright © {y} {AG}",
    "Handout via {AG}", "(Credit: {Ph}/{AG})", "Pic: {AG}", "IMAGE: {AG_UP}",
]  # fmt: skip
CAPTION_FORMS = [
    "{who} {verb} in {place} on {date}. {credit}", "{who} {verb} in {place}, {date}. {credit}",
    "{who} {verb} in {place}. {credit}", "{who} {verb} in {place} ({credit})", "{who} {verb}. {credit}",
    "{scene} in {place} on {date}. {credit}", "{scene}. {credit}", "{scene} ({credit})", "{credit}",
    "{credit}", "{credit}", "File photo: {who} in {place}", "Pictured: {who} {verb} in {place}",
    "{who} (left) {verb} with {who2}. {credit}", "{who}. {credit}", "{place}, {date}: {who} {verb}. {credit}",
    "{WHO} {VERB} IN {PLACE}. {credit}", "{who} {verb} in {place}{credit}", "{scene} {credit}",
    "{who}, pictured {when}. {credit}", "{who} {verb} {when} | {credit}", "A file image of {who}. {credit}",
]  # fmt: skip
WHEN = ["last year", "in {Mon}", "earlier this month", "on Monday", "on Friday", "in {y}", "this week"]

UI_VERBS = [
    "Listen to", "Share", "Save", "Copy", "Print", "Email", "Gift", "Download", "Subscribe to", "Sign up for",
    "Log in to", "Sign in to", "Follow", "Join", "Get", "Comment on", "Bookmark", "Watch", "Open", "Send", "Read",
    "Register for", "Try", "Unlock", "Support", "Rate", "Report", "Recommend", "Tweet", "Pin", "Like", "Discuss",
    "Explore", "Sign up to", "Give", "Add", "Enable", "Turn on", "Manage", "Install",
]  # fmt: skip
UI_OBJECTS = [
    "this article", "this story", "the story", "link", "our newsletter", "the app", "our app", "comments",
    "the full story", "the conversation", "us on Facebook", "the podcast", "this page", "our daily briefing",
    "the morning email", "our free newsletter", "unlimited access", "alerts", "notifications", "this post",
    "the {Outlet} app", "{Outlet} on Instagram", "our journalism", "our WhatsApp channel", "this video", "a friend",
    "the discussion", "our weekly digest", "breaking news emails", "{Section} updates", "your account", "premium",
    "the audio version", "the newsletter", "push notifications", "our Telegram channel", "the live blog",
]  # fmt: skip
UI_SUFFIX = ["", "", "", ".", " now", " today", " for free", " →", " »", " ›", " here", " (opens in new window)", "!",
             " >", " ▸", " - it's free", " for 99p", " on {Network}"]  # fmt: skip
NETWORKS = [
    "Facebook",
    "Twitter",
    "X",
    "WhatsApp",
    "LinkedIn",
    "Reddit",
    "Pinterest",
    "Email",
    "Telegram",
    "Messenger",
    "Flipboard",
    "Threads",
    "Bluesky",
    "TikTok",
    "Instagram",
    "YouTube",
    "SMS",
    "Copy",
]
UI_ALONE = [
    "Listen", "Share", "Copy link", "Link copied", "Log in", "Sign in", "Subscribe", "Register", "Print", "Comments",
    "Save article", "Saved", "Show more", "Load more", "Expand", "Close", "Menu", "Search", "Next article",
    "Previous", "Back to top", "Continue reading", "Skip advert", "Audio", "Play", "Text size", "Font size", "A A A",
    "Share this", "Tweet", "Pin", "WhatsApp", "Gift this article", "Already a subscriber? Log in",
    "Create a free account", "Sign up", "Get the app", "Newsletter", "Manage cookies", "Accept", "Report an error",
    "Reuse this content", "View comments", "Toggle navigation", "{n} Comments", "Subscribe now",
    "Start your free trial", "Download the app", "Turn on notifications", "{m} min listen", "Listen · {m}:{ss}",
    "Play video", "Mute", "Full screen", "Transcript", "Share article", "Share page", "Email this", "Print this page",
    "Reply", "Flag", "{n} replies", "Sort by newest", "Join the discussion", "Most popular", "Log out", "My account",
    "Subscriber only", "Premium content", "Members only", "Sign up free", "Not now", "Allow", "Dismiss", "Got it",
    "Share{sep}{net}{sep}{net}{sep}{net}", "{net}{sep}{net}{sep}{net}{sep}{net}", "{net}", "{net}", "{n} shares",
    "Share on {net}", "Share to {net}", "Post to {net}", "Send by {net}", "Open in app", "Hide", "Show comments",
]  # fmt: skip
UI_SENTENCES = [
    "We use cookies to improve your experience on our site.", "By continuing you agree to our terms of use.",
    "You have {n} free articles left this month.", "You've reached your limit of free stories.",
    "Support independent journalism: become a subscriber today.", "Already have an account? Sign in here.",
    "Enter your email to get our top stories every morning.", "Get the best of {Outlet} in your inbox.",
    "Thanks for signing up!", "This content is only available to subscribers.", "Please log in to continue.",
    "We'd love to hear from you. Leave a comment below.", "Comments are closed for this article.",
    "Stay informed with our {Section} newsletter.", "Don't miss out: get alerts on your phone.",
    "Your privacy is important to us.", "Invalid email address", "Please enter a valid email",
    "By signing up you agree to our privacy policy.", "Want more stories like this? Subscribe.",
    "Download our app to read offline.", "Have a news tip? Email us.", "Got a story? Contact our newsroom.",
]  # fmt: skip
ADVERTS = ["Advertisement", "ADVERTISEMENT", "Sponsored", "Sponsored content", "Paid post", "Promoted", "Ad",
           "Story continues below", "Continue reading below", "Article continues below this ad", "AD",
           "Advertising", "Scroll to continue", "Partner content", "- Advertisement -"]  # fmt: skip

_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Host:
    id: str
    source: str  # bbc, polnear, aeb
    site: str  # the AEB page's hostname ("" for the others)
    headline: str
    paras: list[str]


def _fill(rng: random.Random, template: str, ctx: dict[str, list[str]]) -> str:
    """A template with its {fields} filled from the parts above and from the host (`ctx`: people, places)."""
    f1, f2 = rng.sample(FIRST, 2)
    l1, l2 = rng.sample(LAST, 2)
    section = rng.choice(SECTIONS)
    people = ctx.get("people") or []
    place = rng.choice(ctx["places"]) if ctx.get("places") and rng.random() < 0.6 else rng.choice(PLACES)
    who = rng.choice(people) if people and rng.random() < 0.7 else f"{f2} {l2}"
    who2 = rng.choice(people) if people and rng.random() < 0.5 else f"{f1} {l1}"
    verb = rng.choice(CAPTION_VERBS)
    ag = rng.choice(AGENCIES)
    ph = f"{f1} {l1}"
    values: dict[str, Callable[[], str]] = {
        "m": lambda: str(rng.randint(1, 15)),
        "h": lambda: str(rng.randint(1, 12)),
        "mm": lambda: f"{rng.randint(0, 59):02d}",
        "ss": lambda: f"{rng.randint(0, 59):02d}",
        "d": lambda: str(rng.randint(1, 28)),
        "dd": lambda: f"{rng.randint(1, 28):02d}",
        "mo": lambda: f"{rng.randint(1, 12):02d}",
        "Mon": lambda: rng.choice(MONTHS),
        "y": lambda: str(rng.randint(2012, 2025)),
        "n": lambda: str(rng.choice([rng.randint(2, 40), rng.randint(2, 900), rng.randint(1000, 25000)])),
        "ampm": lambda: rng.choice(["am", "pm", "AM", "PM", "a.m.", "p.m."]),
        "Section": lambda: section,
        "SECTION": lambda: section.upper(),
        "Outlet": lambda: rng.choice(OUTLETS),
        "AG": lambda: ag,
        "AG_UP": lambda: ag.upper(),
        "Ph": lambda: ph,
        "who": lambda: who,
        "WHO": lambda: who.upper(),
        "who2": lambda: who2,
        "verb": lambda: verb,
        "VERB": lambda: verb.upper(),
        "place": lambda: place,
        "PLACE": lambda: place.upper(),
        "scene": lambda: rng.choice(CAPTION_SCENES),
        "read": lambda: rng.choice(READ),
        "net": lambda: rng.choice(NETWORKS),
        "Network": lambda: rng.choice(NETWORKS),
        "sep": lambda: rng.choice([" ", " | ", " · ", "\n", "  "]),
    }
    values["date"] = lambda: f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2012, 2025)}"
    values["when"] = lambda: _fill(rng, rng.choice(WHEN), ctx)
    values["credit"] = lambda: _fill(rng, rng.choice(CREDITS), ctx)
    for key, parts in LABEL_PARTS.items():
        values[key] = lambda parts=parts: _fill(rng, rng.choice(parts), ctx)
        values[f"{key}_UP"] = lambda parts=parts: _fill(rng, rng.choice(parts), ctx).upper()
    out = _FIELD.sub(lambda m: values[m.group(1)]() if m.group(1) in values else m.group(0), template)
    return " ".join(out.split(" ")).replace("  ", " ").strip() if "\n" not in out else out.strip()


def _people_places(text: str) -> dict[str, list[str]]:
    """Capitalised pairs (people, roughly) and single capitalised words after "in" (places, roughly)."""
    people = sorted(set(re.findall(r"\b([A-Z][a-z]+ [A-Z][a-z]{2,})\b", text)))
    places = sorted(set(re.findall(r"\bin ([A-Z][a-z]{3,})\b", text)))
    return {"people": people, "places": places}


# ------------------------------------------------------------------ junk blocks


def _headline_block(rng: random.Random, donors: list[str], ctx: dict) -> list[str]:
    n = rng.choice([1, 1, 1, 2, 2, 3, 4])
    tagged = rng.random() < 0.45
    join = rng.choice(TAG_JOINS)
    out: list[str] = []
    for _ in range(n):
        h = rng.choice(donors)
        if tagged:
            h = join.replace("{h}", h).replace("{t}", _fill(rng, rng.choice(TAGS), ctx))
        out += h.split("\n")
    return out


def _related_block(rng: random.Random, donors: list[str], ctx: dict) -> list[str]:
    if rng.random() < 0.2:  # marker-led lines without a label
        lead = rng.choice(MARKER_LEADS)
        form = rng.choice(MARKER_LINES)
        return [form.replace("{lead}", lead).replace("{LEAD}", lead.upper()).replace("{h}", rng.choice(donors))
                for _ in range(rng.choice([1, 1, 2, 3]))]  # fmt: skip
    out = []
    if rng.random() < 0.85:
        out.append(_fill(rng, rng.choice(LABEL_FORMS), ctx))
    bullet = rng.choice(BULLETS)
    tagged = rng.random() < 0.25
    join = rng.choice(TAG_JOINS[:10])
    for k in range(rng.choice([2, 3, 3, 4, 5, 6])):
        h = rng.choice(donors)
        if tagged:
            h = join.replace("{h}", h).replace("{t}", _fill(rng, rng.choice(TAGS), ctx))
        out.append(bullet.replace("{n}", str(k + 1)) + h)
    return out


def _caption_block(rng: random.Random, ctx: dict) -> list[str]:
    return [_fill(rng, rng.choice(CAPTION_FORMS), ctx)]


def _interface_block(rng: random.Random, ctx: dict) -> list[str]:
    out: list[str] = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
        r = rng.random()
        if r < 0.45:
            out += _fill(rng, rng.choice(UI_ALONE), ctx).split("\n")
        elif r < 0.8:
            line = f"{rng.choice(UI_VERBS)} {rng.choice(UI_OBJECTS)}{rng.choice(UI_SUFFIX)}"
            out.append(_fill(rng, line, ctx))
        else:
            out.append(_fill(rng, rng.choice(UI_SENTENCES), ctx))
    return [x for x in out if x.strip()]


def junk_block(rng: random.Random, family: str, donors: list[str], ctx: dict) -> list[str]:
    """One block of non-article lines of a family."""
    if family == "headline":
        return _headline_block(rng, donors, ctx)
    if family == "related":
        return _related_block(rng, donors, ctx)
    if family == "caption":
        return _caption_block(rng, ctx)
    if family == "interface":
        return _interface_block(rng, ctx)
    return [rng.choice(ADVERTS)]


# ------------------------------------------------------------------ article text that looks like junk


def subheading(rng: random.Random, paragraph: str) -> str | None:
    """A subheading of the article's own, made of words of the paragraph under it."""
    ws = [w.strip(".,;:\"'“”‘’()") for w in paragraph.split()]
    ws = [w for w in ws if len(w) > 3 and w.isalpha()]
    if len(ws) < 4:
        return None
    k = rng.randint(2, min(7, len(ws)))
    start = rng.randint(0, len(ws) - k)
    head = " ".join(ws[start : start + k])
    if rng.random() < 0.3:
        head = " ".join(w[:1].upper() + w[1:] for w in head.split())
    elif rng.random() < 0.1:
        head = head.upper()
    return head[0].upper() + head[1:] + rng.choice(["", "", "", "?", ":", "."])


def own_list(rng: random.Random, paragraph: str) -> list[str]:
    """A paragraph as the article's own list: an introducing line ending in a colon (mostly), then its clauses,
    one a line, under a bullet."""
    parts = [x.strip() for x in re.split(r"[.;,]\s+", paragraph) if len(x.split()) >= 2]
    if len(parts) < 3:
        return [paragraph]
    bullet = rng.choice(["- ", "• ", "* ", "· ", "", "", "1. ", "– "])
    end = rng.choice(["", "", ".", ";"])
    items = []
    for k, x in enumerate(parts[1:8]):
        x = x[0].upper() + x[1:] if rng.random() < 0.7 else x
        items.append(bullet.replace("1", str(k + 1)) + x.rstrip(".") + end)
    intro = parts[0].rstrip(".:") + ":" if rng.random() < 0.75 else parts[0]
    return [intro, *items]


def fixture_list(rng: random.Random, ctx: dict) -> list[str]:
    """The article's own list of names: results, a cast, a team, a timetable (made of the host's own names)."""
    names = [p for p in ctx.get("people") or [] if len(p) < 30] or [f"{rng.choice(FIRST)} {rng.choice(LAST)}"]
    form = rng.choice(["{a} {x}-{y} {b}", "{a} v {b}", "{a} ({c})", "{a} as {b}", "{t} - {a}", "{a}: {x}", "{a}"])
    out = []
    for _ in range(rng.randint(3, 7)):
        a, b = rng.choice(names), rng.choice(names)
        out.append(
            form.format(
                a=a,
                b=b,
                x=rng.randint(0, 5),
                y=rng.randint(0, 5),
                c=rng.choice(["Ind", "Lab", "Con", "Rep", "Dem", "captain", "26", "31"]),
                t=f"{rng.randint(9, 18)}:{rng.choice(['00', '15', '30', '45'])}",
            )
        )
    return out


def break_paragraph(rng: random.Random, paragraph: str) -> list[str]:
    """A paragraph broken mid-sentence, as extraction breaks it at a link."""
    ws = paragraph.split()
    if len(ws) < 12:
        return [paragraph]
    cut = rng.randint(3, len(ws) - 3)
    return [" ".join(ws[:cut]), " ".join(ws[cut:])]


# ------------------------------------------------------------------ documents


def contaminate(
    rng: random.Random, host: Host, donors: list[str], families: tuple[str, ...] = FAMILIES
) -> list[tuple[str, int, str]]:
    """The lines of one article with junk put in: [(line, is_junk, family or "article" or a hard-negative kind)]."""
    ctx = _people_places(" ".join(host.paras))
    paras = host.paras
    out: list[tuple[str, int, str]] = [(host.headline, 0, "headline")] if host.headline else []

    def junk(family: str) -> None:
        out.extend((x, 1, family) for x in junk_block(rng, family, donors, ctx) if x.strip())

    if families and rng.random() < 0.3:  # under the headline: a caption of the lead picture, interface lines
        junk(rng.choice([f for f in families if f in ("caption", "interface", "advert")] or list(families)))
    n_blocks = rng.choice([0, 1, 2, 2, 3, 4, 5]) if families else 0
    at = set(rng.sample(range(len(paras) + 1), min(n_blocks, len(paras) + 1)))
    with_subheads = rng.random() < 0.3
    for k, p in enumerate(paras):
        if k in at and k:
            junk(rng.choice(families))
        if with_subheads and k and rng.random() < 0.3:
            s = subheading(rng, p)
            if s:
                out.append((s, 0, "subheading"))
        r = rng.random()
        if r < 0.05 and len(p.split()) > 20:
            out += [(x, 0, "own list") for x in own_list(rng, p)]
        elif r < 0.07:
            out.append((p, 0, "article"))
            out += [(x, 0, "own list") for x in fixture_list(rng, ctx)]
        elif r < 0.15:
            out += [(x, 0, "broken") for x in break_paragraph(rng, p)]
        else:
            out.append((p, 0, "article"))
    if len(paras) in at or (families and rng.random() < 0.3):
        for _ in range(rng.choice([1, 1, 2, 3])):
            junk(rng.choice(families))
    return out


# Credits and captions that the hosts' own "clean" texts carry ("Laura Cavanaugh via Getty Images.", "© Reuters"):
# short paragraphs naming a picture or an agency are left out of the hosts, so that the model is not taught that
# they are article text.
_HOST_CREDIT = re.compile(
    r"©|\bvia getty\b|\b(?:photo|image|picture|credit|illustration)s?\b|\b(?:getty|reuters|ap|afp|epa)\b\)?\.?$",
    re.IGNORECASE,
)


def _host_paragraph(p: str) -> bool:
    import aeb_pages

    return not aeb_pages.HOST_JUNK.search(p) and not (len(p.split()) <= 15 and _HOST_CREDIT.search(p))


def hosts() -> list[Host]:
    """Every training article: BBC train split, PolNeAR train and English AEB bodies."""
    import aeb_pages
    import clean_dev

    from newsgraph.clean.language import looks_english

    out = []
    for art in clean_dev.articles("train"):
        paras = [p.strip() for p in art["text"].split("\n\n") if p.strip()]
        paras = paras[:1] + [p for p in paras[1:] if _host_paragraph(p)]
        if len(paras) > 2:
            out.append(Host(f"bbc/{art['id']}", "bbc", "", paras[0], paras[1:]))
    for path in sorted(POLNEAR.glob("*.txt")):
        paras = [" ".join(p.split()) for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        paras = paras[:1] + [p for p in paras[1:] if _host_paragraph(p)]
        if len(paras) > 2:
            out.append(Host(f"polnear/{path.stem}", "polnear", "", paras[0], paras[1:]))
    for key, v in sorted(aeb_pages.truth().items()):
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", v["articleBody"]) if p.strip()]
        paras = [p for p in paras if _host_paragraph(p)]
        if len(paras) > 2 and looks_english(v["articleBody"]):
            out.append(Host(f"aeb/{key[:16]}", "aeb", aeb_pages.site_of(v["url"]), "", paras))
    return out


@dataclass(frozen=True)
class Document:
    id: str
    source: str
    site: str
    lines: list[tuple[str, int, str]]  # (line, is_junk, kind)
    sep: str


def documents(seed: int, rounds: int = 1, families: tuple[str, ...] = FAMILIES) -> list[Document]:
    """Contaminated training documents (a seventh of them left clean), `rounds` per host article."""
    rng = random.Random(seed)
    every = hosts()
    # PolNeAR's titles end with a full stop that pages do not print; most donors lose it.
    donors = [h.headline.splitlines()[0].strip().rstrip(";") for h in every if h.headline]
    donors = [d[:-1] if d.endswith(".") and rng.random() < 0.85 else d for d in donors]
    docs = []
    for r in range(rounds):
        for host in every:
            fams = families if rng.random() > 1 / 7 else ()
            lines = contaminate(rng, host, [d for d in donors if d != host.headline], fams)
            sep = rng.choice(["\n", "\n\n"])
            docs.append(Document(f"{host.id}#{r}", host.source, host.site, lines, sep))
    return docs


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs = documents(args.seed)
    random.Random(args.seed).shuffle(docs)
    for d in docs[: args.n]:
        if args.json:
            print(json.dumps({"id": d.id, "lines": d.lines}, ensure_ascii=False))
            continue
        for line, y, kind in d.lines:
            print(f"{'JUNK' if y else '    '} {kind[:10]:10} {line[:110]}")
        print("-" * 60)


if __name__ == "__main__":
    main()
