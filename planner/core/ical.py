"""Build an iCalendar feed (RFC 5545 and RFC 7986) from plain data.

The feed has the shape of /work/shared/reference/ical-checklist.md, section 0: METHOD:PUBLISH;
NAME and X-WR-CALNAME; REFRESH-INTERVAL with VALUE=DURATION and X-PUBLISHED-TTL; a stable
calendar UID; one RRULE-form VTIMEZONE (:mod:`planner.core.vtimezone`) per zone the events use;
every date-time TZID-qualified or UTC, never floating. The same input gives the same bytes:
no "now", no random UID, events in a fixed order. That is what makes the ETag meaningful.

What the builder does not do for the caller: it writes the texts it is given. Prefixing the
SUMMARY of a cancelled session with a localised "CANCELLED" (Outlook shows STATUS:CANCELLED
events as normal ones) and repeating document links in DESCRIPTION (few clients show ATTACH or
URL) are the feed service's job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

import icalendar

from planner.core.vtimezone import vtimezone

__all__ = ["PRODID", "FeedCalendar", "FeedEvent", "build_calendar"]

PRODID = "-//planner//Meeting planner//EN"

Status = Literal["TENTATIVE", "CONFIRMED", "CANCELLED"]
_STATUSES = ("TENTATIVE", "CONFIRMED", "CANCELLED")

# Zones that are plain UTC: written as UTC ("...Z") rather than as a VTIMEZONE named after them
# (a custom zone called UTC or GMT is misread; feedcheck fails it).
_UTC_KEYS = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}
    | {"GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0", "GMT+0", "GMT-0"}
    | {"Etc/Greenwich", "Greenwich"}
)


@dataclass(frozen=True)
class FeedEvent:
    """One VEVENT: a session, in its meeting's own time zone."""

    uid: str
    start: datetime | date  # aware datetime (ZoneInfo of the event's zone) or a date for all-day
    end: datetime | date  # for all-day: exclusive end date
    summary: str
    description: str
    location: str
    status: Status
    sequence: int
    created: datetime  # UTC, aware
    last_modified: datetime  # UTC, aware; also used as DTSTAMP (keeps the body byte-stable)
    url: str | None = None
    categories: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()  # document links (ATTACH;VALUE=URI)


@dataclass(frozen=True)
class FeedCalendar:
    """One feed: a calendar in one language."""

    uid: str  # stable calendar UID
    name: str
    description: str
    language: str  # BCP 47, e.g. "zh"; LANGUAGE= on SUMMARY/DESCRIPTION/LOCATION and on NAME
    timezone: str  # default zone for X-WR-TIMEZONE
    source_url: str | None  # SOURCE
    url: str | None  # URL (the page)
    events: Sequence[FeedEvent]
    refresh: timedelta = timedelta(hours=1)


def build_calendar(cal: FeedCalendar) -> bytes:
    """The feed as UTF-8 bytes with CRLF line ends, folded at 75 octets.

    Raises ``ValueError`` for data a client would misread: a naive or non-IANA date-time, an
    all-day start with a timed end, an end not after its start, a duplicate UID, an unknown
    STATUS, a negative SEQUENCE.
    """
    default_zone = ZoneInfo(cal.timezone)  # fails early on a misspelt X-WR-TIMEZONE
    events = [_checked(event) for event in cal.events]
    duplicates = sorted(uid for uid, n in Counter(e.uid for e in events).items() if n > 1)
    if duplicates:
        raise ValueError(f"duplicate event UIDs: {', '.join(duplicates)}")
    # All-day events sort as midnight in the calendar's zone.
    events.sort(key=lambda event: (_instant(event.start, default_zone), event.uid))

    calendar = icalendar.Calendar.new(
        prodid=PRODID,
        calscale="GREGORIAN",
        method="PUBLISH",
        name=_one_line(cal.name) or None,
        description=cal.description or None,
        refresh_interval=cal.refresh,
        source=cal.source_url,
        url=cal.url,
        uid=cal.uid,
    )
    _set_language(calendar, ("NAME", "DESCRIPTION"), cal.language)
    if cal.description:
        # icalendar writes NAME, X-WR-CALNAME and X-WR-CALDESC as they are, unescaped, and
        # icalendar and ical.js read them back the same way; a line break there would end the
        # content line (icalendar raises). So the name and X-WR-CALDESC are made one line;
        # the calendar's DESCRIPTION, a TEXT property, keeps the text exactly.
        calendar["X-WR-CALDESC"] = icalendar.vUnknown(_one_line(cal.description))
    # RFC 7986 requires VALUE=DURATION; icalendar 7.3 leaves it out.
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    # An X- property is untyped: a bare timedelta would be written "1:00:00".
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(cal.refresh))
    calendar.add("X-WR-TIMEZONE", cal.timezone)

    for tzid, (first, last) in sorted(_zone_spans(events).items()):
        calendar.add_component(vtimezone(tzid, first, last))
    for event in events:
        calendar.add_component(_vevent(event, cal.language))
    data: bytes = calendar.to_ical()
    return data


