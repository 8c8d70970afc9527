"""The organization of work: which agenda items each half-day meeting takes up.

:func:`plan` is pure and deterministic. Without an organization of work fixed by the secretariat it
proposes one: the items that are taken up (the leaves of the agenda), in agenda order, fill the
meetings with interpretation one after the other, each for as long as the meeting lasts; an item
that does not fit in what is left of a meeting continues at the start of the next one. Pinned items
start the meeting they are pinned to, and the adoption of the report is taken up in the last
meeting with interpretation. Nothing is squeezed and nothing is dropped: what does not fit is
listed in ``overflow`` and reported as a problem.

Problems carry a ``message_key`` and ``params``, never an English sentence; see
:func:`planner.core.checks.describe`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal
from uuid import UUID

from planner.core.agenda import NumberedItem, number_agenda, total_minutes
from planner.core.plain import FixedSitting, MeetingData, Pin, SlotData

Severity = Literal["error", "warning"]
#: What a problem's parameters may hold: numbers, texts, and lists of texts (item numbers,
#: languages) that the renderer joins the way each language joins a list.
ParamValue = str | int | tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    item_id: UUID
    number: str
    minutes: int
    continued: bool  # the item was already taken up in an earlier meeting


@dataclass(frozen=True)
class Sitting:
    slot: SlotData
    interpreted: bool
    entries: tuple[Entry, ...]
    used_minutes: int
    capacity_minutes: int


@dataclass(frozen=True)
class Overflow:
    item_id: UUID
    number: str
    minutes_unplaced: int


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    message_key: str
    params: dict[str, ParamValue] = field(default_factory=dict)


@dataclass(frozen=True)
class OrgOfWork:
    sittings: tuple[Sitting, ...]
    overflow: tuple[Overflow, ...]
    problems: tuple[Problem, ...]
    fixed: bool


def slot_minutes(slot: SlotData) -> int:
    """How long a half-day meeting lasts, in whole minutes (0 if it ends before it starts)."""
    start = slot.start.hour * 60 + slot.start.minute
    end = slot.end.hour * 60 + slot.end.minute
    return max(0, end - start)


def _chronological(slot: SlotData) -> tuple[object, ...]:
    return (slot.date, slot.start, slot.day_index, slot.index_in_day, str(slot.public_id))


def held_slots(meeting: MeetingData) -> list[SlotData]:
    """The half-day meetings that are held (not cancelled), in chronological order."""
    return sorted(meeting.active_slots, key=_chronological)


def interpreted_count(meeting: MeetingData) -> int:
    """How many of the held meetings have interpretation: the first N of them."""
    return max(0, min(meeting.interpretation_meetings, len(meeting.active_slots)))


def plan(meeting: MeetingData) -> OrgOfWork:
    """The organization of work: the fixed one if the meeting has one, else a proposal.

    Every held (not cancelled) half-day meeting is returned, in chronological order; the first
    ``interpretation_meetings`` of them have interpretation, and only those take up items in a
    proposal.

    The proposal, item by item (the leaves, in agenda order):

    - an item without minutes is listed where it falls and takes no time (also at the end of a
      meeting that is already full);
    - an item fills what is left of the current meeting and continues at the start of the next;
      what does not fit into the last meeting is ``overflow`` and a ``does_not_fit`` error;
    - the first ``adoption_of_report`` item (unless it is pinned) starts in the last meeting,
      after whatever already runs into it; room is kept there for it and for the items after
      it, so the items before it overflow rather than the report;
    - a pinned item (or the first sub-item of a pinned heading) makes the planner jump forward to
      its meeting; a pin to the current meeting is kept if that meeting does not begin with a
      continuing item and has room. Otherwise the pin is reported and the item is placed where it
      falls, in order.

    A fixed organization of work (a non-empty ``fixed_orgwork``) is followed exactly; pins and
    the report rule do not apply to it.
    """
    slots = held_slots(meeting)
    interpreted = interpreted_count(meeting)
    numbered = number_agenda(meeting.agenda)
    problems = _opening_problems(numbered)
    if meeting.fixed_orgwork:
        sittings, fixed_problems = _fixed(meeting.fixed_orgwork, meeting, slots, interpreted)
        return OrgOfWork(
            sittings=sittings,
            overflow=(),
            problems=(*problems, *fixed_problems),
            fixed=True,
        )
    filler = _Filler(slots, interpreted)
    overflow, proposal_problems = filler.run(numbered)
    return OrgOfWork(
        sittings=filler.sittings(),
        overflow=overflow,
        problems=(*problems, *proposal_problems),
        fixed=False,
    )


def _problem(severity: Severity, code: str, params: dict[str, ParamValue] | None = None) -> Problem:
    """A problem whose message is the one of its code."""
    return Problem(severity, code, code, params or {})


def _item_params(numbered: NumberedItem) -> dict[str, ParamValue]:
    return {"item": str(numbered.item.public_id), "number": numbered.number}


def _opening_problems(numbered: Sequence[NumberedItem]) -> list[Problem]:
    openings = [n for n in numbered if n.item.standard == "opening"]
    first_leaf = next((n for n in numbered if not n.has_children), None)
    if not openings or first_leaf is None or first_leaf.item.standard == "opening":
        return []
    return [_problem("warning", "opening_not_first", _item_params(openings[0]))]


def _effective_pins(numbered: Sequence[NumberedItem]) -> dict[UUID, Pin]:
    """Pins by leaf: a leaf's own pin, else the pin of a heading whose first leaf it is."""
    by_id = {n.item.public_id: n for n in numbered}
    pins: dict[UUID, Pin] = {}
    for n in numbered:
        if n.has_children:
            continue
        pin = n.item.pin
        current = n
        # Walk up while the item is the first of its group; the first pin found applies.
        while pin is None and current.path[-1] == 1 and current.parent_id is not None:
            current = by_id[current.parent_id]
            pin = current.item.pin
        if pin is not None:
            pins[n.item.public_id] = pin
    return pins


