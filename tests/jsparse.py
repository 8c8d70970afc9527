"""Read a feed with ical.js, the parser inside Thunderbird, for the tests.

Python parsers resolve ``TZID=Europe/Vienna`` by name from zoneinfo and ignore a wrong
VTIMEZONE body; ical.js uses only the VTIMEZONE in the feed (``tests/js/parse.mjs``), as clients
without a zone database do. Install it with ``cd tests/js && npm ci --ignore-scripts``.

Without node or ``tests/js/node_modules`` the calling test is skipped, except under ``CI=true``,
where it fails: CI must never pass without the real parser.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, NoReturn

import pytest

JS_DIR = Path(__file__).resolve().parent / "js"
PARSE_MJS = JS_DIR / "parse.mjs"


def unavailable(reason: str) -> NoReturn:
    """Skip the calling test for ``reason``; fail it instead when the environment has CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this check must run in CI, not be skipped)", pytrace=False)
    pytest.skip(reason)


def parse_with_icaljs(data: bytes) -> list[dict[str, Any]]:
    """The VEVENTs of feed ``data`` as ical.js reads them (see ``tests/js/parse.mjs``).

    Each dict has uid, summary, description, location, status, sequence, transp, url,
    categories, attachments, languages, all_day, start, end (UTC ``YYYY-MM-DDTHH:MM:SSZ``,
    or ``YYYY-MM-DD`` for all-day), start_tzid and end_tzid.
    """
    node = shutil.which("node")
    if node is None:
        unavailable("node is not installed (needed to read the feed with ical.js)")
    if not (JS_DIR / "node_modules" / "ical.js" / "package.json").is_file():
        unavailable("ical.js is not installed: run `cd tests/js && npm ci --ignore-scripts`")
    done = subprocess.run(
        [node, str(PARSE_MJS)],
        input=data,
        capture_output=True,
        cwd=JS_DIR,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(
            f"ical.js could not read the feed (exit {done.returncode}):\n"
            + done.stderr.decode("utf-8", "replace"),
            pytrace=False,
        )
    events: list[dict[str, Any]] = json.loads(done.stdout)
    return events
