"""Publishing a meeting as numbered releases, and reading what the public sees of it.

A meeting without a release is a draft: only signed-in staff see it. :func:`publish` stores the
meeting's plain data (the data the documents and feeds are built from) as the next release, with
the changes since the release before and each event's SEQUENCE raised once if the event changed.
The public pages, documents and feeds read the latest release (:func:`public_data`,
:func:`published_data`); staff work on the meeting itself (the working copy). Services flush;
the caller commits.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from planner.core.languages import Texts
from planner.core.plain import MeetingData, SlotData
from planner.core.releases import (
    ReleaseChange,
    changes,
    content_digest,
    from_text,
    same_content,
    to_text,
)
from planner.models import Meeting, MeetingRelease, User
from planner.models.base import utcnow
from planner.services.revisions import fingerprints
from planner.services.snapshot import load_meeting_data

if TYPE_CHECKING:
    from planner.services.importer import FileSummary

#: Who published, when nobody signed in did (the command line, an import).
COMMAND_LINE = "command line"


class NothingToPublish(Exception):
    """The latest release already reads as the meeting does."""


class ChangedSinceShown(Exception):
    """A colleague changed the meeting after the person asking to publish saw its changes."""


class PublishedMeeting(Exception):
    """A published meeting cannot be deleted: it is cancelled instead."""


# -- reading -------------------------------------------------------------------------------------


def _latest_ids() -> Any:
    return select(func.max(MeetingRelease.id)).group_by(MeetingRelease.meeting_id)


def published() -> ColumnElement[bool]:
    """A condition on :class:`Meeting`: it has been published (it has a release)."""
    return exists().where(MeetingRelease.meeting_id == Meeting.id)


def is_published(session: Session, meeting: Meeting) -> bool:
    query = select(exists().where(MeetingRelease.meeting_id == meeting.id))
    return bool(session.scalar(query))


def published_meeting_ids(session: Session, meeting_ids: list[int]) -> set[int]:
    """Which of ``meeting_ids`` have been published."""
    if not meeting_ids:
        return set()
    query = select(MeetingRelease.meeting_id).where(MeetingRelease.meeting_id.in_(meeting_ids))
    return set(session.scalars(query.distinct()))


def releases(session: Session, meeting: Meeting) -> list[MeetingRelease]:
    """The meeting's releases, newest first."""
    query = (
        select(MeetingRelease)
        .where(MeetingRelease.meeting_id == meeting.id)
        .order_by(MeetingRelease.number.desc())
    )
    return list(session.scalars(query))


def latest_release(session: Session, meeting: Meeting) -> MeetingRelease | None:
    query = (
        select(MeetingRelease)
        .where(MeetingRelease.meeting_id == meeting.id)
        .order_by(MeetingRelease.number.desc())
        .limit(1)
    )
    return session.scalar(query)


def public_data(session: Session, meeting: Meeting) -> MeetingData | None:
    """What the public sees of the meeting: its latest release; ``None`` for a draft."""
    release = latest_release(session, meeting)
    return from_text(release.snapshot) if release is not None else None


def public_by_symbol(session: Session, symbol: str) -> MeetingData | None:
    """The latest release of the meeting the public knows as ``symbol`` (a symbol changed in
    the working copy reaches the public with the next release)."""
    query = select(MeetingRelease.snapshot).where(
        MeetingRelease.id.in_(_latest_ids()), MeetingRelease.symbol == symbol
    )
    text = session.scalars(query.limit(1)).first()
    return from_text(text) if text is not None else None


def published_data(
    session: Session, *where: ColumnElement[bool], ending_from: date | None = None
) -> list[MeetingData]:
    """The latest release of every published meeting that matches ``where`` (conditions on
    :class:`Meeting`) and, with ``ending_from``, whose released dates end on or after it; by
    released start date. One query; snapshots already read are not parsed again."""
    query = (
        select(MeetingRelease.snapshot)
        .join(Meeting, Meeting.id == MeetingRelease.meeting_id)
        .where(MeetingRelease.id.in_(_latest_ids()), *where)
        .order_by(MeetingRelease.start_date, MeetingRelease.meeting_id)
    )
    if ending_from is not None:
        query = query.where(MeetingRelease.end_date >= ending_from)
    return [from_text(text) for text in session.scalars(query)]


def working_data(session: Session, meeting: Meeting) -> MeetingData:
    """The meeting as staff have it now, read from the database (after a flush)."""
    session.flush()
    return load_meeting_data(session, Meeting.id == meeting.id)[0]


def release_changes(release: MeetingRelease) -> list[ReleaseChange]:
    return [ReleaseChange.from_json(value) for value in json.loads(release.changes)]


def pending_changes(session: Session, meeting: Meeting) -> tuple[ReleaseChange, ...]:
    """What publishing now would change for the public (``published`` for a draft)."""
    return changes(public_data(session, meeting), working_data(session, meeting))


# -- publishing ----------------------------------------------------------------------------------


def _after(previous: datetime | None, now: datetime) -> datetime:
    """``now``, or a second after ``previous`` if that is not earlier (whole seconds), so that a
    client comparing LAST-MODIFIED sees every release as newer."""
    if previous is not None and now <= previous.replace(microsecond=0):
        return previous.replace(microsecond=0) + timedelta(seconds=1)
    return now


