"""VTIMEZONE components computed from the IANA database, in the form calendar clients read right.

Outlook approximates every VTIMEZONE to one yearly STANDARD rule and one yearly DAYLIGHT rule,
and ical.js (Thunderbird) resolves event times only from the VTIMEZONE in the feed: it reads
just the first value of an RDATE list and gives offset 0 to any time before the first onset.
icalendar's own generator (``Timezone.from_tzid``) writes RDATE lists, so it is not used here.

What :func:`vtimezone` writes:

- A zone that changes its offset twice a year: one DAYLIGHT and one STANDARD sub-component,
  each with ``RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nSU`` (or ``-1SU``; or ``BYDAY=SU`` with seven
  ``BYMONTHDAY`` values for "the first Sunday on or after the 2nd", as in Chile). The rules are
  derived from the zone's actual transitions, never assumed.
- The first onset is the transition in force on 1 January of the first year (so early-January
  times are covered), and the rules start there rather than in 1970: they claim no history the
  zone does not have.
- When the zone's rules change within the period (New York in 2007, Moscow in 2011 and 2014),
  one sub-component per rule period, each ending with ``UNTIL`` (UTC) at its last transition
  (see :func:`_until`), so that every instant in the period is right. Outlook can only
  approximate such a zone; feedcheck WARNs about it.
- A zone with no transition in the period: a single STANDARD, offset from = offset to, starting
  1 January of the first year, with no RRULE.
- DAYLIGHT is the sub-component whose onset moves clocks forward and STANDARD the one that moves
  them back. That is what Outlook expects, whatever the zone's own DST flag says (Europe/Dublin
  marks winter as its negative "daylight" time).

The output depends only on the zone data and the years, so a feed body built from it is
byte-stable.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

import icalendar

__all__ = ["vtimezone"]

Kind = Literal["STANDARD", "DAYLIGHT"]
# RRULE parts, e.g. (("BYMONTH", 3), ("BYDAY", "-1SU")), in the order they are written.
_Form = tuple[tuple[str, "int | str | tuple[int, ...]"], ...]

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The scan steps through UTC this far at a time and bisects any step in which the offset
# changed. No zone changes its offset twice within six hours.
_STEP = timedelta(hours=6)


@dataclass(frozen=True)
class _Transition:
    """One change of UTC offset, as zoneinfo reports it."""

    utc: datetime  # aware, UTC: the first instant with the new offset
    offset_from: timedelta
    offset_to: timedelta
    name: str  # abbreviation after the change, e.g. "CEST"

    @property
    def local(self) -> datetime:
        """Wall-clock time of the change in the old offset: what DTSTART and RRULE describe."""
        return (self.utc + self.offset_from).replace(tzinfo=None)

    @property
    def kind(self) -> Kind:
        return "DAYLIGHT" if self.offset_to > self.offset_from else "STANDARD"


@dataclass(frozen=True)
class _Onset:
    """One STANDARD or DAYLIGHT sub-component."""

    kind: Kind
    start: datetime  # naive wall clock in offset_from
    offset_from: timedelta
    offset_to: timedelta
    name: str
    rule: _Form | None  # RRULE parts besides FREQ=YEARLY and UNTIL; None: no RRULE
    until: datetime | None  # aware UTC; None for a rule that goes on after the period


def vtimezone(tzid: str, first: date, last: date) -> icalendar.Timezone:
    """A VTIMEZONE for IANA zone ``tzid`` that is right at every instant of the years
    ``first.year`` to ``last.year`` (only the years count).

    Raises ``zoneinfo.ZoneInfoNotFoundError`` for an unknown zone and ``ValueError`` when
    ``last`` is before ``first``. Each call returns a new component (safe to add to a calendar);
    the computation behind it is cached per ``(tzid, first.year, last.year)``.
    """
    if last < first:
        raise ValueError(f"vtimezone({tzid!r}): last {last} is before first {first}")
    component = icalendar.Timezone()
    component.add("TZID", tzid)
    component.add("X-LIC-LOCATION", tzid)
    for onset in _onsets(tzid, first.year, last.year):
        sub = (
            icalendar.TimezoneDaylight()
            if onset.kind == "DAYLIGHT"
            else icalendar.TimezoneStandard()
        )
        sub.add("DTSTART", onset.start)
        if onset.rule is not None:
            parts: dict[str, object] = {"FREQ": "YEARLY"}
            for key, value in onset.rule:
                parts[key] = list(value) if isinstance(value, tuple) else value
            if onset.until is not None:
                parts["UNTIL"] = onset.until
            sub.add("RRULE", icalendar.vRecur(parts))
        sub.add("TZNAME", onset.name)
        sub.add("TZOFFSETFROM", onset.offset_from)
        sub.add("TZOFFSETTO", onset.offset_to)
        component.add_component(sub)
    return component


@lru_cache(maxsize=256)
def _onsets(tzid: str, first_year: int, last_year: int) -> tuple[_Onset, ...]:
    zone = ZoneInfo(tzid)
    # One year of context on each side: the transition in force on 1 January of the first
    # year, and whether each yearly rule goes on after the last year.
    transitions = _transitions(
        zone,
        datetime(first_year - 1, 1, 1, tzinfo=UTC) - timedelta(days=1),
        datetime(last_year + 2, 1, 1, tzinfo=UTC) + timedelta(days=1),
    )
    before = [t for t in transitions if t.local.year < first_year]
    inside = [t for t in transitions if first_year <= t.local.year <= last_year]
    after = [t for t in transitions if t.local.year == last_year + 1]

    onsets: list[_Onset] = []
    if before:
        inside.insert(0, before[-1])
    else:
        # No change during the year before: start from the offset in force on 1 January.
        start = datetime(first_year, 1, 1)  # noqa: DTZ001 - wall clock, as DTSTART is
        local = start.replace(tzinfo=zone)
        offset = _offset(local)
        onsets.append(_Onset("STANDARD", start, offset, offset, _name(local), None, None))

    for series, form in _series(inside + after):
        members = [t for t in series if t.local.year <= last_year]
        if not members:
            continue  # a rule that only starts after the period
        head, tail = members[0], members[-1]
        onsets.append(
            _Onset(
                kind=head.kind,
                start=head.local,
                offset_from=head.offset_from,
                offset_to=head.offset_to,
                name=head.name,
                rule=form,
                until=None if len(members) < len(series) else _until(tail),
            )
        )
    onsets.sort(key=lambda o: (o.start, o.kind))
    return tuple(onsets)


def _transitions(zone: ZoneInfo, begin: datetime, end: datetime) -> list[_Transition]:
    found: list[_Transition] = []
    t = begin
    before = _offset(t.astimezone(zone))
    while t < end:
        t_next = t + _STEP
        after = _offset(t_next.astimezone(zone))
        if after != before:
            lo, hi = t, t_next  # offset at lo is `before`, at hi is `after`
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if _offset(mid.astimezone(zone)) == before:
                    lo = mid
                else:
                    hi = mid
            found.append(_Transition(hi, before, after, _name(hi.astimezone(zone))))
        t, before = t_next, after
    return found


def _series(transitions: list[_Transition]) -> list[tuple[list[_Transition], _Form]]:
    """Group transitions into yearly rules: same kind, offsets, abbreviation, month and
    wall-clock time, in consecutive years, with one RRULE form fitting all of them.

    Returns each group with the best form that fits it.
    """
    groups: list[tuple[list[_Transition], list[_Form]]] = []
    for t in transitions:
        forms = _forms(t.local)
        for series, common in groups:
            last = series[-1]
            shared = [f for f in common if f in forms]
            if (
                shared
                and last.local.year == t.local.year - 1
                and (last.kind, last.offset_from, last.offset_to, last.name)
                == (t.kind, t.offset_from, t.offset_to, t.name)
                and (last.local.month, last.local.time()) == (t.local.month, t.local.time())
            ):
                series.append(t)
                common[:] = shared
                break
        else:
            groups.append(([t], forms))
    return [(series, common[0]) for series, common in groups]


def _forms(local: datetime) -> list[_Form]:
    """Every yearly RRULE form that this day of the year fits, best first."""
    month, day, weekday = local.month, local.day, _WEEKDAYS[local.weekday()]
    length = calendar.monthrange(local.year, month)[1]
    shortest = calendar.monthrange(2001, month)[1]  # February in a common year
    by_month = ("BYMONTH", month)
    forms: list[_Form] = []
    if day + 7 > length:  # before "4SU": tzdata's rules say "last Sunday", not "4th Sunday"
        forms.append((by_month, ("BYDAY", f"-1{weekday}")))
    nth = (day - 1) // 7 + 1
    if nth <= 4:
        forms.append((by_month, ("BYDAY", f"{nth}{weekday}")))
    # The first <weekday> on or after the <d>th (Chile: the first Sunday on or after the 2nd).
    for d in range(max(1, day - 6), day + 1):
        if d + 6 <= shortest:
            forms.append((by_month, ("BYDAY", weekday), ("BYMONTHDAY", tuple(range(d, d + 7)))))
    if day <= shortest:
        forms.append((by_month, ("BYMONTHDAY", day)))
    return forms


def _until(last: _Transition) -> datetime:
    """UNTIL for a rule whose last onset is ``last``.

    RFC 5545 wants UNTIL in UTC, and ical.js compares it as such. dateutil (behind icalendar's
    ``Timezone.to_tz``) compares it with the onset's wall-clock time, so in a zone east of UTC
    the exact instant would drop the last onset there. The later of the two readings keeps the
    last onset for both and is still a year before the next one would fall.
    """
    return max(last.utc, last.local.replace(tzinfo=UTC))


def _offset(local: datetime) -> timedelta:
    offset = local.utcoffset()
    assert offset is not None  # aware by construction
    return offset


def _name(local: datetime) -> str:
    return local.tzname() or ""
