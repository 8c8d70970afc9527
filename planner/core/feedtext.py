"""What each calendar event says, in the reader's language: one event per half-day meeting and one
all-day event for the meeting as a whole.

Decisions (see docs/feeds.md):
- The all-day event spans the meeting's days, marked free (TRANSP:TRANSPARENT) so that it never
  blocks time. It shows the meeting's span and place at a glance in month views, carries the
  postponement or cancellation of the whole meeting under one identity, and is all a public feed
  shows of a restricted meeting (dates and title only).
- A cancelled half-day meeting, or every event of a postponed or cancelled meeting, stays in the
  feed with STATUS:CANCELLED and the word "Cancelled"/"Postponed" in the reader's language at the
  start of its title (Outlook shows the status nowhere else) until :data:`KEEP_CANCELLED` after
  its date: long enough for every client's refresh (Google about daily, Nextcloud weekly) to see
  it while it still matters; after that it is only clutter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from planner.core import formatting
from planner.core.agenda import number_agenda
from planner.core.document import city_name, item_title
from planner.core.ical import FeedEvent
from planner.core.languages import pick
from planner.core.orgwork import OrgOfWork, plan
from planner.core.plain import DocumentData, ItemData, MeetingData

KEEP_CANCELLED: Final = timedelta(days=30)
_EPOCH: Final = datetime(2000, 1, 1, tzinfo=UTC)

_LABELS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "summary": "{body}, {ordinal}: {items}",
        "summary_plain": "{body}, {ordinal}",
        "items_one": "item {numbers}",
        "items_many": "items {numbers}",
        "cancelled": "Cancelled: {summary}",
        "postponed": "Postponed: {summary}",
        "agenda_items": "Agenda items:",
        "documents": "Documents:",
        "page": "Provisional agenda and annotations: {url}",
        "continued": "{title} (continued)",
        "informal": "Informal consultations, without interpretation.",
        "summary_informal": "{body}, {ordinal}: informal consultations",
        "interpretation": "Interpretation into {languages}.",
        "online": "Online",
        "place_hybrid": "{place} and online",
        "restricted": "Restricted meeting: details are available to registered participants.",
        "whole": "{body}, {ordinal}",
        "calendar_meeting": "{body}, {ordinal}",
        "calendar_body": "{body}: meetings",
        "calendar_all": "Meetings of intergovernmental working groups",
        "local_time": "Times are local time in {zone}.",
    },
    "zh": {
        "summary": "{body}{ordinal}：{items}",
        "summary_plain": "{body}{ordinal}",
        "items_one": "项目{numbers}",
        "items_many": "项目{numbers}",
        "cancelled": "已取消：{summary}",
        "postponed": "已推迟：{summary}",
        "agenda_items": "议程项目：",
        "documents": "文件：",
        "page": "临时议程说明：{url}",
        "continued": "{title}（续）",
        "informal": "非正式磋商，不提供口译。",
        "summary_informal": "{body}{ordinal}：非正式磋商",
        "interpretation": "配有{languages}口译。",
        "online": "在线",
        "place_hybrid": "{place}及在线",
        "restricted": "非公开会议：详情仅向已登记的与会者提供。",
        "whole": "{body}{ordinal}",
        "calendar_meeting": "{body}{ordinal}",
        "calendar_body": "{body}：会议",
        "calendar_all": "政府间工作组会议",
        "local_time": "时间为{zone}当地时间。",
    },
    "fr": {
        "summary": "{body}, {ordinal} : {items}",
        "summary_plain": "{body}, {ordinal}",
        "items_one": "point {numbers}",
        "items_many": "points {numbers}",
        "cancelled": "Annulé : {summary}",
        "postponed": "Reporté : {summary}",
        "agenda_items": "Points de l'ordre du jour :",
        "documents": "Documents :",
        "page": "Ordre du jour provisoire annoté : {url}",
        "continued": "{title} (suite)",
        "informal": "Consultations informelles, sans interprétation.",
        "summary_informal": "{body}, {ordinal} : consultations informelles",
        "interpretation": "Interprétation en {languages}.",
        "online": "En ligne",
        "place_hybrid": "{place} et en ligne",
        "restricted": "Réunion restreinte : les détails sont communiqués aux participants inscrits.",
        "whole": "{body}, {ordinal}",
        "calendar_meeting": "{body}, {ordinal}",
        "calendar_body": "{body} : réunions",
        "calendar_all": "Réunions des groupes de travail intergouvernementaux",
        "local_time": "Heures locales ({zone}).",
    },
    "es": {
        "summary": "{body}, {ordinal}: {items}",
        "summary_plain": "{body}, {ordinal}",
        "items_one": "tema {numbers}",
        "items_many": "temas {numbers}",
        "cancelled": "Cancelada: {summary}",
        "postponed": "Aplazada: {summary}",
        "agenda_items": "Temas del programa:",
        "documents": "Documentos:",
        "page": "Programa provisional y anotaciones: {url}",
        "continued": "{title} (continuación)",
        "informal": "Consultas oficiosas, sin interpretación.",
        "summary_informal": "{body}, {ordinal}: consultas oficiosas",
        "interpretation": "Interpretación a {languages}.",
        "online": "En línea",
        "place_hybrid": "{place} y en línea",
        "restricted": "Reunión restringida: los detalles se comunican a los participantes inscritos.",
        "whole": "{body}, {ordinal}",
        "calendar_meeting": "{body}, {ordinal}",
        "calendar_body": "{body}: reuniones",
        "calendar_all": "Reuniones de grupos de trabajo intergubernamentales",
        "local_time": "Horas locales ({zone}).",
    },
    "ru": {
        "summary": "{body}, {ordinal}: {items}",
        "summary_plain": "{body}, {ordinal}",
        "items_one": "пункт {numbers}",
        "items_many": "пункты {numbers}",
        "cancelled": "Отменено: {summary}",
        "postponed": "Перенесено: {summary}",
        "agenda_items": "Пункты повестки дня:",
        "documents": "Документы:",
        "page": "Предварительная повестка дня и аннотации: {url}",
        "continued": "{title} (продолжение)",
        "informal": "Неофициальные консультации без устного перевода.",
        "summary_informal": "{body}, {ordinal}: неофициальные консультации",
        "interpretation": "Устный перевод на {languages}.",
        "online": "Онлайн",
        "place_hybrid": "{place} и онлайн",
        "restricted": "Закрытое заседание: подробности сообщаются зарегистрированным участникам.",
        "whole": "{body}, {ordinal}",
        "calendar_meeting": "{body}, {ordinal}",
        "calendar_body": "{body}: заседания",
        "calendar_all": "Заседания межправительственных рабочих групп",
        "local_time": "Местное время ({zone}).",
    },
    "ar": {
        "summary": "{body}، {ordinal}: {items}",
        "summary_plain": "{body}، {ordinal}",
        "items_one": "البند {numbers}",
        "items_many": "البنود {numbers}",
        "cancelled": "أُلغي: {summary}",
        "postponed": "أُرجئ: {summary}",
        "agenda_items": "بنود جدول الأعمال:",
        "documents": "الوثائق:",
        "page": "جدول الأعمال المؤقت وشروحه: {url}",
        "continued": "{title} (تابع)",
        "informal": "مشاورات غير رسمية، دون ترجمة شفوية.",
        "summary_informal": "{body}، {ordinal}: مشاورات غير رسمية",
        "interpretation": "ترجمة شفوية إلى {languages}.",
        "online": "عبر الإنترنت",
        "place_hybrid": "{place} وعبر الإنترنت",
        "restricted": "اجتماع مقيَّد: تُتاح التفاصيل للمشاركين المسجلين.",
        "whole": "{body}، {ordinal}",
        "calendar_meeting": "{body}، {ordinal}",
        "calendar_body": "{body}: الاجتماعات",
        "calendar_all": "اجتماعات الأفرقة العاملة الحكومية الدولية",
        "local_time": "الأوقات بالتوقيت المحلي ({zone}).",
    },
}


def labels(lang: str) -> Mapping[str, str]:
    return _LABELS[lang]


@dataclass(frozen=True)
class Links:
    """Addresses the events point at, made by the web layer."""

    meeting_page: Callable[[MeetingData, str], str]
    document: Callable[[DocumentData, str], str]


def _local(day: date, at: object, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)  # type: ignore[arg-type]


def _place(meeting: MeetingData, lang: str) -> str:
    words = labels(lang)
    # the city as the documents name it: the file's, else CLDR's name of the zone's city
    city = str(city_name(meeting, lang))
    parts = [p for p in (pick(meeting.venue, lang), city) if p]
    place = "，".join(parts) if lang == "zh" else ", ".join(parts)
    if meeting.format == "online" or not place:
        return words["online"] if meeting.format != "in_person" else place
    if meeting.format == "hybrid":
        return words["place_hybrid"].format(place=place)
    return place


def _flatten(items: tuple[ItemData, ...]) -> dict[object, ItemData]:
    out: dict[object, ItemData] = {}
    for item in items:
        out[item.public_id] = item
        out.update(_flatten(item.children))
    return out


def _whole_status(meeting: MeetingData) -> str | None:
    return meeting.status if meeting.status in ("postponed", "cancelled") else None


def _title_for_status(summary: str, status: str | None, cancelled: bool, lang: str) -> str:
    words = labels(lang)
    if status == "postponed":
        return words["postponed"].format(summary=summary)
    if cancelled or status == "cancelled":
        return words["cancelled"].format(summary=summary)
    return summary


def _ical_status(meeting: MeetingData, cancelled: bool) -> str:
    if cancelled or _whole_status(meeting):
        return "CANCELLED"
    return "CONFIRMED" if meeting.status == "confirmed" else "TENTATIVE"


def _kept(last_day: date, cancelled: bool, today: date) -> bool:
    return not cancelled or last_day + KEEP_CANCELLED >= today


def meeting_events(
    meeting: MeetingData,
    lang: str,
    links: Links,
    today: date,
    *,
    details: bool = True,
    planned: OrgOfWork | None = None,
) -> list[FeedEvent]:
    """The events of one meeting. ``details=False`` (a restricted meeting in a public feed)
    gives only the all-day event, with dates and title. Chinese text takes the documents' one
    spacing rule for figures and Latin letters (:func:`formatting.figure_spacing`)."""
    return [
        replace(
            event,
            summary=formatting.figure_spacing(event.summary, lang),
            description=formatting.figure_spacing(event.description, lang),
            location=formatting.figure_spacing(event.location, lang),
        )
        for event in _meeting_events(meeting, lang, links, today, details=details, planned=planned)
    ]


def _meeting_events(
    meeting: MeetingData,
    lang: str,
    links: Links,
    today: date,
    *,
    details: bool = True,
    planned: OrgOfWork | None = None,
) -> list[FeedEvent]:
    words = labels(lang)
    zone = ZoneInfo(meeting.timezone)
    body = pick(meeting.body.name, lang)
    ordinal = formatting.ordinal(meeting.number, lang, meeting.body.meeting_word)
    whole_status = _whole_status(meeting)
    page = links.meeting_page(meeting, lang)
    place = _place(meeting, lang)
    events: list[FeedEvent] = []

    whole_cancelled = whole_status is not None
    if _kept(meeting.end, whole_cancelled, today):
        summary = words["whole"].format(body=body, ordinal=ordinal)
        description = (
            [words["restricted"]]
            if not details
            else [
                formatting.date_span(meeting.start, meeting.end, lang),
                place,
                "",
                words["page"].format(url=page),
            ]
        )
        events.append(
            FeedEvent(
                uid=str(meeting.public_id),
                start=meeting.start,
                end=meeting.end + timedelta(days=1),
                summary=_title_for_status(summary, whole_status, False, lang),
                description="\n".join(description),
                location=place if details else "",  # dates and title only
                status=_ical_status(meeting, False),  # type: ignore[arg-type]
                sequence=meeting.sequence,
                created=meeting.created_at or _EPOCH,
                last_modified=meeting.modified_at or _EPOCH,
                url=page if details else None,
                categories=(meeting.body.symbol,),
            )
        )
    if not details:
        return events

    planned = planned or plan(meeting)
    numbered = {n.item.public_id: n for n in number_agenda(meeting.agenda)}
    items = _flatten(meeting.agenda)
    by_slot = {s.slot.public_id: s for s in planned.sittings}
    languages = [
        code
        for code in ("ar", "zh", "en", "fr", "ru", "es")
        if code in meeting.interpretation_languages
    ]
    for slot in meeting.slots:
        if not _kept(slot.date, slot.cancelled or whole_cancelled, today):
            continue
        sitting = by_slot.get(slot.public_id)
        entries = sitting.entries if sitting else ()
        numbers = [formatting.item_number(numbered[e.item_id].path, lang) for e in entries]
        numbers = list(dict.fromkeys(numbers))
        # A meeting without interpretation is an informal consultation: the document's
        # interpretation sentence and its annex say so too (planner.core.document).
        informal = not (sitting is not None and sitting.interpreted and languages)
        if numbers:
            key = "items_one" if len(numbers) == 1 else "items_many"
            summary = words["summary"].format(
                body=body,
                ordinal=ordinal,
                items=words[key].format(numbers=formatting.join_list(numbers, lang)),
            )
        elif informal and not slot.cancelled:
            summary = words["summary_informal"].format(body=body, ordinal=ordinal)
        else:
            summary = words["summary_plain"].format(body=body, ordinal=ordinal)
        lines = [
            formatting.time_range(slot.start, slot.end, lang)
            + " · "
            + formatting.day_heading(slot.date, lang),
            place,
        ]
        if not informal:
            lines.append(
                words["interpretation"].format(languages=formatting.language_names(languages, lang))
            )
        elif not slot.cancelled:
            lines.append(words["informal"])
        documents: list[DocumentData] = []
        if entries:
            lines += ["", words["agenda_items"]]
            for entry in entries:
                title = item_title(items[entry.item_id], meeting, lang)
                if entry.continued:
                    title = words["continued"].format(title=title)
                lines.append(
                    f"{formatting.item_number(numbered[entry.item_id].path, lang)} {title}"
                )
                for doc in items[entry.item_id].documents:
                    if doc not in documents:
                        documents.append(doc)
        if documents:
            lines += ["", words["documents"]]
            for doc in documents:
                lines.append(f"{doc.symbol}: {links.document(doc, lang)}")
        lines += [
            "",
            words["page"].format(url=page),
            words["local_time"].format(zone=meeting.timezone),
        ]
        events.append(
            FeedEvent(
                uid=str(slot.public_id),
                start=_local(slot.date, slot.start, zone),
                end=_local(slot.date, slot.end, zone),
                summary=_title_for_status(summary, whole_status, slot.cancelled, lang),
                description="\n".join(lines),
                location=place,
                status=_ical_status(meeting, slot.cancelled),  # type: ignore[arg-type]
                sequence=slot.sequence,
                created=slot.created_at or _EPOCH,
                last_modified=slot.modified_at or _EPOCH,
                url=page,
                categories=(meeting.body.symbol,),
                attachments=tuple(links.document(d, lang) for d in documents),
            )
        )
    return events
