"""A second contamination generator, for EVALUATION ONLY: never train, tune thresholds or pick lexicon entries on it.

DO NOT USE FOR TRAINING. This generator exists to measure whether the cleaner (`newsgraph.clean`) generalises to
phrasings and placements it was not built on (issue 12). Its templates were written without looking at the
cleaner's lexicons and avoid the exact phrasings of `../shared/tools/clean_eval.py`'s generator. Anything trained
or tuned on what this file produces turns its figures into training figures; a training generator belongs in its own
file, with its own phrasings.

Host texts are clean article texts from three sources: BBC News (`../shared/data/bbc/bbc.jsonl`), PolNeAR
(`../shared/data/polnear/*/text/*.txt`, headline line first) and the AEB ground-truth article bodies
(`../shared/data/aeb/ground-truth.json`, English ones only, no headline). Other stories' headlines come from the
headlines of OTHER BBC and PolNeAR articles. Half of the documents get 1 to 4 items of these kinds:

  own_line     another story's headline on its own line after a paragraph (or at the very end)
  stacked      two or three other headlines stacked, one a line
  tagged       a headline with a reading-time or section tag ("4 min read", "| Politics", "WORLD /")
  glue_start   a headline glued to the start of a paragraph, no separator
  glue_end     a headline glued to the end of a paragraph (no separator, or one space)
  related      a label line ("More on this story", "Read next", "You may also like", ...) then 2-4 headlines with
               bullets or marks (•, -, ►, », >, →, ▪, numbered)
  caption      photo captions and credits in agency formats ("(Photo by Jane Doe/Getty Images)", "[Reuters]",
               "© AFP 2024", "Photograph: X/AP", "Image caption ...", a caption sentence then "PHOTO: ...")
  interface    reader-interface lines: listen to this article, share on X/Facebook/WhatsApp, copy link, sign in to
               comment, subscribe, get the app, newsletter sign-ups, in many wordings

Scoring is `clean_eval.py`'s (its `assemble` and `score_docs`): characters of injected items against `removed`.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import clean_eval  # noqa: E402  (assemble, Insert, Doc, scoring)
from aeb_pages import HOST_JUNK  # noqa: E402

BBC = SHARED / "data" / "bbc" / "bbc.jsonl"
POLNEAR = SHARED / "data" / "polnear"
AEB_TRUTH = SHARED / "data" / "aeb" / "ground-truth.json"
DEFAULT_SEED = 20261130

KINDS = {
    "own_line": "headline, own line",
    "stacked": "headlines stacked",
    "tagged": "headline + tag",
    "glue_start": "glued at para start",
    "glue_end": "glued at para end",
    "related": "related list",
    "caption": "caption/credit",
    "interface": "reader interface",
}


@dataclass
class Host:
    id: str
    source: str  # bbc, polnear, aeb
    text: str  # paragraphs separated by one blank line; the headline first where there is one
    headline: str  # "" when the source has none (AEB)
    section: str


# ============================================================ host texts


# Junk the sources' own "clean" texts carry (PolNeAR's "Follow X on Twitter @x.", AEB bodies' image credits): such
# paragraphs are dropped from the hosts (`aeb_pages.HOST_JUNK`), so that removing them is not counted as text lost.


def _norm_paragraphs(text: str) -> str:
    paras = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text.replace("\r", ""))]
    return "\n\n".join(p for p in paras if p and not HOST_JUNK.search(p))


def load_hosts() -> list[Host]:
    hosts: list[Host] = []
    for line in BBC.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            hosts.append(Host(f"bbc/{a['id']}", "bbc", _norm_paragraphs(a["text"]), a["headline"], a["category"]))
    for path in sorted(POLNEAR.glob("*/text/*.txt")):
        text = _norm_paragraphs(path.read_text(encoding="utf-8"))
        head = text.split("\n", 1)[0]
        if len(text) > 400:
            hosts.append(Host(f"polnear/{path.stem}", "polnear", text, head, "politics"))
    from newsgraph.clean.language import looks_english

    truth = json.loads(AEB_TRUTH.read_text(encoding="utf-8"))
    for key in sorted(truth):
        text = _norm_paragraphs(truth[key]["articleBody"])
        if len(text) > 400 and text.count("\n\n") >= 2 and looks_english(text):
            hosts.append(Host(f"aeb/{key[:16]}", "aeb", text, "", "news"))
    return hosts


# ============================================================ phrasings (fresh: not clean_eval's, not the lexicons')

SECTION_TAGS = {
    "politics": ["Politics", "UK Politics", "US Election", "Westminster", "Campaign 2016"],
    "business": ["Business", "Markets", "Economy", "Companies"],
    "sport": ["Sport", "Rugby Union", "Tennis", "Athletics"],
    "tech": ["Technology", "Science & Tech", "Gadgets"],
    "entertainment": ["Culture", "Film", "Music", "Arts"],
    "news": ["World", "Opinion", "Science", "Health", "Local News"],
}
TAG_FORMS = [
    "{h} | {s}",
    "{s} | {h}",
    "{h} — {m} min read",
    "{h} · {m} mins",
    "{h} ({m} min read)",
    "{S} / {h}",
    "{S}: {h}",
    "{h}\n{m} min read",
    "{s}\n{h}",
    "{h} - {s} - {m} minutes ago",
    "{h} [{m} hrs]",
    "{h} ~ {m} minute listen",
]
RELATED_LABELS = [
    "More on this story",
    "Read next",
    "You may also like",
    "Stories you might have missed",
    "Before you go",
    "Catch up",
    "Our picks for you",
    "The latest headlines",
    "Across the network",
    "Worth your time",
    "More stories like this",
    "From the archive",
    "Continue exploring",
    "People are also reading",
    "Readers also viewed",
    "Just in",
    "{S} HEADLINES",
]
BULLETS = ["• ", "- ", "► ", "» ", "> ", "→ ", "▪ ", "– ", "{n}. ", "{n}) ", "{n} "]
PEOPLE = [
    "Jane Doe",
    "Mark Ellison",
    "Priya Raman",
    "Tomas Novak",
    "Chloe Brennan",
    "Kenji Watanabe",
    "Aisha Bello",
    "Luis Ortega",
    "Hannah Field",
    "Olu Adeyemi",
]
AGENCY = ["Getty Images", "AFP", "Reuters", "AP", "EPA-EFE", "Bloomberg", "Shutterstock", "Alamy", "PA Media", "SWNS"]
PLACES = ["London", "Washington", "Brussels", "Manchester", "New York", "Paris", "Glasgow", "Cardiff", "Berlin"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "earlier this month"]
CAPTION_SENTENCES = [
    "{name} arrives for a meeting in {place} {day}",
    "{name} speaks to reporters outside the building {day}",
    "{name} (left) with supporters in {place}",
    "Crowds gathered in central {place} {day}",
    "Police officers stand guard in {place}",
    "A view of the site in {place}, where work began {day}",
    "{name}, pictured in {place} {day}",
]
CAPTION_FORMS = [
    "(Photo by {p}/{a})",
    "[{a}]",
    "© {a} {y}",
    "Photograph: {p}/{a}",
    "Photograph: {a}",
    "Image caption {cap}",
    "{cap}. PHOTO: {p}/{a}",
    "{cap}. [{p} | {a}]",
    "{cap} ({a} Photo/{p})",
    "{cap}. Credit: {p} for The {o}",
    "{CAP}. PHOTO: {A}",
    "Copyright {a}",
    "{p}/{a} via {a2}",
    "Picture credit — {p}, {a}",
    "{cap} — {a}",
]
OUTLETS = ["Herald", "Courier", "Observer", "Gazette", "Chronicle", "Sentinel", "Dispatch"]
INTERFACE = [
    "Listen to this article",
    "Hear this story read aloud · {m}:{ss}",
    "Play audio  {m} min",
    "Audio version of this article",
    "Share on X",
    "Share on Facebook",
    "Share via WhatsApp",
    "Post to Facebook",
    "Send via WhatsApp",
    "Share this story: Facebook | X | WhatsApp | Email",
    "Share\nFacebook\nX\nWhatsApp\nCopy link",
    "Copy link",
    "URL copied!",
    "Log in to comment",
    "Sign in to leave a comment",
    "Log in or register to join the conversation",
    "Comments ({c})",
    "View {c} comments",
    "Subscribe to continue reading",
    "Become a member for unlimited access",
    "Existing members, sign in here",
    "Get the {o} app",
    "Download the {o} app for breaking news alerts",
    "Get our free app for iPhone and Android",
    "Sign up for our newsletter",
    "Get the morning briefing delivered to your inbox",
    "Enter your email address to receive our daily headlines",
    "Sign up for the {o} Daily, our free email",
    "Add to reading list",
    "Give this story to a friend",
    "Printer-friendly version",
    "Send this to someone",
    "Reading mode: on",
]
ISSUE_NAMED = {
    # Templates that restate the issue's own examples: any training generator is likely to have them too, so
    # `clean_heldout.py` reports their recall apart from the fresh ones.
    "More on this story",
    "Read next",
    "You may also like",
    "{h} | {s}",
    "{h} — {m} min read",
    "{h}\n{m} min read",
    "(Photo by {p}/{a})",
    "[{a}]",
    "© {a} {y}",
    "Photograph: {p}/{a}",
    "Photograph: {a}",
    "Image caption {cap}",
    "{cap}. PHOTO: {p}/{a}",
    "{CAP}. PHOTO: {A}",
    "Listen to this article",
    "Share on X",
    "Share on Facebook",
    "Share via WhatsApp",
    "Copy link",
    "Log in to comment",
    "Subscribe to continue reading",
    "Get the {o} app",
    "Sign up for our newsletter",
}
HEADLINE_ONLY = "(headline only)"


def template_of(variant: str) -> str:
    """The template an item was made from (its `variant` less the placement), or HEADLINE_ONLY."""
    if " || " in variant:
        return variant.split(" || ")[0]
    if variant in ("after paragraph", "no separator", "space") or variant.endswith(" headlines"):
        return HEADLINE_ONLY
    return variant.removesuffix(" @top").removesuffix(" @end")


def shared_templates(path: Path) -> set[str]:
    """Templates of this file with a literal stretch of two or more words found in `path` (a training generator's
    source): a static check, which misses phrases that are put together from parts there."""
    if not path.exists():
        return set()
    src = " ".join(re.findall(r"[a-z0-9]+", path.read_text(encoding="utf-8").lower()))
    out = set()
    for tpl in [*TAG_FORMS, *RELATED_LABELS, *CAPTION_FORMS, *INTERFACE]:
        for frag in re.split(r"\{\w+\}", tpl):
            words = re.findall(r"[a-z0-9]+", frag.lower())
            if len(words) >= 2 and f" {' '.join(words)} " in f" {src} ":
                out.add(tpl)
    return out


class Places:
    """Insertion points of one host text: paragraph starts and ends, each handed out once."""

    def __init__(self, text: str, sep: str, has_headline: bool, rng: random.Random):
        self.text, self.sep, self.rng = text, sep, rng
        self.paras: list[tuple[int, int]] = []
        pos = 0
        for part in text.split(sep):
            self.paras.append((pos, pos + len(part)))
            pos += len(part) + len(sep)
        self.first_body = 1 if has_headline else 0
        self.used: set[int] = set()

    def take(self, positions: list[int]) -> int | None:
        free = [p for p in positions if p not in self.used]
        if not free:
            return None
        pos = self.rng.choice(free)
        self.used.add(pos)
        return pos

    def body(self, lo: int = 0) -> list[tuple[int, int]]:
        return self.paras[self.first_body + lo :] or self.paras[self.first_body :]

    def para_end(self, last_too: bool = True) -> int | None:
        paras = self.body() if last_too else self.body()[:-1] or self.body()
        return self.take([b for _, b in paras])

    def para_start(self, lo: int = 1) -> int | None:
        return self.take([a for a, _ in self.body(lo)])

    def after_headline(self) -> int | None:
        return self.take([self.paras[0][1]]) if self.first_body else None


def make_inserts(rng: random.Random, host: Host, text: str, sep: str, donors: list[str]) -> list[clean_eval.Insert]:
    places = Places(text, sep, bool(host.headline), rng)
    low = text.lower()

    def donor() -> str:
        h = ""
        for _ in range(200):
            h = rng.choice(donors)
            if h != host.headline and h.lower() not in low and 15 <= len(h) <= 120:
                return h
        return h

    def section() -> str:
        return rng.choice(SECTION_TAGS.get(host.section, SECTION_TAGS["news"]))

    names = clean_eval.names_in(text) or PEOPLE
    out: list[clean_eval.Insert] = []

    def between(content: str, kind: str, variant: str) -> None:
        """On a line (or lines) of its own after a paragraph."""
        pos = places.para_end()
        if pos is not None:
            prefix = sep if rng.random() < 0.8 else "\n"
            out.append(clean_eval.Insert(pos, prefix, content, "", kind, variant))

    for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
        kind = rng.choice(list(KINDS))
        if kind == "own_line":
            between(donor(), kind, "after paragraph")
        elif kind == "stacked":
            n = rng.choice([2, 2, 3])
            between("\n".join(donor() for _ in range(n)), kind, f"{n} headlines")
        elif kind == "tagged":
            form = rng.choice(TAG_FORMS)
            s = section()
            content = form.format(h=donor(), s=s, S=s.upper(), m=rng.randint(2, 12))
            between(content, kind, form)
        elif kind == "glue_start":
            pos = places.para_start(lo=1)
            if pos is not None:
                out.append(clean_eval.Insert(pos, "", donor(), "", kind, "no separator"))
        elif kind == "glue_end":
            pos = places.para_end(last_too=rng.random() < 0.3)
            if pos is not None:
                glue = rng.choice(["", "", " "])
                out.append(clean_eval.Insert(pos, glue, donor(), "", kind, "space" if glue else "no separator"))
        elif kind == "related":
            s = section()
            label_tpl = rng.choice(RELATED_LABELS)
            label = label_tpl.format(S=s.upper())
            bullet = rng.choice(BULLETS)
            n = rng.choice([2, 3, 3, 4])
            rows = [bullet.format(n=i + 1) + donor() for i in range(n)]
            inner = "\n" if rng.random() < 0.75 else sep
            content = label + inner + inner.join(rows)
            if rng.random() < 0.35 and len(places.body()) > 1:
                pos = places.take([len(text)])
                if pos is not None:
                    out.append(clean_eval.Insert(pos, sep, content, "", kind, f"{label_tpl} || {bullet!r} @end"))
                    continue
            between(content, kind, f"{label_tpl} || {bullet!r}")
        elif kind == "caption":
            form = rng.choice(CAPTION_FORMS)
            a, a2 = rng.sample(AGENCY, 2)
            cap = rng.choice(CAPTION_SENTENCES).format(
                name=rng.choice(names), place=rng.choice(PLACES), day=rng.choice(DAYS)
            )
            content = form.format(
                p=rng.choice(PEOPLE),
                a=a,
                a2=a2,
                A=a.upper(),
                y=rng.choice([2016, 2019, 2023, 2024]),
                cap=cap,
                CAP=cap.upper(),
                o=rng.choice(OUTLETS),
            )
            if rng.random() < 0.3:  # right under the headline, as a lead picture's caption
                pos = places.after_headline()
                if pos is not None:
                    out.append(clean_eval.Insert(pos, sep, content, "", kind, form + " @top"))
                    continue
            between(content, kind, form)
        else:
            form = rng.choice(INTERFACE)
            content = form.format(
                m=rng.randint(2, 9), ss=f"{rng.randint(0, 59):02d}", c=rng.randint(3, 480), o=rng.choice(OUTLETS)
            )
            where = rng.random()
            if where < 0.35:
                pos = places.after_headline()
                if pos is not None:
                    out.append(clean_eval.Insert(pos, sep, content, "", kind, form + " @top"))
                    continue
            if where < 0.7:
                pos = places.take([len(text)])
                if pos is not None:
                    out.append(clean_eval.Insert(pos, rng.choice([sep, "\n"]), content, "", kind, form + " @end"))
                    continue
            between(content, kind, form)
    return out


def build(n: int = 400, seed: int = DEFAULT_SEED, sources: tuple[str, ...] = ("bbc", "polnear", "aeb")) -> list:
    """`n` documents (half contaminated), drawn evenly from the sources; `clean_eval.Doc`s with a `source`."""
    every = load_hosts()
    hosts = [h for h in every if h.source in sources]
    donors = sorted({h.headline for h in every if h.headline})
    rng = random.Random(seed)
    by_source = {s: [h for h in hosts if h.source == s] for s in sources}
    for pool in by_source.values():
        rng.shuffle(pool)
    picked: list[Host] = []
    k = 0
    while len(picked) < n and any(by_source.values()):
        pool = by_source[sources[k % len(sources)]]
        if pool:
            picked.append(pool.pop())
        k += 1
    docs = []
    for i, host in enumerate(picked):
        sep = rng.choice(["\n\n", "\n"])
        text = host.text if sep == "\n\n" else host.text.replace("\n\n", "\n")
        inserts = make_inserts(rng, host, text, sep, donors) if i % 2 == 0 else []
        doc = clean_eval.assemble(host.id, text, host.headline, inserts)
        doc.source = host.source  # type: ignore[attr-defined]
        docs.append(doc)
    return docs
