"""Writing meetings through the forms. Functions flush; the view commits once.

Every change goes through the meeting-file spec (:mod:`planner.services.exporter` →
``dataclasses.replace`` → :mod:`planner.services.importer`), so that half-day meetings and agenda
items keep their public identifiers, and through :func:`planner.history.service.meeting_change`,
so that calendar revisions are refreshed and the change is recorded.

Before anything is written, the spec is checked by the meeting-file reader itself (written out
and read back): what the form cannot see, such as an item pinned to a day the new dates no longer
have, is refused with the reader's message.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.agenda import item_number
from planner.core.carryover import PreviousMeeting, carried_over
from planner.core.meetingfile import (
    ItemSpec,
    MeetingFile,
    MeetingFileError,
    MeetingSpec,
    Problem,
    SlotSpec,
    dump,
    parse,
)
from planner.core.plain import Pin
from planner.core.symbols import SymbolError, parse_symbol
from planner.history.service import meeting_change
from planner.models import Body, Meeting, User
from planner.models.base import utcnow
from planner.releases.service import check_deletable
from planner.services.concurrency import check_version
from planner.services.exporter import meeting_spec
from planner.services.importer import apply_meeting_spec, import_parsed

#: The file name the meeting-file machinery gives in its messages.
FORM = "form"

#: The hours a new meeting starts from (UN practice; editable).
UN_HOURS = (SlotSpec(time(10, 0), time(13, 0)), SlotSpec(time(15, 0), time(18, 0)))

#: The fields of a spec the meeting form edits, by meeting-file key (for change summaries).
EDITED = (
    "symbol",
    "number",
    "start",
    "end",
    "timezone",
    "city",
    "venue",
    "format",
    "status",
    "original_language",
    "daily_meetings",
    "days",
    "interpretation_meetings",
    "interpretation_languages",
    "issued",
    "restricted",
    "venue_key",
)


def by_public_id(session: Session, public_id: uuid.UUID) -> Meeting | None:
    return session.scalar(select(Meeting).where(Meeting.public_id == public_id))


def body_by_public_id(session: Session, public_id: uuid.UUID) -> Body | None:
    return session.scalar(select(Body).where(Body.public_id == public_id))


# -- checks --------------------------------------------------------------------------------------


def symbol_problem(session: Session, symbol: str, meeting: Meeting | None) -> str | None:
    other = session.scalar(select(Meeting).where(Meeting.symbol == symbol))
    if other is not None and other is not meeting:
        return _("Another meeting already has the symbol %(symbol)s.", symbol=symbol)
    return None


def reader_problems(spec: MeetingSpec) -> list[Problem]:
    """What the meeting-file reader finds wrong with ``spec`` (empty when nothing)."""
    try:
        parse(dump(MeetingFile((), (), (spec,))), FORM)
    except MeetingFileError as error:
        return error.problems
    return []


_INDEX = re.compile(r"\[([0-9]+)\]")


def item_of(path: str) -> str | None:
    """The number of the agenda item a reader path points into ("agenda[1].items[0]" → 2(a))."""
    head = path.split(".pin", 1)[0].split(".documents", 1)[0]
    if not head.startswith("agenda["):
        return None
    positions = tuple(int(n) + 1 for n in _INDEX.findall(head))
    return item_number(positions) if positions else None


# -- creating ------------------------------------------------------------------------------------


def standard_agenda() -> tuple[ItemSpec, ...]:
    """The standard items a new meeting's agenda starts with; substantive items go between."""
    return (
        ItemSpec(
            standard="organizational_matters",
            items=(ItemSpec(standard="opening"), ItemSpec(standard="adoption_of_agenda")),
        ),
        ItemSpec(standard="other_matters"),
        ItemSpec(standard="adoption_of_report"),
    )


