"""Issuing the provisional agenda: which symbol an issue takes, what the meeting page lists, and
what changed since the issued version. Plain functions on plain data.

UN practice (``un-conventions.md`` §4): a document is issued under its symbol on a date, one
language version at a time or all at once; once issued it does not change. A change goes out
as a *revision* (``…/Rev.1``), which replaces the earlier text entirely, or as a *corrigendum*
(``…/Corr.1``) to the version in force, which may apply to some language versions only. A
corrigendum to a revision carries both modifiers (``A/64/440/Rev.1/Corr.1``); revisions are
numbered from the original, corrigenda from the version they correct.

What was issued is compared with what the data says now through an *outline*: the plain,
JSON-ready facts a reader of the document would notice changing (items and their numbers,
titles and annotations, documents, dates, half-day meetings, the organization of work).
:func:`outline` makes it, :func:`differences` compares two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Final, Literal

from planner.core.agenda import number_agenda
from planner.core.document import city_name, item_title
from planner.core.languages import LANGUAGES
from planner.core.orgwork import plan
from planner.core.plain import ItemData, MeetingData
from planner.core.symbols import parse_symbol

IssueKind = Literal["original", "revision", "corrigendum"]
ISSUE_KINDS: Final = ("original", "revision", "corrigendum")
#: The files kept of each issued language version.
ISSUED_FORMATS: Final = ("pdf", "docx", "html")


@dataclass(frozen=True)
class IssuedLanguage:
    """One language version issued under a symbol on a date."""

    symbol: str
    kind: IssueKind
    lang: str
    issued_on: date


class IssueRefused(ValueError):
    """The issue cannot be made; ``code`` and ``params`` say why (the shell words it)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class NextIssue:
    symbol: str
    kind: IssueKind
    #: The symbol of the version this one is compared with (None for a first issue).
    compared_with: str | None


def _current_version(history: Sequence[IssuedLanguage]) -> str | None:
    """The symbol of the version in force: the latest original or revision."""
    versions = [h.symbol for h in history if h.kind != "corrigendum"]
    return versions[-1] if versions else None


def next_issue(base: str, history: Sequence[IssuedLanguage], kind: IssueKind | None) -> NextIssue:
    """The symbol of the next issue of the document ``base`` after ``history`` (oldest first).

    ``kind`` None issues further language versions of the latest issue (the original when
    nothing is issued yet); "original" is accepted only while nothing is issued.
    """
    parse_symbol(base)  # the meeting's symbol was checked when it was saved
    latest = history[-1].symbol if history else None
    current = _current_version(history)
    if kind is None:
        if not history:
            return NextIssue(base, "original", None)
        return NextIssue(latest or base, history[-1].kind, latest)
    if kind == "original":
        if history:
            raise IssueRefused("already_issued", symbol=base)
        return NextIssue(base, "original", None)
    if not history or current is None:
        raise IssueRefused("nothing_issued", kind=kind)
    if kind == "revision":
        revisions = {h.symbol for h in history if h.kind == "revision"}
        symbol = f"{base}/Rev.{len(revisions) + 1}"
    else:
        corrigenda = {
            h.symbol
            for h in history
            if h.kind == "corrigendum" and h.symbol.rsplit("/", 1)[0] == current
        }
        symbol = f"{current}/Corr.{len(corrigenda) + 1}"
    parse_symbol(symbol)
    return NextIssue(symbol, kind, latest)


def check_issue(
    target: NextIssue,
    history: Sequence[IssuedLanguage],
    languages: Sequence[str],
    issued_on: date,
) -> None:
    """Refuse an issue that repeats a language version or goes back in time."""
    if not languages:
        raise IssueRefused("no_language")
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown:
        raise IssueRefused("unknown_language", lang=unknown[0])
    done = {h.lang: h.issued_on for h in history if h.symbol == target.symbol}
    again = [lang for lang in languages if lang in done]
    if again:
        raise IssueRefused(
            "language_issued", symbol=target.symbol, lang=again[0], issued_on=done[again[0]]
        )
    if target.kind == "corrigendum" and target.symbol != target.compared_with:
        corrected = target.symbol.rsplit("/", 1)[0]
        issued = {h.lang for h in history if h.symbol == corrected}
        absent = [lang for lang in languages if lang not in issued]
        if absent:
            raise IssueRefused("not_issued_in", symbol=corrected, lang=absent[0])
    if target.compared_with is not None and target.symbol != target.compared_with:
        earlier = max(h.issued_on for h in history)
        if issued_on < earlier:
            raise IssueRefused("before_previous", issued_on=issued_on, previous=earlier)


