"""Translating a meeting's texts: status per language, saving and confirming one unit, and
exchanging a language's units as XLIFF 2.0. Functions flush; the view or command commits once.

A unit is one author text (or one annotation paragraph) of what the meeting's document uses; see
planner.core.translation for what "out of date" means and how it is told.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from planner.core import xliff
from planner.core.languages import LANGUAGES
from planner.core.translation import (
    FIELDS,
    PARAGRAPH_FIELDS,
    FieldStamps,
    LanguageStatus,
    TextField,
    Unit,
    decode,
    encode,
    fingerprint,
    fresh_stamp,
    meeting_fields,
    pieces,
    replace_piece,
    status_table,
    units,
)
from planner.documents.editing import meetings_listing
from planner.history.service import meeting_change, record_change
from planner.models import (
    AgendaItem,
    AgendaItemText,
    Body,
    BodyText,
    Document,
    DocumentText,
    Meeting,
    User,
)
from planner.models.base import utcnow
from planner.services.revisions import refresh_revisions
from planner.services.snapshot import meeting_data
from planner.services.sync import set_texts

#: Longest text a unit may hold (the forms' limit for a multilingual text).
MAX_LENGTH = 20000


# --- Reading -----------------------------------------------------------------------------------


def _records(meeting: Meeting) -> dict[UUID, Any]:
    """The meeting's records whose texts are translated, by public id."""
    out: dict[UUID, Any] = {meeting.body.public_id: meeting.body}
    if meeting.body.parent is not None:
        out[meeting.body.parent.public_id] = meeting.body.parent
    for item in meeting.items:
        out[item.public_id] = item
        for link in item.document_links:
            out[link.document.public_id] = link.document
    return out


def _kind(record: Any) -> str:
    return (
        "body"
        if isinstance(record, Body)
        else "item"
        if isinstance(record, AgendaItem)
        else "document"
    )


def text_fields(meeting: Meeting) -> list[TextField]:
    """Every translated text of the meeting, with each language's stamps."""
    stamps: dict[tuple[UUID, str], dict[str, FieldStamps]] = {}
    for public_id, record in _records(meeting).items():
        for lang, row in record.texts.items():
            decoded = decode(row.sources or "")
            for field in FIELDS[_kind(record)]:  # type: ignore[index]
                stamps.setdefault((public_id, field), {})[lang] = decoded.get(field, [])
    return meeting_fields(meeting_data(meeting, citations=False), stamps)


def status(meeting: Meeting) -> list[LanguageStatus]:
    return status_table(text_fields(meeting), meeting.original_language)


def language_units(meeting: Meeting, lang: str) -> list[Unit]:
    return units(text_fields(meeting), meeting.original_language, lang)


def base_token(unit: Unit) -> str:
    """What a save is based on: the original and the translation as the page showed them."""
    return f"{fingerprint(unit.source)}:{fingerprint(unit.target)}"


#: Unicode's first-strong isolate and pop directional isolate: a symbol inside a sentence of a
#: right-to-left interface keeps its own direction.
_FSI, _PDI = "\u2068", "\u2069"


def describe(unit: Unit, isolate: bool = False) -> str:
    """Where a unit is, for a translator: "Item 2(a), annotation, paragraph 1" (``isolate``:
    the symbol or number set apart for a page that may be right to left)."""
    ref = f"{_FSI}{unit.ref}{_PDI}" if isolate else unit.ref
    field_names = {
        "name": _("name"),
        "short_name": _("short name"),
        "title": _("title"),
        "annotation": _("annotation"),
        "listing": _("listing"),
    }
    where = {
        "body": _("Body %(symbol)s", symbol=ref),
        "item": _("Item %(number)s", number=ref),
        "document": _("Document %(symbol)s", symbol=ref),
    }[unit.kind]
    text = f"{where}, {field_names[unit.field]}"
    if unit.paragraph is not None and unit.paragraphs > 1:
        text += ", " + _("paragraph %(number)d", number=unit.paragraph)
    return text


