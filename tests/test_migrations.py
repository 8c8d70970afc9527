"""The migrations build the schema the models describe, on SQLite and PostgreSQL, and go down to
an empty database and up again."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from planner import create_app
from planner.extensions import db
from planner.models import Base

SCHEMA = "planner_migration_test"


@pytest.fixture(scope="module")
def scratch_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app on a database of its own, so going down to nothing disturbs no other test."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        separator = "&" if "?" in url else "?"
        url = f"{url}{separator}options=-csearch_path%3D{SCHEMA}"
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('migrations') / 'scratch.sqlite3'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t"})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
                connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        yield app
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        db.engine.dispose()


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_builds_every_table_of_the_models(scratch_app: Flask) -> None:
    with scratch_app.app_context():
        upgrade()
        assert _tables() == set(Base.metadata.tables)


def test_models_and_migrations_do_not_drift(scratch_app: Flask) -> None:
    with scratch_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_upgrade_again(scratch_app: Flask) -> None:
    with scratch_app.app_context():
        upgrade()
        downgrade(revision="base")
        assert _tables() == set()
        upgrade()
        assert _tables() == set(Base.metadata.tables)


def test_every_migration_has_a_downgrade() -> None:
    versions = Path(__file__).resolve().parent.parent / "migrations" / "versions"
    for path in versions.glob("*.py"):
        source = path.read_text()
        body = source.split("def downgrade", 1)[1]
        assert "op." in body, f"{path.name} has an empty downgrade"


def test_upgrading_stamps_existing_translations_as_up_to_date(scratch_app: Flask) -> None:
    """Texts saved before translation stamps existed count as translations of each other."""
    import uuid
    from datetime import UTC, datetime

    import sqlalchemy as sa

    from planner.core.translation import decode, fingerprint

    bodies = sa.table(
        "bodies",
        sa.column("id"),
        sa.column("public_id", sa.Uuid()),
        sa.column("symbol"),
        sa.column("meeting_word"),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version"),
    )
    texts = sa.table(
        "body_texts",
        sa.column("body_id"),
        sa.column("lang"),
        sa.column("name"),
        sa.column("short_name"),
    )
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with scratch_app.app_context():
        upgrade()
        downgrade(revision="base")
        upgrade(revision="0001")
        with db.engine.begin() as connection:
            connection.execute(
                bodies.insert().values(
                    id=1,
                    public_id=uuid.uuid4(),
                    symbol="CTOC/COP/WG.4",
                    meeting_word="meeting",
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
            )
            connection.execute(
                texts.insert(),
                [
                    {"body_id": 1, "lang": "en", "name": "Working Group", "short_name": ""},
                    {"body_id": 1, "lang": "zh", "name": "工作组", "short_name": ""},
                ],
            )
        upgrade()
        with db.engine.connect() as connection:
            rows = dict(connection.execute(text("SELECT lang, sources FROM body_texts")).all())
        assert decode(rows["zh"])["name"] == [{"en": fingerprint("Working Group")}]
        assert decode(rows["en"])["name"] == [{"zh": fingerprint("工作组")}]
        downgrade(revision="0001")
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM body_texts")).scalar() == 2
        downgrade(revision="base")
        upgrade()
