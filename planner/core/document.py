"""The provisional agenda and annotations, with the annexed proposed organization of work, as a
tree of finished strings in one language: what the HTML page, the print version and the JSON
rendering all show. Every date, time, number, title of a standard item and documentation entry
is generated here from the data; nothing the reader sees is typed twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final
from uuid import UUID

from planner.core import formatting
from planner.core.agenda import NumberedItem, agenda_punctuation, number_agenda
from planner.core.languages import LANGUAGES, RTL_LANGUAGES, pick
from planner.core.orgwork import OrgOfWork, interpreted_count, plan
from planner.core.plain import DocumentData, ItemData, MeetingData
from planner.core.standard import REPLACEABLE, default_annotation, standard_title

#: The UN's six-week rule: documents are issued in all languages six weeks before the opening.
SIX_WEEKS: Final = timedelta(days=42)

#: Fixed wording of the document, per language.
_WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "united_nations": "United Nations",
        "title": "Provisional agenda and annotations",
        "agenda": "Provisional agenda",
        "annotations": "Annotations",
        "documentation": "Documentation",
        "annex": "Annex",
        "orgwork": "Proposed organization of work",
        "col_when": "Date and time",
        "col_item": "Agenda item",
        "col_title": "Title or description",
        "continued": "{title} (continued)",
        "distribution": "Distr.: {distribution}",
        "original": "Original: {language}",
        "dateline": "{city}, {dates}",
        "document_entry": "{listing} ({symbol})",
    },
    "zh": {
        "united_nations": "联合国",
        "title": "临时议程说明",
        "agenda": "临时议程",
        "annotations": "说明",
        "documentation": "文件",
        "annex": "附件",
        "orgwork": "拟议工作安排",
        "col_when": "日期和时间",
        "col_item": "议程项目",
        "col_title": "标题或说明",
        "continued": "{title}（续）",
        # Vienna documents keep the masthead in English in every language version.
        "distribution": "Distr.: {distribution}",
        "original": "Original: {language}",
        "dateline": "{dates}，{city}",
        "document_entry": "{listing}（{symbol}）",
    },
}

_DISTRIBUTION: Final = {"general": "General", "limited": "Limited", "restricted": "Restricted"}
_LANGUAGE_IN_ENGLISH: Final = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}

#: How a document is listed under an item, from its kind and title (a ``listing`` overrides).
_LISTINGS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "provisional_agenda": "Provisional agenda and annotations",
        "report": "{title}",
        "background_paper": "Background paper prepared by the Secretariat entitled “{title}”",
        "note_by_secretariat": "Note by the Secretariat entitled “{title}”",
        "conference_room_paper": "Conference room paper entitled “{title}”",
        "draft_resolution": "Draft resolution entitled “{title}”",
        "information_note": "Information note entitled “{title}”",
        "other": "{title}",
    },
    "zh": {
        "provisional_agenda": "临时议程和说明",
        "report": "{title}",
        "background_paper": "秘书处编写的背景文件，题为“{title}”",
        "note_by_secretariat": "秘书处的说明，题为“{title}”",
        "conference_room_paper": "会议室文件，题为“{title}”",
        "draft_resolution": "决议草案，题为“{title}”",
        "information_note": "情况说明，题为“{title}”",
        "other": "{title}",
    },
}

_OPENING: Final = {
    "en": "The {ordinal} of the {body} will be opened on {date}, at {time}.",
    "zh": "{body}{ordinal}将于{date}{time}开幕。",
}

# The interpretation sentence: whole sentences for each format and language coverage.
_CAPACITY: Final[dict[str, dict[str, str]]] = {
    "en": {
        "all": "The resources available will allow for {meetings} over {days}, with "
        "interpretation into all six official languages of the United Nations.",
        "some": "The resources available will allow for {meetings} over {days}, with "
        "interpretation into {languages}.",
        "none": "The resources available will allow for {meetings} over {days}, without "
        "interpretation.",
        "hybrid": "The meetings will be held in a hybrid format, with participation in person "
        "and online.",
        "online": "The meetings will be held online.",
    },
    "zh": {
        "all": "可用的资源将允许在{days}内举行{count}场配有联合国所有正式语文口译的全体会议。",
        "some": "可用的资源将允许在{days}内举行{count}场配有{languages}口译的全体会议。",
        "none": "可用的资源将允许在{days}内举行{count}场不配口译的全体会议。",
        "hybrid": "会议将以混合形式举行，与会者可现场或在线参加。",
        "online": "会议将在线举行。",
    },
}


def words(lang: str) -> Mapping[str, str]:
    return _WORDS.get(lang, _WORDS["en"])


@dataclass(frozen=True)
class Masthead:
    symbol: str
    organ: str  # the body whose document series this is (a working group's parent conference)
    distribution: str
    issued: str
    issued_is_deadline: bool  # no issue date is set: the six-week deadline is shown
    language_version: str | None  # the language of a translation ("Chinese"); None in the original
    original: str


@dataclass(frozen=True)
class AgendaLine:
    label: str
    title: str
    punctuation: str
    depth: int
    number: str


@dataclass(frozen=True)
class Annotation:
    label: str
    title: str
    depth: int
    number: str
    paragraphs: tuple[tuple[int, str], ...]  # (paragraph number, text)
    documents: tuple[str, ...]
    symbols: tuple[str, ...] = ()  # the symbol of each entry of ``documents``, in order


@dataclass(frozen=True)
class OrgRow:
    key: str  # the item's number in planner's canonical form, "1(a)"
    number: str  # as the document's language writes it, "1 (a)" in English
    title: str  # the item's title
    display: str  # as the table shows it: with "(continued)" where the item runs on
    continued: bool


@dataclass(frozen=True)
class OrgSitting:
    date: date
    start: str  # "10:00"
    end: str
    time: str  # "10 a.m.–1 p.m."
    interpreted: bool
    rows: tuple[OrgRow, ...]


@dataclass(frozen=True)
class OrgDay:
    date: date
    heading: str
    sittings: tuple[OrgSitting, ...]


@dataclass(frozen=True)
class AgendaDocument:
    lang: str
    direction: str
    masthead: Masthead
    session_line: str | None  # "Ninth session" for bodies that hold sessions
    body_name: str
    show_body_name: bool  # a subsidiary body is named under its parent's masthead
    dateline: str
    words: Mapping[str, str]
    agenda: tuple[AgendaLine, ...]
    annotations: tuple[Annotation, ...]
    orgwork: tuple[OrgDay, ...]
    plan: OrgOfWork = field(repr=False)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def item_title(item: ItemData, meeting: MeetingData, lang: str) -> str:
    if item.title:
        return pick(item.title, lang, meeting.original_language)
    if item.standard:
        return standard_title(item.standard, meeting.body.meeting_word, lang)
    return ""


def document_entry(doc: DocumentData, lang: str, original: str = "en") -> str:
    listing = pick(doc.listing, lang) if doc.listing else ""
    if not listing:
        template = _LISTINGS.get(lang, _LISTINGS["en"])[doc.kind]
        listing = template.format(title=pick(doc.title, lang, original))
    return words(lang)["document_entry"].format(listing=listing, symbol=doc.symbol)


def issue_date(meeting: MeetingData) -> tuple[date, bool]:
    """The masthead date: the issue date, else the six-week deadline (and whether it is that)."""
    if meeting.issued is not None:
        return meeting.issued, False
    return meeting.start - SIX_WEEKS, True


def _masthead(meeting: MeetingData, lang: str) -> Masthead:
    organ = meeting.body.parent or meeting.body
    when, is_deadline = issue_date(meeting)
    w = words(lang)
    return Masthead(
        symbol=meeting.symbol,
        organ=pick(organ.name, lang),
        distribution=w["distribution"].format(distribution=_DISTRIBUTION["general"]),
        issued=formatting.date_long(when, "en"),
        issued_is_deadline=is_deadline,
        language_version=None if lang == meeting.original_language else _LANGUAGE_IN_ENGLISH[lang],
        original=w["original"].format(language=_LANGUAGE_IN_ENGLISH[meeting.original_language]),
    )


def opening_sentence(meeting: MeetingData, lang: str) -> str | None:
    slots = sorted(meeting.active_slots, key=lambda s: (s.date, s.start))
    if not slots:
        return None
    first = slots[0]
    template = _OPENING.get(lang, _OPENING["en"])
    return _one_stop(
        template.format(
            ordinal=formatting.ordinal(meeting.number, lang, meeting.body.meeting_word),
            body=pick(meeting.body.name, lang),
            date=formatting.weekday_date(first.date, lang),
            time=formatting.time_of_day(first.start, lang),
        )
    )


def _one_stop(sentence: str) -> str:
    """A sentence that ends on an abbreviation ("10 a.m.") takes no second full stop."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def capacity_sentences(meeting: MeetingData, lang: str) -> list[str]:
    """What conference services can give, as the data says it: how many meetings, over how many
    days, interpreted into which languages, and in which format."""
    templates = _CAPACITY.get(lang, _CAPACITY["en"])
    held = sorted(meeting.active_slots, key=lambda s: (s.date, s.start))
    interpreted = interpreted_count(meeting)
    languages = [code for code in LANGUAGES if code in meeting.interpretation_languages]
    if interpreted and languages:
        counted = held[:interpreted]
        kind = "all" if len(languages) == len(LANGUAGES) else "some"
    else:
        counted, kind = held, "none"
    count = len(counted)
    days = len({s.date for s in counted})
    values = {
        "meetings": formatting.count_phrase(count, "plenary_meeting", lang),
        "days": formatting.count_phrase(days, "day", lang),
        "count": formatting.cardinal(count, lang),
        "languages": formatting.language_names(languages, lang) if languages else "",
    }
    sentences = [templates[kind].format(**values)]
    if meeting.format in ("hybrid", "online"):
        sentences.append(templates[meeting.format])
    return sentences


