"""Record every change as the record before and after, as meeting files, and undo changes.

Snapshots are meeting files (planner.services.exporter) because they carry every public
identifier: restoring one through the importer brings records back with the identities that
feeds and links know them by.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.meetingfile import ItemSpec, MeetingFile, MeetingSpec, parse
from planner.models import Body, Change, Document, Mandate, Meeting, User
from planner.releases.service import is_published
from planner.services.exporter import body_file, document_file, export_meeting, meeting_spec
from planner.services.importer import ImportRefused, apply_meeting_spec, import_parsed
from planner.services.mandates import mandate_file
from planner.services.revisions import refresh_revisions


class UndoRefused(Exception):
    """The change cannot be undone; the message says why, for the person who asked."""


def _who(user: User | None) -> dict[str, Any]:
    return {"user": user, "user_email": user.email if user else "command line"}


@contextmanager
def meeting_change(
    session: Session, user: User | None, meeting: Meeting, summary: str, action: str = "update"
) -> Iterator[Meeting]:
    """Wrap a change to a meeting: afterwards its calendar revisions are refreshed and the
    change is recorded with the meeting before and after. The caller commits."""
    session.flush()
    before = export_meeting(meeting) if action != "create" else ""
    yield meeting
    session.flush()
    if action == "delete":
        after = ""
    else:
        session.expire_all()
        refresh_revisions(session, meeting)
        after = export_meeting(meeting)
    if before != after:
        session.add(
            Change(
                subject="meeting",
                subject_id=meeting.public_id,
                subject_symbol=meeting.symbol,
                action=action,
                summary=summary,
                before=before,
                after=after,
                **_who(user),
            )
        )
        session.flush()


@contextmanager
def record_change(
    session: Session,
    user: User | None,
    record: Body | Document | Mandate,
    summary: str,
    action: str = "update",
) -> Iterator[None]:
    """Wrap a change to a body, a document or a mandate (not part of one meeting)."""
    subject, snapshot = _kind_of(record)
    session.flush()
    before = snapshot(record) if action != "create" else ""
    yield
    session.flush()
    after = snapshot(record) if action != "delete" else ""
    if before != after:
        session.add(
            Change(
                subject=subject,
                subject_id=record.public_id,
                subject_symbol=_symbol_of(record),
                action=action,
                summary=summary,
                before=before,
                after=after,
                **_who(user),
            )
        )
        session.flush()


def _kind_of(record: Body | Document | Mandate) -> tuple[str, Callable[[Any], str]]:
    if isinstance(record, Body):
        return "body", body_file
    if isinstance(record, Mandate):
        return "mandate", mandate_file
    return "document", document_file


def _symbol_of(record: Body | Document | Mandate) -> str:
    """How the history names the record: its symbol; a mandate "CTOC/COP resolution 7/1"."""
    if isinstance(record, Mandate):
        return f"{record.body.symbol} {record.label()}"[:96]
    return record.symbol


@dataclass(frozen=True)
class Difference:
    path: str
    before: Any
    after: Any


def differences(change: Change) -> list[Difference]:
    """What the change changed, field by field, in the meeting-file's terms."""
    before = load_snapshot(change.before)
    after = load_snapshot(change.after)
    out: list[Difference] = []
    _diff("", before, after, out)
    return out


def load_snapshot(text: str) -> Any:
    """A snapshot as plain data (with libyaml's C loader where installed: ten times faster)."""
    if not text:
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # a safe loader: plain data only


def _diff(path: str, before: Any, after: Any, out: list[Difference]) -> None:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            _diff(f"{path}.{key}" if path else str(key), before.get(key), after.get(key), out)
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            _diff(f"{path}[{index}]", old, new, out)
    elif before != after:
        out.append(Difference(path, before, after))


def history(session: Session, subject_id: uuid.UUID) -> list[Change]:
    return list(
        session.scalars(
            select(Change).where(Change.subject_id == subject_id).order_by(Change.id.desc())
        )
    )


def _latest(session: Session, change: Change) -> bool:
    newest = session.scalar(
        select(Change.id)
        .where(Change.subject_id == change.subject_id)
        .order_by(Change.id.desc())
        .limit(1)
    )
    return newest == change.id


def _ids(items: tuple[ItemSpec, ...]) -> set[uuid.UUID]:
    out: set[uuid.UUID] = set()
    for item in items:
        if item.id:
            out.add(item.id)
        out |= _ids(item.items)
    return out


