"""What importing a meeting file changes, in words: items, half-day meetings, texts, documents
added, removed and changed.

Plain functions on the meeting-file data (planner.core.meetingfile): ``before`` is the meeting
as it was (None when the import creates it), ``after`` as the import leaves it, both with their
records' ids, so that an item is followed across a renumbering. The sentences are for the
command line (English, as the rest of its output).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from planner.core.agenda import item_number
from planner.core.meetingfile import DocumentSpec, ItemSpec, MeetingSpec, SlotSpec


@dataclass
class ChangeList:
    """The changes of one record (a meeting, a document), each a sentence."""

    subject: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def removes(self) -> bool:
        return bool(self.removed)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        out = [f"  removed: {line}" for line in self.removed]
        out += [f"  added: {line}" for line in self.added]
        out += [f"  changed: {line}" for line in self.changed]
        return out


def _walk(
    items: Sequence[ItemSpec], prefix: tuple[int, ...] = (), parent: UUID | None = None
) -> Iterator[tuple[str, tuple[UUID | None, int], ItemSpec, UUID | None]]:
    """(number, (parent id, place among its siblings), item, id) for every item, depth first."""
    for position, item in enumerate(items, start=1):
        path = (*prefix, position)
        yield item_number(path), (parent, position), item, item.id
        yield from _walk(item.items, path, item.id)


def _label(number: str, item: ItemSpec) -> str:
    standard = (item.standard or "").replace("_", " ")  # "other matters"
    title = item.title.get("en") or next(iter(item.title.values()), "") or standard
    return f"item {number} “{title}”" if title else f"item {number}"


def _langs(codes: Sequence[str]) -> str:
    return ", ".join(sorted(codes))


def _text_changes(
    what: str, label: str, old: dict[str, str], new: dict[str, str], out: ChangeList
) -> None:
    gone = [lang for lang in old if old[lang] and not new.get(lang)]
    came = [lang for lang in new if new[lang] and not old.get(lang)]
    edited = [lang for lang in new if old.get(lang) and new.get(lang) and old[lang] != new[lang]]
    if gone:
        out.removed.append(f"{what} of {label} in {_langs(gone)}")
    if came:
        out.added.append(f"{what} of {label} in {_langs(came)}")
    if edited:
        out.changed.append(f"{what} of {label} in {_langs(edited)}")


def _agenda(before: Sequence[ItemSpec], after: Sequence[ItemSpec], out: ChangeList) -> None:
    old = {item_id: (number, parent, item) for number, parent, item, item_id in _walk(before)}
    new = {item_id: (number, parent, item) for number, parent, item, item_id in _walk(after)}
    anonymous = [entry for key, entry in new.items() if key is None]
    for item_id, (number, _parent, item) in old.items():
        if item_id is None or item_id not in new:
            out.removed.append(f"agenda {_label(number, item)}")
    for item_id, (number, place, item) in new.items():
        if item_id is None or item_id not in old:
            continue
        old_number, old_place, old_item = old[item_id]
        label = _label(number, item)
        if old_place != place:  # moved itself (not only renumbered with its parent)
            out.changed.append(f"agenda {_label(old_number, old_item)} is now item {number}")
        old_en, new_en = old_item.title.get("en"), item.title.get("en")
        if old_en and new_en and old_en != new_en:
            out.changed.append(f"agenda item {number} retitled from “{old_en}” to “{new_en}”")
        both = bool(old_en and new_en)  # a changed English title is reported as a retitling
        _text_changes(
            "the title",
            f"agenda item {number}",
            _without_en(old_item.title, both),
            _without_en(item.title, both),
            out,
        )
        _text_changes(
            "the annotation", f"agenda item {number}", old_item.annotation, item.annotation, out
        )
        for symbol in old_item.documents:
            if symbol not in item.documents:
                out.removed.append(f"document {symbol} from the list of {label}")
        for symbol in item.documents:
            if symbol not in old_item.documents:
                out.added.append(f"document {symbol} to the list of {label}")
        if old_item.minutes != item.minutes:
            out.changed.append(
                f"time of {label}: {old_item.minutes or 'none'} → {item.minutes or 'none'} minutes"
            )
        if old_item.pin != item.pin:
            out.changed.append(f"the half-day meeting {label} is held in")
    for item_id, (number, _parent, item) in new.items():
        if item_id is not None and item_id not in old:
            out.added.append(f"agenda {_label(number, item)}")
    for number, _parent, item in anonymous:
        out.added.append(f"agenda {_label(number, item)}")


def _without_en(texts: dict[str, str], drop: bool) -> dict[str, str]:
    return {lang: text for lang, text in texts.items() if not (drop and lang == "en")}


def half_day_meetings(spec: MeetingSpec) -> list[tuple[date, SlotSpec]]:
    """Every half-day meeting of the meeting: the daily pattern, or a day's own list."""
    out = []
    day = spec.start
    while day <= spec.end:
        for slot in spec.days.get(day, spec.daily_meetings):
            out.append((day, slot))
        day += timedelta(days=1)
    return out