def stale_lines(meeting: Meeting, languages: Iterable[str]) -> list[str]:
    """One line per out-of-date translation, for `planner check`."""
    fields = text_fields(meeting)
    original = meeting.original_language
    out = []
    for lang in languages:
        if lang == original:
            continue
        for unit in units(fields, original, lang):
            if unit.status == "out_of_date":
                out.append(
                    _(
                        "%(lang)s: %(where)s is out of date: the original (%(original)s) changed "
                        "after it was translated; update or confirm it.",
                        lang=lang,
                        where=describe(unit),
                        original=original,
                    )
                )
    return out


# --- Writing one unit --------------------------------------------------------------------------


class TranslationRefused(Exception):
    """Nothing was saved; the message says why, in the interface language."""


class StaleTranslation(Exception):
    """A colleague saved this unit (or its original changed) after the page was opened."""

    def __init__(self, current: Unit | None) -> None:
        super().__init__("the translation changed since the page was opened")
        self.current = current


def find_unit(meeting: Meeting, lang: str, key: str) -> Unit | None:
    return next((u for u in language_units(meeting, lang) if u.key == key), None)


_ROWS = {"body": BodyText, "item": AgendaItemText, "document": DocumentText}


def _write(meeting: Meeting, lang: str, unit: Unit, value: str | None) -> None:
    """Set the unit to ``value`` (None: leave the text, only confirm) and stamp it against the
    other languages as they now are. The caller records the change."""
    record = _records(meeting)[unit.record]
    index = (unit.paragraph or 1) - 1
    texts = {field: record.text(field) for field in FIELDS[_kind(record)]}  # type: ignore[index]
    if value is not None:
        current = texts[unit.field].get(lang, "")
        replaced = replace_piece(unit.field, current, index, value)
        if replaced is None:
            if value.strip():
                raise TranslationRefused(
                    _(
                        "Translate paragraph %(number)d first: paragraphs are kept in the "
                        "original's order.",
                        number=len(pieces(unit.field, current)) + 1,
                    )
                )
            raise TranslationRefused(
                _(
                    "Only the last paragraph can be left empty; emptying paragraph %(number)d "
                    "would move the paragraphs after it.",
                    number=index + 1,
                )
            )
        texts[unit.field] = {**texts[unit.field], lang: replaced}
    set_texts(record.texts, lambda code: _ROWS[_kind(record)](lang=code), texts)
    row = record.texts.get(lang)
    if row is not None and index < len(pieces(unit.field, texts[unit.field].get(lang, ""))):
        stamps = decode(row.sources or "")
        values = list(stamps.get(unit.field, []))
        while len(values) <= index:
            values.append({})
        values[index] = fresh_stamp(unit.field, index, lang, texts[unit.field])
        stamps[unit.field] = values
        row.sources = encode(stamps)
    record.updated_at = utcnow()  # a new version: forms opened before this save are stale


def _check_text(value: str, field: str) -> None:
    if field in PARAGRAPH_FIELDS and len(pieces(field, value)) > 1:
        raise TranslationRefused(
            _(
                "Translate one paragraph here, without blank lines: each paragraph of the "
                "original has its own box."
            )
        )
    if len(value) > MAX_LENGTH:
        raise TranslationRefused(
            _("The text is too long: at most %(max)d characters.", max=MAX_LENGTH)
        )
    bad = xliff.control_character(value)
    if bad:
        raise TranslationRefused(
            _("The text contains the control character %(char)s; remove it.", char=bad)
        )


def save_unit(
    session: Session,
    user: User | None,
    meeting: Meeting,
    lang: str,
    key: str,
    value: str | None,
    base: str,
) -> Unit | None:
    """Save (``value``) or confirm (None) one unit of ``lang``. Raise StaleTranslation when the
    page was opened on another original or translation than the one now saved. Returns the
    unit as saved (None when emptying a paragraph the original no longer has removed it)."""
    unit = find_unit(meeting, lang, key)
    if unit is None or lang == meeting.original_language:
        raise StaleTranslation(None)
    if base_token(unit) != base:
        raise StaleTranslation(unit)
    if value is not None:
        value = value.replace("\r\n", "\n").strip()
        _check_text(value, unit.field)
    if value is None and not unit.target:
        raise TranslationRefused(_("There is no translation to confirm yet."))
    verb = "Confirmed" if value is None else "Translated"
    _apply_all(session, user, meeting, lang, [(unit, value)], f"{verb} {lang}: {key}")
    return find_unit(meeting, lang, key)


