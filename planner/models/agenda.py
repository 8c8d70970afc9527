"""Agenda items: a tree stored as parent and position; numbers are derived, never stored."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from planner.core.plain import STANDARD_KINDS
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
    from planner.models.documents import Document
    from planner.models.meetings import Meeting


class AgendaItem(Multilingual, Base):
    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("minutes IS NULL OR minutes > 0", name="minutes_positive"),
        CheckConstraint(
            "(pin_day IS NULL AND pin_meeting IS NULL) OR (pin_day >= 1 AND pin_meeting >= 1)",
            name="pin_complete",
        ),
        one_of("standard", STANDARD_KINDS, "standard"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    standard: Mapped[str | None] = mapped_column(String(32))
    minutes: Mapped[int | None]
    pin_day: Mapped[int | None]
    pin_meeting: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    #: What a text copied from a previous meeting still says about it (its dates, ordinal,
    #: symbols; one per line), until an editor changes the texts or confirms them. Empty: nothing
    #: to review.
    carried_over: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items", foreign_keys=[meeting_id])
    parent: Mapped[AgendaItem | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[AgendaItem]] = relationship(
        back_populates="parent", order_by="AgendaItem.position"
    )
    texts: Mapped[dict[str, AgendaItemText]] = relationship(
        collection_class=attribute_keyed_dict("lang"), cascade="all, delete-orphan"
    )
    document_links: Mapped[list[AgendaItemDocument]] = relationship(
        cascade="all, delete-orphan", order_by="AgendaItemDocument.position"
    )

    __mapper_args__ = {"version_id_col": version}


class AgendaItemText(Base):
    __tablename__ = "agenda_item_texts"
    __table_args__ = (known_language(),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    annotation: Mapped[str] = mapped_column(Text, default="")
    #: What each paragraph was translated from (planner.core.translation: stamps).
    sources: Mapped[str] = mapped_column(Text, default="")


class AgendaItemDocument(Base):
    """A document before the body under an item, in the order the item lists them."""

    __tablename__ = "agenda_item_documents"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="RESTRICT"), primary_key=True
    )
    position: Mapped[int] = mapped_column(default=0)

    document: Mapped[Document] = relationship()
