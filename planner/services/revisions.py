"""Keep calendar revisions honest: when anything a reader would see of an event changes (its
time, place, status, title or the items taken up in it), its SEQUENCE goes up and its
LAST-MODIFIED moves; when nothing changed, neither does (so identical data gives identical feeds).

Each event's visible content is summarised in a fingerprint over all languages; the fingerprint
is compared after every change to a meeting.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from planner.core.orgwork import plan
from planner.core.plain import ItemData, MeetingData
from planner.models import Meeting
from planner.models.base import utcnow
from planner.services.snapshot import meeting_data
from planner.venues.services import venue_mates


def _digest(value: Any) -> str:
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _meeting_facts(data: MeetingData) -> dict[str, Any]:
    return {
        "symbol": data.symbol,
        "number": data.number,
        "body": dict(data.body.name),
        "body_symbol": data.body.symbol,  # the events' CATEGORIES
        "meeting_word": data.body.meeting_word,  # "eighth meeting" or "eighth session"
        "start": data.start,
        "end": data.end,
        "timezone": data.timezone,
        "status": data.status,
        "format": data.format,
        "city": dict(data.city),
        "venue": dict(data.venue),
        "restricted": data.restricted,
    }


def _items_by_id(items: tuple[ItemData, ...]) -> dict[Any, ItemData]:
    out: dict[Any, ItemData] = {}
    for item in items:
        out[item.public_id] = item
        out.update(_items_by_id(item.children))
    return out


def fingerprints(data: MeetingData) -> tuple[str, dict[Any, str]]:
    """The meeting's own fingerprint and one per half-day meeting (by public id)."""
    facts = _meeting_facts(data)
    items = _items_by_id(data.agenda)
    entries: dict[Any, list[Any]] = {}
    interpreted: dict[Any, bool] = {}
    for sitting in plan(data).sittings:
        interpreted[sitting.slot.public_id] = sitting.interpreted
        entries[sitting.slot.public_id] = [
            {
                "item": str(e.item_id),
                "number": e.number,
                "continued": e.continued,
                "title": dict(items[e.item_id].title),
                "standard": items[e.item_id].standard,
                "documents": [[d.symbol, dict(d.title)] for d in items[e.item_id].documents],
            }
            for e in sitting.entries
        ]
    per_slot = {
        slot.public_id: _digest(
            {
                "meeting": facts,
                "date": slot.date,
                "start": slot.start,
                "end": slot.end,
                "cancelled": slot.cancelled,
                "items": entries.get(slot.public_id, []),
                # the description says whether, and into which languages, it is interpreted,
                # and an item without a text in the reader's language is shown in the original
                "interpreted": interpreted.get(slot.public_id, False),
                "interpretation_languages": list(data.interpretation_languages),
                "original_language": data.original_language,
            }
        )
        for slot in data.slots
    }
    return _digest(facts), per_slot


def _later(previous: datetime | None, now: datetime) -> datetime:
    """The new LAST-MODIFIED: ``now`` in whole seconds (as the feed writes it), and at least a
    second after ``previous``, so that two changes within one second still move it forward."""
    now = now.replace(microsecond=0)
    if previous is not None and now <= previous.replace(microsecond=0):
        now = previous.replace(microsecond=0) + timedelta(seconds=1)
    return now


def refresh_revisions(session: Session, meeting: Meeting) -> None:
    """Bump SEQUENCE and LAST-MODIFIED of every event of ``meeting`` whose content changed, and
    of the other meetings held at its venue: what interpretation they are offered, and so what
    their half-day meetings take up, depends on it (planner.venues.services)."""
    _refresh(session, meeting)
    for mate in venue_mates(session, meeting):
        _refresh(session, mate)


def refresh_venue(session: Session, meetings: list[Meeting]) -> None:
    """After a venue's capacity changed: refresh the revisions of the meetings held there."""
    for meeting in meetings:
        _refresh(session, meeting)


def _refresh(session: Session, meeting: Meeting) -> None:
    session.flush()
    session.refresh(meeting)
    own, per_slot = fingerprints(meeting_data(meeting))
    now = utcnow()
    if meeting.fingerprint != own:
        if meeting.fingerprint:
            meeting.sequence += 1
            meeting.modified_at = _later(meeting.modified_at, now)
        else:
            meeting.modified_at = now.replace(microsecond=0)
        meeting.fingerprint = own
    for slot in meeting.slots:
        digest = per_slot[slot.public_id]
        if slot.fingerprint != digest:
            if slot.fingerprint:
                slot.sequence += 1
                slot.modified_at = _later(slot.modified_at, now)
            else:
                slot.modified_at = now.replace(microsecond=0)
            slot.fingerprint = digest
    session.flush()
