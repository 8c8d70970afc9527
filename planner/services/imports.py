"""Importing over what is there, never silently: what an import changes, in words, and a
change in the history for every record it touches (who, which file, what), so that it can be
undone like any other change.

:func:`import_files` applies the files in the caller's transaction and reports what they changed
(:class:`ImportReport`); the caller then rolls back (a dry run, or an import that would remove
something without ``--replace``) or records the report in the history
(:func:`record_in_history`) and commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.importdiff import ChangeList, describe_document, describe_meeting
from planner.core.meetingfile import MeetingSpec, parse
from planner.models import Body, Change, Document, Meeting, User
from planner.services.exporter import body_file, document_file, export_meeting, meeting_spec
from planner.services.importer import FileSummary, apply_parsed, parse_texts


@dataclass
class RecordChange:
    """One record the import touched: its snapshots before and after, and the change in words."""

    subject: str  # "meeting", "document", "body"
    public_id: uuid.UUID
    symbol: str
    filename: str
    before: str
    after: str
    changes: ChangeList


@dataclass
class ImportReport:
    summaries: list[FileSummary] = field(default_factory=list)
    records: list[RecordChange] = field(default_factory=list)
    #: Files left alone because every meeting they carry is already there (``if_absent``).
    skipped: list[str] = field(default_factory=list)

    @property
    def removes(self) -> bool:
        return any(record.changes.removes for record in self.records)

    def lines(self) -> list[str]:
        out: list[str] = []
        for record in self.records:
            if record.changes.empty:
                continue
            out.append(f"{record.changes.subject} ({record.filename}):")
            out.extend(record.changes.lines())
        return out


def _document_spec(document: Document):  # type: ignore[no-untyped-def]
    return parse(document_file(document), "database").documents[0]


def _by_symbol(session: Session, model: type, symbol: str):  # type: ignore[no-untyped-def]
    return session.scalar(select(model).where(model.symbol == symbol))


def import_files(
    session: Session,
    files: Sequence[tuple[str, str]],
    *,
    if_absent: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> ImportReport:
    """Apply ``files`` (all or none: :class:`ImportRefused`) and say what they changed. The
    caller commits or rolls back. With ``if_absent``, a file whose meetings are all in the
    database already is left alone."""
    report = ImportReport()
    parsed = parse_texts(files)
    if if_absent:
        kept = []
        for filename, mf in parsed:
            there = [_by_symbol(session, Meeting, m.symbol) is not None for m in mf.meetings]
            if mf.meetings and all(there):
                report.skipped.append(filename)
            else:
                kept.append((filename, mf))
        parsed = kept
    if not parsed:
        return report

    before: dict[tuple[str, str], tuple[str, str, object]] = {}
    for filename, mf in parsed:
        for body_spec in mf.bodies:
            body = _by_symbol(session, Body, body_spec.symbol)
            before.setdefault(
                ("body", body_spec.symbol), (filename, body_file(body) if body else "", None)
            )
        for doc_spec in mf.documents:
            doc = _by_symbol(session, Document, doc_spec.symbol)
            snapshot = (document_file(doc), _document_spec(doc)) if doc else ("", None)
            before.setdefault(("document", doc_spec.symbol), (filename, *snapshot))
        for m_spec in mf.meetings:
            meeting = _by_symbol(session, Meeting, m_spec.symbol)
            snapshot = (export_meeting(meeting), meeting_spec(meeting)) if meeting else ("", None)
            before.setdefault(("meeting", m_spec.symbol), (filename, *snapshot))

    report.summaries = apply_parsed(session, parsed, progress)
    session.expire_all()

    for (subject, symbol), (filename, old_text, old_spec) in before.items():
        name = PurePath(filename).name
        if subject == "meeting":
            meeting = _by_symbol(session, Meeting, symbol)
            new_spec = meeting_spec(meeting)
            assert isinstance(old_spec, MeetingSpec | None)
            changes = describe_meeting(old_spec, new_spec)
            record = RecordChange(
                subject, meeting.public_id, symbol, name, old_text, export_meeting(meeting), changes
            )
        elif subject == "document":
            doc = _by_symbol(session, Document, symbol)
            changes = describe_document(old_spec, _document_spec(doc))  # type: ignore[arg-type]
            record = RecordChange(
                subject, doc.public_id, symbol, name, old_text, document_file(doc), changes
            )
        else:
            body = _by_symbol(session, Body, symbol)
            after = body_file(body)
            changes = ChangeList(f"body {symbol}")
            if not old_text:
                changes.added.append(f"the body {symbol}")
            elif old_text != after:
                changes.changed.append(f"the names of the body {symbol}")
            record = RecordChange(subject, body.public_id, symbol, name, old_text, after, changes)
        if record.before != record.after:
            report.records.append(record)
    return report


def _summary(record: RecordChange) -> str:
    counts = record.changes
    parts = [
        f"{len(lines)} {word}"
        for lines, word in (
            (counts.removed, "removed"),
            (counts.added, "added"),
            (counts.changed, "changed"),
        )
        if lines
    ]
    detail = f" ({', '.join(parts)})" if parts and record.before else ""
    return f"Imported from {record.filename}{detail}"


def record_in_history(session: Session, report: ImportReport, user: User | None) -> list[Change]:
    """A change in the history for every record the import touched (undone like any other).
    ``user`` None: the command line."""
    out = []
    for record in report.records:
        change = Change(
            subject=record.subject,
            subject_id=record.public_id,
            subject_symbol=record.symbol,
            action="create" if not record.before else "update",
            summary=_summary(record),
            before=record.before,
            after=record.after,
            user=user,
            user_email=user.email if user else "command line",
        )
        session.add(change)
        out.append(change)
    session.flush()
    return out
