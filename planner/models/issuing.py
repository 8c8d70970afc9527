"""Issued documents: each issue of the provisional agenda (original, revision, corrigendum) in
some languages on a date, and the files exactly as issued, kept whatever is edited later."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.core.issuing import ISSUE_KINDS, ISSUED_FORMATS
from planner.models.base import (
    Base,
    UTCDateTime,
    known_language,
    language_column,
    one_of,
    public_id_column,
    utcnow,
)
from planner.models.meetings import Meeting
from planner.models.users import User


class Issue(Base):
    """One issue: a symbol (``…/1``, ``…/1/Rev.1``, ``…/1/Corr.1``) in some languages on a date.

    Issuing more languages of a symbol later adds another issue under the same symbol. An
    issue outlives its meeting (the meeting's symbol and restriction are kept with it).
    """

    __tablename__ = "issues"
    __table_args__ = (one_of("kind", ISSUE_KINDS, "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    meeting_symbol: Mapped[str] = mapped_column(String(96), index=True)
    symbol: Mapped[str] = mapped_column(String(128), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    issued_on: Mapped[date]
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The issued version's outline (planner.core.issuing.outline), as JSON: what later
    #: revisions and corrigenda are compared with.
    outline: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_by_email: Mapped[str] = mapped_column(String(254), default="")  # kept if the user goes
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    files: Mapped[list[IssuedFile]] = relationship(
        cascade="all, delete-orphan", order_by="(IssuedFile.lang, IssuedFile.format)"
    )


class IssuedFile(Base):
    """One language version of an issue in one format (PDF, Word, HTML), byte for byte."""

    __tablename__ = "issued_files"
    __table_args__ = (
        known_language(),
        one_of("format", ISSUED_FORMATS, "format"),
        UniqueConstraint("issue_id", "lang", "format", name="uq_issued_files_issue_lang_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"))
    lang: Mapped[str] = language_column()
    format: Mapped[str] = mapped_column(String(8))
    filename: Mapped[str] = mapped_column(String(160))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
