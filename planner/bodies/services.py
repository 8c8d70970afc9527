"""Writing bodies. Functions flush; the view commits once.

A body's name is part of what calendar readers see of its meetings, so renaming a body
refreshes the revisions of its meetings' events.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from wtforms import SelectChoice

from planner.history.service import record_change
from planner.models import Body, BodyText, Meeting, User
from planner.models.base import utcnow
from planner.services.concurrency import check_version
from planner.services.mandates import mandates_naming
from planner.services.revisions import refresh_revisions
from planner.services.sync import set_texts


@dataclass(frozen=True)
class BodyInput:
    symbol: str
    parent: uuid.UUID | None
    name: dict[str, str]
    short_name: dict[str, str]
    meeting_word: str


def by_public_id(session: Session, public_id: uuid.UUID) -> Body | None:
    return session.scalar(select(Body).where(Body.public_id == public_id))


def descendants(body: Body) -> set[int]:
    out: set[int] = set()
    stack = list(body.children)
    while stack:
        child = stack.pop()
        if child.id not in out:
            out.add(child.id)
            stack.extend(child.children)
    return out


def parent_choices(session: Session, body: Body | None) -> list[SelectChoice]:
    """Bodies that ``body`` may report to: any but itself and its own subsidiaries."""
    excluded = {body.id, *descendants(body)} if body is not None else set()
    bodies = session.scalars(select(Body).order_by(Body.symbol)).all()
    return [SelectChoice("", "—")] + [
        SelectChoice(str(b.public_id), b.symbol) for b in bodies if b.id not in excluded
    ]


def problems(session: Session, data: BodyInput, body: Body | None) -> dict[str, str]:
    """What the database says against ``data`` (field → message); empty when it can be saved."""
    out: dict[str, str] = {}
    other = session.scalar(select(Body).where(Body.symbol == data.symbol))
    if other is not None and other is not body:
        out["symbol"] = _("Another body already has the symbol %(symbol)s.", symbol=data.symbol)
    elif body is not None and data.symbol != body.symbol and meeting_count(session, body):
        out["symbol"] = _(
            "The symbol of a body that has meetings cannot be changed: their symbols start "
            "with %(symbol)s.",
            symbol=body.symbol,
        )
    if data.parent is not None:
        parent = by_public_id(session, data.parent)
        if parent is None:
            out["parent"] = _("That body no longer exists; choose another.")
        elif body is not None and (parent is body or parent.id in descendants(body)):
            out["parent"] = _("A body cannot report to itself or to one of its subsidiaries.")
    if not data.name:
        out["name"] = _("Give the name in at least one language.")
    if not data.short_name:
        out["short_name"] = _("Give the short name in at least one language.")
    return out


def _apply(session: Session, body: Body, data: BodyInput) -> None:
    body.symbol = data.symbol
    body.parent = by_public_id(session, data.parent) if data.parent else None
    body.meeting_word = data.meeting_word
    set_texts(
        body.texts,
        lambda lang: BodyText(lang=lang),
        {"name": data.name, "short_name": data.short_name},
    )


def create_body(session: Session, user: User, data: BodyInput) -> Body:
    body = Body(symbol=data.symbol)
    session.add(body)
    _apply(session, body, data)
    session.flush()
    with record_change(session, user, body, f"Created body {body.symbol}", action="create"):
        pass
    return body


def update_body(session: Session, user: User, body: Body, data: BodyInput, version: str) -> None:
    """Raise StaleEdit if a colleague saved the body since ``version``."""
    check_version(body, version)
    with record_change(session, user, body, f"Edited body {body.symbol}"):
        _apply(session, body, data)
        body.updated_at = utcnow()  # a new version even when only its texts changed
        session.flush()
    for meeting in list(body.meetings):
        refresh_revisions(session, meeting)


def meeting_count(session: Session, body: Body) -> int:
    return session.scalar(select(func.count(Meeting.id)).where(Meeting.body_id == body.id)) or 0


def delete_refusal(session: Session, body: Body) -> str | None:
    """Why ``body`` cannot be deleted, or None."""
    meetings = session.scalars(
        select(Meeting.symbol).where(Meeting.body_id == body.id).order_by(Meeting.symbol)
    ).all()
    if meetings:
        return _(
            "%(symbol)s cannot be deleted: it has meetings (%(meetings)s). Delete them first.",
            symbol=body.symbol,
            meetings=", ".join(meetings),
        )
    children = sorted(child.symbol for child in body.children)
    if children:
        return _(
            "%(symbol)s cannot be deleted: subsidiary bodies report to it (%(bodies)s). "
            "Delete them or move them under another body first.",
            symbol=body.symbol,
            bodies=", ".join(children),
        )
    mandates = mandates_naming(session, body)
    if mandates:
        return _(
            "%(symbol)s cannot be deleted: mandates name it (%(mandates)s). Edit or delete them "
            "first.",
            symbol=body.symbol,
            mandates=", ".join(mandates),
        )
    return None


def delete_body(session: Session, user: User, body: Body, version: str) -> None:
    check_version(body, version)
    with record_change(session, user, body, f"Deleted body {body.symbol}", action="delete"):
        session.delete(body)
