"""Reads for the user administration. The changes themselves are in planner.auth.services,
shared with the command line."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from wtforms import SelectChoice

from planner.core.languages import pick
from planner.models import Body, User


def list_users(session: Session) -> Sequence[User]:
    return session.scalars(
        select(User).options(selectinload(User.bodies)).order_by(User.email)
    ).all()


def user_by_public_id(session: Session, public_id: UUID) -> User | None:
    return session.scalar(select(User).where(User.public_id == public_id))


def body_choices(session: Session, lang: str) -> list[SelectChoice]:
    """Every body as (public id, "SYMBOL — name") for a multi-select, by symbol."""
    bodies = session.scalars(
        select(Body).options(selectinload(Body.texts)).order_by(Body.symbol)
    ).all()
    choices = []
    for body in bodies:
        name = pick(body.text("name"), lang)
        label = f"{body.symbol} — {name}" if name else body.symbol
        choices.append(SelectChoice(str(body.public_id), label))
    return choices
