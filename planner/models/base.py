"""Declarative base, constraint naming convention and column types shared by all models."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Dialect,
    MetaData,
    String,
    Text,
    TypeDecorator,
    Uuid,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.functions import FunctionElement

from planner.core.languages import LANGUAGES

#: One naming convention for every constraint, so migrations name them the same on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Multilingual:
    """A record whose texts are rows keyed by language, in a ``texts`` relationship."""

    def text(self, field: str) -> dict[str, str]:
        """One multilingual field as a language → text map (languages without it left out)."""
        rows: dict[str, Any] = getattr(self, "texts")  # noqa: B009 - declared by each model
        return {lang: getattr(row, field) for lang, row in rows.items() if getattr(row, field)}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware instant stored in UTC. Naive datetimes are refused, never guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: planner stores instants in UTC only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite keeps no zone: what we stored was UTC
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def public_id_column() -> Mapped[uuid.UUID]:
    """The stable public identifier that feeds, documents and meeting files point at."""
    return mapped_column(Uuid, unique=True, nullable=False, default=uuid.uuid4)


def language_column(**kwargs: Any) -> Mapped[str]:
    return mapped_column(String(2), **kwargs)


def one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    """A CHECK that ``column`` takes one of ``values`` (the database refuses anything else)."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name)


def known_language(column: str = "lang", name: str = "known_language") -> CheckConstraint:
    return one_of(column, LANGUAGES, name)


#: How long a SQLite connection waits for another one's write to finish before giving up (ms).
SQLITE_BUSY_TIMEOUT_MS = 30_000


def _reads_only() -> bool:
    """Whether the transaction about to begin only reads (set by the app: a GET request)."""
    return False


_read_only_check: list[Callable[[], bool]] = [_reads_only]


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
        # SAVEPOINTs work; and have SQLite enforce foreign keys (and ON DELETE CASCADE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # A writer waits for the one before it instead of failing with "database is locked".
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()
        # SQLite's own lower() folds ASCII only; searches fold every script (see `folded`).
        dbapi_connection.create_function("planner_fold", 1, _fold, deterministic=True)


def _fold(text: str | None) -> str | None:
    return None if text is None else text.lower()


class folded(FunctionElement[str]):
    """``lower(text)`` for any script, on PostgreSQL (lower() on UTF-8) and SQLite (Python's
    str.lower through a registered function): case-insensitive search in the six languages."""

    type = Text()
    inherit_cache = True
    name = "folded"


@compiles(folded)
def _folded_default(element: folded, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler: Any, **kw: Any) -> str:
    return f"planner_fold({compiler.process(element.clauses, **kw)})"


def _sqlite_begin(connection: Any) -> None:
    if connection.dialect.name == "sqlite":
        # A transaction that may write takes SQLite's write lock at once (BEGIN IMMEDIATE): it
        # then reads what the writer before it committed, and its version checks see every
        # concurrent save. A deferred transaction that read first and wrote later could be
        # refused with "database is locked" whatever the timeout (SQLite's deadlock rule).
        immediate = not _read_only_check[0]()
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def configure_sqlite(reads_only: Callable[[], bool] | None = None) -> None:
    """Make SQLite behave like the production database where planner relies on it.

    ``reads_only`` tells whether the transaction about to begin only reads (for the web app: a
    GET or HEAD request); such transactions do not take the write lock."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    if reads_only is not None:
        _read_only_check[0] = reads_only
    if not event.contains(Engine, "connect", _sqlite_connect):
        event.listen(Engine, "connect", _sqlite_connect)
        event.listen(Engine, "begin", _sqlite_begin)