def _apply_all(
    session: Session,
    user: User | None,
    meeting: Meeting,
    lang: str,
    changes: Sequence[tuple[Unit, str | None]],
    summary: str,
) -> None:
    """Write ``changes`` with the history of each record they touch, then refresh the calendar
    revisions of the meetings that show those records."""
    records = _records(meeting)
    touched = {unit.record for unit, _value in changes}
    shared = [records[r] for r in touched if not isinstance(records[r], AgendaItem)]
    with meeting_change(session, user, meeting, summary):
        for unit, value in changes:
            if isinstance(records[unit.record], AgendaItem):
                _write(meeting, lang, unit, value)
    for record in shared:
        with record_change(session, user, record, summary):
            for unit, value in changes:
                if unit.record == record.public_id:
                    _write(meeting, lang, unit, value)
            session.flush()
    if shared:
        others: set[Meeting] = {meeting}
        for record in shared:
            if isinstance(record, Body):
                others.update(record.meetings)
            elif isinstance(record, Document):
                others.update(meetings_listing(session, record))
        for other in others:
            refresh_revisions(session, other)
    session.flush()


# --- XLIFF -------------------------------------------------------------------------------------


def export_xliff(meeting: Meeting, lang: str) -> bytes:
    """The units of ``lang`` as XLIFF 2.0, the original as source."""
    exported = [
        xliff.ExportUnit(
            id=unit.key,
            note=describe(unit),
            source=unit.source,
            target=unit.target,
            state="final" if unit.status == "up_to_date" else "initial",
            out_of_date=unit.status == "out_of_date",
        )
        for unit in language_units(meeting, lang)
    ]
    return xliff.write(exported, meeting.original_language, lang, meeting.symbol)


@dataclass(frozen=True)
class XliffProblem:
    unit: str | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.line:
            where.append(_("line %(line)d", line=self.line))
        if self.unit:
            where.append(_("unit %(unit)s", unit=self.unit))
        return f"{', '.join(where)}: {self.message}" if where else self.message