class _Filler:
    """Fills the meetings with interpretation with the leaves of the agenda, in order."""

    def __init__(self, slots: Sequence[SlotData], interpreted: int) -> None:
        self.slots = list(slots)
        self.interpreted = interpreted
        self.capacity = [slot_minutes(s) for s in self.slots[:interpreted]]
        self.entries: list[list[Entry]] = [[] for _ in range(interpreted)]
        self.used = [0] * interpreted
        self.cursor = 0
        self.last = interpreted - 1
        # Minutes kept free in the last meeting for the report and whatever follows it.
        self.reserve = 0

    def sittings(self) -> tuple[Sitting, ...]:
        out = []
        for index, slot in enumerate(self.slots):
            interpreted = index < self.interpreted
            entries = tuple(self.entries[index]) if interpreted else ()
            out.append(
                Sitting(
                    slot=slot,
                    interpreted=interpreted,
                    entries=entries,
                    used_minutes=sum(e.minutes for e in entries),
                    capacity_minutes=slot_minutes(slot),
                )
            )
        return tuple(out)

    def _limit(self, index: int) -> int:
        if index == self.last:
            return self.capacity[index] - self.reserve
        return self.capacity[index]

    def _find_slot(self, pin: Pin) -> int | None:
        for index, slot in enumerate(self.slots):
            if slot.day_index == pin.day and slot.index_in_day == pin.meeting:
                return index
        return None

    def run(self, numbered: Sequence[NumberedItem]) -> tuple[tuple[Overflow, ...], list[Problem]]:
        items = [n for n in numbered if not n.has_children]
        if not items:
            return (), []
        if self.interpreted == 0:
            nowhere = tuple(
                Overflow(n.item.public_id, n.number, n.item.minutes or 0) for n in items
            )
            return nowhere, [_problem("error", "no_interpreted_meetings")]

        pins = _effective_pins(numbered)
        report = next(
            (
                i
                for i, n in enumerate(items)
                if n.item.standard == "adoption_of_report" and n.item.public_id not in pins
            ),
            None,
        )
        if report is not None:
            tail = sum(n.item.minutes or 0 for n in items[report:])
            self.reserve = min(tail, self.capacity[self.last])

        overflow: list[Overflow] = []
        problems: list[Problem] = []
        for index, n in enumerate(items):
            minutes = max(0, n.item.minutes or 0)
            if index == report:
                # The report and what follows it are taken up in the last meeting.
                self.reserve = 0
                if self.cursor < self.last:
                    self.cursor = self.last
            elif n.item.public_id in pins:
                problem = self._jump_to_pin(n, pins[n.item.public_id], minutes)
                if problem is not None:
                    problems.append(problem)
            unplaced = self._place(n, minutes)
            if unplaced:
                overflow.append(Overflow(n.item.public_id, n.number, unplaced))
                params = {**_item_params(n), "minutes": unplaced}
                problems.append(_problem("error", "does_not_fit", params))
        return tuple(overflow), problems

    def _jump_to_pin(self, n: NumberedItem, pin: Pin, minutes: int) -> Problem | None:
        params: dict[str, ParamValue] = {**_item_params(n), "day": pin.day, "meeting": pin.meeting}
        target = self._find_slot(pin)
        if target is None:
            return _problem("error", "pin_missing", params)
        if target >= self.interpreted:
            return _problem("error", "pin_not_interpreted", params)
        if target > self.cursor:
            self.cursor = target
            return None
        if target < self.cursor:
            return Problem("error", "pin_collision", "pin_collision.passed", params)
        entries = self.entries[target]
        if entries and entries[0].continued:
            return Problem("error", "pin_collision", "pin_collision.continued", params)
        if minutes > 0 and self.used[target] >= self._limit(target):
            return Problem("error", "pin_collision", "pin_collision.full", params)
        return None

    def _place(self, n: NumberedItem, minutes: int) -> int:
        """Put the item at the cursor, continuing into later meetings; return what is left over."""
        item_id, number = n.item.public_id, n.number
        if minutes == 0:
            self.entries[self.cursor].append(Entry(item_id, number, 0, continued=False))
            return 0
        remaining = minutes
        continued = False
        while remaining > 0:
            room = self._limit(self.cursor) - self.used[self.cursor]
            if room <= 0:
                if self.cursor >= self.last:
                    break
                self.cursor += 1
                continue
            take = min(room, remaining)
            self.entries[self.cursor].append(Entry(item_id, number, take, continued=continued))
            self.used[self.cursor] += take
            remaining -= take
            continued = True
        return remaining