def new_spec(session: Session, body: Body) -> MeetingSpec:
    """A blank meeting of ``body``: UN hours, the standard items, and the time zone, place and
    format of the body's previous meeting when it has one."""
    previous = previous_meeting(session, body)
    today = utcnow().date()
    base = MeetingSpec(
        body=body.symbol,
        symbol="",
        number=1,
        start=today,
        end=today,
        timezone="",
        format="in_person",
        original_language="en",
        daily_meetings=UN_HOURS,
        interpretation_meetings=0,
        interpretation_languages=(),
        agenda=standard_agenda(),
    )
    if previous is None:
        return base
    return replace(
        base,
        number=previous.number + 1,
        timezone=previous.timezone,
        city=previous.text("city"),
        venue=previous.text("venue"),
        format=previous.format,
        original_language=previous.original_language,
    )


def create_meeting(session: Session, user: User, spec: MeetingSpec) -> Meeting:
    """Create the meeting ``spec`` describes (its symbol must be free)."""
    import_parsed(session, MeetingFile((), (), (spec,)), FORM)
    meeting = session.scalar(select(Meeting).where(Meeting.symbol == spec.symbol))
    assert meeting is not None
    with meeting_change(session, user, meeting, f"Created {spec.symbol}", action="create"):
        pass
    return meeting


# -- editing -------------------------------------------------------------------------------------


def _schedule(spec: MeetingSpec) -> tuple[object, ...]:
    return (spec.start, spec.end, spec.daily_meetings, spec.days)


def changed_fields(before: MeetingSpec, after: MeetingSpec) -> list[str]:
    return [key for key in EDITED if getattr(before, key) != getattr(after, key)]


def edited_spec(current: MeetingSpec, wanted: MeetingSpec) -> MeetingSpec:
    """``wanted`` ready to apply over ``current``.

    When the schedule changes, the half-day meetings are matched by place (day n, meeting k),
    which keeps their identifiers across a rescheduling; otherwise each keeps its own.
    """
    if _schedule(current) == _schedule(wanted):
        return replace(wanted, slot_ids=current.slot_ids)
    return replace(wanted, slot_ids={})


def update_meeting(
    session: Session, user: User, meeting: Meeting, wanted: MeetingSpec, version: str | None
) -> list[str]:
    """Apply the form's spec; raise StaleEdit if a colleague saved since ``version``.

    Returns the meeting-file keys that changed.
    """
    check_version(meeting, version)
    current = meeting_spec(meeting)
    spec = edited_spec(current, wanted)
    changed = changed_fields(current, spec)
    summary = "Edited " + ", ".join(changed) if changed else "Saved without changes"
    with meeting_change(session, user, meeting, summary):
        apply_meeting_spec(session, meeting, spec, FORM)
        meeting.updated_at = utcnow()  # a new version even when only child rows changed
        session.flush()
    return changed


def delete_meeting(session: Session, user: User, meeting: Meeting, version: str | None) -> None:
    check_version(meeting, version)
    check_deletable(session, meeting)
    with meeting_change(session, user, meeting, f"Deleted {meeting.symbol}", action="delete"):
        session.delete(meeting)


# -- copying from the previous meeting -----------------------------------------------------------


def previous_meeting(session: Session, body: Body) -> Meeting | None:
    """The body's latest meeting (by its first day, then its number)."""
    meetings = meetings_to_copy(session, body)
    return meetings[0] if meetings else None


def meetings_to_copy(session: Session, body: Body) -> list[Meeting]:
    """The body's meetings, latest first: the ones a new meeting can be copied from."""
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.body_id == body.id)
            .order_by(Meeting.start_date.desc(), Meeting.number.desc())
        )
    )


def previous_facts(previous: Meeting) -> PreviousMeeting:
    """What copied texts may still say about ``previous``: its dates, ordinal and symbols (its
    own and those of the documents its items list)."""
    symbols = [previous.symbol]
    for item in previous.items:
        symbols += [link.document.symbol for link in item.document_links]
    return PreviousMeeting(
        previous.number, previous.start_date, previous.end_date, tuple(dict.fromkeys(symbols))
    )


