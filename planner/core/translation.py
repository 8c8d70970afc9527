"""Translation units of a meeting and their status: missing, out of date or up to date.

A meeting is drafted in its original language and translated into the other five. Every author
text of what the meeting's document uses (the body's names, the item titles, the annotations
paragraph by paragraph, the documents' titles and listings) is a *unit* in each language.

Whether a translation is out of date is told by fingerprints. Each text row keeps, per field and
per paragraph, the fingerprints of the texts of the *other* languages as they were when that
paragraph was written (its "stamp"). A translation is out of date when the original-language
paragraph's fingerprint no longer matches the one in its stamp: the original changed after the
translation was saved, and the translation has not been updated or confirmed since. Stamping every
other language (rather than one source) means that no record has to know in advance which
language it will be translated from: bodies and documents serve meetings of any original language.

Pure: plain data in and out; the services read and write the ``sources`` column.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from planner.core.agenda import number_agenda
from planner.core.languages import LANGUAGES
from planner.core.plain import MeetingData

Status = Literal["missing", "out_of_date", "up_to_date"]
Kind = Literal["body", "item", "document"]

#: One paragraph's stamp: language → fingerprint of that language's paragraph when it was written.
Stamp = Mapping[str, str]
#: A field's stamps, one per paragraph of the translation.
FieldStamps = Sequence[Stamp]

#: Fields translated paragraph by paragraph (a blank line separates paragraphs).
PARAGRAPH_FIELDS = frozenset({"annotation"})

#: The fields of each kind of record that a translator translates, in the order they are shown.
FIELDS: Mapping[Kind, tuple[str, ...]] = {
    "body": ("name", "short_name"),
    "item": ("title", "annotation"),
    "document": ("title", "listing"),
}


def normalize(text: str) -> str:
    """The text as a fingerprint sees it: NFC, runs of white space as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(text: str) -> str:
    """A short fingerprint of a text (64 bits of SHA-256): enough to tell a change."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:16]


def pieces(field: str, text: str) -> list[str]:
    """The translation units of one field's text: paragraphs for annotations, else the text."""
    if field in PARAGRAPH_FIELDS:
        return [p.strip() for p in text.split("\n\n") if p.strip()]
    return [text.strip()] if text.strip() else []


def join(field: str, parts: Sequence[str]) -> str:
    return "\n\n".join(p.strip() for p in parts if p.strip())


def fresh_stamp(field: str, index: int, lang: str, texts: Mapping[str, str]) -> dict[str, str]:
    """The stamp of paragraph ``index`` of ``lang``'s text: every other language's paragraph."""
    out: dict[str, str] = {}
    for other, text in texts.items():
        if other == lang:
            continue
        parts = pieces(field, text)
        if index < len(parts):
            out[other] = fingerprint(parts[index])
    return out


def restamp(
    field: str,
    lang: str,
    old_text: str,
    texts: Mapping[str, str],
    old_stamps: FieldStamps,
) -> list[dict[str, str]]:
    """The stamps of ``lang``'s text after a save that left every language as ``texts`` says.

    A paragraph written anew is stamped against the other languages as they are now; a paragraph
    the save left as it was keeps its stamp (so saving one paragraph, or the original, confirms
    nothing else)."""
    old = pieces(field, old_text)
    new = pieces(field, texts.get(lang, ""))
    out: list[dict[str, str]] = []
    for index, part in enumerate(new):
        kept = (
            index < len(old)
            and index < len(old_stamps)
            and normalize(old[index]) == normalize(part)
        )
        out.append(dict(old_stamps[index]) if kept else fresh_stamp(field, index, lang, texts))
    return out


def decode(raw: str) -> dict[str, list[dict[str, str]]]:
    """A row's ``sources`` column: field → stamps per paragraph. Unreadable means none."""
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, list[dict[str, str]]] = {}
    for field, stamps in data.items():
        if isinstance(stamps, list):
            out[str(field)] = [
                {str(k): str(v) for k, v in s.items()} for s in stamps if isinstance(s, dict)
            ]
    return out


def encode(stamps: Mapping[str, Sequence[Stamp]]) -> str:
    """The ``sources`` column for ``stamps`` (keys sorted: the same stamps, the same text)."""
    kept = {field: [dict(s) for s in values] for field, values in stamps.items() if values}
    return (
        json.dumps(kept, sort_keys=True, separators=(",", ":"), ensure_ascii=True) if kept else ""
    )


# --- Units -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextField:
    """One multilingual field of one record, as stored: its texts and each language's stamps."""

    kind: Kind
    record: UUID
    field: str
    ref: str  # the body's or document's symbol, the item's number ("2(a)")
    texts: Mapping[str, str]
    stamps: Mapping[str, FieldStamps]