def _fixed(
    fixed: Sequence[FixedSitting],
    meeting: MeetingData,
    slots: Sequence[SlotData],
    interpreted: int,
) -> tuple[tuple[Sitting, ...], list[Problem]]:
    """The organization of work as the secretariat fixed it, checked against the agenda."""
    numbered = {n.item.public_id: n for n in number_agenda(meeting.agenda)}
    held = {slot.public_id for slot in slots}
    problems: list[Problem] = []

    by_slot: dict[UUID, list[UUID]] = {}
    for sitting in fixed:
        known = [i for i in sitting.item_ids if i in numbered]
        for item_id in sitting.item_ids:
            if item_id not in numbered:
                problems.append(_problem("error", "fixed_unknown_item", {"item": str(item_id)}))
        if sitting.slot_id not in held:
            problems.append(_missing_slot_problem(sitting.slot_id, meeting, known, numbered))
            continue
        listed = by_slot.setdefault(sitting.slot_id, [])
        listed.extend(i for i in known if i not in listed)

    # Share each item's minutes among the meetings that take it up as the proposal would: each
    # meeting but the item's last gives it what is left of the meeting after the items before
    # it; its last meeting takes the rest. A fixed copy of a proposal keeps the proposal's time.
    last_slot: dict[UUID, UUID] = {}
    for slot in slots:
        for item_id in by_slot.get(slot.public_id, []):
            last_slot[item_id] = slot.public_id
    left = {item_id: total_minutes(numbered[item_id].item) or 0 for item_id in last_slot}

    seen: set[UUID] = set()
    sittings = []
    for index, slot in enumerate(slots):
        entries = []
        room = slot_minutes(slot)
        for item_id in by_slot.get(slot.public_id, []):
            n = numbered[item_id]
            if last_slot[item_id] == slot.public_id:
                minutes = left[item_id]
            else:
                minutes = min(left[item_id], max(room, 0))
            left[item_id] -= minutes
            room -= minutes
            continued = item_id in seen
            entries.append(Entry(item_id, n.number, minutes, continued))
            seen.add(item_id)
        used = sum(e.minutes for e in entries)
        capacity = slot_minutes(slot)
        where: dict[str, ParamValue] = {"day": slot.day_index, "meeting": slot.index_in_day}
        if entries and index >= interpreted:
            problems.append(_problem("warning", "fixed_not_interpreted", where))
        if used > capacity:
            problems.append(
                _problem(
                    "warning",
                    "sitting_over_capacity",
                    {**where, "minutes": used, "capacity": capacity},
                )
            )
        sittings.append(Sitting(slot, index < interpreted, tuple(entries), used, capacity))

    for n in numbered.values():
        if n.has_children or _scheduled(n, seen, numbered):
            continue
        problems.append(_problem("warning", "not_scheduled", _item_params(n)))
    return tuple(sittings), problems


def _scheduled(n: NumberedItem, seen: set[UUID], numbered: dict[UUID, NumberedItem]) -> bool:
    """Whether the item, or a heading it belongs to, is taken up in a fixed meeting."""
    current: NumberedItem | None = n
    while current is not None:
        if current.item.public_id in seen:
            return True
        current = numbered[current.parent_id] if current.parent_id is not None else None
    return False


def _missing_slot_problem(
    slot_id: UUID,
    meeting: MeetingData,
    known: Sequence[UUID],
    numbered: dict[UUID, NumberedItem],
) -> Problem:
    numbers = tuple(numbered[i].number for i in known)
    cancelled = next((s for s in meeting.slots if s.public_id == slot_id), None)
    if cancelled is not None:
        params: dict[str, ParamValue] = {
            "day": cancelled.day_index,
            "meeting": cancelled.index_in_day,
            "numbers": numbers,
        }
        return Problem("error", "fixed_slot_missing", "fixed_slot_missing.cancelled", params)
    return _problem(
        "error",
        "fixed_slot_missing",
        {"slot": str(slot_id), "numbers": numbers},
    )
