"""Web UI test fixtures: a signed-in httpx client, and headless Chromium for the browser
tests.

The browser is Debian's chromium (/usr/bin/chromium, or SUPPLYWATCH_CHROMIUM) driven by
Playwright's Python API; no browser is ever downloaded (`playwright install` is never
run). When chromium is missing the browser tests are skipped, loudly (a warning in the
terminal summary); with SUPPLYWATCH_REQUIRE_BROWSER=1 (CI) they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from tests.serve.conftest import LiveServer

BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
_BROWSER_STATE = pytest.StashKey[dict[str, str]]()


def chromium_wanted() -> str:
    return os.environ.get("SUPPLYWATCH_CHROMIUM", "/usr/bin/chromium")


def chromium_path() -> str | None:
    configured = chromium_wanted()
    if os.path.isfile(configured) and os.access(configured, os.X_OK):
        return configured
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A headless Chromium (a Playwright Browser), one per session."""
    state = request.config.stash.setdefault(_BROWSER_STATE, {})
    path = chromium_path()
    if path is None:
        state["error"] = (f"chromium not found (not at {chromium_wanted()}, none on PATH; "
                          "SUPPLYWATCH_CHROMIUM names another)")
        if os.environ.get("SUPPLYWATCH_REQUIRE_BROWSER") == "1":
            state["outcome"] = "FAILED (SUPPLYWATCH_REQUIRE_BROWSER=1)"
            pytest.fail(f"{state['error']}: browser tests FAILED (SUPPLYWATCH_REQUIRE_BROWSER=1)",
                        pytrace=False)
        state["outcome"] = "SKIPPED"
        pytest.skip(f"{state['error']}: browser tests SKIPPED")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab (own cookies); any dialog it opens is recorded and dismissed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    state = config.stash.get(_BROWSER_STATE, {})
    if state.get("error"):
        terminalreporter.write_sep("!", "WARNING", red=True, bold=True)
        terminalreporter.write_line(f"{state['error']}: browser tests {state.get('outcome')}",
                                    red=True, bold=True)
        terminalreporter.write_line("Install Debian's chromium (`apt-get install -y chromium`; "
                                    "`make install-test` does) to run the web UI in a browser.",
                                    red=True)


# --- signing in over plain HTTP ---------------------------------------------------------

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def sign_in(client: httpx.Client, server: LiveServer) -> httpx.Response:
    """Sign this client in through the form, as a browser would."""
    form = client.get("/signin")
    return client.post("/signin", data={"token": server.token, "next": "/",
                                        "csrf_token": csrf_token(form.text)})


@pytest.fixture
def signed_in(live_server: LiveServer) -> Iterator[httpx.Client]:
    with live_server.client() as client:
        assert sign_in(client, live_server).status_code == 303
        yield client


# --- documents written to attack the page -----------------------------------------------

EVIL_TITLE = '<script>window.__pwnedTitle = 1</script><img src=x onerror="window.__pwnedImg = 1">'
EVIL_NAME = "Evil <script>window.__pwnedEntity = 1</script> Corp"
EVIL_SENTENCE = (f'{EVIL_NAME} supplies <img src=x onerror="alert(1); window.__pwnedImg = 1"> '
                 "relays to Nimbus Audio.")


@pytest.fixture
def evil_doc(live_server: LiveServer, save_doc: Any, new_doc: Any) -> str:
    """A story whose title, source, text and entity name carry script and an onerror
    image, and whose URL is `javascript:`; its document id."""
    story = new_doc("news/evil.html", source="<b>Wire</b>", title=f"{EVIL_TITLE} Evil story",
                    published="2025-06-01", url="javascript:window.__pwnedLink = 1")
    evil = story.entity(EVIL_NAME)
    nimbus = story.entity("Nimbus Audio", aliases=("Nimbus",))
    story.fact("supplies", EVIL_SENTENCE, supplier=evil, customer=nimbus, status="active")
    return save_doc(story).document.id