def _restore_items(
    current: tuple[ItemSpec, ...], old: tuple[ItemSpec, ...], missing: set[uuid.UUID]
) -> tuple[ItemSpec, ...]:
    """``current`` with the items of ``old`` whose ids are ``missing`` put back where they were
    (under the same parent, at the same place or at the end)."""
    result = list(current)
    for position, old_item in enumerate(old):
        if old_item.id in missing:
            result.insert(min(position, len(result)), old_item)
            continue
        for index, item in enumerate(result):
            if item.id == old_item.id:
                result[index] = replace(
                    item, items=_restore_items(item.items, old_item.items, missing)
                )
    return tuple(result)


def undo(session: Session, change: Change, user: User | None) -> Change:
    """Undo ``change``. The latest change to a record is undone whole; an older one only for
    what it deleted (the agenda items it removed), so that later work is never lost."""
    if change.undone_by_id is not None:
        raise UndoRefused("This change has already been undone.")
    filename = f"history #{change.id}"
    try:
        if change.subject == "meeting":
            result = _undo_meeting(session, change, user, filename)
        else:
            result = _undo_record(session, change, user, filename)
    except ImportRefused as refused:
        raise UndoRefused("; ".join(p.message for p in refused.problems)) from None
    change.undone_by_id = result.id
    session.flush()
    return result


def _undo_meeting(session: Session, change: Change, user: User | None, filename: str) -> Change:
    meeting = session.scalar(select(Meeting).where(Meeting.public_id == change.subject_id))
    summary = f"Undo: {change.summary}"
    if change.action == "create":
        if meeting is None:
            raise UndoRefused("The meeting no longer exists.")
        if not _latest(session, change):
            raise UndoRefused(
                "The meeting has been changed since it was created; delete it instead."
            )
        if is_published(session, meeting):
            raise UndoRefused("The meeting has been published; cancel it instead.")
        with meeting_change(session, user, meeting, summary, action="delete"):
            session.delete(meeting)
        return _last(session, change.subject_id)
    old = parse(change.before, filename).meetings[0]
    if meeting is None:  # the meeting was deleted: bring it back whole
        taken = session.scalar(select(Meeting.id).where(Meeting.symbol == old.symbol))
        if taken is not None:
            raise UndoRefused(
                f"Another meeting now has the symbol {old.symbol}; the deleted meeting cannot "
                "come back under it."
            )
        import_parsed(session, MeetingFile((), (), (old,)), filename)
        restored = session.scalar(select(Meeting).where(Meeting.public_id == change.subject_id))
        assert restored is not None
        session.add(
            Change(
                subject="meeting",
                subject_id=restored.public_id,
                subject_symbol=restored.symbol,
                action="undo",
                summary=summary,
                before="",
                after=export_meeting(restored),
                **_who(user),
            )
        )
        session.flush()
        return _last(session, change.subject_id)
    if _latest(session, change):
        target: MeetingSpec = old
    else:
        current = meeting_spec(meeting)
        missing = _ids(old.agenda) - _ids(current.agenda)
        if not missing:
            raise UndoRefused(
                "Only the latest change can be undone whole; this one deleted "
                "nothing that could be brought back."
            )
        target = replace(current, agenda=_restore_items(current.agenda, old.agenda, missing))
    with meeting_change(session, user, meeting, summary, action="undo"):
        apply_meeting_spec(session, meeting, target, filename)
    return _last(session, change.subject_id)


def _undo_record(session: Session, change: Change, user: User | None, filename: str) -> Change:
    models: dict[str, type[Body] | type[Document] | type[Mandate]] = {
        "body": Body,
        "document": Document,
        "mandate": Mandate,
    }
    model = models[change.subject]
    record = session.scalar(select(model).where(model.public_id == change.subject_id))
    summary = f"Undo: {change.summary}"
    if change.action == "create":
        if record is None:
            raise UndoRefused("The record no longer exists.")
        with record_change(session, user, record, summary, action="delete"):
            session.delete(record)
        return _last(session, change.subject_id)
    if record is not None and not _latest(session, change):
        raise UndoRefused("Only the latest change can be undone; undo the later ones first.")
    mf = parse(change.before, filename)
    import_parsed(session, mf, filename)
    restored = session.scalar(select(model).where(model.public_id == change.subject_id))
    assert restored is not None
    _subject, snapshot = _kind_of(restored)
    session.add(
        Change(
            subject=change.subject,
            subject_id=restored.public_id,
            subject_symbol=_symbol_of(restored),
            action="undo",
            summary=summary,
            before=change.after,
            after=snapshot(restored),
            **_who(user),
        )
    )
    session.flush()
    return _last(session, change.subject_id)


def _last(session: Session, subject_id: uuid.UUID) -> Change:
    change = session.scalar(
        select(Change).where(Change.subject_id == subject_id).order_by(Change.id.desc()).limit(1)
    )
    assert change is not None
    return change
