"""Search for staff: meetings, agenda items and documents by words or symbol.

Every word of the query must appear (case-insensitively, in any script) in the record's symbol or
in one of its texts, in any of the six languages. A fixed number of queries answers any search,
whatever the number of results: one per kind, their eager loads, and one for item numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from planner.core.agenda import item_number
from planner.core.languages import LANGUAGES, pick
from planner.core.plain import MEETING_WORDS, STANDARD_KINDS
from planner.core.standard import standard_title
from planner.models import (
    AgendaItem,
    AgendaItemText,
    Body,
    BodyText,
    Document,
    DocumentText,
    Meeting,
    MeetingText,
)
from planner.models.base import folded

#: Results shown per kind; a search that finds more says so and asks for more words.
LIMIT: Final = 50
#: Words of a query that count (the rest are ignored), and the longest query read.
MAX_WORDS: Final = 8
MAX_LENGTH: Final = 200


@dataclass(frozen=True)
class Results:
    words: tuple[str, ...]
    meetings: list[Meeting] = field(default_factory=list)
    items: list[tuple[AgendaItem, str]] = field(default_factory=list)  # with the item's number
    documents: list[Document] = field(default_factory=list)
    more: bool = False  # some kind had more than LIMIT results

    @property
    def count(self) -> int:
        return len(self.meetings) + len(self.items) + len(self.documents)


def query_words(query: str) -> tuple[str, ...]:
    """The words searched for, folded as the database folds them, duplicates dropped."""
    seen: dict[str, None] = {}
    for word in query[:MAX_LENGTH].split():
        seen.setdefault(word.lower(), None)
    return tuple(seen)[:MAX_WORDS]


def _has(column: ColumnElement[str] | object, word: str) -> ColumnElement[bool]:
    return folded(column).contains(word, autoescape=True)


def _standard_kinds(word: str) -> list[str]:
    """Standard items ("Adoption of the agenda"…) keep no title of their own: the kinds whose
    title in any language, for meetings or sessions, contains ``word``."""
    return [
        kind
        for kind in STANDARD_KINDS
        if any(
            word in standard_title(kind, meeting_word, lang).lower()
            for meeting_word in MEETING_WORDS
            for lang in LANGUAGES
        )
    ]


def _meeting_word(word: str) -> ColumnElement[bool]:
    body_texts = exists().where(
        BodyText.body_id == Meeting.body_id,
        or_(_has(BodyText.name, word), _has(BodyText.short_name, word)),
    )
    meeting_texts = exists().where(
        MeetingText.meeting_id == Meeting.id,
        or_(_has(MeetingText.city, word), _has(MeetingText.venue, word)),
    )
    return or_(_has(Meeting.symbol, word), meeting_texts, body_texts)


def _item_word(word: str) -> ColumnElement[bool]:
    texts = exists().where(
        AgendaItemText.item_id == AgendaItem.id,
        or_(_has(AgendaItemText.title, word), _has(AgendaItemText.annotation, word)),
    )
    kinds = _standard_kinds(word)
    return or_(texts, AgendaItem.standard.in_(kinds)) if kinds else texts


def document_matches(word: str) -> ColumnElement[bool]:
    """A document holding ``word`` (folded) in its symbol, title or listing, in any language."""
    texts = exists().where(
        DocumentText.document_id == Document.id,
        or_(_has(DocumentText.title, word), _has(DocumentText.listing, word)),
    )
    return or_(_has(Document.symbol, word), texts)


def search(session: Session, query: str, *, restricted: bool) -> Results:
    """Meetings, agenda items and documents matching every word of ``query``. Restricted
    meetings and their items are found only when ``restricted`` (the reader may read them)."""
    words = query_words(query)
    if not words:
        return Results(words=())
    visible: list[ColumnElement[bool]] = [] if restricted else [Meeting.restricted.is_(False)]

    meetings = session.scalars(
        select(Meeting)
        .where(and_(*(_meeting_word(w) for w in words)), *visible)
        .options(
            selectinload(Meeting.texts),
            selectinload(Meeting.body).selectinload(Body.texts),
        )
        .order_by(Meeting.start_date.desc(), Meeting.symbol)
        .limit(LIMIT + 1)
    ).all()

    items = session.scalars(
        select(AgendaItem)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(and_(*(_item_word(w) for w in words)), *visible)
        .options(
            selectinload(AgendaItem.texts),
            selectinload(AgendaItem.meeting).selectinload(Meeting.body).selectinload(Body.texts),
        )
        .order_by(Meeting.start_date.desc(), Meeting.symbol, AgendaItem.id)
        .limit(LIMIT + 1)
    ).all()

    documents = session.scalars(
        select(Document)
        .where(and_(*(document_matches(w) for w in words)))
        .options(selectinload(Document.texts))
        .order_by(Document.issued.desc(), Document.symbol)
        .limit(LIMIT + 1)
    ).all()

    more = max(len(meetings), len(items), len(documents)) > LIMIT
    shown_items = list(items[:LIMIT])
    numbers = _item_numbers(session, shown_items)
    return Results(
        words=words,
        meetings=list(meetings[:LIMIT]),
        items=[(item, numbers.get(item.id, "")) for item in shown_items],
        documents=list(documents[:LIMIT]),
        more=more,
    )


def _item_numbers(session: Session, items: Sequence[AgendaItem]) -> dict[int, str]:
    """The agenda number of each item ("2(a)"), from parent and position of every item of
    their meetings (one query)."""
    meeting_ids = {item.meeting_id for item in items}
    if not meeting_ids:
        return {}
    rows = session.execute(
        select(
            AgendaItem.id, AgendaItem.meeting_id, AgendaItem.parent_id, AgendaItem.position
        ).where(AgendaItem.meeting_id.in_(meeting_ids))
    ).all()
    # Siblings share a meeting and a parent (the top level of each meeting is its own group).
    siblings: dict[tuple[int, int | None], list[tuple[int, int]]] = defaultdict(list)
    parents: dict[int, int | None] = {}
    for item_id, meeting_id, parent_id, position in rows:
        siblings[meeting_id, parent_id].append((position, item_id))
        parents[item_id] = parent_id
    place = {
        item_id: index
        for group in siblings.values()
        for index, (_, item_id) in enumerate(sorted(group), start=1)
    }

    def path(item_id: int) -> tuple[int, ...]:
        parent = parents.get(item_id)
        own = (place[item_id],)
        return own if parent is None else (*path(parent), *own)

    numbers = {}
    for item in items:
        try:
            numbers[item.id] = item_number(path(item.id))
        except ValueError:  # deeper than the UN numbering goes: shown without a number
            numbers[item.id] = ""
    return numbers


def item_title(item: AgendaItem, lang: str) -> str:
    """What the agenda calls the item, in ``lang`` (a standard item by its standard title)."""
    meeting = item.meeting
    title = pick(item.text("title"), lang, meeting.original_language)
    if not title and item.standard:
        return standard_title(item.standard, meeting.body.meeting_word, lang)
    return title


def matching_text(item: AgendaItem, words: Sequence[str], shown: str) -> tuple[str, str] | None:
    """Where the first word was found, as ``(lang, text)``, when the title shown does not hold
    it (it matched another language, or the annotation): so a reader sees why it was found."""
    if not words or words[0] in shown.lower():
        return None
    for lang, row in sorted(item.texts.items(), key=lambda pair: LANGUAGES.index(pair[0])):
        for text in (row.title, row.annotation):
            if words[0] in text.lower():
                return lang, text
    return None