@dataclass(frozen=True)
class Unit:
    key: str  # stable across exports: "item.<uuid>.annotation.2"
    kind: Kind
    record: UUID
    field: str
    ref: str
    paragraph: int | None  # 1-based, for fields translated paragraph by paragraph
    paragraphs: int  # how many units the field has in this language
    source: str
    target: str
    status: Status


def unit_key(kind: str, record: UUID, field: str, paragraph: int | None) -> str:
    base = f"{kind}.{record}.{field}"
    return f"{base}.{paragraph}" if paragraph is not None else base


def field_units(text: TextField, original: str, lang: str) -> list[Unit]:
    """The units of one field in ``lang``, beside the original's paragraphs."""
    source = pieces(text.field, text.texts.get(original, ""))
    target = pieces(text.field, text.texts.get(lang, ""))
    anywhere = any(t.strip() for t in text.texts.values())
    count = max(len(source), len(target), 1 if anywhere else 0)
    stamps = text.stamps.get(lang, ())
    split = text.field in PARAGRAPH_FIELDS
    units = []
    for index in range(count):
        src = source[index] if index < len(source) else ""
        tgt = target[index] if index < len(target) else ""
        status: Status
        if not tgt:
            status = "missing"
        elif lang == original:
            status = "up_to_date"
        elif not src:
            status = "out_of_date"  # the original no longer has this paragraph
        else:
            stamp = stamps[index] if index < len(stamps) else {}
            status = "up_to_date" if stamp.get(original) == fingerprint(src) else "out_of_date"
        paragraph = index + 1 if split else None
        units.append(
            Unit(
                key=unit_key(text.kind, text.record, text.field, paragraph),
                kind=text.kind,
                record=text.record,
                field=text.field,
                ref=text.ref,
                paragraph=paragraph,
                paragraphs=count,
                source=src,
                target=tgt,
                status=status,
            )
        )
    return units


def units(fields: Iterable[TextField], original: str, lang: str) -> list[Unit]:
    return [u for f in fields for u in field_units(f, original, lang)]


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    total: int
    missing: int
    out_of_date: int

    @property
    def complete(self) -> bool:
        return not self.missing and not self.out_of_date


def status_table(fields: Sequence[TextField], original: str) -> list[LanguageStatus]:
    """For each of the six languages: how many units, missing, out of date."""
    out = []
    for lang in LANGUAGES:
        found = units(fields, original, lang)
        out.append(
            LanguageStatus(
                lang=lang,
                total=len(found),
                missing=sum(u.status == "missing" for u in found),
                out_of_date=sum(u.status == "out_of_date" for u in found),
            )
        )
    return out


def meeting_fields(
    meeting: MeetingData, stamps: Mapping[tuple[UUID, str], Mapping[str, FieldStamps]]
) -> list[TextField]:
    """Every author text the meeting's document uses, in document order: the organ's name (the
    masthead), the body's names, each item's title and annotation, each listed document's title
    and listing. ``stamps`` maps (record, field) to each language's stamps."""

    def make(kind: Kind, record: UUID, field: str, ref: str, texts: Mapping[str, str]) -> TextField:
        return TextField(kind, record, field, ref, dict(texts), stamps.get((record, field), {}))

    out: list[TextField] = []
    body = meeting.body
    organ = body.parent
    if organ is not None:
        out.append(make("body", organ.public_id, "name", organ.symbol, organ.name))
    out.append(make("body", body.public_id, "name", body.symbol, body.name))
    out.append(make("body", body.public_id, "short_name", body.symbol, body.short_name))
    seen_documents: set[UUID] = set()
    documents = []
    for numbered in number_agenda(meeting.agenda):
        item = numbered.item
        for field, texts in (("title", item.title), ("annotation", item.annotation)):
            if any(t.strip() for t in texts.values()):
                out.append(make("item", item.public_id, field, numbered.number, texts))
        for doc in item.documents:
            if doc.public_id not in seen_documents:
                seen_documents.add(doc.public_id)
                documents.append(doc)
    for doc in documents:
        for field, texts in (("title", doc.title), ("listing", doc.listing)):
            if any(t.strip() for t in texts.values()):
                out.append(make("document", doc.public_id, field, doc.symbol, texts))
    return [f for f in out if any(t.strip() for t in f.texts.values())]


def replace_piece(field: str, text: str, index: int, value: str) -> str | None:
    """``text`` with unit ``index`` (0-based) set to ``value``; None when that would reorder
    paragraphs (a paragraph written after a missing one, or an inner paragraph emptied)."""
    parts = pieces(field, text)
    value = value.strip()
    if index < len(parts):
        if not value and index != len(parts) - 1:
            return None
        parts[index] = value
    elif index == len(parts):
        if value:
            parts.append(value)
    else:
        return None if value else text
    return join(field, parts)
