"""The organization of work: which agenda items each half-day meeting takes up.

One plan: planner's proposal plus the staff's decisions. :func:`plan` is pure and deterministic.

The decisions are constraints, kept as data and never as a copy of a plan:

- a **pin** (on the item): the item starts that half-day meeting; what does not fit there
  continues in the next meetings that take items;
- a **placement** (:class:`~planner.core.plain.Placement`): the item is taken up in that meeting,
  with all its time or a given part of it (an item may be split over several meetings);
- a **closed** meeting takes no further items from the proposal (its decisions stay);
- the **minutes** of an item are the item's own estimate.

Everything else is proposed around them, in three steps:

1. pins are booked first, in their meetings;
2. the other items flow, in agenda order with the adoption of the report last, through the open
   meetings with interpretation (each for as long as it lasts, less what is booked); a placed item
   flows too, as if it were not placed, so that placing it elsewhere leaves a gap instead of
   pulling the items after it forward: **moving one item moves nothing else**, and releasing it
   puts it back where it was;
3. the placed items are put where staff put them; a meeting that is then over full passes its last
   proposed items on to the next open meeting, and only those move.

Nothing is squeezed and nothing is silently dropped: what does not fit is listed in ``overflow``,
reported as a problem, with what would make it fit (interpretation for one more meeting, or so
many minutes less on which items). Problems carry a ``message_key`` and ``params``, never an
English sentence; see :func:`planner.core.checks.describe`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal
from uuid import UUID

from planner.core.agenda import NumberedItem, number_agenda
from planner.core.plain import MeetingData, Pin, SlotData

Severity = Literal["error", "warning"]
#: What a problem's parameters may hold: numbers, texts, and lists of texts (item numbers,
#: languages) that the renderer joins the way each language joins a list.
ParamValue = str | int | tuple[str, ...]
#: Why an entry is where it is: planner's proposal, a pin, or a placement by staff.
Source = Literal["proposal", "pin", "placed"]


@dataclass(frozen=True)
class Entry:
    item_id: UUID
    number: str
    minutes: int
    continued: bool  # the item was already taken up in an earlier meeting
    source: Source = "proposal"


@dataclass(frozen=True)
class Sitting:
    slot: SlotData
    interpreted: bool
    entries: tuple[Entry, ...]
    used_minutes: int
    capacity_minutes: int
    closed: bool = False


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
class FitHint:
    """What would make the overflow fit: interpretation for ``slot`` (a held meeting without
    it; ``None`` if no single one is enough), or ``minutes`` less on the items ``numbers``."""

    slot: SlotData | None
    minutes: int
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class OrgOfWork:
    sittings: tuple[Sitting, ...]
    overflow: tuple[Overflow, ...]
    problems: tuple[Problem, ...]
    fit: FitHint | None = None


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


def interpretation_flags(meeting: MeetingData, slots: Sequence[SlotData]) -> list[bool]:
    """Whether each of ``slots`` (held, in order) has interpretation: a meeting's own mark, else
    whether it is among the first ``interpretation_meetings`` held."""
    count = max(0, meeting.interpretation_meetings)
    return [s.interpreted if s.interpreted is not None else i < count for i, s in enumerate(slots)]


def interpreted_slots(meeting: MeetingData) -> list[SlotData]:
    """The held meetings with interpretation, in chronological order."""
    slots = held_slots(meeting)
    return [s for s, yes in zip(slots, interpretation_flags(meeting, slots), strict=True) if yes]


def interpreted_count(meeting: MeetingData) -> int:
    """How many of the held meetings have interpretation."""
    return len(interpreted_slots(meeting))


def _problem(severity: Severity, code: str, params: dict[str, ParamValue] | None = None) -> Problem:
    """A problem whose message is the one of its code."""
    return Problem(severity, code, code, params or {})


def _item_params(numbered: NumberedItem) -> dict[str, ParamValue]:
    return {"item": str(numbered.item.public_id), "number": numbered.number}


def _where(slot: SlotData) -> dict[str, ParamValue]:
    return {"day": slot.day_index, "meeting": slot.index_in_day}


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


def _leaves_under(numbered: Sequence[NumberedItem], item_id: UUID) -> list[NumberedItem]:
    """The leaves of the item ``item_id`` (the item itself if it has no sub-items)."""
    under: set[UUID] = {item_id}
    out = []
    for n in numbered:  # parents come before their children
        if n.parent_id in under:
            under.add(n.item.public_id)
        if n.item.public_id in under and not n.has_children:
            out.append(n)
    return out


@dataclass
class _Booking:
    leaf: NumberedItem
    minutes: int
    source: Source
    phantom: bool = False  # a placed item's place in the flow: removed before the result


class _Planner:
    def __init__(self, meeting: MeetingData) -> None:
        self.meeting = meeting
        self.slots = held_slots(meeting)
        self.interpreted = interpretation_flags(meeting, self.slots)
        self.capacity = [slot_minutes(s) for s in self.slots]
        self.open = [
            yes and not s.closed for s, yes in zip(self.slots, self.interpreted, strict=True)
        ]
        self.book: list[list[_Booking]] = [[] for _ in self.slots]
        self.overflow: dict[UUID, int] = {}
        self.problems: list[Problem] = []
        self.numbered = number_agenda(meeting.agenda)
        leaves = [n for n in self.numbered if not n.has_children]
        report = next((n for n in leaves if n.item.standard == "adoption_of_report"), None)
        # Agenda order, with the adoption of the report last.
        self.sequence = [n for n in leaves if n is not report] + ([report] if report else [])
        self.report = report
        self.rank = {n.item.public_id: i for i, n in enumerate(self.sequence)}
        self.by_id = {n.item.public_id: n for n in self.numbered}

    # -- helpers -----------------------------------------------------------------------------

    def used(self, index: int) -> int:
        return sum(b.minutes for b in self.book[index])

    def room(self, index: int) -> int:
        return self.capacity[index] - self.used(index)

    def slot_index(self, slot_id: UUID) -> int | None:
        return next((i for i, s in enumerate(self.slots) if s.public_id == slot_id), None)

    def pin_index(self, pin: Pin) -> int | None:
        return next(
            (
                i
                for i, s in enumerate(self.slots)
                if s.day_index == pin.day and s.index_in_day == pin.meeting
            ),
            None,
        )

    def add(self, index: int, booking: _Booking) -> None:
        for existing in self.book[index]:
            same = existing.leaf is booking.leaf and existing.phantom == booking.phantom
            if same and existing.source == booking.source:
                existing.minutes += booking.minutes
                return
        self.book[index].append(booking)

    def spill(self, leaf: NumberedItem, minutes: int) -> None:
        if minutes > 0 or leaf.item.public_id not in self.overflow:
            self.overflow[leaf.item.public_id] = self.overflow.get(leaf.item.public_id, 0) + minutes

    def next_open(self, index: int) -> int | None:
        return next((i for i in range(index + 1, len(self.slots)) if self.open[i]), None)

    # -- the three steps ---------------------------------------------------------------------

    def placements(self) -> dict[UUID, list[tuple[int, int | None]]]:
        """The placements by leaf, checked: (meeting index, minutes or None), in time order."""
        out: dict[UUID, list[tuple[int, int | None]]] = {}
        for placement in self.meeting.placements:
            numbered = self.by_id.get(placement.item_id)
            if numbered is None:
                self.problems.append(
                    _problem("error", "placement_unknown_item", {"item": str(placement.item_id)})
                )
                continue
            index = self.slot_index(placement.slot_id)
            if index is None:
                self.problems.append(self._missing_slot(placement.slot_id, numbered))
                continue
            for leaf in _leaves_under(self.numbered, placement.item_id):
                listed = out.setdefault(leaf.item.public_id, [])
                if all(i != index for i, _m in listed):
                    listed.append((index, placement.minutes))
        for listed in out.values():
            listed.sort()
        return out

    def _missing_slot(self, slot_id: UUID, numbered: NumberedItem) -> Problem:
        cancelled = next((s for s in self.meeting.slots if s.public_id == slot_id), None)
        params = _item_params(numbered)
        if cancelled is not None:
            return Problem(
                "error",
                "placement_slot_missing",
                "placement_slot_missing.cancelled",
                {**params, **_where(cancelled)},
            )
        return _problem("error", "placement_slot_missing", params)

    def book_pins(self, pins: dict[UUID, Pin], placed: set[UUID]) -> set[UUID]:
        """Book each pinned item in its meeting (step 1); returns the pins honoured."""
        honoured: set[UUID] = set()
        for leaf in self.sequence:
            item_id = leaf.item.public_id
            pin = pins.get(item_id)
            if pin is None or item_id in placed:
                continue
            params: dict[str, ParamValue] = {
                **_item_params(leaf),
                "day": pin.day,
                "meeting": pin.meeting,
            }
            target = self.pin_index(pin)
            minutes = max(0, leaf.item.minutes or 0)
            if target is None:
                self.problems.append(_problem("error", "pin_missing", params))
                continue
            if not self.interpreted[target]:
                self.problems.append(_problem("error", "pin_not_interpreted", params))
                continue
            if minutes > 0 and self.room(target) <= 0:
                others = tuple(b.leaf.number for b in self.book[target])
                self.problems.append(
                    Problem(
                        "error",
                        "pin_collision",
                        "pin_collision.full",
                        {**params, "numbers": others},
                    )
                )
                continue
            honoured.add(item_id)
            take = min(minutes, self.room(target))
            self.add(target, _Booking(leaf, take, "pin"))
            left = minutes - take
            index: int | None = target
            while left > 0 and index is not None:
                index = self.next_open(index)
                if index is None:
                    break
                take = min(left, max(0, self.room(index)))
                if take:
                    self.add(index, _Booking(leaf, take, "pin"))
                    left -= take
            if left > 0:
                self.spill(leaf, left)
        return honoured

    def flow(self, pinned: set[UUID], placed: set[UUID]) -> None:
        """Step 2: the other items fill the open meetings in order around the booked ones."""
        opens = [i for i, yes in enumerate(self.open) if yes]
        if not opens:
            for leaf in self.sequence:
                if leaf.item.public_id not in pinned | placed:
                    self.spill(leaf, max(0, leaf.item.minutes or 0))
            return
        last = opens[-1]
        cursor = opens[0]
        reserve = 0
        report = self.report
        if report is not None and report.item.public_id not in pinned | placed:
            reserve = min(max(0, report.item.minutes or 0), max(0, self.room(last)))
        overflowing = False
        for leaf in self.sequence:
            item_id = leaf.item.public_id
            if item_id in pinned:
                # Agenda order: what follows a pinned item comes after it.
                booked = [i for i, b in enumerate(self.book) if any(x.leaf is leaf for x in b)]
                if booked and booked[-1] > cursor:
                    cursor = max(booked[-1], cursor)
                    while not self.open[cursor]:
                        nxt = self.next_open(cursor)
                        if nxt is None:
                            break
                        cursor = nxt
                continue
            minutes = max(0, leaf.item.minutes or 0)
            phantom = item_id in placed
            if leaf is report:
                reserve = 0
                cursor = max(cursor, last)
            if overflowing and not phantom and leaf is not report:
                self.spill(leaf, minutes)
                continue
            if minutes == 0:
                self.add(cursor, _Booking(leaf, 0, "proposal", phantom=phantom))
                continue
            left = minutes
            while left > 0:
                limit = self.room(cursor) - (reserve if cursor == last else 0)
                if limit <= 0:
                    nxt = self.next_open(cursor)
                    if nxt is None:
                        break
                    cursor = nxt
                    continue
                take = min(limit, left)
                self.add(cursor, _Booking(leaf, take, "proposal", phantom=phantom))
                left -= take
            if left > 0:
                if not phantom:
                    self.spill(leaf, left)
                # Nothing after an item that does not fit jumps ahead of it.
                overflowing = True

    def place(self, placements: dict[UUID, list[tuple[int, int | None]]]) -> None:
        """Step 3: the placed items where staff put them; over-full meetings pass on the rest."""
        for bookings in self.book:
            bookings[:] = [b for b in bookings if not b.phantom]
        for leaf in self.sequence:
            listed = placements.get(leaf.item.public_id)
            if not listed:
                continue
            total = max(0, leaf.item.minutes or 0)
            rest = max(0, total - sum(m for _i, m in listed if m is not None))
            free = [i for i, m in listed if m is None]
            for index, minutes in listed:
                if minutes is None:
                    if index == free[-1]:
                        minutes = rest
                    else:
                        decided = sum(b.minutes for b in self.book[index] if b.source != "proposal")
                        minutes = min(rest, max(0, self.capacity[index] - decided))
                    rest -= minutes
                self.add(index, _Booking(leaf, max(0, minutes), "placed"))
        for index in range(len(self.slots)):
            excess = self.used(index) - self.capacity[index]
            if excess <= 0:
                continue
            movable = [
                b
                for b in self.book[index]
                if b.source == "proposal" and b.minutes > 0 and b.leaf is not self.report
            ]
            movable.sort(key=lambda b: self.rank[b.leaf.item.public_id], reverse=True)
            nxt = self.next_open(index)
            for booking in movable:
                if excess <= 0:
                    break
                moved = min(excess, booking.minutes)
                booking.minutes -= moved
                excess -= moved
                if nxt is None:
                    self.spill(booking.leaf, moved)
                else:
                    self.add(nxt, _Booking(booking.leaf, moved, "proposal"))
            self.book[index] = [
                b
                for b in self.book[index]
                if not (b.source == "proposal" and b.minutes == 0 and (b.leaf.item.minutes or 0))
            ]
            if excess > 0:
                self.problems.append(
                    _problem(
                        "warning",
                        "sitting_over_capacity",
                        {
                            **_where(self.slots[index]),
                            "minutes": self.used(index),
                            "capacity": self.capacity[index],
                        },
                    )
                )

    def sittings(self) -> tuple[Sitting, ...]:
        seen: set[UUID] = set()
        out = []
        for index, slot in enumerate(self.slots):
            bookings = self.book[index]

            def order(b: _Booking) -> tuple[int, int]:
                item_id = b.leaf.item.public_id
                return (0 if item_id in seen else 1, self.rank[item_id])

            entries = []
            for b in sorted(bookings, key=order):
                item_id = b.leaf.item.public_id
                entries.append(Entry(item_id, b.leaf.number, b.minutes, item_id in seen, b.source))
            seen.update(e.item_id for e in entries)
            if entries and not self.interpreted[index]:
                self.problems.append(_problem("warning", "placed_not_interpreted", _where(slot)))
            out.append(
                Sitting(
                    slot=slot,
                    interpreted=self.interpreted[index],
                    entries=tuple(entries),
                    used_minutes=sum(e.minutes for e in entries),
                    capacity_minutes=self.capacity[index],
                    closed=slot.closed,
                )
            )
        return tuple(out)

    def overflow_list(self) -> tuple[Overflow, ...]:
        items = sorted(self.overflow.items(), key=lambda kv: self.rank[kv[0]])
        return tuple(Overflow(i, self.by_id[i].number, m) for i, m in items)


def _plan(meeting: MeetingData) -> OrgOfWork:
    planner = _Planner(meeting)
    problems = _opening_problems(planner.numbered)
    if not planner.sequence:
        return OrgOfWork(planner.sittings(), (), tuple(problems))
    placements = planner.placements()
    placed = set(placements)
    pins = _effective_pins(planner.numbered)
    pinned = planner.book_pins(pins, placed)
    if not any(planner.open) and not planner.meeting.placements:
        problems.append(_problem("error", "no_interpreted_meetings"))
    planner.flow(pinned, placed)
    planner.place(placements)
    sittings = planner.sittings()
    overflow = planner.overflow_list()
    for o in overflow:
        if o.minutes_unplaced:
            params: dict[str, ParamValue] = {
                "item": str(o.item_id),
                "number": o.number,
                "minutes": o.minutes_unplaced,
            }
            planner.problems.append(_problem("error", "does_not_fit", params))
    return OrgOfWork(sittings, overflow, (*problems, *planner.problems))


def plan(meeting: MeetingData) -> OrgOfWork:
    """The organization of work: planner's proposal around the staff's decisions.

    Every held (not cancelled) half-day meeting is returned, in chronological order. See the
    module's description for the rules."""
    org = _plan(meeting)
    if not any(o.minutes_unplaced for o in org.overflow):
        return org
    fit = _fit_hint(meeting, org)
    return replace(org, fit=fit, problems=(*org.problems, *_fit_problems(fit)))


