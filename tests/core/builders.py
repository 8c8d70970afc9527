"""Concise builders of the plain meeting data for the tests of the pure core.

Every identifier is a uuid5 of a name, so the same call gives the same data and a test can name an
item by what it called it: ``uid("2")`` is the id of ``item("2", 240)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path
from uuid import UUID, uuid5

import yaml

from planner.core.languages import LANGUAGES
from planner.core.plain import (
    BodyData,
    DocumentData,
    ItemData,
    MeetingData,
    Pin,
    Placement,
    SlotData,
)

NAMESPACE = UUID("6f1c0e2a-3b1d-5c8e-9a4f-2d7b8e6c1a00")
START = date(2018, 7, 2)
TIMES = (("10:00", "13:00"), ("15:00", "18:00"), ("19:00", "22:00"))


def uid(name: str) -> UUID:
    return uuid5(NAMESPACE, name)


def _time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def item(
    name: str,
    minutes: int | None = None,
    *,
    standard: str | None = None,
    children: Sequence[ItemData] = (),
    pin: tuple[int, int] | None = None,
    documents: Sequence[DocumentData] = (),
) -> ItemData:
    """An agenda item whose id is ``uid(name)``; ``pin`` is ``(day, meeting)``."""
    return ItemData(
        public_id=uid(name),
        standard=standard,
        title={} if standard else {"en": name},
        minutes=minutes,
        pin=Pin(*pin) if pin else None,
        documents=tuple(documents),
        children=tuple(children),
    )


def std(
    kind: str,
    minutes: int | None = None,
    *,
    children: Sequence[ItemData] = (),
    pin: tuple[int, int] | None = None,
    documents: Sequence[DocumentData] = (),
    name: str | None = None,
) -> ItemData:
    """A standard item named after its kind (``std("opening", 10)`` has id ``uid("opening")``);
    ``name`` tells apart two items of the same kind."""
    return item(
        name or kind, minutes, standard=kind, children=children, pin=pin, documents=documents
    )


def document(
    symbol: str,
    *,
    issued: date | None = None,
    languages: Sequence[str] = (),
    kind: str = "background_paper",
) -> DocumentData:
    return DocumentData(
        public_id=uid(symbol),
        symbol=symbol,
        kind=kind,
        title={"en": symbol},
        issued=issued,
        languages=tuple(languages),
    )


def slot(day: int, index: int, *, start: date = START, cancelled: bool = False) -> SlotData:
    """Half-day meeting ``index`` of day ``day``, at the times of :data:`TIMES`."""
    begin, end = TIMES[index - 1]
    return SlotData(
        public_id=uid(f"slot {day}.{index}"),
        date=start + timedelta(days=day - 1),
        start=_time(begin),
        end=_time(end),
        day_index=day,
        index_in_day=index,
        cancelled=cancelled,
    )


def slots(
    days: int, per_day: int, *, start: date = START, cancelled: Iterable[tuple[int, int]] = ()
) -> tuple[SlotData, ...]:
    """``per_day`` meetings (at most len(TIMES)) on each of ``days`` consecutive days."""
    if per_day > len(TIMES):
        raise ValueError(f"at most {len(TIMES)} meetings a day")
    off = set(cancelled)
    return tuple(
        slot(day, index, start=start, cancelled=(day, index) in off)
        for day in range(1, days + 1)
        for index in range(1, per_day + 1)
    )


def placed(plan: Mapping[tuple[int, int], Sequence[str]]) -> tuple[Placement, ...]:
    """Staff placements: ``{(day, meeting): [item names]}``; an item may be written
    ``"name:minutes"`` to give that meeting a part of its time."""
    out = []
    for (day, index), names in plan.items():
        for name in names:
            item_name, _sep, minutes = name.partition(":")
            out.append(
                Placement(
                    item_id=uid(item_name),
                    slot_id=uid(f"slot {day}.{index}"),
                    minutes=int(minutes) if minutes else None,
                )
            )
    return tuple(out)


BODY = BodyData(
    public_id=uid("body CTOC/COP/WG.4"),
    symbol="CTOC/COP/WG.4",
    name={"en": "Working Group on Trafficking in Persons", "zh": "贩运人口问题工作组"},
    short_name={"en": "the Working Group", "zh": "工作组"},
    meeting_word="meeting",
)


def meeting(
    items: Sequence[ItemData] = (),
    *,
    days: int = 2,
    slots_per_day: int = 2,
    interpretation: int = 4,
    languages: Sequence[str] = LANGUAGES,
    cancelled: Iterable[tuple[int, int]] = (),
    placements: Sequence[Placement] = (),
    start: date = START,
    timezone: str = "Europe/Vienna",
) -> MeetingData:
    return MeetingData(
        public_id=uid("meeting"),
        symbol="CTOC/COP/WG.4/2018/1",
        number=8,
        body=BODY,
        start=start,
        end=start + timedelta(days=days - 1),
        timezone=timezone,
        city={"en": "Vienna", "zh": "维也纳"},
        venue={"en": "Vienna International Centre", "zh": "维也纳国际中心"},
        format="in_person",
        status="planned",
        original_language="en",
        interpretation_meetings=interpretation,
        interpretation_languages=tuple(languages),
        slots=slots(days, slots_per_day, start=start, cancelled=cancelled),
        agenda=tuple(items),
        placements=tuple(placements),
    )


def reference_agenda() -> tuple[ItemData, ...]:
    """The agenda of wg4-2018.yaml (titles and documents left out; ids from the names)."""
    return (
        std("organizational_matters", children=[std("opening", 10), std("adoption_of_agenda", 20)]),
        item("2", 240),
        item("3", 270),
        std("other_matters", 30),
        std("adoption_of_report", 150),
    )


def reference_meeting() -> MeetingData:
    """The eighth meeting of the Working Group on Trafficking in Persons (wg4-2018.yaml)."""
    return meeting(
        reference_agenda(),
        days=2,
        slots_per_day=2,
        interpretation=4,
        languages=("ar", "zh", "en", "fr", "ru", "es"),
        start=date(2018, 7, 2),
        timezone="Europe/Vienna",
    )


SIX_LANGUAGE_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wg4-2018-six.yaml"


def six_language_meeting(*, only: Sequence[str] | None = None) -> MeetingData:
    """The reference meeting with the author texts of tests/fixtures/wg4-2018-six.yaml (all six
    languages), or only those of the languages in ``only``; ids as in :func:`reference_meeting`."""
    data = yaml.safe_load(SIX_LANGUAGE_FIXTURE.read_text(encoding="utf-8"))

    def texts(value: Mapping[str, str] | None) -> dict[str, str]:
        return {k: v for k, v in (value or {}).items() if only is None or k in only}

    bodies = {b["symbol"]: b for b in data["bodies"]}
    parent_spec, body_spec = bodies["CTOC/COP"], bodies["CTOC/COP/WG.4"]
    parent = BodyData(
        public_id=uid("body CTOC/COP"),
        symbol="CTOC/COP",
        name=texts(parent_spec["name"]),
        short_name=texts(parent_spec["short_name"]),
        meeting_word="session",
    )
    body = BodyData(
        public_id=uid("body CTOC/COP/WG.4"),
        symbol="CTOC/COP/WG.4",
        name=texts(body_spec["name"]),
        short_name=texts(body_spec["short_name"]),
        meeting_word="meeting",
        parent=parent,
    )
    docs = {
        d["symbol"]: DocumentData(
            public_id=uid(d["symbol"]),
            symbol=d["symbol"],
            kind=d["kind"],
            title=texts(d.get("title")),
            listing=texts(d.get("listing")),
        )
        for d in data["documents"]
    }
    spec = data["meetings"][0]
    agenda = spec["agenda"]
    adoption = agenda[0]["items"][1]

    def with_texts(built: ItemData, source: Mapping[str, object]) -> ItemData:
        return replace(
            built,
            title=texts(source.get("title")),  # type: ignore[arg-type]
            annotation=texts(source.get("annotation")),  # type: ignore[arg-type]
            documents=tuple(docs[s] for s in source.get("documents", ())),  # type: ignore[attr-defined]
        )

    items = (
        std(
            "organizational_matters",
            children=[std("opening", 10), with_texts(std("adoption_of_agenda", 20), adoption)],
        ),
        with_texts(item("2", 240), agenda[1]),
        with_texts(item("3", 270), agenda[2]),
        std("other_matters", 30),
        std("adoption_of_report", 150),
    )
    return replace(
        reference_meeting(),
        body=body,
        agenda=items,
        city=texts(spec["city"]),
        venue=texts(spec["venue"]),
    )
