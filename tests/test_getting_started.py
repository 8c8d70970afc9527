"""Getting started: what `make run` says and does, the first account, the public address that
follows the port, and a command line that starts without loading the renderers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import config

ROOT = Path(__file__).resolve().parent.parent

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def _dry_run(*args: str, env: dict[str, str] | None = None) -> str:
    """What make would run (``make -n``): nothing is installed or started."""
    environment = {k: v for k, v in os.environ.items() if k not in ("PORT", "PUBLIC_URL")}
    result = subprocess.run(
        ["make", "-n", "--always-make", *args],
        cwd=ROOT,
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:5000"),
        ({"PORT": "5101"}, "http://127.0.0.1:5101"),
        (
            {"PORT": "5101", "PUBLIC_URL": "https://planner.example.org/"},
            "https://planner.example.org",
        ),
    ],
)
def test_public_url_follows_the_port_unless_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert config.from_environment(tmp_path)["PUBLIC_URL"] == expected


@needs_make
def test_make_run_serves_at_the_port_and_writes_links_to_it() -> None:
    commands = _dry_run("run", "PORT=5101")
    assert "--port 5101" in commands
    assert 'PUBLIC_URL="${PUBLIC_URL:-http://127.0.0.1:5101}"' in commands


@needs_make
def test_make_run_says_how_to_make_the_first_account() -> None:
    commands = _dry_run("run")
    assert "make admin EMAIL=you@example.org" in commands
    # the hint comes before the server starts (it blocks), after the schema and the import
    assert commands.index("make admin") > commands.index("planner import")
    assert commands.index("make admin") < commands.index("flask --app wsgi run")


@needs_make
def test_make_admin_creates_an_administrator() -> None:
    commands = _dry_run("admin", "EMAIL=me@un.org")
    assert 'planner create-user "me@un.org" --role admin' in commands


@needs_make
def test_catalogs_compile_in_one_quiet_step() -> None:
    commands = _dry_run("catalogs")
    compiles = [line for line in commands.splitlines() if "pybabel" in line]
    assert len(compiles) == 1, compiles
    assert "--quiet" in compiles[0] and "--statistics" not in compiles[0]


def test_the_readme_opens_with_run_and_test_then_the_first_account() -> None:
    readme = (ROOT / "README.md").read_text()
    opening = readme.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    assert opening[0].startswith("make run") and opening[1].startswith("make test")
    after = readme.split("```", 2)[2]
    first_section = after[: after.index("## Everyday commands")]
    assert "make admin EMAIL=" in first_section and "PLANNER_PASSWORD" in first_section
    assert "/sign-in" in first_section


def test_the_command_line_starts_without_the_renderers() -> None:
    """WeasyPrint, python-docx and icalendar load only for the commands that
    render; creating the app (what every `flask --app wsgi ...` does) leaves them out."""
    probe = (
        "import sys, wsgi; "
        "print(','.join(m for m in ('weasyprint', 'docx', 'pydyf', 'fontTools', 'icalendar') "
        "if m in sys.modules))"
    )
    # A server needs its SECRET_KEY; the probe creates the app as a server would.
    env = {**os.environ, "SECRET_KEY": "probe"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