def _fit_hint(meeting: MeetingData, org: OrgOfWork) -> FitHint:
    """What would make the overflow fit: interpretation for the first held meeting without it
    (and not closed) that is enough alone, and the minutes to save on the proposed items."""
    minutes = sum(o.minutes_unplaced for o in org.overflow)
    candidate = None
    held = [s.public_id for s in held_slots(meeting)]
    flags = interpretation_flags(meeting, held_slots(meeting))
    for sitting in org.sittings:
        # One more meeting adds at most its own time: only one that long enough can do.
        if sitting.interpreted or sitting.closed or sitting.capacity_minutes < minutes:
            continue
        marks = dict(zip(held, flags, strict=True))
        marks[sitting.slot.public_id] = True
        slots = tuple(replace(s, interpreted=marks.get(s.public_id, False)) for s in meeting.slots)
        trial = _plan(replace(meeting, slots=slots))
        if not any(o.minutes_unplaced for o in trial.overflow):
            candidate = sitting.slot
            break
    # Time saved on a proposed item (not pinned, not placed) lets the items after it move up,
    # as far as the next meeting with time left (a gap a pin or a placement leaves): only the
    # items after the last open meeting with time left can help, and the ones that do not fit.
    sittings = org.sittings
    last_free = max(
        (
            i
            for i, s in enumerate(sittings)
            if s.interpreted and not s.closed and s.used_minutes < s.capacity_minutes
        ),
        default=-1,
    )
    order = {n.item.public_id: i for i, n in enumerate(number_agenda(meeting.agenda))}
    ids: dict[UUID, str] = {}
    for sitting in sittings[last_free + 1 :]:
        for e in sitting.entries:
            if e.source == "proposal" and e.minutes > 0 and sitting.interpreted:
                ids[e.item_id] = e.number
    for o in org.overflow:
        if o.minutes_unplaced:
            ids[o.item_id] = o.number
    proposed = [ids[i] for i in sorted(ids, key=lambda i: order.get(i, 0))]
    return FitHint(candidate, minutes, tuple(proposed))


def _fit_problems(fit: FitHint) -> list[Problem]:
    out = []
    if fit.slot is not None:
        out.append(_problem("warning", "fit_hint.interpretation", _where(fit.slot)))
    if len(fit.numbers) == 1:
        params: dict[str, ParamValue] = {"minutes": fit.minutes, "number": fit.numbers[0]}
        out.append(Problem("warning", "fit_hint.minutes", "fit_hint.minutes.item", params))
    elif fit.numbers:
        params = {"minutes": fit.minutes, "numbers": fit.numbers}
        out.append(_problem("warning", "fit_hint.minutes", params))
    return out