def flag_carried_over(session: Session, meeting: Meeting, previous: Meeting) -> int:
    """Flag each item of ``meeting`` whose texts still speak of ``previous`` ("carried over,
    review"); returns how many are flagged."""
    facts = previous_facts(previous)
    flagged = 0
    for item in meeting.items:
        found = carried_over((item.text("title"), item.text("annotation")), facts)
        item.carried_over = "\n".join(found)
        flagged += bool(found)
    session.flush()
    return flagged


@dataclass(frozen=True)
class Proposal:
    symbol: str
    number: int
    start: date
    end: date


def next_symbol(symbol: str) -> str:
    """The symbol of next year's provisional agenda: the year (or session) component plus one."""
    try:
        parsed = parse_symbol(symbol)
    except SymbolError:
        return ""
    parts = symbol.split("/")
    index = len(parsed.bodies) + 1
    if index >= len(parts):
        return ""
    if parsed.year is not None:
        parts[index] = str(parsed.year + 1)
    elif parsed.session is not None:
        parts[index] = str(parsed.session + 1)
    else:
        return ""
    return "/".join(parts)


def propose(previous: Meeting) -> Proposal:
    """Next number, next year's symbol, and the same weekdays 52 weeks later."""
    weeks = timedelta(weeks=52)
    return Proposal(
        symbol=next_symbol(previous.symbol),
        number=previous.number + 1,
        start=previous.start_date + weeks,
        end=previous.end_date + weeks,
    )


def _copy_item(item: ItemSpec, valid_pin: set[Pin]) -> ItemSpec:
    return ItemSpec(
        standard=item.standard,
        title=dict(item.title),
        annotation=dict(item.annotation) if item.standard else {},
        documents=(),
        minutes=item.minutes,
        items=tuple(_copy_item(child, valid_pin) for child in item.items),
        pin=item.pin if item.pin in valid_pin else None,
        id=None,
    )


@dataclass(frozen=True)
class Copy:
    spec: MeetingSpec
    notes: tuple[str, ...]


def copied_spec(previous: MeetingSpec, symbol: str, number: int, start: date, end: date) -> Copy:
    """A new meeting like ``previous``: its place, format, time zone, hours, interpretation and
    agenda structure (titles, standard items and their annotations, time estimates), with new
    identifiers, no documents, no annotations of substantive items (they are about last time's
    documents), no organization of work (planner proposes one) and status "planned"."""
    notes: list[str] = []
    same_length = (end - start) == (previous.end - previous.start)
    days: dict[date, tuple[SlotSpec, ...]] = {}
    if same_length:
        shift = start - previous.start
        days = {day + shift: slots for day, slots in previous.days.items()}
    elif previous.days:
        notes.append(
            _(
                "The previous meeting had days with other hours; the new dates have another "
                "number of days, so every day now follows the daily pattern."
            )
        )
    draft = replace(
        previous,
        symbol=symbol,
        number=number,
        start=start,
        end=end,
        days=days,
        status="planned",
        issued=None,
        organization_of_work=None,
        id=None,
        slot_ids={},
        agenda=(),
    )
    held = {day: len(draft.slots_on(day)) for day in draft.meeting_days()}
    valid = {
        Pin(d, m)
        for d, day in enumerate(draft.meeting_days(), start=1)
        for m in range(1, held[day] + 1)
    }
    total = sum(held.values())
    interpretation = previous.interpretation_meetings
    if interpretation > total:
        notes.append(
            _(
                "Interpretation was planned for %(before)s meetings; the new dates hold "
                "%(held)s half-day meetings, so it is now planned for %(held)s.",
                before=interpretation,
                held=total,
            )
        )
        interpretation = total
    agenda = tuple(_copy_item(item, valid) for item in previous.agenda)
    return Copy(replace(draft, agenda=agenda, interpretation_meetings=interpretation), tuple(notes))
