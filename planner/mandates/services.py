"""Writing mandates through the forms. Functions flush; the view commits once.

The same rules as the meeting-file reader (:func:`planner.core.mandates.mandate_problems` on the
same spec), plus what needs the database: one record per mandate, one record per symbol, and the
editor's right to the bodies named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.agenda import item_number
from planner.core.mandates import (
    MandateProblem,
    citations,
    identity,
    mandate_problems,
    matches,
)
from planner.core.meetingfile import MandateSpec, ParagraphSpec
from planner.history.service import record_change
from planner.models import AgendaItem, AgendaItemText, Body, Mandate, User
from planner.models.base import utcnow
from planner.services.concurrency import check_version
from planner.services.mandates import all_mandates, apply_spec, find_record, mandate_spec


def may_create_any(user: User) -> bool:
    return user.active and (user.role == "admin" or (user.role == "editor" and bool(user.bodies)))


def may_edit(user: User, mandate: Mandate) -> bool:
    """Admins edit every mandate; editors those adopted by, establishing or steering a body they
    plan."""
    bodies = [mandate.body, *(link.body for link in mandate.body_links)]
    return any(user.can_edit(b) for b in bodies if b is not None)


def _bodies(session: Session, symbols: Sequence[str]) -> list[Body]:
    return list(session.scalars(select(Body).where(Body.symbol.in_(symbols))))


def problems(
    session: Session,
    user: User,
    spec: MandateSpec,
    mandate: Mandate | None,
    word: Callable[[MandateProblem], str],
) -> dict[str, list[str]]:
    """Messages by field ("number", "paragraphs[0].text"): the core rules' (worded by ``word``)
    and the database's."""
    out: dict[str, list[str]] = {}

    def add(where: str, text: str) -> None:
        out.setdefault(where, []).append(text)

    for problem in mandate_problems(spec.data()):
        add(problem.where, word(problem))
    if out:
        return out
    other = find_record(session, spec)
    if other is not None and other is not mandate:
        where = "number" if spec.number else "symbol" if spec.symbol else "title"
        add(where, _("This mandate is already recorded."))
    if spec.symbol:
        taken = session.scalar(select(Mandate).where(Mandate.symbol == spec.symbol))
        if taken is not None and taken is not mandate and taken is not other:
            add(
                "symbol",
                _("Another mandate already has the symbol %(symbol)s.", symbol=spec.symbol),
            )
    named = _bodies(session, [spec.body, *(link.body for link in spec.bodies)])
    if not any(user.can_edit(b) for b in named):
        add(
            "body",
            _("You may edit only the mandates of the bodies you plan; name one of them."),
        )
    return out


def create_mandate(session: Session, user: User, spec: MandateSpec) -> Mandate:
    mandate = Mandate()
    session.add(mandate)
    apply_spec(session, mandate, spec)
    session.flush()
    with record_change(session, user, mandate, f"Created {_label(mandate)}", action="create"):
        pass
    return mandate


def update_mandate(
    session: Session, user: User, mandate: Mandate, spec: MandateSpec, version: str | None
) -> None:
    """Raise StaleEdit if a colleague saved the mandate since ``version``."""
    check_version(mandate, version)
    with record_change(session, user, mandate, f"Edited {_label(mandate)}"):
        apply_spec(session, mandate, spec)
        mandate.updated_at = utcnow()  # a new version even when only its texts changed
        session.flush()


def delete_mandate(session: Session, user: User, mandate: Mandate, version: str | None) -> None:
    check_version(mandate, version)
    with record_change(session, user, mandate, f"Deleted {_label(mandate)}", action="delete"):
        session.delete(mandate)


def _label(mandate: Mandate) -> str:
    return f"{mandate.body.symbol} {mandate.label()}"


def citing_items(session: Session, mandate: Mandate) -> list[str]:
    """Where the mandate is cited: "CTOC/COP/WG.4/2018/1, item 1(b)"."""
    rows = session.execute(
        select(AgendaItem, AgendaItemText.annotation)
        .join(AgendaItemText, AgendaItemText.item_id == AgendaItem.id)
        .where(AgendaItemText.annotation.contains("{mandate:"))
    ).all()
    if not rows:
        return []
    known = all_mandates(session)
    mine = identity(next(d for d in known if d.public_id == mandate.public_id))
    places: set[str] = set()
    for item, text in rows:
        for c in citations(text):
            found = matches(c.key, known)
            if len(found) == 1 and identity(found[0]) == mine:
                path: list[int] = []
                node: AgendaItem | None = item
                while node is not None:
                    path.insert(0, node.position + 1)
                    node = node.parent
                places.add(
                    _(
                        "%(meeting)s, item %(number)s",
                        meeting=item.meeting.symbol,
                        number=item_number(tuple(path)),
                    )
                )
    return sorted(places)


def delete_refusal(session: Session, mandate: Mandate) -> str | None:
    places = citing_items(session, mandate)
    if not places:
        return None
    return _(
        "This mandate cannot be deleted: annotations cite it (%(places)s). Remove the "
        "citations first.",
        places="; ".join(places),
    )


# Paragraphs: a paragraph is part of its mandate; changing one is an edit of the mandate.


def with_paragraph(
    spec: MandateSpec, index: int | None, paragraph: ParagraphSpec | None
) -> MandateSpec:
    """``spec`` with paragraph ``index`` replaced by ``paragraph`` (added at the end when
    ``index`` is None; removed when ``paragraph`` is None)."""
    paragraphs = list(spec.paragraphs)
    if index is None:
        if paragraph is not None:
            paragraphs.append(paragraph)
    elif paragraph is None:
        del paragraphs[index]
    else:
        paragraphs[index] = paragraph
    return replace(spec, paragraphs=tuple(paragraphs))


def current_spec(mandate: Mandate) -> MandateSpec:
    return mandate_spec(mandate)
