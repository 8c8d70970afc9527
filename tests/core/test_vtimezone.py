"""planner.core.vtimezone: the VTIMEZONE *body* must give zoneinfo's offsets.

Python parsers resolve TZID by name and never look at the body, so these tests read the body
itself: with icalendar's ``Timezone.to_tz(lookup_tzid=False)`` (dateutil under the hood) and,
marked ``js``, with ical.js, which clients without a zone database behave like.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import pytest

from planner.core import vtimezone as vtimezone_module
from planner.core.vtimezone import vtimezone
from tests.jsparse import parse_with_icaljs

# (zone, first year, last year): northern and southern DST, half-hour offsets, negative
# offsets, no DST, and rule changes inside the period (New York 2007, Moscow 2011 and 2014;
# Santiago's 2022 start was moved and its "first Sunday on or after the 2nd" is the 8th in 2024).
ZONES = [
    ("Europe/Vienna", 2025, 2027),
    ("America/New_York", 2025, 2027),
    ("America/New_York", 2005, 2008),
    ("Europe/Zurich", 2026, 2027),  # Geneva's zone: IANA has no "Europe/Geneva"
    ("Africa/Nairobi", 2026, 2027),
    ("Asia/Bangkok", 2026, 2027),
    ("Australia/Sydney", 2025, 2027),
    ("America/Santiago", 2022, 2027),
    ("Asia/Kolkata", 2026, 2027),
    ("Australia/Adelaide", 2025, 2027),
    ("Europe/Moscow", 2010, 2015),
]
ZONE_IDS = [f"{tzid}-{first}-{last}" for tzid, first, last in ZONES]


def build(tzid: str, first: int, last: int) -> icalendar.Timezone:
    return vtimezone(tzid, date(first, 1, 1), date(last, 12, 31))


def zoneinfo_transitions(zone: ZoneInfo, begin: datetime, end: datetime) -> list[datetime]:
    """Every UTC hour at which zoneinfo's offset differs from the hour before (independent of
    the scan in the module under test)."""
    found = []
    t = begin
    previous = t.astimezone(zone).utcoffset()
    while t < end:
        t += timedelta(hours=1)
        offset = t.astimezone(zone).utcoffset()
        if offset != previous:
            found.append(t)
        previous = offset
    return found


def sample_instants(
    tzid: str, first: int, last: int, *, every: timedelta = timedelta(days=1), near: int = 48
) -> Iterator[datetime]:
    """UTC instants covering the years: one ``every`` step (daily), and hourly within ``near``
    hours of each transition."""
    begin = datetime(first, 1, 1, tzinfo=ZoneInfo(tzid)).astimezone(UTC)
    end = datetime(last + 1, 1, 1, tzinfo=ZoneInfo(tzid)).astimezone(UTC)
    instants = set()
    t = begin
    while t < end:
        instants.add(t)
        t += every
    for change in zoneinfo_transitions(ZoneInfo(tzid), begin, end):
        for hours in range(-near, near + 1):
            instant = change + timedelta(hours=hours)
            if begin <= instant < end:
                instants.add(instant)
    yield from sorted(instants)


def unambiguous_wall_times(
    tzid: str, first: int, last: int, *, every: timedelta = timedelta(days=1), near: int = 48
) -> Iterator[datetime]:
    """Naive local times of the period that exist exactly once (not in a gap or overlap)."""
    zone = ZoneInfo(tzid)
    for instant in sample_instants(tzid, first, last, every=every, near=near):
        local = instant.astimezone(zone).replace(tzinfo=None)
        one, two = local.replace(tzinfo=zone), local.replace(tzinfo=zone, fold=1)
        if one.utcoffset() == two.utcoffset():
            yield local


def body_tz(component: icalendar.Timezone) -> tzinfo:
    # Round-trip through text: the body as a client receives it.
    parsed = icalendar.Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\n" + component.to_ical() + b"END:VCALENDAR\r\n"
    ).walk("VTIMEZONE")[0]
    tz: tzinfo = parsed.to_tz(lookup_tzid=False)
    return tz


@pytest.mark.parametrize(("tzid", "first", "last"), ZONES, ids=ZONE_IDS)
def test_body_gives_zoneinfo_offset_at_every_sampled_instant(
    tzid: str, first: int, last: int
) -> None:
    real, body = ZoneInfo(tzid), body_tz(build(tzid, first, last))
    wrong = [
        f"{t:%Y-%m-%d %H:%M}Z: body {t.astimezone(body).utcoffset()}, "
        f"zoneinfo {t.astimezone(real).utcoffset()}"
        for t in sample_instants(tzid, first, last)
        if t.astimezone(body).utcoffset() != t.astimezone(real).utcoffset()
    ]
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.parametrize(("tzid", "first", "last"), ZONES, ids=ZONE_IDS)
def test_body_resolves_wall_clock_times_like_zoneinfo(tzid: str, first: int, last: int) -> None:
    # What a client does with DTSTART;TZID=...: local time -> offset.
    real, body = ZoneInfo(tzid), body_tz(build(tzid, first, last))
    wrong = [
        f"{local:%Y-%m-%d %H:%M}: body {local.replace(tzinfo=body).utcoffset()}, "
        f"zoneinfo {local.replace(tzinfo=real).utcoffset()}"
        for local in unambiguous_wall_times(tzid, first, last)
        if local.replace(tzinfo=body).utcoffset() != local.replace(tzinfo=real).utcoffset()
    ]
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.js
def test_icaljs_resolves_wall_clock_times_like_zoneinfo() -> None:
    # One feed holding every zone of the table, with an event at each sampled wall-clock time.
    calendar = icalendar.Calendar.new(prodid="-//planner//tests//EN", uid="vtimezone-test")
    expected = {}
    for n, (tzid, first, last) in enumerate(ZONES):
        # The same zone twice in the table: give the second period its own TZID name.
        name = tzid if all(z != tzid for z, _, _ in ZONES[:n]) else f"{tzid}/{first}"
        component = build(tzid, first, last)
        component["TZID"] = name
        calendar.add_component(component)
        # Sparser than the tests above (one node run reads them all): every 5 days and 30 h
        # either side of each transition.
        sample = unambiguous_wall_times(tzid, first, last, every=timedelta(days=5), near=30)
        for i, local in enumerate(sample):
            uid = f"{n}-{i}"
            event = icalendar.Event.new(
                uid=uid, stamp=datetime(2026, 1, 1, tzinfo=UTC), summary=uid
            )
            for prop, value in (("DTSTART", local), ("DTEND", local + timedelta(minutes=30))):
                event.add(prop, value, parameters={"TZID": name})
            calendar.add_component(event)
            expected[uid] = (tzid, local)
    wrong = []
    for event in parse_with_icaljs(calendar.to_ical()):
        tzid, local = expected.pop(event["uid"])
        truth = local.replace(tzinfo=ZoneInfo(tzid)).astimezone(UTC)
        if event["start"] != f"{truth:%Y-%m-%dT%H:%M:%SZ}":
            wrong.append(f"{tzid} {local}: ical.js {event['start']}, zoneinfo {truth}")
    assert not expected, "ical.js lost events"
    assert not wrong, f"{len(wrong)} wrong, e.g.\n" + "\n".join(wrong[:20])


def subcomponents(component: icalendar.Timezone) -> list[tuple[str, str, str, str, str]]:
    """(kind, DTSTART, RRULE, TZOFFSETFROM, TZOFFSETTO) as written, in order."""
    rows = []
    for sub in component.subcomponents:
        text = {
            line.split(":", 1)[0]: line.split(":", 1)[1]
            for line in sub.to_ical().decode().replace("\r\n ", "").split("\r\n")
            if ":" in line
        }
        rows.append(
            (
                sub.name,
                text["DTSTART"],
                text.get("RRULE", ""),
                text["TZOFFSETFROM"],
                text["TZOFFSETTO"],
            )
        )
    return rows


RULES = [
    (
        "Europe/Vienna",
        2026,
        2026,
        [
            ("STANDARD", "20251026T030000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "+0200", "+0100"),
            ("DAYLIGHT", "20260329T020000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "+0100", "+0200"),
        ],
    ),
    (
        "America/New_York",
        2026,
        2027,
        [
            ("STANDARD", "20251102T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "-0400", "-0500"),
            ("DAYLIGHT", "20260308T020000", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "-0500", "-0400"),
        ],
    ),
    (
        # Southern hemisphere: daylight time spans the new year, so DAYLIGHT comes first.
        "Australia/Sydney",
        2026,
        2026,
        [
            ("DAYLIGHT", "20251005T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10", "+1000", "+1100"),
            ("STANDARD", "20260405T030000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", "+1100", "+1000"),
        ],
    ),
    (
        "Australia/Adelaide",
        2026,
        2026,
        [
            ("DAYLIGHT", "20251005T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10", "+0930", "+1030"),
            ("STANDARD", "20260405T030000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", "+1030", "+0930"),
        ],
    ),
    (
        # Chile: the first Sunday on or after the 2nd, which is the 8th in September 2024.
        "America/Santiago",
        2024,
        2024,
        [
            (
                "DAYLIGHT",
                "20230903T000000",
                "FREQ=YEARLY;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8;BYMONTH=9",
                "-0400",
                "-0300",
            ),
            ("STANDARD", "20240407T000000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", "-0300", "-0400"),
        ],
    ),
    ("Asia/Kolkata", 2026, 2027, [("STANDARD", "20260101T000000", "", "+0530", "+0530")]),
    ("Africa/Nairobi", 2026, 2026, [("STANDARD", "20260101T000000", "", "+0300", "+0300")]),
    ("Asia/Bangkok", 2026, 2026, [("STANDARD", "20260101T000000", "", "+0700", "+0700")]),
    (
        # The 2007 US rule change: each old rule ends with UNTIL, the new pair goes on.
        "America/New_York",
        2006,
        2007,
        [
            (
                "STANDARD",
                "20051030T020000",
                "FREQ=YEARLY;UNTIL=20061029T060000Z;BYDAY=-1SU;BYMONTH=10",
                "-0400",
                "-0500",
            ),
            (
                "DAYLIGHT",
                "20060402T020000",
                "FREQ=YEARLY;UNTIL=20060402T070000Z;BYDAY=1SU;BYMONTH=4",
                "-0500",
                "-0400",
            ),
            ("DAYLIGHT", "20070311T020000", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "-0500", "-0400"),
            ("STANDARD", "20071104T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "-0400", "-0500"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("tzid", "first", "last", "expected"),
    RULES,
    ids=[f"{tzid}-{first}-{last}" for tzid, first, last, _ in RULES],
)
def test_rules_are_derived_from_the_zone(
    tzid: str, first: int, last: int, expected: list[tuple[str, ...]]
) -> None:
    assert subcomponents(build(tzid, first, last)) == expected


@pytest.mark.parametrize(("tzid", "first", "last"), ZONES, ids=ZONE_IDS)
def test_never_rdate_and_every_offset_change_has_an_rrule(tzid: str, first: int, last: int) -> None:
    component = build(tzid, first, last)
    assert component["TZID"] == tzid
    for sub in component.subcomponents:
        assert sub.name in ("STANDARD", "DAYLIGHT")
        assert "RDATE" not in sub
        assert "TZNAME" in sub
        if sub["TZOFFSETFROM"].td != sub["TZOFFSETTO"].td:
            assert sub["RRULE"].to_ical().startswith(b"FREQ=YEARLY;")
        # The rules claim no history before the period: they start at most a year earlier.
        assert first - 1 <= sub["DTSTART"].dt.year <= last


def test_a_zone_with_a_rule_change_keeps_one_pair_per_rule_period() -> None:
    # Moscow: DST until 2010; permanent +04 from March 2011; permanent +03 from October 2014.
    rows = subcomponents(build("Europe/Moscow", 2010, 2015))
    assert [(kind, start[:8], frm, to) for kind, start, _, frm, to in rows] == [
        ("STANDARD", "20091025", "+0400", "+0300"),
        ("DAYLIGHT", "20100328", "+0300", "+0400"),
        ("DAYLIGHT", "20110327", "+0300", "+0400"),
        ("STANDARD", "20141026", "+0400", "+0300"),
    ]
    assert all("UNTIL=" in rule for _, _, rule, _, _ in rows)  # none recurs after its period


def test_output_is_deterministic_and_each_call_returns_a_fresh_component() -> None:
    one = vtimezone("Europe/Vienna", date(2026, 3, 1), date(2027, 6, 30))
    two = vtimezone("Europe/Vienna", date(2026, 3, 1), date(2027, 6, 30))
    assert one.to_ical() == two.to_ical()
    assert one is not two
    one["TZID"] = "changed"
    assert vtimezone("Europe/Vienna", date(2026, 3, 1), date(2027, 6, 30))["TZID"] == (
        "Europe/Vienna"
    )


def test_the_computation_is_cached_per_zone_and_years() -> None:
    vtimezone_module._onsets.cache_clear()
    vtimezone("Europe/Zurich", date(2026, 1, 5), date(2026, 11, 30))
    vtimezone("Europe/Zurich", date(2026, 7, 1), date(2026, 7, 2))  # same years: a hit
    vtimezone("Europe/Zurich", date(2026, 7, 1), date(2027, 7, 2))  # other years: a miss
    info = vtimezone_module._onsets.cache_info()
    assert (info.hits, info.misses) == (1, 2)


def test_last_before_first_is_an_error() -> None:
    with pytest.raises(ValueError, match="before"):
        vtimezone("Europe/Vienna", date(2027, 1, 1), date(2026, 1, 1))


def test_unknown_zone_is_an_error() -> None:
    with pytest.raises(ZoneInfoNotFoundError):
        vtimezone("Europe/Atlantis", date(2026, 1, 1), date(2026, 12, 31))
