"""What a change to a meeting changed, as a secretariat officer would say it.

The history keeps each meeting before and after a change as a meeting file. :func:`describe`
compares the two (as plain data, the YAML loaded) and returns :class:`Said` facts: "item 3
added", "minutes of item 2 changed from 240 to 200", "days changed". Items are followed by
their stable ids, so an item that moved is one that moved, not a deletion and an addition; their
numbers are derived from their places, as the agenda derives them. The interface turns each fact
into a sentence in the reader's language (planner.history.words).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.core.agenda import MAX_DEPTH, item_number

__all__ = ["Said", "describe"]

#: Meeting fields said as "X changed from A to B", in the order the history says them.
SCALAR_FIELDS = (
    "symbol",
    "number",
    "status",
    "timezone",
    "format",
    "original_language",
    "issued",
    "restricted",
)
TEXT_FIELDS = ("city", "venue")
#: What a meeting file leaves out when it holds the default.
_DEFAULTS: Mapping[str, Any] = {"status": "planned", "restricted": False, "issued": None}


@dataclass(frozen=True)
class Said:
    """One thing a change did. ``kind`` names the sentence; the other fields fill it."""

    kind: str
    name: str = ""  # the meeting field: "status", "city"…
    number: str = ""  # the item's number (after the change; before it for a deleted item)
    title: Mapping[str, str] = field(default_factory=dict)  # the item's own title, by language
    standard: str | None = None  # the item's standard kind (its title is the standard one)
    lang: str = ""  # the language of a changed text
    before: Any = None
    after: Any = None


def describe(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[Said]:
    """The facts of a change from meeting ``before`` to meeting ``after`` (one meeting of a
    meeting file each, as plain data; ``None`` when the change created or deleted it)."""
    if before is None and after is None:
        return []
    if before is None:
        return [Said("meeting_created")]
    if after is None:
        return [Said("meeting_deleted")]
    said: list[Said] = []
    if (before.get("start"), before.get("end")) != (after.get("start"), after.get("end")):
        said.append(
            Said(
                "dates",
                before=(before.get("start"), before.get("end")),
                after=(after.get("start"), after.get("end")),
            )
        )
    for name in SCALAR_FIELDS:
        old, new = before.get(name, _DEFAULTS.get(name)), after.get(name, _DEFAULTS.get(name))
        if old != new:
            said.append(Said("field", name=name, before=old, after=new))
    for name in TEXT_FIELDS:
        said.extend(_texts("text", before.get(name), after.get(name), field_name=name))
    said.extend(_schedule(before, after))
    said.extend(_interpretation(before.get("interpretation"), after.get("interpretation")))
    said.extend(_agenda(before.get("agenda") or [], after.get("agenda") or []))
    if before.get("organization_of_work") != after.get("organization_of_work"):
        if not after.get("organization_of_work"):
            said.append(Said("orgwork_proposed"))
        elif not before.get("organization_of_work"):
            said.append(Said("orgwork_fixed"))
        else:
            said.append(Said("orgwork_changed"))
    return said


def _texts(
    kind: str,
    before: Mapping[str, str] | None,
    after: Mapping[str, str] | None,
    *,
    field_name: str = "",
    number: str = "",
) -> Iterator[Said]:
    old, new = before or {}, after or {}
    for lang in [*old, *(k for k in new if k not in old)]:
        if (old.get(lang) or "") != (new.get(lang) or ""):
            yield Said(
                kind,
                name=field_name,
                number=number,
                lang=lang,
                before=old.get(lang) or "",
                after=new.get(lang) or "",
            )


def _slot_list(slots: Sequence[Mapping[str, Any]] | None) -> tuple[tuple[str, str], ...]:
    return tuple((str(s.get("start", "")), str(s.get("end", ""))) for s in slots or ())


def _days(days: Mapping[Any, Sequence[Mapping[str, Any]]] | None) -> dict[Any, tuple[Any, ...]]:
    """A meeting's days with their own half-day meetings (the file's ``days``): day → its
    meetings, none for a day without meetings."""
    return {day: _slot_list(slots) for day, slots in (days or {}).items()}


def _schedule(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterator[Said]:
    old_daily = _slot_list(before.get("daily_meetings"))
    new_daily = _slot_list(after.get("daily_meetings"))
    if old_daily != new_daily:
        yield Said("daily_meetings", before=old_daily, after=new_daily)
    old_days, new_days = _days(before.get("days")), _days(after.get("days"))
    if old_days != new_days:
        changed = tuple(
            (day, new_days.get(day))
            for day in sorted({*old_days, *new_days}, key=str)
            if old_days.get(day) != new_days.get(day)
        )
        yield Said("days", before=old_days, after=changed)


def _interpretation(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> Iterator[Said]:
    old, new = before or {}, after or {}
    if old.get("meetings") != new.get("meetings"):
        yield Said("interpretation_meetings", before=old.get("meetings"), after=new.get("meetings"))
    if list(old.get("languages") or ()) != list(new.get("languages") or ()):
        yield Said(
            "interpretation_languages",
            before=tuple(old.get("languages") or ()),
            after=tuple(new.get("languages") or ()),
        )


@dataclass(frozen=True)
class _Placed:
    item: Mapping[str, Any]
    number: str
    parent: str | None


def _placed(agenda: Sequence[Mapping[str, Any]]) -> dict[str, _Placed]:
    """Every item with an id, with its number and its parent's id, in agenda order."""
    out: dict[str, _Placed] = {}

    def walk(items: Sequence[Mapping[str, Any]], path: tuple[int, ...], parent: str | None) -> None:
        for position, item in enumerate(items, start=1):
            here = (*path, position)
            key = str(item.get("id") or f"#{'.'.join(map(str, here))}")
            number = item_number(here) if len(here) <= MAX_DEPTH else ""
            out[key] = _Placed(item, number, parent)
            walk(item.get("items") or (), here, key)

    walk(agenda, (), None)
    return out


