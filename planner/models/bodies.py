"""Bodies: the conference and its working groups, each with a document-symbol prefix."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from planner.core.plain import MEETING_WORDS
from planner.models.base import (
    Base,
    Multilingual,
    UTCDateTime,
    known_language,
    language_column,
    one_of,
    public_id_column,
    utcnow,
)

if TYPE_CHECKING:
    from planner.models.meetings import Meeting


class Body(Multilingual, Base):
    __tablename__ = "bodies"
    __table_args__ = (one_of("meeting_word", MEETING_WORDS, "meeting_word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    symbol: Mapped[str] = mapped_column(String(64), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"))
    meeting_word: Mapped[str] = mapped_column(String(16), default="meeting")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    parent: Mapped[Body | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Body]] = relationship(back_populates="parent")
    texts: Mapped[dict[str, BodyText]] = relationship(
        collection_class=attribute_keyed_dict("lang"),
        cascade="all, delete-orphan",
        back_populates="body",
    )
    meetings: Mapped[list[Meeting]] = relationship(back_populates="body")

    __mapper_args__ = {"version_id_col": version}


class BodyText(Base):
    __tablename__ = "body_texts"
    __table_args__ = (known_language(),)

    body_id: Mapped[int] = mapped_column(
        ForeignKey("bodies.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    short_name: Mapped[str] = mapped_column(Text, default="")
    #: What each paragraph was translated from (planner.core.translation: stamps).
    sources: Mapped[str] = mapped_column(Text, default="")

    body: Mapped[Body] = relationship(back_populates="texts")
