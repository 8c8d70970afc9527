"""Serving as production does (issue 11): security headers and a Content-Security-Policy the
pages keep to, request ids, trusted proxies, logs on standard output, the secret key, the health
route, the schema check and a database that does not answer."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

import config
from planner import create_app
from planner.extensions import db

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = ROOT / "templates"


# Security headers ----------------------------------------------------------------------------


def test_every_answer_has_the_security_headers(client: FlaskClient, reference: Session) -> None:
    for path in ("/", "/meetings/CTOC/COP/WG.4/2018/1", "/sign-in", "/no/such/page"):
        headers = client.get(path, base_url="http://planner.example.org").headers
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "object-src 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers  # plain http


def test_https_answers_tell_browsers_to_stay_on_https(client: FlaskClient) -> None:
    response = client.get("/sign-in", base_url="https://planner.example.org")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_inline_styles_carry_the_nonce_of_the_policy(
    client: FlaskClient, reference: Session
) -> None:
    for path in ("/meetings/CTOC/COP/WG.4/2018/1", "/meetings/CTOC/COP/WG.4/2018/1/print"):
        response = client.get(path)
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        assert nonce is not None
        html = response.get_data(as_text=True)
        styles = re.findall(r"<style\b[^>]*>", html)
        assert styles
        assert all(f'nonce="{nonce.group(1)}"' in tag for tag in styles)


def test_no_template_holds_inline_script_or_handlers_or_style_attributes() -> None:
    """What the policy would block: <script> without src, on...= handlers, style= attributes."""
    found = []
    for path in TEMPLATES.rglob("*.html"):
        source = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", source):
            if "src=" not in tag:
                found.append(f"{path.name}: {tag}")
        found += [f"{path.name}: {m}" for m in re.findall(r"<[^>]*\son[a-z]+\s*=", source)]
        found += [f"{path.name}: {m}" for m in re.findall(r"<[^>]*\sstyle\s*=", source)]
    assert found == []


# Request ids, proxies and logs -------------------------------------------------------------------


def test_each_answer_has_its_own_request_id(client: FlaskClient) -> None:
    first = client.get("/sign-in").headers["X-Request-ID"]
    second = client.get("/sign-in").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_a_request_id_from_an_untrusted_client_is_not_taken(client: FlaskClient) -> None:
    response = client.get("/sign-in", headers={"X-Request-ID": "from-the-proxy-1"})
    assert response.headers["X-Request-ID"] != "from-the-proxy-1"


@pytest.fixture
def proxied_app(tmp_path: Path) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}",
            "PROXY_COUNT": 1,
        }
    )


def test_behind_a_trusted_proxy_its_request_id_and_scheme_are_taken(proxied_app: Flask) -> None:
    response = proxied_app.test_client().get(
        "/healthz",
        headers={"X-Request-ID": "from-the-proxy-1", "X-Forwarded-Proto": "https"},
    )
    assert response.headers["X-Request-ID"] == "from-the-proxy-1"
    assert "Strict-Transport-Security" in response.headers


def test_forwarded_headers_are_ignored_unless_a_proxy_is_configured(client: FlaskClient) -> None:
    response = client.get(
        "/sign-in", base_url="http://planner.example.org", headers={"X-Forwarded-Proto": "https"}
    )
    assert "Strict-Transport-Security" not in response.headers


def test_logs_go_to_standard_output_with_the_request_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(
        {
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
        }
    )
    response = app.test_client().get("/")
    assert response.status_code == 503
    request_id = response.headers["X-Request-ID"]
    out = capsys.readouterr().out
    assert f"ERROR [{request_id}] planner: database unreachable" in out


# The secret key -------------------------------------------------------------------------------


def test_a_server_refuses_to_start_without_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_gunicorn_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FLASK_RUN_FROM_CLI")}
    env["BIND"] = "127.0.0.1:0"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'g.sqlite3'}"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stdout + result.stderr


# Health and schema ----------------------------------------------------------------------------


def test_healthz_says_ok_when_the_schema_is_at_the_latest_migration(
    client: FlaskClient, session: Session
) -> None:
    from planner import serving

    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["schema"] == list(
        serving.schema_heads(client.application)
    )


@pytest.fixture
def behind(tmp_path: Path) -> Iterator[Flask]:
    """An app whose database is one migration behind the code (the row says an older one)."""
    from flask_migrate import upgrade

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'behind.sqlite3'}",
        }
    )
    with app.app_context():
        upgrade()
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0000_older'"))
    yield app
    with app.app_context():
        db.engine.dispose()


def test_a_schema_behind_the_code_answers_503_with_the_house_page(behind: Flask) -> None:
    client = behind.test_client()
    page = client.get("/")
    assert page.status_code == 503
    html = page.get_data(as_text=True)
    assert "planner is being updated" in html and 'class="error-page"' in html
    assert "Traceback" not in html
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["schema"] == ["0000_older"]


def test_an_empty_database_answers_503_not_500(tmp_path: Path) -> None:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        }
    )
    assert app.test_client().get("/meetings/CTOC/COP/WG.4/2018/1").status_code == 503
    assert app.test_client().get("/healthz").status_code == 503


# A database that does not answer ----------------------------------------------------------------


def test_postgresql_connections_and_statements_have_timeouts() -> None:
    options = config.engine_options("postgresql+psycopg://u@db/planner", serving=True)
    connect_args = options["connect_args"]
    assert isinstance(connect_args, dict)
    assert connect_args["connect_timeout"] < 5 and connect_args["tcp_user_timeout"] < 5000
    assert "statement_timeout=" in connect_args["options"]
    commands = config.engine_options("postgresql+psycopg://u@db/planner", serving=False)
    assert "options" not in commands["connect_args"]  # type: ignore[operator]


@pytest.fixture
def silent_database() -> Iterator[tuple[int, list[socket.socket]]]:
    """A TCP server that accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_database_that_never_answers_gives_the_house_503_page(
    silent_database: tuple[int, list[socket.socket]],
) -> None:
    port, accepted = silent_database
    app = create_app(
        {
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": f"postgresql+psycopg://nobody@127.0.0.1:{port}/none",
        }
    )
    answers: list[object] = []
    request = threading.Thread(target=lambda: answers.append(app.test_client().get("/")))
    request.start()
    request.join(timeout=60)  # a guard against a hang, not a measurement
    assert answers, "the request hung"
    response = answers[0]
    assert response.status_code == 503  # type: ignore[attr-defined]
    assert "cannot reach its database" in response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert accepted  # it did connect, and got no answer


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="the statement timeout is PostgreSQL's (TEST_DATABASE_URL is not PostgreSQL)",
)
def test_a_statement_running_too_long_is_cancelled_with_the_503_page(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError

    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT", "100")
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    engine = create_engine(url, **config.engine_options(url, serving=True))  # type: ignore[arg-type]
    try:
        with engine.connect() as connection, pytest.raises(OperationalError, match="statement"):
            connection.execute(text("SELECT pg_sleep(2)"))
    finally:
        engine.dispose()