def _siblings(placed: Mapping[str, _Placed], common: set[str]) -> dict[str | None, list[str]]:
    groups: dict[str | None, list[str]] = {}
    for key, entry in placed.items():
        if key in common:
            groups.setdefault(entry.parent, []).append(key)
    return groups


def _moved(old: Mapping[str, _Placed], new: Mapping[str, _Placed], common: set[str]) -> set[str]:
    """Items that moved: under another parent, or out of the longest run of siblings that kept
    their order (one item moved up is one move, not two)."""
    moved = {key for key in common if old[key].parent != new[key].parent}
    old_groups, new_groups = _siblings(old, common - moved), _siblings(new, common - moved)
    for parent, after_order in new_groups.items():
        before_order = old_groups.get(parent, [])
        matcher = difflib.SequenceMatcher(a=before_order, b=after_order, autojunk=False)
        kept = {
            key
            for block in matcher.get_matching_blocks()
            for key in after_order[block.b : block.b + block.size]
        }
        moved |= set(after_order) - kept
    return moved


def _item(kind: str, entry: _Placed, **values: Any) -> Said:
    return Said(
        kind,
        number=entry.number,
        title=dict(entry.item.get("title") or {}),
        standard=entry.item.get("standard"),
        **values,
    )


def _agenda(before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]) -> list[Said]:
    old, new = _placed(before), _placed(after)
    common = {key for key in old if key in new}
    said: list[Said] = []
    for key, entry in new.items():
        if key not in old:
            said.append(_item("item_added", entry))
    for key, entry in old.items():
        if key not in new:
            said.append(_item("item_deleted", entry))
    moved = _moved(old, new, common)
    for key, entry in new.items():
        if key not in common:
            continue
        was, now = old[key].item, entry.item
        if key in moved:
            said.append(_item("item_moved", entry, before=old[key].number, after=entry.number))
        for text in _texts("item_title", was.get("title"), now.get("title"), number=entry.number):
            said.append(
                _item("item_title", entry, lang=text.lang, before=text.before, after=text.after)
            )
        for text in _texts(
            "item_annotation", was.get("annotation"), now.get("annotation"), number=entry.number
        ):
            said.append(_item("item_annotation", entry, lang=text.lang))
        if was.get("minutes") != now.get("minutes"):
            said.append(
                _item("item_minutes", entry, before=was.get("minutes"), after=now.get("minutes"))
            )
        old_docs, new_docs = list(was.get("documents") or ()), list(now.get("documents") or ())
        for symbol in new_docs:
            if symbol not in old_docs:
                said.append(_item("document_listed", entry, after=symbol))
        for symbol in old_docs:
            if symbol not in new_docs:
                said.append(_item("document_removed", entry, before=symbol))
        if [d for d in old_docs if d in new_docs] != [d for d in new_docs if d in old_docs]:
            said.append(_item("documents_reordered", entry))
        if _pin(was) != _pin(now):
            said.append(_item("item_pin", entry, before=_pin(was), after=_pin(now)))
    return said


def _pin(item: Mapping[str, Any]) -> tuple[int, int] | None:
    pin = item.get("pin")
    if isinstance(pin, Mapping) and pin.get("day") and pin.get("meeting"):
        return int(pin["day"]), int(pin["meeting"])
    return None
