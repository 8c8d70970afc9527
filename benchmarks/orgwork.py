"""``make bench``: how long planning the organization of work of a ten-day session takes.

    .venv/bin/python -m benchmarks.orgwork

:func:`planner.core.orgwork.plan` runs on every page that shows a meeting, every document and
every feed build, and on every move on the organization-of-work grid; it must stay instant.
The session: ten days of two half-day meetings each, an agenda of 40 items taken up (some of
them sub-items), pins and staff placements, and these cases:

- *proposal*: interpretation for every meeting, no decisions;
- *decisions*: 4 pins, 6 placements (one split over two meetings) and a closed meeting;
- *overflow*: interpretation for 17 of the 20 meetings, with no decisions: 150 minutes do not
  fit, and planner works out what would make them fit (it plans again with each meeting
  without interpretation long enough, in turn: the costliest case);
- *overflow+decisions*: the same with the decisions.

Each row is the median and the slowest of 50 runs (after 5 runs to warm up), in milliseconds of
wall-clock time, against the 50 ms budget; the exit status is 1 if a median exceeds it. The
numbers are measured, not asserted by the test suite (no timed assertions in tests).
"""

from __future__ import annotations

import statistics
import sys
import time as clock
import uuid
from dataclasses import replace
from datetime import date, time, timedelta

from planner.core.orgwork import plan
from planner.core.plain import BodyData, ItemData, MeetingData, Pin, Placement, SlotData

BUDGET_MS = 50.0
RUNS = 50
WARM_UP = 5
DAYS = 10
START = date(2026, 5, 18)
TIMES = ((time(10), time(13)), (time(15), time(18)))


def _id(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"bench:{name}")


def _item(name: str, minutes: int | None, standard: str | None = None, **kw: object) -> ItemData:
    return ItemData(
        public_id=_id(name),
        standard=standard,
        title={"en": f"Item {name}"},
        minutes=minutes,
        **kw,  # type: ignore[arg-type]
    )


def session() -> MeetingData:
    """Ten days, 20 half-day meetings, 40 items taken up (leaves), in six headings."""
    slots = tuple(
        SlotData(
            public_id=_id(f"slot {day}.{index}"),
            date=START + timedelta(days=day - 1),
            start=begin,
            end=end,
            day_index=day,
            index_in_day=index,
        )
        for day in range(1, DAYS + 1)
        for index, (begin, end) in enumerate(TIMES, start=1)
    )
    agenda: list[ItemData] = [
        _item(
            "1",
            None,
            "organizational_matters",
            children=(
                _item("1a", 15, "opening"),
                _item("1b", 15, "election_of_officers"),
                _item("1c", 30, "adoption_of_agenda"),
            ),
        )
    ]
    leaves = 3
    number = 2
    while leaves < 38:
        if number % 3 == 0:
            children = tuple(_item(f"{number}{c}", 45 + 15 * (i % 4)) for i, c in enumerate("abc"))
            agenda.append(_item(str(number), None, children=children))
            leaves += 3
        else:
            agenda.append(_item(str(number), 60 + 30 * (number % 5)))
            leaves += 1
        number += 1
    agenda.append(_item("other", 30, "other_matters"))
    agenda.append(_item("report", 180, "adoption_of_report"))
    return MeetingData(
        public_id=_id("meeting"),
        symbol="CTOC/COP/2026/1",
        number=13,
        body=BodyData(
            public_id=_id("body"),
            symbol="CTOC/COP",
            name={"en": "Conference of the Parties"},
            short_name={"en": "the Conference"},
            meeting_word="session",
        ),
        start=START,
        end=START + timedelta(days=DAYS - 1),
        timezone="Europe/Vienna",
        city={"en": "Vienna"},
        venue={"en": "Vienna International Centre"},
        format="in_person",
        status="planned",
        original_language="en",
        interpretation_meetings=2 * DAYS,
        interpretation_languages=("ar", "zh", "en", "fr", "ru", "es"),
        slots=slots,
        agenda=tuple(agenda),
    )


def with_decisions(m: MeetingData) -> MeetingData:
    pins = {"4": Pin(3, 1), "8": Pin(5, 2), "11": Pin(7, 1), "14": Pin(9, 1)}
    agenda = tuple(replace(i, pin=pins.get(i.title["en"].removeprefix("Item "))) for i in m.agenda)
    placements = (
        Placement(_id("2"), _id("slot 2.2")),
        Placement(_id("5"), _id("slot 1.2")),
        Placement(_id("6a"), _id("slot 6.1")),
        Placement(_id("7"), _id("slot 4.1"), 60),
        Placement(_id("7"), _id("slot 4.2")),
        Placement(_id("other"), _id("slot 10.1")),
    )
    slots = tuple(replace(s, closed=True) if s.public_id == _id("slot 8.2") else s for s in m.slots)
    return replace(m, agenda=agenda, placements=placements, slots=slots)


def measure(m: MeetingData) -> tuple[float, float, int, int]:
    for _ in range(WARM_UP):
        plan(m)
    times = []
    for _ in range(RUNS):
        began = clock.perf_counter()
        org = plan(m)
        times.append((clock.perf_counter() - began) * 1000)
    leaves = sum(1 for s in org.sittings for _e in s.entries)
    return statistics.median(times), max(times), leaves, len(org.overflow)


def main() -> int:
    base = session()
    cases = [
        ("proposal", base),
        ("decisions", with_decisions(base)),
        ("overflow", replace(base, interpretation_meetings=17)),
        ("overflow+decisions", replace(with_decisions(base), interpretation_meetings=17)),
    ]
    print("Organization of work: a ten-day session, 20 half-day meetings, 40 items")
    print(f"{'case':<20}{'median ms':>10}{'max ms':>9}{'entries':>9}{'overflow':>10}  budget")
    failed = False
    for name, m in cases:
        median, slowest, entries, overflow = measure(m)
        ok = median < BUDGET_MS
        failed |= not ok
        verdict = f"< {BUDGET_MS:.0f} ms" if ok else f"OVER {BUDGET_MS:.0f} ms"
        print(f"{name:<20}{median:>10.2f}{slowest:>9.2f}{entries:>9}{overflow:>10}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
