"""Writing documents through the forms. Functions flush; the view commits once.

A document's title and symbol appear in the calendar events of the meetings that list it, so
a change refreshes those meetings' revisions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.agenda import item_number
from planner.core.symbols import symbol_starts_with
from planner.history.service import record_change
from planner.models import (
    AgendaItem,
    AgendaItemDocument,
    Body,
    Document,
    DocumentLanguage,
    DocumentText,
    Meeting,
    User,
)
from planner.models.base import utcnow
from planner.services.concurrency import check_version
from planner.services.revisions import refresh_revisions
from planner.services.sync import set_languages, set_texts


@dataclass(frozen=True)
class DocumentInput:
    symbol: str
    kind: str
    title: dict[str, str]
    listing: dict[str, str]
    issued: date | None
    languages: tuple[str, ...]
    distribution: str


def by_public_id(session: Session, public_id: uuid.UUID) -> Document | None:
    return session.scalar(select(Document).where(Document.public_id == public_id))


def issuing_body(session: Session, symbol: str) -> Body | None:
    """The body whose symbol prefixes ``symbol`` (the most specific one)."""
    found = [b for b in session.scalars(select(Body)) if symbol_starts_with(symbol, b.symbol)]
    return max(found, key=lambda b: len(b.symbol.split("/")), default=None)


def may_edit(session: Session, user: User, symbol: str) -> bool:
    """Admins edit every document; editors those of the bodies they plan."""
    if user.role == "admin" and user.active:
        return True
    body = issuing_body(session, symbol)
    return body is not None and user.can_edit(body)


def may_create_any(user: User) -> bool:
    return user.active and (user.role == "admin" or (user.role == "editor" and bool(user.bodies)))


def problems(
    session: Session, user: User, data: DocumentInput, doc: Document | None
) -> dict[str, str]:
    out: dict[str, str] = {}
    other = session.scalar(select(Document).where(Document.symbol == data.symbol))
    if other is not None and other is not doc:
        out["symbol"] = _("Another document already has the symbol %(symbol)s.", symbol=data.symbol)
    elif not may_edit(session, user, data.symbol):
        body = issuing_body(session, data.symbol)
        out["symbol"] = (
            _(
                "You may not edit the documents of %(body)s; use the symbol of a body you plan.",
                body=body.symbol,
            )
            if body is not None
            else _(
                "No body has a symbol that starts this one; only an administrator may create it."
            )
        )
    if not data.title:
        out["title"] = _("Give the title in at least one language.")
    return out


def _apply(doc: Document, data: DocumentInput) -> None:
    doc.symbol = data.symbol
    doc.kind = data.kind
    doc.issued = data.issued
    doc.distribution = data.distribution
    set_texts(
        doc.texts,
        lambda lang: DocumentText(lang=lang),
        {"title": data.title, "listing": data.listing},
    )
    set_languages(doc.language_rows, lambda lang: DocumentLanguage(lang=lang), data.languages)


def meetings_listing(session: Session, doc: Document) -> list[Meeting]:
    return list(
        session.scalars(
            select(Meeting)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .join(AgendaItemDocument, AgendaItemDocument.item_id == AgendaItem.id)
            .where(AgendaItemDocument.document_id == doc.id)
            .distinct()
            .order_by(Meeting.symbol)
        )
    )


def create_document(session: Session, user: User, data: DocumentInput) -> Document:
    doc = Document(symbol=data.symbol)
    session.add(doc)
    _apply(doc, data)
    session.flush()
    with record_change(session, user, doc, f"Created document {doc.symbol}", action="create"):
        pass
    return doc


def update_document(
    session: Session, user: User, doc: Document, data: DocumentInput, version: str | None
) -> None:
    """Raise StaleEdit if a colleague saved the document since ``version``."""
    check_version(doc, version)
    with record_change(session, user, doc, f"Edited document {doc.symbol}"):
        _apply(doc, data)
        doc.updated_at = utcnow()  # a new version even when only its texts changed
        session.flush()
    for meeting in meetings_listing(session, doc):
        refresh_revisions(session, meeting)


def attachments(session: Session, doc: Document) -> list[str]:
    """Where the document is listed: "CTOC/COP/WG.4/2018/1, item 2(a)"."""
    items = session.scalars(
        select(AgendaItem)
        .join(AgendaItemDocument, AgendaItemDocument.item_id == AgendaItem.id)
        .where(AgendaItemDocument.document_id == doc.id)
    ).all()
    out = []
    for item in items:
        path: list[int] = []
        node: AgendaItem | None = item
        while node is not None:
            path.insert(0, node.position + 1)
            node = node.parent
        out.append(
            _(
                "%(meeting)s, item %(number)s",
                meeting=item.meeting.symbol,
                number=item_number(tuple(path)),
            )
        )
    return sorted(out)


def delete_refusal(session: Session, doc: Document) -> str | None:
    places = attachments(session, doc)
    if not places:
        return None
    return _(
        "%(symbol)s cannot be deleted: it is listed under agenda items (%(places)s). "
        "Remove it from them first.",
        symbol=doc.symbol,
        places="; ".join(places),
    )


def delete_document(session: Session, user: User, doc: Document, version: str | None) -> None:
    check_version(doc, version)
    with record_change(session, user, doc, f"Deleted document {doc.symbol}", action="delete"):
        session.delete(doc)
