"""One counter of changes to the planning data: the cheap key of every cached feed.

Any flush that adds, changes or deletes planning records bumps it (see :func:`track_changes`),
so a conditional GET can answer 304 from one small query without rebuilding anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from planner.models.base import Base, UTCDateTime, utcnow

COUNTER_ID = 1


class ChangeCounter(Base):
    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(default=0)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


#: Models whose changes do not alter what planner publishes (filled in by later modules).
UNPUBLISHED: set[type[Any]] = {ChangeCounter}


def _planning_changes(session: Session) -> bool:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if type(obj) in UNPUBLISHED or not isinstance(obj, Base):
            continue
        if obj in session.dirty and not session.is_modified(obj):
            continue
        return True
    return False


def _bump(session: Session, flush_context: Any, instances: Any) -> None:
    if not _planning_changes(session):
        return
    counter = session.get(ChangeCounter, COUNTER_ID)
    if counter is None:
        counter = ChangeCounter(id=COUNTER_ID, revision=0)
        session.add(counter)
    counter.revision = (counter.revision or 0) + 1
    counter.changed_at = utcnow()


def track_changes() -> None:
    """Bump the counter on every flush that changes planning data (idempotent)."""
    if not event.contains(Session, "before_flush", _bump):
        event.listen(Session, "before_flush", _bump)
