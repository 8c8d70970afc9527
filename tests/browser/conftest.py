"""Browser tests: planner served for real on 127.0.0.1, driven by Debian's Chromium.

The live server is its own app on its own SQLite file (not the transactional test database of
tests/conftest.py, whose work a test rolls back): the schema comes from the migrations and the
reference meeting is imported and published through the CLI, as `make run` does.
`empty_server` is another app on a database with the schema only, for tests that build
everything through the forms.
Playwright cannot download browsers here, so it launches /usr/bin/chromium (`make browser`
installs it).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from planner import create_app
from planner.extensions import db

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REFERENCE = Path(__file__).resolve().parents[2] / "planner" / "data" / "wg4-2018.yaml"


def missing(reason: str) -> None:
    """Skip on a developer's machine without the tool; fail in CI, which must have it."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def poppler() -> dict[str, str]:
    """Paths of poppler's pdfinfo and pdftotext, to read what Chromium printed."""
    tools = {}
    for name in ("pdfinfo", "pdftotext"):
        path = shutil.which(name)
        if path is None:
            missing(f"{name} is not installed (poppler-utils; `make browser` installs it)")
        assert path is not None
        tools[name] = path
    return tools


def make_app(folder: Path, *, reference: bool) -> Flask:
    """An app on its own SQLite file in ``folder``, its schema built by the migrations; with the
    reference meeting imported through the CLI when ``reference``."""
    from flask_migrate import upgrade

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'live.sqlite3'}",
            "SECRET_KEY": "browser-tests",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
        }
    )
    with app.app_context():
        upgrade()
    if reference:
        result = app.test_cli_runner().invoke(
            args=["planner", "import", "--publish", str(REFERENCE)]
        )
        assert result.exit_code == 0, result.output
    return app


def dispose(app: Flask) -> None:
    with app.app_context():
        db.engine.dispose()


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve ``app`` in a thread on a free port of 127.0.0.1; yields its base address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_URL"] = base
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = make_app(tmp_path_factory.mktemp("live"), reference=True)
    yield app
    dispose(app)


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """The base address of planner, served in a thread on a free port of 127.0.0.1."""
    with serving(live_app) as base:
        yield base


@pytest.fixture(scope="session")
def empty_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app whose database has the schema and nothing else: no body, no user, no meeting."""
    app = make_app(tmp_path_factory.mktemp("empty"), reference=False)
    yield app
    dispose(app)


@pytest.fixture(scope="session")
def empty_server(empty_app: Flask) -> Iterator[str]:
    """The base address of the empty app, served like ``live_server``."""
    with serving(empty_app) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        missing(f"Debian's chromium is not installed at {CHROMIUM} (`make browser` installs it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) and page for each test."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()
