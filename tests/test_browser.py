"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright for Python): an article's
highlighted quotes and their speaker, the speaker's page, search, removed spans, and untrusted text that stays text.

Playwright's own browser download is never used: the machine is offline, and `make test` installs Debian's chromium
when it is missing (`make test-deps`).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

import corpus
from newsgraph.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
# Headless and quiet: without the background-networking flags Chromium keeps trying to reach Google's services,
# which a closed network refuses many times a second.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.build(tmp_path_factory.mktemp("browser") / "corpus.db")


@pytest.fixture(scope="module")
def base_url(db: Path) -> Iterator[str]:
    """The app served by uvicorn on a free port of 127.0.0.1, in a thread, for this module. The socket is bound here
    and handed to the server, so that no other program can take the port between choosing it and serving on it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        found = shutil.which("chromium") or "nothing on PATH either"
        pytest.fail(
            f"{CHROMIUM} is missing ({found}): the browser test needs Debian's Chromium. Install it with "
            "`apt-get install -y chromium` (`make test` does this when it is missing); do not run `playwright install`."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    yield page
    context.close()
    assert problems == []  # no script error, no CSP violation, no alert() from article text


def background(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e).backgroundColor")


def test_article_quotes_speaker_link_and_search(page, base_url, db):
    from playwright.sync_api import expect

    page.goto(f"{base_url}/article/{corpus.article_key(db, 'example')}")
    quotes = page.locator("#article-text mark.quote[id]")
    assert quotes.count() >= 10
    first = quotes.first
    assert first.get_attribute("data-speaker") == "Jens Stoltenberg"
    assert background(first) not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted

    # Hovering shows who said it and the cue.
    tip = first.get_attribute("data-tip")
    assert tip.startswith("Jens Stoltenberg · ") and tip.count("·") == 2
    first.hover()
    expect(page.locator("#tip")).to_be_visible()
    expect(page.locator("#tip")).to_have_text(tip)
    # Every quote of one speaker has that speaker's colour.
    stoltenberg = page.locator('#article-text mark.quote[data-speaker="Jens Stoltenberg"]')
    assert {background(stoltenberg.nth(i)) for i in range(stoltenberg.count())} == {background(first)}

    # The speaker's link leads to their page: titles and quotes over time.
    page.locator(".legend a.speaker-link", has_text="Jens Stoltenberg").click()
    expect(page).to_have_url(f"{base_url}/entity/{corpus.identity_key(db, 'Jens Stoltenberg')}")
    expect(page.locator("h1#entity-name")).to_have_text("Jens Stoltenberg")
    expect(page.locator("#titles")).to_contain_text("NATO chief")
    assert page.locator("li.quote-item").count() >= 11

    # Search from the header.
    box = page.locator("header form.search input[name=q]")
    box.fill("stand with Ukraine")
    box.press("Enter")
    expect(page).to_have_url(f"{base_url}/search?q=stand+with+Ukraine")
    expect(page.locator("#quote-results")).to_contain_text("Anna Berg")
    expect(page.locator("#article-results mark").first).to_have_text("stand")
    page.locator("#article-results a", has_text="Ministers meet in Brussels").click()
    expect(page.locator("article h1")).to_have_text("Ministers meet in Brussels")


def test_speakers_have_their_own_colours_and_removed_text_can_be_hidden(page, base_url, db):
    from playwright.sync_api import expect

    page.goto(f"{base_url}/article/{corpus.article_key(db, 'berg')}")
    berg = page.locator('#article-text mark.quote[data-speaker="Anna Berg"]').first
    stoltenberg = page.locator('#article-text mark.quote[data-speaker="Jens Stoltenberg"]').first
    assert background(berg) != background(stoltenberg)

    removed = page.locator("#article-text del.removed")
    assert removed.count() == 2
    expect(removed.last).to_have_text("Follow us on Twitter and Facebook")
    assert removed.last.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    page.locator("#hide-removed").check()
    expect(removed.first).to_be_hidden()
    expect(removed.last).to_be_hidden()
    page.locator("#hide-removed").uncheck()
    expect(removed.last).to_be_visible()


def test_markup_in_an_article_is_shown_as_text(page, base_url, db):
    from playwright.sync_api import expect

    page.goto(f"{base_url}/article/{corpus.article_key(db, 'xss')}")
    expect(page.locator("article h1")).to_have_text("Budget <script>alert('xss')</script> row")
    expect(page.locator("#article-text")).to_contain_text("Do not <script>document.title='pwned'</script> trust them")
    assert "pwned" not in page.title()
    assert page.locator("#article-text script").count() == 0
    # The `page` fixture fails the test if any alert() was opened or a script error happened.