def _vevent(event: FeedEvent, language: str) -> icalendar.Event:
    all_day = not isinstance(event.start, datetime)
    transparent = event.status == "CANCELLED" or all_day
    vevent = icalendar.Event.new(
        uid=event.uid,
        stamp=event.last_modified,
        created=event.created,
        last_modified=event.last_modified,
        sequence=event.sequence,
        start=event.start,
        end=event.end,
        summary=event.summary or None,
        description=event.description or None,
        location=event.location or None,
        status=icalendar.enums.STATUS(event.status),
        transparency=icalendar.enums.TRANSP("TRANSPARENT" if transparent else "OPAQUE"),
        url=event.url,
        categories=event.categories,
    )
    _set_language(vevent, ("SUMMARY", "DESCRIPTION", "LOCATION"), language)
    for link in event.attachments:
        vevent.add("ATTACH", link, parameters={"VALUE": "URI"})
    return vevent


def _one_line(text: str) -> str:
    """``text`` with every run of whitespace that holds a line break made one space."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _set_language(component: icalendar.Component, names: Sequence[str], language: str) -> None:
    if not language:
        return
    for name in names:
        if name in component:
            component[name].params["LANGUAGE"] = language


def _checked(event: FeedEvent) -> FeedEvent:
    """``event`` with UTC-like zones as UTC and the revision times in UTC; or ValueError."""
    where = f"event {event.uid!r}"
    if not event.uid:
        raise ValueError("an event has an empty UID")
    if event.status not in _STATUSES:
        raise ValueError(f"{where}: STATUS {event.status!r} is not one of {_STATUSES}")
    if event.sequence < 0:
        raise ValueError(f"{where}: SEQUENCE {event.sequence} is negative")
    start, end = _event_time(event.start, where, "start"), _event_time(event.end, where, "end")
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise ValueError(f"{where}: start and end must both be dates (all-day) or date-times")
    if not _instant(end, UTC) > _instant(start, UTC):
        raise ValueError(f"{where}: end {end} is not after start {start} (all-day end: exclusive)")
    return FeedEvent(
        uid=event.uid,
        start=start,
        end=end,
        summary=event.summary,
        description=event.description,
        location=event.location,
        status=event.status,
        sequence=event.sequence,
        created=_utc(event.created, where, "created"),
        last_modified=_utc(event.last_modified, where, "last_modified"),
        url=event.url,
        categories=event.categories,
        attachments=event.attachments,
    )


def _event_time(value: datetime | date, where: str, name: str) -> datetime | date:
    if not isinstance(value, datetime):
        return value
    zone = value.tzinfo
    if zone is UTC or (isinstance(zone, ZoneInfo) and zone.key in _UTC_KEYS):
        return value.astimezone(UTC)
    if isinstance(zone, ZoneInfo) and zone.key:
        return value
    raise ValueError(f"{where}: {name} {value!r} needs an IANA zone (zoneinfo.ZoneInfo)")


def _utc(value: datetime, where: str, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{where}: {name} {value!r} is naive; it must be aware (UTC)")
    return value.astimezone(UTC)


def _instant(value: datetime | date, zone_for_dates: tzinfo) -> datetime:
    """The instant a start or end stands for; a date counts as midnight in ``zone_for_dates``."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time(), zone_for_dates).astimezone(UTC)


def _zone_spans(events: Sequence[FeedEvent]) -> dict[str, tuple[date, date]]:
    """For each zone the events use: the first and last local date they use it on."""
    spans: dict[str, tuple[date, date]] = {}
    for event in events:
        for value in (event.start, event.end):
            # after _checked: a ZoneInfo here is a real zone (UTC ones are datetime.UTC)
            if isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo):
                day = value.date()
                first, last = spans.get(value.tzinfo.key, (day, day))
                spans[value.tzinfo.key] = (min(first, day), max(last, day))
    return spans