def _slot(entry: tuple[date, SlotSpec]) -> str:
    day, slot = entry
    return f"{day.isoformat()} {slot.start:%H:%M}–{slot.end:%H:%M}"


def _days_of(spec: MeetingSpec) -> list[list[tuple[date, SlotSpec]]]:
    """The half-day meetings of each day of the meeting: day 1, day 2, ..."""
    out: list[list[tuple[date, SlotSpec]]] = []
    day = spec.start
    while day <= spec.end:
        out.append([(day, slot) for slot in spec.days.get(day, spec.daily_meetings)])
        day += timedelta(days=1)
    return out


def _half_days(before: MeetingSpec, after: MeetingSpec, out: ChangeList) -> None:
    """Half-day meetings belong to the days of the meeting, as the importer keeps them: the
    one of the same day of the meeting at the same start, else the next of that day, is the same
    half-day meeting (moved if its date or hours differ); the others are added or removed."""
    old_days, new_days = _days_of(before), _days_of(after)
    for d in range(max(len(old_days), len(new_days))):
        old = old_days[d] if d < len(old_days) else []
        new = new_days[d] if d < len(new_days) else []
        pairs: dict[int, int] = {}
        for k, (_day, want) in enumerate(new):  # the same start first
            same = next(
                (
                    i
                    for i, (_, s) in enumerate(old)
                    if s.start == want.start and i not in pairs.values()
                ),
                None,
            )
            if same is not None:
                pairs[k] = same
        for k in range(len(new)):  # then in the order of the day
            if k not in pairs:
                free = next((i for i in range(len(old)) if i not in pairs.values()), None)
                if free is not None:
                    pairs[k] = free
        for k, entry in enumerate(new):
            if k not in pairs:
                out.added.append(f"half-day meeting {_slot(entry)}")
            elif (was := _slot(old[pairs[k]])) != (now := _slot(entry)):
                out.changed.append(f"half-day meeting {was} → {now}")
        for i, entry in enumerate(old):
            if i not in pairs.values():
                out.removed.append(f"half-day meeting {_slot(entry)}")


def describe_meeting(before: MeetingSpec | None, after: MeetingSpec) -> ChangeList:
    """What the import does to one meeting."""
    out = ChangeList(f"meeting {after.symbol}")
    if before is None:
        count = sum(1 for _ in _walk(after.agenda))
        out.added.append(
            f"the meeting {after.symbol} ({after.start.isoformat()} to {after.end.isoformat()}), "
            f"{count} agenda items, {len(half_day_meetings(after))} half-day meetings"
        )
        return out
    if (before.start, before.end) != (after.start, after.end):
        out.changed.append(
            f"dates: {before.start.isoformat()} to {before.end.isoformat()} → "
            f"{after.start.isoformat()} to {after.end.isoformat()}"
        )
    for name in ("number", "timezone", "format", "status", "original_language", "restricted"):
        if getattr(before, name) != getattr(after, name):
            out.changed.append(f"{name}: {getattr(before, name)} → {getattr(after, name)}")
    if before.interpretation_meetings != after.interpretation_meetings:
        out.changed.append(
            f"meetings with interpretation: {before.interpretation_meetings} → "
            f"{after.interpretation_meetings}"
        )
    for lang in before.interpretation_languages:
        if lang not in after.interpretation_languages:
            out.removed.append(f"interpretation into {lang}")
    for lang in after.interpretation_languages:
        if lang not in before.interpretation_languages:
            out.added.append(f"interpretation into {lang}")
    _text_changes("the city", "the meeting", before.city, after.city, out)
    _text_changes("the venue", "the meeting", before.venue, after.venue, out)
    _half_days(before, after, out)
    _agenda(before.agenda, after.agenda, out)
    return out


def describe_document(before: DocumentSpec | None, after: DocumentSpec) -> ChangeList:
    """What the import does to one document (an import never deletes a document)."""
    out = ChangeList(f"document {after.symbol}")
    if before is None:
        out.added.append(f"the document {after.symbol}")
        return out
    _text_changes("the title", f"document {after.symbol}", before.title, after.title, out)
    _text_changes("the listing", f"document {after.symbol}", before.listing, after.listing, out)
    for name in ("kind", "issued", "distribution"):
        if getattr(before, name) != getattr(after, name):
            out.changed.append(
                f"{name} of document {after.symbol}: {getattr(before, name)} → "
                f"{getattr(after, name)}"
            )
    for lang in before.languages:
        if lang not in after.languages:
            out.removed.append(f"language {lang} of document {after.symbol}")
    for lang in after.languages:
        if lang not in before.languages:
            out.added.append(f"language {lang} of document {after.symbol}")
    return out
