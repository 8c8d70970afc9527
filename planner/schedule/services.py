"""Adjust the organization of work. Each function changes the records and flushes; the view wraps
the call in :func:`planner.history.service.meeting_change` and commits once.

Without fixed entries planner proposes an organization of work (:func:`planner.core.orgwork.plan`).
The first adjustment fixes it: the proposal is copied into :class:`OrgWorkEntry` rows, which are
then changed; :func:`return_to_proposal` deletes them again.
"""

from __future__ import annotations

import hashlib
import json
from uuid import UUID

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from planner.agenda.services import AgendaRefused, agenda_revision
from planner.core.agenda import number_agenda
from planner.core.orgwork import OrgOfWork, held_slots, plan
from planner.core.plain import MeetingData, SlotData
from planner.models import AgendaItem, Meeting, OrgWorkEntry, TimeSlot
from planner.services.snapshot import meeting_data


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
    """A short fingerprint of what the page shows: the agenda's structure and which items each
    half-day meeting takes up, fixed or proposed."""
    org = org if org is not None else plan(meeting_data(meeting))
    shown = {
        "agenda": agenda_revision(meeting),
        "fixed": org.fixed,
        "sittings": [
            [str(s.slot.public_id), [[str(e.item_id), e.minutes] for e in s.entries]]
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
    """The half-day meetings that are held, in order: where items can be moved or pinned."""
    return held_slots(data)


def _slot(meeting: Meeting, public_id: UUID) -> TimeSlot:
    slot = next((s for s in meeting.slots if s.public_id == public_id), None)
    if slot is None or slot.cancelled:
        raise AgendaRefused(_l("Choose one of the half-day meetings that are held."))
    return slot


def fix_proposal(session: Session, meeting: Meeting) -> bool:
    """Copy the proposal into fixed entries, unless the organization of work is already fixed.
    Returns whether it was fixed now."""
    if meeting.orgwork_entries:
        return False
    org = plan(meeting_data(meeting))
    slots = {s.public_id: s for s in meeting.slots}
    items = {i.public_id: i for i in meeting.items}
    for sitting in org.sittings:
        listed: list[UUID] = []
        for entry in sitting.entries:
            if entry.item_id not in listed:
                listed.append(entry.item_id)
        for position, item_id in enumerate(listed):
            meeting.orgwork_entries.append(
                OrgWorkEntry(
                    slot=slots[sitting.slot.public_id], item=items[item_id], position=position
                )
            )
    session.flush()
    return True


def _entries_in(meeting: Meeting, slot: TimeSlot) -> list[OrgWorkEntry]:
    return sorted(
        (e for e in meeting.orgwork_entries if e.slot is slot),
        key=lambda e: (e.position, e.id or 0),
    )


def _renumber(entries: list[OrgWorkEntry]) -> None:
    for position, entry in enumerate(entries):
        if entry.position != position:
            entry.position = position


def move_entry(
    session: Session, meeting: Meeting, item: AgendaItem, from_slot: UUID, to_slot: UUID
) -> None:
    """Take ``item`` up in half-day meeting ``to_slot`` instead of ``from_slot``.

    The organization of work is fixed first if it was a proposal. In the target meeting the item
    goes among the others in agenda order; if the target already takes it up, the two merge."""
    source = _slot(meeting, from_slot)
    target = _slot(meeting, to_slot)
    if source is target:
        raise AgendaRefused(_l("Choose another half-day meeting to move the item to."))
    fix_proposal(session, meeting)
    entry = next((e for e in _entries_in(meeting, source) if e.item is item), None)
    if entry is None:
        raise AgendaRefused(_l("That half-day meeting does not take up this item."))
    order = {n.item.public_id: i for i, n in enumerate(number_agenda(meeting_data(meeting).agenda))}
    already = _entries_in(meeting, target)
    if any(e.item is item for e in already):
        meeting.orgwork_entries.remove(entry)
    else:
        rank = order.get(item.public_id, len(order))
        index = next(
            (i for i, e in enumerate(already) if order.get(e.item.public_id, len(order)) > rank),
            len(already),
        )
        entry.slot = target
        already.insert(index, entry)
        _renumber(already)
    _renumber(_entries_in(meeting, source))
    session.flush()


def set_pin(session: Session, item: AgendaItem, place: tuple[int, int] | None) -> None:
    """Pin ``item`` to half-day meeting (day, meeting), or unpin it (``None``)."""
    day, half = place if place is not None else (None, None)
    if item.pin_day != day or item.pin_meeting != half:
        item.pin_day, item.pin_meeting = day, half
    session.flush()


def return_to_proposal(session: Session, meeting: Meeting) -> bool:
    """Delete the fixed organization of work; returns whether there was one."""
    if not meeting.orgwork_entries:
        return False
    meeting.orgwork_entries.clear()
    session.flush()
    return True
