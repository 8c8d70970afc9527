"""The record of every change: who, when, what, and the record before and after."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.models.base import Base, UTCDateTime, one_of, utcnow
from planner.models.users import User

SUBJECTS = ("meeting", "body", "document", "mandate")
ACTIONS = ("create", "update", "delete", "undo")


class Change(Base):
    __tablename__ = "changes"
    __table_args__ = (one_of("subject", SUBJECTS, "subject"), one_of("action", ACTIONS, "action"))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_email: Mapped[str] = mapped_column(String(254), default="")  # kept if the user goes
    subject: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)  # the record's public id
    subject_symbol: Mapped[str] = mapped_column(String(96), default="")
    action: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    # The record as a meeting file before and after the change ("" where it did not exist).
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("changes.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship()
