"""Documents before a meeting: background papers, conference room papers, reports."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from planner.core.plain import DISTRIBUTIONS, DOCUMENT_KINDS
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


class Document(Multilingual, Base):
    __tablename__ = "documents"
    __table_args__ = (
        one_of("kind", DOCUMENT_KINDS, "kind"),
        one_of("distribution", DISTRIBUTIONS, "distribution"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[uuid.UUID] = public_id_column()
    symbol: Mapped[str] = mapped_column(String(96), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    issued: Mapped[date | None]
    distribution: Mapped[str] = mapped_column(String(16), default="general")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    texts: Mapped[dict[str, DocumentText]] = relationship(
        collection_class=attribute_keyed_dict("lang"), cascade="all, delete-orphan"
    )
    language_rows: Mapped[list[DocumentLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="DocumentLanguage.position"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(row.lang for row in self.language_rows)


class DocumentText(Base):
    __tablename__ = "document_texts"
    __table_args__ = (known_language(),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    listing: Mapped[str] = mapped_column(Text, default="")
    #: What each paragraph was translated from (planner.core.translation: stamps).
    sources: Mapped[str] = mapped_column(Text, default="")


class DocumentLanguage(Base):
    """A language in which the document is available."""

    __tablename__ = "document_languages"
    __table_args__ = (known_language(),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = language_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
