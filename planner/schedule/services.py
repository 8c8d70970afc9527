"""Record the staff's decisions on the organization of work. Each function changes the records
and flushes; the view wraps the call in :func:`planner.history.service.meeting_change` and commits
once.

planner keeps decisions, never a copy of a plan (:func:`planner.core.orgwork.plan` proposes
everything else around them):

- a placement (an :class:`OrgWorkEntry` row): take this item up in that half-day meeting, with all
  its time or a given part of it;
- a pin (on the item): start the item in that half-day meeting;
- a closed half-day meeting (:attr:`TimeSlot.closed`): it takes no further items;
- an item's minutes.

Moving an item replaces its decisions with one placement; releasing it deletes them all.
"""

from __future__ import annotations

import hashlib
import json
from uuid import UUID

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from planner.agenda.services import AgendaRefused, agenda_revision
from planner.core.orgwork import OrgOfWork, held_slots, plan
from planner.core.plain import MeetingData, SlotData
from planner.models import AgendaItem, Meeting, OrgWorkEntry, TimeSlot
from planner.services.snapshot import meeting_data

#: The longest an item may be estimated to take: a whole working day and more is not one item.
MAX_MINUTES = 24 * 60


class OrgWorkChanged(AgendaRefused):
    """The organization of work changed since the page was opened; nothing was done."""

    def __init__(self) -> None:
        super().__init__(
            _l(
                "Someone else changed the agenda or the organization of work since you opened "
                "this page, so nothing was changed. It is shown as it is now; please try again."
            )
        )


def orgwork_revision(meeting: Meeting, org: OrgOfWork | None = None) -> str:
    """A short fingerprint of what the page shows: the agenda's structure, the decisions and
    which items each half-day meeting takes up."""
    org = org if org is not None else plan(meeting_data(meeting))
    shown = {
        "agenda": agenda_revision(meeting),
        "minutes": sorted([str(i.public_id), i.minutes] for i in meeting.items),
        "pins": sorted(
            [str(i.public_id), i.pin_day, i.pin_meeting] for i in meeting.items if i.pin_day
        ),
        "closed": sorted(str(s.public_id) for s in meeting.slots if s.closed),
        "sittings": [
            [str(s.slot.public_id), [[str(e.item_id), e.minutes, e.source] for e in s.entries]]
            for s in org.sittings
        ],
        "overflow": [[str(o.item_id), o.minutes_unplaced] for o in org.overflow],
    }
    blob = json.dumps(shown, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:20]


def check_revision(meeting: Meeting, submitted: str | None) -> None:
    if not submitted or submitted != orgwork_revision(meeting):
        raise OrgWorkChanged()


def held_places(data: MeetingData) -> list[SlotData]:
    """The half-day meetings that are held, in order: where items can be placed or pinned."""
    return held_slots(data)


def _slot(meeting: Meeting, public_id: UUID) -> TimeSlot:
    slot = next((s for s in meeting.slots if s.public_id == public_id), None)
    if slot is None or slot.cancelled:
        raise AgendaRefused(_l("Choose one of the half-day meetings that are held."))
    return slot


def _entries_of(meeting: Meeting, item: AgendaItem) -> list[OrgWorkEntry]:
    return [e for e in meeting.orgwork_entries if e.item is item]


def _position(meeting: Meeting) -> int:
    return max((e.position for e in meeting.orgwork_entries), default=-1) + 1


def place_item(session: Session, meeting: Meeting, item: AgendaItem, to_slot: UUID) -> None:
    """Take ``item`` up in half-day meeting ``to_slot``, with all its time: its other
    placements and its pin give way. Nothing else is touched; planner moves only the proposed
    items that no longer fit there."""
    target = _slot(meeting, to_slot)
    for entry in _entries_of(meeting, item):
        meeting.orgwork_entries.remove(entry)
    if item.pin_day is not None or item.pin_meeting is not None:
        item.pin_day, item.pin_meeting = None, None
    meeting.orgwork_entries.append(
        OrgWorkEntry(slot=target, item=item, position=_position(meeting), minutes=None)
    )
    session.flush()


def split_item(
    session: Session, meeting: Meeting, item: AgendaItem, to_slot: UUID, minutes: int
) -> None:
    """Give half-day meeting ``to_slot`` ``minutes`` of ``item``'s time; the rest stays where it
    is (where staff placed it, or where the plan has it now)."""
    target = _slot(meeting, to_slot)
    if not 0 < minutes < (item.minutes or 0):
        raise AgendaRefused(
            _l("Give the meeting part of the item's time: more than 0 and less than its minutes.")
        )
    entries = _entries_of(meeting, item)
    if not any(e.minutes is None and e.slot is not target for e in entries):
        # The rest stays where the plan has it now: the first other meeting taking it up.
        org = plan(meeting_data(meeting))
        here = next(
            (
                s.slot.public_id
                for s in org.sittings
                for e in s.entries
                if e.item_id == item.public_id and s.slot.public_id != to_slot
            ),
            None,
        )
        if here is None:
            raise AgendaRefused(
                _l("The item is not taken up in another meeting: move it there instead.")
            )
        rest_slot = _slot(meeting, here)
        for entry in entries:
            if entry.slot is rest_slot:
                entry.minutes = None
                break
        else:
            meeting.orgwork_entries.append(
                OrgWorkEntry(slot=rest_slot, item=item, position=_position(meeting))
            )
    existing = next((e for e in entries if e.slot is target), None)
    if existing is not None:
        existing.minutes = minutes
    else:
        meeting.orgwork_entries.append(
            OrgWorkEntry(slot=target, item=item, position=_position(meeting), minutes=minutes)
        )
    if item.pin_day is not None:
        item.pin_day, item.pin_meeting = None, None
    session.flush()


def release_item(session: Session, meeting: Meeting, item: AgendaItem) -> bool:
    """Delete the item's placements and its pin: planner proposes where it goes. Returns
    whether there was anything to release."""
    entries = _entries_of(meeting, item)
    released = bool(entries) or item.pin_day is not None
    for entry in entries:
        meeting.orgwork_entries.remove(entry)
    if item.pin_day is not None or item.pin_meeting is not None:
        item.pin_day, item.pin_meeting = None, None
    session.flush()
    return released


def set_pin(session: Session, item: AgendaItem, place: tuple[int, int] | None) -> None:
    """Pin ``item`` to half-day meeting (day, meeting), or unpin it (``None``). A pin replaces
    the item's placements."""
    day, half = place if place is not None else (None, None)
    if place is not None:
        meeting = item.meeting
        for entry in _entries_of(meeting, item):
            meeting.orgwork_entries.remove(entry)
    if item.pin_day != day or item.pin_meeting != half:
        item.pin_day, item.pin_meeting = day, half
    session.flush()


def set_closed(session: Session, meeting: Meeting, slot_id: UUID, closed: bool) -> None:
    """Close half-day meeting ``slot_id`` to further items, or open it again."""
    slot = _slot(meeting, slot_id)
    if bool(slot.closed) != closed:
        slot.closed = closed
    session.flush()


def set_minutes(session: Session, item: AgendaItem, minutes: int | None) -> None:
    """Change the item's estimated time (``None``: no estimate)."""
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise AgendaRefused(
            _l(
                "Give the minutes as a whole number from 1 to %(max)s, or leave them empty.",
                max=MAX_MINUTES,
            )
        )
    if item.minutes != minutes:
        item.minutes = minutes
    session.flush()
