"""The releases section of a meeting's page: every release with its changes, for everyone; for
signed-in staff also what is not yet published, and for those who plan the meeting the Publish
button."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from planner.auth.access import signed_in_user
from planner.core import formatting
from planner.core.plain import MeetingData
from planner.core.releases import changes, content_digest
from planner.extensions import db
from planner.i18n import interface_language
from planner.models import Meeting
from planner.releases import service
from planner.releases.wording import describe


@dataclass(frozen=True)
class ReleaseView:
    number: int
    published_at: str  # date and time (UTC), in the interface language
    published_by: str | None  # shown to staff only
    changes: tuple[str, ...]


@dataclass(frozen=True)
class ReleaseSection:
    meeting_id: str
    releases: tuple[ReleaseView, ...]
    staff: bool  # signed in: sees the working copy and what is not yet published
    draft: bool
    pending: tuple[str, ...]
    can_publish: bool
    seen: str  # the key of the working copy shown, for the Publish form


def release_section(meeting: MeetingData) -> ReleaseSection | None:
    record = db.session.scalar(select(Meeting).where(Meeting.public_id == meeting.public_id))
    if record is None:
        return None
    user = signed_in_user()
    staff = user is not None
    rows = service.releases(db.session, record)
    views = tuple(
        ReleaseView(
            number=r.number,
            published_at=_(
                "%(date)s, %(time)s UTC",
                date=formatting.date_long(r.published_at.date(), interface_language()),
                time=r.published_at.strftime("%H:%M"),
            ),
            published_by=r.published_by if staff else None,
            changes=tuple(describe(c) for c in service.release_changes(r)),
        )
        for r in rows
    )
    pending: tuple[str, ...] = ()
    seen = ""
    if staff:
        working = service.working_data(db.session, record)
        public = service.public_data(db.session, record)
        pending = tuple(describe(c) for c in changes(public, working))
        seen = content_digest(working)
    return ReleaseSection(
        meeting_id=str(record.public_id),
        releases=views,
        staff=staff,
        draft=not rows,
        pending=pending,
        can_publish=user is not None and user.can_edit(record.body) and bool(pending),
        seen=seen,
    )
