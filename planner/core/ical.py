r"""Build an iCalendar feed (RFC 5545 and RFC 7986) from plain data.

The feed has the shape of /work/shared/reference/ical-checklist.md, section 0: METHOD:PUBLISH;
NAME and X-WR-CALNAME; REFRESH-INTERVAL with VALUE=DURATION and X-PUBLISHED-TTL; a stable
calendar UID; one RRULE-form VTIMEZONE (:mod:`planner.core.vtimezone`) per zone the events use;
every date-time TZID-qualified or UTC, never floating. The same input gives the same bytes:
no "now", no random UID, events in a fixed order. That is what makes the ETag meaningful.

What the builder does not do for the caller: it writes the texts it is given. Prefixing the
SUMMARY of a cancelled session with a localised "CANCELLED" (Outlook shows STATUS:CANCELLED
events as normal ones) and repeating document links in DESCRIPTION (few clients show ATTACH or
URL) are the feed service's job.

Why the VEVENTs are not written by icalendar
--------------------------------------------
icalendar builds the VCALENDAR properties and the VTIMEZONEs here, but a body feed holds
thousands of VEVENTs and icalendar spends about a millisecond on each (``Event.new``, then
``content_lines`` and a fold loop that encodes the line one character at a time): 1.6 s for
1,600 events. The VEVENTs are therefore written by the small writer below
(:func:`_write_vevent`; 2,000 events in about 0.1 s), which knows the one shape a
:class:`FeedEvent` has and does per event only what RFC 5545 asks of it:

- content lines in a fixed property order (icalendar's own order, so the unfolded lines are the
  ones icalendar writes; see the tests);
- TEXT values (SUMMARY, DESCRIPTION, LOCATION, UID, CATEGORIES) escaped as in §3.3.11: ``\\``,
  ``\;``, ``\,``, and ``\n`` for a line break (CRLF, LF or a lone CR). Other control
  characters, which TEXT does not allow, are dropped, and so are all control characters in URIs
  (URL, ATTACH), where a line break would end the content line. Unlike icalendar 7.3, the writer
  does not turn a literal ``\N`` in the text into a line break;
- parameter values with RFC 6868 caret escapes where needed and in double quotes when they hold
  ``:``, ``;`` or ``,`` (§3.2);
- lines folded at 75 octets of UTF-8 (§3.1): the line is encoded once and cut at byte offsets,
  moved back to the start of a multi-byte character and off the middle of a backslash (or
  RFC 6868 caret) escape, as icalendar does;
- CRLF line ends.

icalendar stays the reference: tests/core/test_ical.py checks, for a table of awkward events
(Chinese, Arabic, Russian, emoji, long lines, every escaped character, empty texts,
attachments, categories, all-day, cancelled, UTC), that the writer's output reads back in
icalendar exactly as an icalendar-built event does, that its unfolded lines are icalendar's,
that ical.js reads the same values, and that feedcheck passes on it.

Serialised events are kept in a process-wide LRU cache keyed by the event, its zones and the
feed language (:func:`_serialised`), so a feed rebuilt after a change elsewhere (every change
gives every feed a new ETag) rewrites only the events that changed: for 1,600 events that takes
the writing from about 100 ms to 25 ms. An entry holds the event and its bytes, 3 to 4 KB, so
the cache's 4,096 entries stay under about 16 MB per process. :func:`clear_cache` empties it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
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
    head: bytes = calendar.to_ical()  # the calendar and its VTIMEZONEs, then END:VCALENDAR
    if not head.endswith(_END_VCALENDAR):
        raise AssertionError("icalendar did not end the calendar with END:VCALENDAR")
    language = _param("LANGUAGE", cal.language) if cal.language else ""
    parts = [head[: -len(_END_VCALENDAR)]]
    parts.extend(_serialised(event, language) for event in events)
    parts.append(_END_VCALENDAR)
    return b"".join(parts)


# The VEVENT writer (see the module docstring).

_END_VCALENDAR = b"END:VCALENDAR\r\n"
_BEGIN_VEVENT = b"BEGIN:VEVENT\r\n"
_END_VEVENT = b"END:VEVENT\r\n"
_FOLD = b"\r\n "
_LINE_OCTETS = 75  # RFC 5545 §3.1, without the CRLF; a continuation line's space counts
_ESCAPES = (0x5C, 0x5E)  # backslash (TEXT), caret (RFC 6868 parameters)
# RFC 5234 CTL except the ones TEXT escapes (LF, CR) or allows (HTAB): dropped from TEXT.
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Every control character: dropped from URIs and parameter values.
_ALL_CONTROLS = re.compile("[\x00-\x1f\x7f]")
_SERIALISED_CACHE_SIZE = 4_096  # events; 3 to 4 KB each


def _serialised(event: FeedEvent, language: str) -> bytes:
    """The VEVENT of a checked ``event``, from the cache when the same event was written before.

    The key holds the zones of start and end besides the event: dataclass equality compares
    aware date-times by instant, so 10:00 in Vienna equals 09:00 UTC, but their lines differ.
    """
    return _cached_vevent(event, _zone_of(event.start), _zone_of(event.end), language)


def _zone_of(value: datetime | date) -> tzinfo | None:
    return value.tzinfo if isinstance(value, datetime) else None


@lru_cache(maxsize=_SERIALISED_CACHE_SIZE)
def _cached_vevent(
    event: FeedEvent, start_zone: tzinfo | None, end_zone: tzinfo | None, language: str
) -> bytes:
    return _write_vevent(event, language)


def clear_cache() -> None:
    """Forget the serialised events (for benchmarks and tests)."""
    _cached_vevent.cache_clear()


def _write_vevent(event: FeedEvent, language: str) -> bytes:
    """One checked event as a folded VEVENT block; ``language`` is ";LANGUAGE=xx" or "".

    An empty SUMMARY, DESCRIPTION, LOCATION or URL is left out (icalendar writes an empty URL).
    """
    all_day = not isinstance(event.start, datetime)
    transparent = event.status == "CANCELLED" or all_day
    lines = []
    summary = _text(event.summary)
    if summary:
        lines.append(f"SUMMARY{language}:{summary}")
    lines.append("DTSTART" + _date_or_time(event.start))
    lines.append("DTEND" + _date_or_time(event.end))
    modified = _utc_value(event.last_modified)  # also DTSTAMP: keeps the body byte-stable
    lines.append("DTSTAMP:" + modified)
    lines.append("UID:" + _text(event.uid))
    lines.append(f"SEQUENCE:{event.sequence:d}")
    lines.extend("ATTACH;VALUE=URI:" + _uri(link) for link in event.attachments)
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(_text(c) for c in event.categories))
    lines.append("CREATED:" + _utc_value(event.created))
    description = _text(event.description)
    if description:
        lines.append(f"DESCRIPTION{language}:{description}")
    lines.append("LAST-MODIFIED:" + modified)
    location = _text(event.location)
    if location:
        lines.append(f"LOCATION{language}:{location}")
    lines.append("STATUS:" + event.status)
    lines.append("TRANSP:" + ("TRANSPARENT" if transparent else "OPAQUE"))
    url = _uri(event.url) if event.url else ""
    if url:
        lines.append("URL:" + url)
    return b"".join([_BEGIN_VEVENT, *map(_fold, lines), _END_VEVENT])


def _text(value: str) -> str:
    """A TEXT value, escaped as RFC 5545 §3.3.11 says."""
    if _TEXT_CONTROLS.search(value):
        value = _TEXT_CONTROLS.sub("", value)
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def _uri(value: str) -> str:
    """A URI value: written as it is (URIs are not escaped), without control characters."""
    return _ALL_CONTROLS.sub("", value) if _ALL_CONTROLS.search(value) else value


@lru_cache(maxsize=256)
def _param(name: str, value: str) -> str:
    """``;NAME=value``: RFC 6868 caret escapes, and double quotes around ``:``, ``;`` or ``,``."""
    value = (
        value.replace("^", "^^")
        .replace('"', "^'")
        .replace("\r\n", "^n")
        .replace("\r", "^n")
        .replace("\n", "^n")
    )
    value = _ALL_CONTROLS.sub("", value)
    if any(c in value for c in ":;,"):
        value = f'"{value}"'
    return f";{name}={value}"


def _date_or_time(value: datetime | date) -> str:
    """Parameters and value of DTSTART or DTEND, from ";" or ":" on."""
    if not isinstance(value, datetime):
        return f";VALUE=DATE:{value.year:04d}{value.month:02d}{value.day:02d}"
    local = (
        f"{value.year:04d}{value.month:02d}{value.day:02d}"
        f"T{value.hour:02d}{value.minute:02d}{value.second:02d}"
    )
    if value.tzinfo is UTC:  # after _checked: every UTC-like zone is datetime.UTC
        return f":{local}Z"
    assert isinstance(value.tzinfo, ZoneInfo)  # after _checked: an IANA zone
    return f"{_param('TZID', value.tzinfo.key)}:{local}"


def _utc_value(value: datetime) -> str:
    """A UTC DATE-TIME (DTSTAMP, CREATED, LAST-MODIFIED) of a checked, UTC date-time."""
    return (
        f"{value.year:04d}{value.month:02d}{value.day:02d}"
        f"T{value.hour:02d}{value.minute:02d}{value.second:02d}Z"
    )


def _fold(line: str) -> bytes:
    """``line`` in UTF-8, folded at 75 octets (RFC 5545 §3.1), with its CRLF.

    A fold never splits a UTF-8 sequence (the cut moves back to the lead byte) nor a backslash
    escape or an RFC 6868 caret escape, since some clients unescape before they unfold. Escapes
    are pairs, so a cut after an odd run of backslashes (or carets) moves back by one. A run is
    counted from the start of the physical line, which is never inside an escape. (Moving back
    where the character was no escape, as a caret in TEXT, only makes that line shorter.)
    """
    data = line.encode()
    size = len(data)
    if size <= _LINE_OCTETS:
        return data + b"\r\n"
    pieces = []
    start, room = 0, _LINE_OCTETS
    while size - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: not a character boundary
            cut -= 1
        last = data[cut - 1]
        if last in _ESCAPES:
            run = 1
            while cut - run - 1 >= start and data[cut - run - 1] == last:
                run += 1
            cut -= run % 2
        pieces.append(data[start:cut])
        start, room = cut, _LINE_OCTETS - 1  # a continuation line begins with a space
    pieces.append(data[start:])
    return _FOLD.join(pieces) + b"\r\n"


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
    created = _utc(event.created, where, "created")
    last_modified = _utc(event.last_modified, where, "last_modified")
    # Identity, not equality: aware date-times in two zones are equal when their instants are.
    same = (start, end, created, last_modified)
    if all(a is b for a, b in zip(same, _times(event), strict=True)):
        return event  # already in the form the writer wants: the usual case
    return replace(event, start=start, end=end, created=created, last_modified=last_modified)


def _times(event: FeedEvent) -> tuple[datetime | date, datetime | date, datetime, datetime]:
    return event.start, event.end, event.created, event.last_modified


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