# The list on the meeting page ---------------------------------------------------------------


@dataclass(frozen=True)
class ListedVersion:
    """One symbol of the issued document, as the meeting page lists it."""

    symbol: str
    kind: IssueKind
    languages: tuple[tuple[str, date], ...]  # in the UN order of languages
    superseded_by: str | None = None


def listing(history: Sequence[IssuedLanguage]) -> list[ListedVersion]:
    """The issued versions, newest first; a version (and its corrigenda) is superseded by the
    next revision."""
    order: list[str] = []
    kinds: dict[str, IssueKind] = {}
    langs: dict[str, dict[str, date]] = {}
    for h in history:
        if h.symbol not in langs:
            order.append(h.symbol)
            kinds[h.symbol] = h.kind
            langs[h.symbol] = {}
        langs[h.symbol][h.lang] = h.issued_on
    revisions = [s for s in order if kinds[s] == "revision"]
    versions: list[ListedVersion] = []
    for index, symbol in enumerate(order):
        later = [r for r in revisions if order.index(r) > index]
        versions.append(
            ListedVersion(
                symbol=symbol,
                kind=kinds[symbol],
                languages=tuple(
                    (lang, langs[symbol][lang]) for lang in LANGUAGES if lang in langs[symbol]
                ),
                superseded_by=later[-1] if later else None,
            )
        )
    return list(reversed(versions))


# Outline and differences --------------------------------------------------------------------


def outline(meeting: MeetingData) -> dict[str, Any]:
    """What a reader of the document would see change, as JSON-ready data."""
    numbered = number_agenda(meeting.agenda)
    numbers = {n.item.public_id: n.number for n in numbered}
    planned = plan(meeting)
    return {
        "start": meeting.start.isoformat(),
        "end": meeting.end.isoformat(),
        "status": meeting.status,
        "format": meeting.format,
        "city": {lang: str(city_name(meeting, lang)) for lang in LANGUAGES},
        "items": [
            {
                "id": str(n.item.public_id),
                "number": n.number,
                "path": list(n.path),
                "title": _titles(n.item, meeting),
                "annotation": dict(sorted(n.item.annotation.items())),
                "documents": [d.symbol for d in n.item.documents],
            }
            for n in numbered
        ],
        "slots": [
            {
                "id": str(s.public_id),
                "date": s.date.isoformat(),
                "start": s.start.strftime("%H:%M"),
                "end": s.end.strftime("%H:%M"),
            }
            for s in meeting.active_slots
        ],
        "orgwork": [
            {
                "slot": str(sitting.slot.public_id),
                "items": [numbers[e.item_id] for e in sitting.entries],
            }
            for sitting in planned.sittings
            if sitting.entries
        ],
    }


def _titles(item: ItemData, meeting: MeetingData) -> dict[str, str]:
    """An author's title in the languages it has; a standard item's in all six."""
    if item.title:
        return dict(sorted(item.title.items()))
    return {lang: str(item_title(item, meeting, lang)) for lang in LANGUAGES}


