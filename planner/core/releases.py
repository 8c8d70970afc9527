"""Releases of a meeting: the plain data as published, stored as JSON, and what changed from one
release to the next, as data (a kind and its parameters) that the interface puts into words.

Pure: no Flask, no ORM. :func:`dump` and :func:`load` convert :class:`MeetingData` to JSON-ready
data and back, generically from the dataclasses' fields, so a field added to the plain data is
stored too (and a snapshot stored before the field existed loads with the field's default).
:func:`changes` compares two snapshots.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache, lru_cache
from typing import Any, Final, Literal, Union
from uuid import UUID

from planner.core.agenda import NumberedItem, number_agenda
from planner.core.languages import LANGUAGES
from planner.core.orgwork import plan
from planner.core.plain import ItemData, MeetingData, SlotData
from planner.core.standard import standard_title

#: Fields that say when and how often an event changed, not what it says: a release sets them.
VOLATILE: Final = frozenset({"sequence", "created_at", "modified_at"})

#: Every kind of change, with the parameters it carries (see :class:`ReleaseChange`).
KINDS: Final = (
    "published",  # the first release
    "status",  # before, after
    "dates",  # before_start, before_end, start, end
    "symbol",  # before, after
    "place",  # before_city, before_venue, city, venue (texts by language)
    "format",  # before, after
    "restricted",  # after (bool)
    "interpretation",  # no parameters
    "slot_added",  # date, start, end
    "slot_dropped",  # date, start, end
    "slot_moved",  # before_date, before_start, before_end, date, start, end
    "slot_items",  # date, start, end, items (numbers taken up, in order)
    "item_added",  # number, title
    "item_removed",  # number, title
    "item_moved",  # before, number, title
    "item_retitled",  # number, before, title
    "item_annotation",  # number, title
    "item_documents",  # number, title, added, removed (document symbols)
    "details",  # no parameters: something else a reader sees changed
)


@dataclass(frozen=True)
class ReleaseChange:
    """One change of a release. ``params`` holds JSON values only (texts by language are
    dicts), so a change is stored as it is and described in any interface language later."""

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.params}

    @staticmethod
    def from_json(value: Mapping[str, Any]) -> ReleaseChange:
        params = {k: v for k, v in value.items() if k != "kind"}
        return ReleaseChange(str(value["kind"]), params)


# -- JSON --------------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in a snapshot")
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot store {type(value).__name__} in a snapshot")


def dump(data: MeetingData) -> dict[str, Any]:
    """The meeting's plain data as JSON-ready values."""
    result: dict[str, Any] = _encode(data)
    return result


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in args if a is not type(None)]
        return _decode(inner[0], value)
    if origin is Literal:
        return value
    if origin is tuple:
        return tuple(_decode(args[0], v) for v in value)
    if origin in (dict, Mapping) or kind is Mapping:
        return {str(k): _decode(args[1], v) if args else v for k, v in value.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        known = {f.name for f in dataclasses.fields(kind) if f.init}
        values = {k: _decode(hints[k], v) for k, v in value.items() if k in known}
        return kind(**values)
    if kind is UUID:
        return UUID(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is time:
        return time.fromisoformat(value)
    return value


def load(value: Mapping[str, Any]) -> MeetingData:
    """The plain data :func:`dump` gave."""
    data: MeetingData = _decode(MeetingData, value)
    return data


def to_text(data: MeetingData) -> str:
    return json.dumps(dump(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=512)
def _from_text(text: str) -> MeetingData:
    return load(json.loads(text))


def from_text(text: str) -> MeetingData:
    """A stored snapshot (the same text gives the same, immutable, object: cached)."""
    return _from_text(text)


def _content(value: Any) -> Any:
    """``value`` without the fields a release sets (:data:`VOLATILE`)."""
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_content(v) for v in value]
    return value


def content_digest(data: MeetingData) -> str:
    """A short key of what a reader sees of ``data``: a Publish button carries the key of
    what the person saw, so that a colleague's later change is not published unseen."""
    blob = json.dumps(_content(dump(data)), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def same_content(a: MeetingData, b: MeetingData) -> bool:
    """Whether a reader would find the two the same (sequences and timestamps aside)."""
    return bool(_content(dump(a)) == _content(dump(b)))


# -- what changed --------------------------------------------------------------------------------


def _texts(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


def _slot_params(slot: SlotData, prefix: str = "") -> dict[str, Any]:
    return {
        f"{prefix}date": slot.date.isoformat(),
        f"{prefix}start": slot.start.isoformat(timespec="minutes"),
        f"{prefix}end": slot.end.isoformat(timespec="minutes"),
    }


def _taken_up(data: MeetingData) -> dict[UUID, tuple[str, ...]]:
    try:
        sittings = plan(data).sittings
    except ValueError:  # an agenda too deep to number: no organization of work to compare
        return {}
    return {s.slot.public_id: tuple(e.number for e in s.entries) for s in sittings}


def _numbered(agenda: Sequence[ItemData]) -> dict[UUID, NumberedItem]:
    try:
        return {n.item.public_id: n for n in number_agenda(agenda)}
    except ValueError:
        return {}


def _meeting_changes(old: MeetingData, new: MeetingData) -> list[ReleaseChange]:
    out: list[ReleaseChange] = []
    if old.status != new.status:
        out.append(ReleaseChange("status", {"before": old.status, "after": new.status}))
    if (old.start, old.end) != (new.start, new.end):
        params: dict[str, Any] = {
            "before_start": old.start.isoformat(),
            "before_end": old.end.isoformat(),
            "start": new.start.isoformat(),
            "end": new.end.isoformat(),
        }
        out.append(ReleaseChange("dates", params))
    if old.symbol != new.symbol:
        out.append(ReleaseChange("symbol", {"before": old.symbol, "after": new.symbol}))
    if (dict(old.city), dict(old.venue)) != (dict(new.city), dict(new.venue)):
        place: dict[str, Any] = {
            "before_city": _texts(old.city),
            "before_venue": _texts(old.venue),
            "city": _texts(new.city),
            "venue": _texts(new.venue),
        }
        out.append(ReleaseChange("place", place))
    if old.format != new.format:
        out.append(ReleaseChange("format", {"before": old.format, "after": new.format}))
    if old.restricted != new.restricted:
        out.append(ReleaseChange("restricted", {"after": new.restricted}))
    if (old.interpretation_meetings, old.interpretation_languages) != (
        new.interpretation_meetings,
        new.interpretation_languages,
    ):
        out.append(ReleaseChange("interpretation"))
    return out


def _slot_changes(old: MeetingData, new: MeetingData) -> list[ReleaseChange]:
    out: list[ReleaseChange] = []
    params: dict[str, Any]
    before = {s.public_id: s for s in old.slots if not s.cancelled}
    after = {s.public_id: s for s in new.slots if not s.cancelled}
    old_items, new_items = _taken_up(old), _taken_up(new)
    shift = new.start - old.start
    for slot in new.active_slots:
        previous = before.get(slot.public_id)
        if previous is None:
            out.append(ReleaseChange("slot_added", _slot_params(slot)))
            continue
        followed = (previous.date + shift, previous.start, previous.end) == (
            slot.date,
            slot.start,
            slot.end,
        )  # moved with the meeting's dates, which say so once
        if (previous.date, previous.start, previous.end) != (
            slot.date,
            slot.start,
            slot.end,
        ) and not followed:
            params = {**_slot_params(previous, "before_"), **_slot_params(slot)}
            out.append(ReleaseChange("slot_moved", params))
        items = new_items.get(slot.public_id, ())
        if old_items.get(slot.public_id, ()) != items:
            params = {**_slot_params(slot), "items": list(items)}
            out.append(ReleaseChange("slot_items", params))
    for slot in old.active_slots:
        if slot.public_id not in after:
            out.append(ReleaseChange("slot_dropped", _slot_params(slot)))
    return out


def _title(item: ItemData, data: MeetingData) -> dict[str, str]:
    """The item's title as readers see it: a standard item without a title of its own has the
    standard title, in every language."""
    if item.title or not item.standard:
        return dict(item.title)
    word = data.body.meeting_word
    return {lang: standard_title(item.standard, word, lang) for lang in LANGUAGES}


def _document_symbols(item: ItemData) -> list[str]:
    return [d.symbol for d in item.documents]


def _item_changes(old: MeetingData, new: MeetingData) -> list[ReleaseChange]:
    out: list[ReleaseChange] = []
    before, after = _numbered(old.agenda), _numbered(new.agenda)
    for key, numbered in after.items():
        item = numbered.item
        title = _title(item, new)
        previous = before.get(key)
        if previous is None:
            out.append(ReleaseChange("item_added", {"number": numbered.number, "title": title}))
            continue
        if previous.number != numbered.number:
            params = {"before": previous.number, "number": numbered.number, "title": title}
            out.append(ReleaseChange("item_moved", params))
        if dict(previous.item.title) != dict(item.title):
            params = {
                "number": numbered.number,
                "before": _title(previous.item, old),
                "title": title,
            }
            out.append(ReleaseChange("item_retitled", params))
        if dict(previous.item.annotation) != dict(item.annotation):
            params = {"number": numbered.number, "title": title}
            out.append(ReleaseChange("item_annotation", params))
        old_docs, new_docs = _document_symbols(previous.item), _document_symbols(item)
        if old_docs != new_docs:
            params = {
                "number": numbered.number,
                "title": title,
                "added": [s for s in new_docs if s not in old_docs],
                "removed": [s for s in old_docs if s not in new_docs],
            }
            out.append(ReleaseChange("item_documents", params))
    for key, numbered in before.items():
        if key not in after:
            params = {"number": numbered.number, "title": _title(numbered.item, old)}
            out.append(ReleaseChange("item_removed", params))
    return out


def changes(old: MeetingData | None, new: MeetingData) -> tuple[ReleaseChange, ...]:
    """What a reader of ``old`` (the latest release; ``None`` before the first) finds changed
    in ``new``, meeting first, then its half-day meetings, then its agenda. Empty when the two
    read the same; ``details`` when they differ in nothing listed here (the body's name, the
    time zone, the minutes of an item...)."""
    if old is None:
        return (ReleaseChange("published"),)
    if same_content(old, new):
        return ()
    found = [*_meeting_changes(old, new), *_slot_changes(old, new), *_item_changes(old, new)]
    return tuple(found) or (ReleaseChange("details"),)
