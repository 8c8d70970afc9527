"""A meeting's releases: what the public sees of it, numbered, with who published it and when.

A meeting without a release is a draft, which only signed-in staff see. Each release keeps the
meeting's plain data as published (JSON, :mod:`planner.core.releases`) and the changes since the
release before; pages, documents and feeds for the public are built from the latest one.
A meeting that has been published cannot be deleted (the foreign key restricts it).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.models.base import Base, UTCDateTime, utcnow
from planner.models.meetings import Meeting
from planner.models.users import User


class MeetingRelease(Base):
    __tablename__ = "meeting_releases"
    __table_args__ = (
        UniqueConstraint("meeting_id", "number", name="uq_meeting_releases_meeting_number"),
        CheckConstraint("number > 0", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="RESTRICT"), index=True
    )
    number: Mapped[int]
    # The symbol the public knows the meeting by in this release (its page's address).
    symbol: Mapped[str] = mapped_column(String(96), index=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_by: Mapped[str] = mapped_column(String(254), default="")  # kept if the user goes
    # The snapshot's own dates, so that feeds choose their window's meetings in SQL.
    start_date: Mapped[date]
    end_date: Mapped[date]
    snapshot: Mapped[str] = mapped_column(Text)  # planner.core.releases.to_text
    changes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ReleaseChange

    meeting: Mapped[Meeting] = relationship()
    user: Mapped[User | None] = relationship()
