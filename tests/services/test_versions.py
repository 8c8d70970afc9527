"""A record's version moves with any change to its parts (texts, languages, listed documents,
hours, assignments), so that a stale save of the record is refused whatever it changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.models import (
    AgendaItem,
    AgendaItemText,
    Body,
    Document,
    DocumentLanguage,
    Meeting,
    MeetingText,
    User,
)
from tests.web.helpers import make_user

SYMBOL = "CTOC/COP/WG.4/2018/1"


def _meeting(session: Session) -> Meeting:
    found = session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert found is not None
    return found


def _item(session: Session) -> AgendaItem:
    return next(i for i in _meeting(session).items if i.standard is None)


def _document(session: Session) -> Document:
    found = session.scalar(select(Document).where(Document.symbol == "CTOC/COP/WG.4/2018/2"))
    assert found is not None
    return found


def _body(session: Session) -> Body:
    found = session.scalar(select(Body).where(Body.symbol == "CTOC/COP/WG.4"))
    assert found is not None
    return found


def _user(session: Session) -> User:
    return make_user(session, "viewer@un.org", "viewer")


CASES: dict[str, tuple[Callable[[Session], Any], Callable[[Any, Session], None]]] = {
    "item title": (_item, lambda item, s: setattr(item.texts["en"], "title", "New title")),
    "item title in a new language": (
        _item,
        lambda item, s: item.texts.__setitem__("zh", AgendaItemText(lang="zh", title="新")),
    ),
    "item annotation removed": (_item, lambda item, s: s.delete(item.texts["en"])),
    "item documents": (_item, lambda item, s: item.document_links.clear()),
    "meeting city": (_meeting, lambda m, s: setattr(m.texts["en"], "city", "Geneva")),
    "meeting venue in a new language": (
        _meeting,
        lambda m, s: m.texts.__setitem__("ru", MeetingText(lang="ru", city="Вена")),
    ),
    "meeting interpretation languages": (
        _meeting,
        lambda m, s: m.interpretation_language_rows.pop(),
    ),
    "meeting daily hours": (_meeting, lambda m, s: m.daily_slots.pop()),
    "body name": (_body, lambda b, s: setattr(b.texts["en"], "name", "Another name")),
    "document title": (_document, lambda d, s: setattr(d.texts["en"], "title", "Other")),
    "document languages": (
        _document,
        lambda d, s: (
            d.language_rows.append(DocumentLanguage(lang="zh", position=9))
            if not any(r.lang == "zh" for r in d.language_rows)
            else d.language_rows.pop()
        ),
    ),
    "user assignments": (_user, lambda u, s: u.bodies.append(_body(s))),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_change_to_a_part_raises_the_records_version(reference: Session, case: str) -> None:
    load, change = CASES[case]
    record = load(reference)
    reference.flush()
    version = record.version
    change(record, reference)
    reference.flush()
    assert record.version == version + 1
