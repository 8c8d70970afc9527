"""Concurrent edits never silently overwrite each other.

Every edit form carries the version of the record it was opened on; saving checks it against the
record's current version (and the database checks again at flush, through SQLAlchemy's
``version_id_col``). A stale save is refused and the colleague's change is shown.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect


class StaleEdit(Exception):
    """Someone saved this record after the form was opened; nothing was saved."""

    def __init__(self, record: Any) -> None:
        super().__init__("the record was changed by someone else since the form was opened")
        self.record = record


def check_version(record: Any, submitted: int | str | None) -> None:
    """Refuse (:class:`StaleEdit`) a save whose form was opened on another version than the
    record's current one.

    The record's row is locked first (``SELECT … FOR UPDATE`` where the database has it; SQLite
    serialises writers instead): a concurrent save of the same record waits for this one and
    then sees its version, even when this save turns out to change nothing."""
    state = inspect(record)
    if state.session is not None and state.persistent:
        state.session.refresh(record, attribute_names=["version"], with_for_update=True)
    try:
        submitted_version = int(submitted) if submitted not in (None, "") else None
    except (TypeError, ValueError):
        submitted_version = None
    if submitted_version != record.version:
        raise StaleEdit(record)