def _paragraphs(text: str) -> list[str]:
    """A paragraph break is a blank line (MEETING-FILE.md)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _annotation_paragraphs(numbered: NumberedItem, meeting: MeetingData, lang: str) -> list[str]:
    item = numbered.item
    own = _paragraphs(pick(item.annotation, lang, meeting.original_language))
    kind = item.standard
    short = pick(meeting.body.short_name, lang)
    values = {
        "short": _sentence_case(short),
        "short_lc": short,
        "item": formatting.item_number(numbered.path, lang),
    }
    if kind == "opening":
        opening = opening_sentence(meeting, lang)
        return ([opening] if opening else []) + own
    if kind == "adoption_of_agenda":
        default = default_annotation(kind, meeting.body.meeting_word, lang) or ""
        paragraphs = own or [default.format(**values)]
        extra = capacity_sentences(meeting, lang)
        joiner = "" if lang == "zh" else " "
        paragraphs[-1] = joiner.join([paragraphs[-1], *extra])
        return paragraphs
    if kind in REPLACEABLE and not own:
        template = default_annotation(kind, meeting.body.meeting_word, lang)
        return [template.format(**values)] if template else []
    return own


def _orgwork(
    meeting: MeetingData,
    lang: str,
    titles: Mapping[UUID, str],
    paths: Mapping[UUID, tuple[int, ...]],
    planned: OrgOfWork,
) -> tuple[OrgDay, ...]:
    w = words(lang)
    days: dict[date, list[OrgSitting]] = {}
    for sitting in planned.sittings:
        if not sitting.entries and not sitting.interpreted:
            continue
        rows = tuple(
            OrgRow(
                key=e.number,
                number=formatting.item_number(paths[e.item_id], lang),
                title=titles[e.item_id],
                display=w["continued"].format(title=titles[e.item_id])
                if e.continued
                else titles[e.item_id],
                continued=e.continued,
            )
            for e in sitting.entries
        )
        slot = sitting.slot
        days.setdefault(slot.date, []).append(
            OrgSitting(
                date=slot.date,
                start=slot.start.strftime("%H:%M"),
                end=slot.end.strftime("%H:%M"),
                time=formatting.time_range(slot.start, slot.end, lang),
                interpreted=sitting.interpreted,
                rows=rows,
            )
        )
    return tuple(
        OrgDay(date=d, heading=formatting.day_heading(d, lang), sittings=tuple(s))
        for d, s in sorted(days.items())
    )


def build(meeting: MeetingData, lang: str) -> AgendaDocument:
    """The whole document in ``lang``."""
    if lang not in LANGUAGES:
        raise ValueError(f"{lang!r} is not one of the six official languages")
    w = words(lang)
    numbered = number_agenda(meeting.agenda)
    titles = {n.item.public_id: item_title(n.item, meeting, lang) for n in numbered}
    agenda = tuple(
        AgendaLine(
            label=formatting.item_label(n.path, lang),
            title=titles[n.item.public_id],
            punctuation=agenda_punctuation(n, lang),
            depth=n.depth,
            number=n.number,
        )
        for n in numbered
    )
    annotations = []
    paragraph_number = 0
    for n in numbered:
        paragraphs = []
        for text in _annotation_paragraphs(n, meeting, lang):
            paragraph_number += 1
            paragraphs.append((paragraph_number, text))
        annotations.append(
            Annotation(
                label=formatting.item_label(n.path, lang),
                title=titles[n.item.public_id],
                depth=n.depth,
                number=n.number,
                paragraphs=tuple(paragraphs),
                documents=tuple(
                    document_entry(d, lang, meeting.original_language) for d in n.item.documents
                ),
                symbols=tuple(d.symbol for d in n.item.documents),
            )
        )
    planned = plan(meeting)
    city = pick(meeting.city, lang)
    dates = formatting.date_span(meeting.start, meeting.end, lang)
    session_line = None
    if meeting.body.meeting_word == "session":
        session_line = _sentence_case(formatting.ordinal(meeting.number, lang, "session"))
    return AgendaDocument(
        lang=lang,
        direction="rtl" if lang in RTL_LANGUAGES else "ltr",
        masthead=_masthead(meeting, lang),
        session_line=session_line,
        body_name=pick(meeting.body.name, lang),
        show_body_name=meeting.body.parent is not None,
        dateline=w["dateline"].format(city=city, dates=dates) if city else dates,
        words=w,
        agenda=agenda,
        annotations=tuple(annotations),
        orgwork=_orgwork(
            meeting, lang, titles, {n.item.public_id: n.path for n in numbered}, planned
        ),
        plan=planned,
    )
