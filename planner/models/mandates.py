"""Mandates: the resolutions, decisions and drafts that establish and steer bodies."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from planner.core.mandates import MANDATE_KINDS, RELATIONS
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
from planner.models.bodies import Body


class Mandate(Multilingual, Base):
    """A resolution or decision (``number`` as cited, "7/1"), or a draft (``symbol`` only)."""

    __tablename__ = "mandates"
    __table_args__ = (
        one_of("kind", MANDATE_KINDS, "kind"),
        UniqueConstraint("body_id", "kind", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[str | None] = mapped_column(String(32))
    session: Mapped[int | None]
    symbol: Mapped[str | None] = mapped_column(String(96), unique=True)
    adopted: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    body: Mapped[Body] = relationship()
    texts: Mapped[dict[str, MandateText]] = relationship(
        collection_class=attribute_keyed_dict("lang"), cascade="all, delete-orphan"
    )
    paragraphs: Mapped[list[MandateParagraph]] = relationship(
        cascade="all, delete-orphan", order_by="MandateParagraph.position"
    )
    body_links: Mapped[list[MandateBody]] = relationship(
        cascade="all, delete-orphan", order_by="MandateBody.position"
    )

    __mapper_args__ = {"version_id_col": version}

    def label(self) -> str:
        return f"{self.kind} {self.number}" if self.number else f"draft {self.symbol}"


class MandateText(Base):
    __tablename__ = "mandate_texts"
    __table_args__ = (known_language(),)

    mandate_id: Mapped[int] = mapped_column(
        ForeignKey("mandates.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")


class MandateParagraph(Multilingual, Base):
    """A paragraph that concerns a body: its number ("9", None for a preambular paragraph)."""

    __tablename__ = "mandate_paragraphs"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    mandate_id: Mapped[int] = mapped_column(
        ForeignKey("mandates.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str | None] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(default=0)

    texts: Mapped[dict[str, MandateParagraphText]] = relationship(
        collection_class=attribute_keyed_dict("lang"), cascade="all, delete-orphan"
    )


class MandateParagraphText(Base):
    __tablename__ = "mandate_paragraph_texts"
    __table_args__ = (known_language(),)

    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("mandate_paragraphs.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class MandateBody(Base):
    """A body the mandate establishes or steers."""

    __tablename__ = "mandate_bodies"
    __table_args__ = (one_of("relation", RELATIONS, "relation"),)

    mandate_id: Mapped[int] = mapped_column(
        ForeignKey("mandates.id", ondelete="CASCADE"), primary_key=True
    )
    body_id: Mapped[int] = mapped_column(
        ForeignKey("bodies.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    relation: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(default=0)

    body: Mapped[Body] = relationship()