@dataclass(frozen=True)
class Difference:
    """One change between the issued version and the data: ``code`` and its facts."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def _by_id(rows: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {row["id"]: row for row in rows}


def _title(item: Mapping[str, Any], lang: str) -> str:
    titles: Mapping[str, str] = item["title"]
    return titles.get(lang) or next((t for t in titles.values() if t), "")


def differences(old: Mapping[str, Any], new: Mapping[str, Any], lang: str) -> list[Difference]:
    """What changed from the outline ``old`` (issued) to ``new`` (the data now), in reading
    order: dates, status and format, items (added, removed, moved, retitled, annotations and
    documents changed), half-day meetings (added, dropped, moved), the organization of work.
    Titles are given in ``lang``."""
    found: list[Difference] = []
    if (old["start"], old["end"]) != (new["start"], new["end"]):
        found.append(
            Difference(
                "dates",
                {
                    "old": (date.fromisoformat(old["start"]), date.fromisoformat(old["end"])),
                    "new": (date.fromisoformat(new["start"]), date.fromisoformat(new["end"])),
                },
            )
        )
    for key in ("status", "format"):
        if old[key] != new[key]:
            found.append(Difference(key, {"old": old[key], "new": new[key]}))
    if old["city"].get(lang) != new["city"].get(lang):
        found.append(
            Difference("city", {"old": old["city"].get(lang, ""), "new": new["city"].get(lang, "")})
        )

    before, after = _by_id(old["items"]), _by_id(new["items"])
    for item_id, item in before.items():
        if item_id not in after:
            found.append(
                Difference("item_removed", {"number": item["number"], "title": _title(item, lang)})
            )
    for item_id, item in after.items():
        was = before.get(item_id)
        number, title = item["number"], _title(item, lang)
        if was is None:
            found.append(Difference("item_added", {"number": number, "title": title}))
            continue
        if was["number"] != number:
            found.append(
                Difference("item_moved", {"old": was["number"], "new": number, "title": title})
            )
        changed = [code for code in LANGUAGES if was["title"].get(code) != item["title"].get(code)]
        if changed:
            found.append(
                Difference(
                    "item_retitled",
                    {
                        "number": number,
                        "old": _title(was, lang),
                        "new": title,
                        "languages": tuple(changed),
                    },
                )
            )
        notes = [
            code
            for code in LANGUAGES
            if was["annotation"].get(code, "") != item["annotation"].get(code, "")
        ]
        if notes:
            found.append(
                Difference("annotation_changed", {"number": number, "languages": tuple(notes)})
            )
        added = [s for s in item["documents"] if s not in was["documents"]]
        dropped = [s for s in was["documents"] if s not in item["documents"]]
        if added or dropped:
            found.append(
                Difference(
                    "documents_changed",
                    {"number": number, "added": tuple(added), "removed": tuple(dropped)},
                )
            )

    slots_before, slots_after = _by_id(old["slots"]), _by_id(new["slots"])
    for slot_id, slot in slots_before.items():
        if slot_id not in slots_after:
            found.append(Difference("slot_dropped", _slot_params(slot)))
    for slot_id, slot in slots_after.items():
        was_slot = slots_before.get(slot_id)
        if was_slot is None:
            found.append(Difference("slot_added", _slot_params(slot)))
        elif _slot_key(was_slot) != _slot_key(slot):
            found.append(
                Difference(
                    "slot_moved",
                    {
                        **_slot_params(slot),
                        **{f"old_{k}": v for k, v in _slot_params(was_slot).items()},
                    },
                )
            )

    sittings_before = {row["slot"]: row["items"] for row in old["orgwork"]}
    sittings_after = {row["slot"]: row["items"] for row in new["orgwork"]}
    for slot_id, slot in slots_after.items():
        items_before = sittings_before.get(slot_id, [])
        items_after = sittings_after.get(slot_id, [])
        if slot_id in slots_before and items_before != items_after:
            found.append(
                Difference(
                    "orgwork_changed",
                    {**_slot_params(slot), "old": tuple(items_before), "new": tuple(items_after)},
                )
            )
    return found


def _slot_key(slot: Mapping[str, Any]) -> tuple[str, str, str]:
    return slot["date"], slot["start"], slot["end"]


def _slot_params(slot: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "date": date.fromisoformat(slot["date"]),
        "start": time.fromisoformat(slot["start"]),
        "end": time.fromisoformat(slot["end"]),
    }


def issued_filename(symbol: str, lang: str, fmt: str) -> str:
    """``CTOC/COP/WG.4/2018/1/Rev.1`` in French as PDF → ``CTOC-COP-WG.4-2018-1-Rev.1-fr.pdf``."""
    stem = "".join(c if c.isalnum() or c in ".-_" else "-" for c in symbol.replace("/", "-"))
    return f"{stem}-{lang}.{fmt}"