def _event(old: Any, changed: bool, now: datetime) -> dict[str, Any]:
    """SEQUENCE and LAST-MODIFIED of an event in the new release: one more than in the release
    before if the event changed, as they were otherwise."""
    if old is None:
        return {"sequence": 0, "modified_at": now}
    if not changed:
        return {"sequence": old.sequence, "modified_at": old.modified_at}
    return {"sequence": old.sequence + 1, "modified_at": _after(old.modified_at, now)}


def stamp(previous: MeetingData | None, current: MeetingData, now: datetime) -> MeetingData:
    """``current`` as the release after ``previous``: each event (the meeting's all-day event,
    each half-day meeting) whose content changed since ``previous`` gets SEQUENCE one higher and
    a later LAST-MODIFIED, the others keep theirs, so a feed's event changes at most once per
    release. Half-day meetings cancelled before the public ever saw them are left out."""
    now = now.replace(microsecond=0)
    own, per_slot = fingerprints(current)
    if previous is None:
        old_own, old_per_slot, old_slots = "", {}, {}
    else:
        old_own, old_per_slot = fingerprints(previous)
        old_slots = {s.public_id: s for s in previous.slots}
    slots: list[SlotData] = []
    for slot in current.slots:
        old = old_slots.get(slot.public_id)
        if slot.cancelled and old is None:
            continue  # never public: nothing to cancel
        changed = old_per_slot.get(slot.public_id) != per_slot[slot.public_id]
        created = slot.created_at.replace(microsecond=0) if slot.created_at else now
        slots.append(replace(slot, created_at=created, **_event(old, changed, now)))
    created = current.created_at.replace(microsecond=0) if current.created_at else now
    meeting = _event(previous, old_own != own, now)
    return replace(current, slots=tuple(slots), created_at=created, **meeting)


def publish(
    session: Session, meeting: Meeting, user: User | None, seen: str | None = None
) -> MeetingRelease:
    """Publish the meeting as it is now: its next release. Raises :class:`NothingToPublish`
    when the latest release already reads the same, and :class:`ChangedSinceShown` when
    ``seen`` (the :func:`content_digest` of the meeting as the person saw it) is given and the
    meeting has changed since. The caller commits."""
    latest = latest_release(session, meeting)
    previous = from_text(latest.snapshot) if latest is not None else None
    current = working_data(session, meeting)
    if seen is not None and seen != content_digest(current):
        raise ChangedSinceShown(meeting.symbol)
    if previous is not None and same_content(previous, current):
        raise NothingToPublish(meeting.symbol)
    release = MeetingRelease(
        meeting_id=meeting.id,
        number=(latest.number if latest is not None else 0) + 1,
        symbol=current.symbol,
        published_at=utcnow(),
        user=user,
        published_by=user.email if user is not None else COMMAND_LINE,
        start_date=current.start,
        end_date=current.end,
        snapshot=to_text(stamp(previous, current, utcnow())),
        changes=json.dumps(
            [c.to_json() for c in changes(previous, current)], ensure_ascii=False, sort_keys=True
        ),
    )
    session.add(release)
    session.flush()
    return release


def publish_if_changed(session: Session, meeting: Meeting, user: User | None) -> bool:
    """Publish unless nothing changed since the latest release; whether it published."""
    try:
        publish(session, meeting, user)
    except NothingToPublish:
        return False
    return True


def check_deletable(session: Session, meeting: Meeting) -> None:
    """Only a draft may be deleted (raise :class:`PublishedMeeting` otherwise)."""
    if is_published(session, meeting):
        raise PublishedMeeting(meeting.symbol)


# -- listings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """A meeting in the list of a body: as the public sees it, or as staff have it."""

    symbol: str
    number: int
    city: Texts
    start: date
    end: date
    status: str
    draft: bool = False


def listings(session: Session, meetings: list[Meeting], *, staff: bool) -> list[Listed]:
    """``meetings`` as a list shows them, newest first: for staff every one, drafts marked;
    for everyone else the published ones, as their latest release has them."""
    if staff:
        published = published_meeting_ids(session, [m.id for m in meetings])
        out = [
            Listed(
                m.symbol,
                m.number,
                m.text("city"),
                m.start_date,
                m.end_date,
                m.status,
                draft=m.id not in published,
            )
            for m in meetings
        ]
    else:
        ids = [m.id for m in meetings]
        out = [
            Listed(d.symbol, d.number, d.city, d.start, d.end, d.status)
            for d in (published_data(session, Meeting.id.in_(ids)) if ids else [])
        ]
    return sorted(out, key=lambda x: (x.start, x.number), reverse=True)


def publish_imported(
    session: Session, summaries: Sequence[FileSummary], *, every: bool = False
) -> list[MeetingRelease]:
    """After an import: publish the meetings whose file says `published: true` (with
    ``every``, every meeting the files carry), each unless the public already sees it as it
    is now. The new releases, in the files' order."""
    wanted: list[str] = []
    for summary in summaries:
        wanted += summary.meetings if every else summary.published
    made = []
    for symbol in dict.fromkeys(wanted):
        meeting = session.scalar(select(Meeting).where(Meeting.symbol == symbol))
        if meeting is None:
            continue
        try:
            made.append(publish(session, meeting, None))
        except NothingToPublish:
            continue
    return made