class XliffRefused(Exception):
    """Nothing was imported; every problem found is listed."""

    def __init__(self, problems: Sequence[XliffProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


def _message(problem: xliff.Problem) -> str:
    v = problem.values
    messages = {
        "doctype": _("The file declares a DOCTYPE; XLIFF files have none, and none is read."),
        "malformed": _("The file is not well-formed XML: %(reason)s.", reason=v.get("reason", "")),
        "not_xliff": _(
            "The file is not XLIFF: its root element is %(root)s.", root=v.get("root", "")
        ),
        "version": _(
            "The file is XLIFF version “%(version)s”; planner reads XLIFF 2.0.",
            version=v.get("version", ""),
        ),
        "files": _(
            "The file has %(count)s <file> elements; a meeting's export has exactly one.",
            count=v.get("count", ""),
        ),
        "unit_without_id": _("A <unit> has no id."),
        "duplicate_unit": _("This unit appears twice in the file."),
        "no_source": _("A segment of this unit has no <source>."),
        "inline_markup": _(
            "The unit contains the inline element %(element)s; planner's texts are plain text.",
            element=v.get("element", ""),
        ),
        "control_character": _(
            "The unit contains the control character %(char)s; remove it.", char=v.get("char", "")
        ),
    }
    return messages.get(problem.code, problem.code)


def import_xliff(
    session: Session, user: User | None, meeting: Meeting, data: bytes, lang: str | None = None
) -> int:
    """Apply a translated XLIFF 2.0 file of this meeting (into ``lang``, when given): every
    unit, or none if any has a problem (XliffRefused). Returns how many units were changed.

    An empty or absent target leaves the text as it is; a target equal to the saved one changes
    nothing unless the file marks it reviewed or final, which confirms an out-of-date
    translation."""
    try:
        parsed = xliff.read(data)
    except xliff.XliffError as error:
        raise XliffRefused(
            [XliffProblem(p.unit, p.line, _message(p)) for p in error.problems]
        ) from None
    problems: list[XliffProblem] = []
    original = meeting.original_language
    if lang is not None and parsed.target_language != lang:
        problems.append(
            XliffProblem(
                None,
                None,
                _(
                    "The file translates into “%(found)s”; this page is for %(lang)s.",
                    found=parsed.target_language,
                    lang=lang,
                ),
            )
        )
    lang = parsed.target_language
    if parsed.source_language != original:
        problems.append(
            XliffProblem(
                None,
                None,
                _(
                    "The file's source language is “%(found)s”; this meeting's original "
                    "language is %(original)s.",
                    found=parsed.source_language,
                    original=original,
                ),
            )
        )
    if lang not in LANGUAGES or lang == original:
        problems.append(
            XliffProblem(
                None,
                None,
                _(
                    "The file's target language is “%(found)s”; it must be one of the official "
                    "languages other than the original (%(original)s).",
                    found=lang,
                    original=original,
                ),
            )
        )
    if parsed.original != meeting.symbol:
        problems.append(
            XliffProblem(
                None,
                None,
                _(
                    "The file is an export of “%(found)s”, not of %(symbol)s.",
                    found=parsed.original,
                    symbol=meeting.symbol,
                ),
            )
        )
    if problems:
        raise XliffRefused(problems)

    known = {u.key: u for u in language_units(meeting, lang)}
    changes: list[tuple[Unit, str | None]] = []
    # Check the whole file against a copy of the texts before writing anything.
    working: dict[tuple[UUID, str], str] = {}
    for imported in parsed.units:
        unit = known.get(imported.id)
        if unit is None:
            problems.append(
                XliffProblem(
                    imported.id,
                    imported.line,
                    _(
                        "No text of this meeting has this unit id (a unit of another meeting, or "
                        "removed since the export)."
                    ),
                )
            )
            continue
        if fingerprint(imported.source) != fingerprint(unit.source):
            problems.append(
                XliffProblem(
                    imported.id,
                    imported.line,
                    _(
                        "The original text changed since the export: export the file again and "
                        "translate the new text."
                    ),
                )
            )
            continue
        target = (imported.target or "").replace("\r\n", "\n").strip()
        if not target:
            continue
        try:
            _check_text(target, unit.field)
        except TranslationRefused as refused:
            problems.append(XliffProblem(imported.id, imported.line, str(refused)))
            continue
        slot = (unit.record, unit.field)
        current = working.get(slot, _field_text(meeting, unit, lang))
        if fingerprint(target) == fingerprint(unit.target):
            if unit.status == "out_of_date" and imported.state in ("reviewed", "final"):
                changes.append((unit, None))
            continue
        replaced = replace_piece(unit.field, current, (unit.paragraph or 1) - 1, target)
        if replaced is None:
            problems.append(
                XliffProblem(
                    imported.id,
                    imported.line,
                    _(
                        "Translate the paragraphs before this one first: paragraphs are kept in "
                        "the original's order."
                    ),
                )
            )
            continue
        working[slot] = replaced
        changes.append((unit, target))
    if problems:
        raise XliffRefused(problems)
    if changes:
        _apply_sequentially(session, user, meeting, lang, changes)
    return len(changes)


def _field_text(meeting: Meeting, unit: Unit, lang: str) -> str:
    record = _records(meeting)[unit.record]
    return str(record.text(unit.field).get(lang, ""))


def _apply_sequentially(
    session: Session,
    user: User | None,
    meeting: Meeting,
    lang: str,
    changes: Sequence[tuple[Unit, str | None]],
) -> None:
    """Apply checked changes in paragraph order (a later paragraph may follow a new one)."""
    ordered = sorted(changes, key=lambda c: (str(c[0].record), c[0].field, c[0].paragraph or 0))
    _apply_all(session, user, meeting, lang, ordered, f"Imported {lang} translations (XLIFF)")
