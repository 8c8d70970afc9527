"""A record's version moves whenever any part of it changes, its texts included.

SQLAlchemy's ``version_id_col`` raises the version only when the record's own row is updated.
An agenda item whose title changes in one language changes a row of ``agenda_item_texts`` only,
so two editors could each save a title without either seeing the other's: a lost update. Before
every flush, :func:`_touch_owners` marks the owner of each changed part as updated, so that its
row is written with the version check (``UPDATE … WHERE version = :seen``) and a concurrent
save of the same record fails instead of silently winning.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from planner.models.agenda import AgendaItem, AgendaItemDocument, AgendaItemText
from planner.models.base import utcnow
from planner.models.bodies import Body, BodyText
from planner.models.documents import Document, DocumentLanguage, DocumentText
from planner.models.meetings import DailySlot, InterpretationLanguage, Meeting, MeetingText
from planner.models.users import User

#: A part → (its owner, the part's column that holds the owner's id).
PARTS: dict[type[Any], tuple[type[Any], str]] = {
    AgendaItemText: (AgendaItem, "item_id"),
    AgendaItemDocument: (AgendaItem, "item_id"),
    MeetingText: (Meeting, "meeting_id"),
    DailySlot: (Meeting, "meeting_id"),
    InterpretationLanguage: (Meeting, "meeting_id"),
    BodyText: (Body, "body_id"),
    DocumentText: (Document, "document_id"),
    DocumentLanguage: (Document, "document_id"),
}

#: An owner → the collections of parts that belong to its version (others, such as a
#: meeting's agenda items, have versions of their own).
COLLECTIONS: dict[type[Any], tuple[str, ...]] = {
    AgendaItem: ("texts", "document_links"),
    Meeting: ("texts", "daily_slots", "interpretation_language_rows"),
    Body: ("texts",),
    Document: ("texts", "language_rows"),
    User: ("bodies",),
}


def _collection_changed(owner: Any) -> bool:
    state = inspect(owner)
    for name in COLLECTIONS[type(owner)]:
        if name in state.attrs and state.attrs[name].history.has_changes():
            return True
    return False


def session_is_writing(owner: Any) -> bool:
    """Whether the owner's own columns already changed (its row is written anyway)."""
    state = inspect(owner)
    return any(
        attr.history.has_changes() for attr in state.attrs if attr.key in state.mapper.columns
    )


def _touch(owner: Any) -> None:
    """Write the owner's row (and so check and raise its version) in this flush."""
    if hasattr(owner, "updated_at"):
        if not inspect(owner).attrs.updated_at.history.has_changes():
            owner.updated_at = utcnow()
    elif not session_is_writing(owner):
        # No timestamp to set: write one column with its own value (the version moves).
        flag_modified(owner, "email")


def _touch_owners(session: Session, flush_context: Any, instances: Any) -> None:
    owners: dict[int, Any] = {}
    for obj in session.dirty:
        if type(obj) in COLLECTIONS and _collection_changed(obj):
            owners[id(obj)] = obj
    for obj in (*session.new, *session.dirty, *session.deleted):
        part = PARTS.get(type(obj))
        if part is None:
            continue
        if obj in session.dirty and not session.is_modified(obj):
            continue
        owner_class, column = part
        owner_id = getattr(obj, column)
        if owner_id is None:
            continue  # a new part reached through its owner's collection: counted above
        key = session.identity_key(owner_class, owner_id)
        owner = session.identity_map.get(key)
        if owner is not None and owner not in session.deleted and owner not in session.new:
            owners[id(owner)] = owner
    for owner in owners.values():
        if owner in session.new or owner in session.deleted:
            continue
        _touch(owner)


def track_versions() -> None:
    """Raise an owner's version with any change to its parts (idempotent)."""
    if not event.contains(Session, "before_flush", _touch_owners):
        event.listen(Session, "before_flush", _touch_owners)
