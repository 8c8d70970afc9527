"""Test fixtures: one app per run, its schema built by the migrations, and one transaction per
test, rolled back at the end.

The database is SQLite in a temporary folder, or the one named by TEST_DATABASE_URL (CI runs
the suite a second time against PostgreSQL that way).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text
from sqlalchemy.orm import Session

from planner import create_app
from planner.extensions import db

REFERENCE = Path(__file__).resolve().parent.parent / "planner" / "data" / "wg4-2018.yaml"


def _database_url(tmp: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp / 'test.sqlite3'}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _empty_database(app: Flask) -> None:
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from flask_migrate import upgrade

    tmp = tmp_path_factory.mktemp("planner")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": _database_url(tmp),
            "SECRET_KEY": "test",
            "PUBLIC_URL": "https://planner.example.org",
            "SERVER_NAME": "planner.example.org",
            "PREFERRED_URL_SCHEME": "https",
            # The test client speaks plain http; cookies marked Secure would not come back.
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
        }
    )
    with app.app_context():
        _empty_database(app)
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A database session whose work is undone after the test, even where the code commits."""
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        # Flask-SQLAlchemy picks the bind per model from its engines, ignoring a session's
        # ``bind``: point its default engine at this connection for the test.
        engines = db._app_engines[app]
        engine = engines[None]
        engines[None] = connection  # type: ignore[assignment]
        original = db.session
        db.session = db._make_scoped_session({"join_transaction_mode": "create_savepoint"})
        try:
            yield db.session()
        finally:
            db.session.remove()
            db.session = original
            engines[None] = engine
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app: Flask, session: Session) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask, session: Session) -> FlaskCliRunner:
    return app.test_cli_runner()


def bilingual_copy(source: Path, target: Path) -> Path:
    """``source`` with only its English and Chinese texts: a meeting file as the secretariat
    hands it over before translation, for tests of missing and out-of-date translations."""
    import yaml

    others = {"fr", "es", "ru", "ar"}

    def strip(node: object) -> object:
        if isinstance(node, dict):
            if node and set(node) <= {"en", "zh", *others}:
                return {k: v for k, v in node.items() if k not in others}
            return {k: strip(v) for k, v in node.items()}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    data = strip(yaml.safe_load(source.read_text(encoding="utf-8")))
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture
def bilingual(
    runner: FlaskCliRunner, session: Session, tmp_path_factory: pytest.TempPathFactory
) -> Session:
    """The reference meeting imported (and published) with its English and Chinese texts
    only."""
    path = bilingual_copy(REFERENCE, tmp_path_factory.mktemp("bilingual") / "wg4-en-zh.yaml")
    result = runner.invoke(args=["planner", "import", "--publish", str(path)])
    assert result.exit_code == 0, result.output
    return session


@pytest.fixture
def reference(runner: FlaskCliRunner, session: Session, request: pytest.FixtureRequest) -> Session:
    """The database with the reference meeting (the eighth meeting of WG.4) imported and
    published (as `make run` loads it); imported as a draft for a test marked ``draft``."""
    publish = [] if request.node.get_closest_marker("draft") else ["--publish"]
    result = runner.invoke(args=["planner", "import", *publish, str(REFERENCE)])
    assert result.exit_code == 0, result.output
    return session
