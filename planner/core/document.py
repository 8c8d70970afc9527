"""The provisional agenda and annotations, with the annexed proposed organization of work, as a
tree of finished strings in one language: what the HTML page, the print version, the PDF, the
Word file and the JSON rendering all show. Every date, time, number, title of a standard item and
documentation entry is generated here from the data; nothing the reader sees is typed twice.

planner's own wording exists in all six languages, as whole sentences per language
(docs/six-languages.md lists which forms are the UN's and which are inferred). An author's text
that the data lacks in the document's language is kept in the language it exists in, as a
:class:`~planner.core.languages.Phrase` that marks it untranslated; renderers show it marked.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date, timedelta
from typing import Any, Final
from uuid import UUID

from planner.core import formatting
from planner.core.agenda import NumberedItem, agenda_punctuation, number_agenda
from planner.core.formatting import exemplar_city
from planner.core.languages import (
    LANGUAGES,
    RTL_LANGUAGES,
    Phrase,
    compose,
    concat,
    map_text,
    parts_of,
    pick_text,
)
from planner.core.orgwork import OrgOfWork, held_slots, interpreted_slots, plan
from planner.core.plain import DocumentData, ItemData, MeetingData
from planner.core.standard import REPLACEABLE, default_annotation, standard_title

#: The UN's six-week rule: documents are issued in all languages six weeks before the opening.
SIX_WEEKS: Final = timedelta(days=42)

NBSP: Final = "\u00a0"

#: Fixed wording of the document, per language. Sources: /work/shared/reference/
#: un-six-languages.md; what it does not confirm is listed as inferred in docs/six-languages.md.
#: ``masthead`` is the language the distribution block is written in: French and Spanish
#: documents translate it, Vienna's Russian, Arabic and Chinese documents keep it in English.
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
        "informal": "Informal consultations (without interpretation)",
        "dateline": "{city}, {dates}",
        "document_entry": "{listing} ({symbol})",
        "paragraph": "{number}.",
        "untranslated": "not translated",
        "masthead": "en",
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
        "informal": "非正式磋商（不提供口译）",
        "dateline": "{dates}，{city}",
        "document_entry": "{listing}（{symbol}）",
        "paragraph": "{number}.",
        "untranslated": "未翻译",
        "masthead": "en",
    },
    "fr": {
        "united_nations": "Nations Unies",
        "title": "Ordre du jour provisoire annoté",
        "agenda": "Ordre du jour provisoire",
        "annotations": "Annotations",
        "documentation": "Documentation",
        "annex": "Annexe",
        "orgwork": "Projet d’organisation des travaux",
        "col_when": "Date et heure",
        "col_item": "Point de l’ordre du jour",
        "col_title": "Titre ou description",
        "continued": "{title} (suite)",
        "informal": "Consultations informelles (sans interprétation)",
        "dateline": "{city}, {dates}",
        "document_entry": "{listing} ({symbol})",
        "paragraph": "{number}.",
        "untranslated": "non traduit",
        "masthead": "fr",
    },
    "es": {
        "united_nations": "Naciones Unidas",
        "title": "Programa provisional y anotaciones",
        "agenda": "Programa provisional",
        "annotations": "Anotaciones",
        "documentation": "Documentación",
        "annex": "Anexo",
        "orgwork": "Organización de los trabajos propuesta",
        "col_when": "Fecha y hora",
        "col_item": "Tema del programa",
        "col_title": "Título o descripción",
        "continued": "{title} (continuación)",
        "informal": "Consultas oficiosas (sin interpretación)",
        "dateline": "{city}, {dates}",
        "document_entry": "{listing} ({symbol})",
        "paragraph": "{number}.",
        "untranslated": "sin traducir",
        "masthead": "es",
    },
    "ru": {
        "united_nations": "Организация Объединенных Наций",
        "title": "Предварительная повестка дня и аннотации",
        "agenda": "Предварительная повестка дня",
        "annotations": "Аннотации",
        "documentation": "Документация",
        "annex": "Приложение",
        "orgwork": "Предлагаемая организация работы",
        "col_when": "Дата и время",
        "col_item": "Пункт повестки дня",
        "col_title": "Название или описание",
        "continued": "{title} (продолжение)",
        "informal": "Неофициальные консультации (без устного перевода)",
        "dateline": "{city}, {dates}",
        "document_entry": "{listing} ({symbol})",
        "paragraph": "{number}.",
        "untranslated": "нет перевода",
        "masthead": "en",
    },
    "ar": {
        "united_nations": "الأمم المتحدة",
        "title": "جدول الأعمال المؤقت وشروحه",
        "agenda": "جدول الأعمال المؤقت",
        "annotations": "الشروح",
        "documentation": "الوثائق",
        "annex": "المرفق",
        "orgwork": "تنظيم الأعمال المقترح",
        "col_when": "التاريخ والوقت",
        "col_item": "البند",
        "col_title": "العنوان أو الوصف",
        "continued": "{title} (تابع)",
        "informal": "مشاورات غير رسمية (دون ترجمة شفوية)",
        "dateline": "{city}، {dates}",
        "document_entry": "{listing} ({symbol})",
        "paragraph": "{number}-",
        "untranslated": "غير مترجم",
        "masthead": "en",
    },
}

#: The distribution block of the masthead, in the languages it is written in.
_MASTHEAD: Final[dict[str, dict[str, str]]] = {
    "en": {
        "distribution": "Distr.: {distribution}",
        "original": "Original: {language}",
        "general": "General",
        "limited": "Limited",
        "restricted": "Restricted",
        "ar": "Arabic",
        "zh": "Chinese",
        "en": "English",
        "fr": "French",
        "ru": "Russian",
        "es": "Spanish",
    },
    "fr": {
        "distribution": "Distr. {distribution}",
        "original": f"Original{NBSP}: {{language}}",
        "version": "Français",
        "general": "générale",
        "limited": "limitée",
        "restricted": "restreinte",
        "ar": "arabe",
        "zh": "chinois",
        "en": "anglais",
        "fr": "français",
        "ru": "russe",
        "es": "espagnol",
    },
    "es": {
        "distribution": "Distr. {distribution}",
        "original": "Original: {language}",
        "version": "Español",
        "general": "general",
        "limited": "limitada",
        "restricted": "reservada",
        "ar": "árabe",
        "zh": "chino",
        "en": "inglés",
        "fr": "francés",
        "ru": "ruso",
        "es": "español",
    },
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
    "fr": {
        "provisional_agenda": "Ordre du jour provisoire annoté",
        "report": "{title}",
        "background_paper": (
            f"Document d’information établi par le Secrétariat intitulé «{NBSP}{{title}}{NBSP}»"
        ),
        "note_by_secretariat": f"Note du Secrétariat intitulée «{NBSP}{{title}}{NBSP}»",
        "conference_room_paper": f"Document de séance intitulé «{NBSP}{{title}}{NBSP}»",
        "draft_resolution": f"Projet de résolution intitulé «{NBSP}{{title}}{NBSP}»",
        "information_note": f"Note d’information intitulée «{NBSP}{{title}}{NBSP}»",
        "other": "{title}",
    },
    "es": {
        "provisional_agenda": "Programa provisional y anotaciones",
        "report": "{title}",
        "background_paper": "Documento de antecedentes preparado por la Secretaría titulado “{title}”",
        "note_by_secretariat": "Nota de la Secretaría titulada “{title}”",
        "conference_room_paper": "Documento de sesión titulado “{title}”",
        "draft_resolution": "Proyecto de resolución titulado “{title}”",
        "information_note": "Nota informativa titulada “{title}”",
        "other": "{title}",
    },
    "ru": {
        "provisional_agenda": "Предварительная повестка дня и аннотации",
        "report": "{title}",
        "background_paper": "Справочный документ, подготовленный Секретариатом, озаглавленный «{title}»",
        "note_by_secretariat": "Записка Секретариата, озаглавленная «{title}»",
        "conference_room_paper": "Документ зала заседаний, озаглавленный «{title}»",
        "draft_resolution": "Проект резолюции, озаглавленный «{title}»",
        "information_note": "Информационная записка, озаглавленная «{title}»",
        "other": "{title}",
    },
    "ar": {
        "provisional_agenda": "جدول الأعمال المؤقت وشروحه",
        "report": "{title}",
        "background_paper": 'ورقة معلومات أساسية من إعداد الأمانة بعنوان "{title}"',
        "note_by_secretariat": 'مذكرة من الأمانة بعنوان "{title}"',
        "conference_room_paper": 'ورقة غرفة اجتماعات بعنوان "{title}"',
        "draft_resolution": 'مشروع قرار بعنوان "{title}"',
        "information_note": 'مذكرة إعلامية بعنوان "{title}"',
        "other": "{title}",
    },
}

#: The opening sentence, by language and by what the body's gatherings are called. French and
#: Spanish name the body after "de" with the article of its short name ({of_body}: "du Groupe
#: de travail sur la traite des personnes"); Russian and Arabic keep the name in the nominative.
_OPENING: Final[dict[str, dict[str, str]]] = {
    "en": {
        "meeting": "The {ordinal} of the {body} will be opened on {date}, at {time}.",
        "session": "The {ordinal} of the {body} will be opened on {date}, at {time}.",
    },
    "zh": {
        "meeting": "{body}{ordinal}将于{date}{time}开幕。",
        "session": "{body}{ordinal}将于{date}{time}开幕。",
    },
    "fr": {
        "meeting": "La {ordinal} {of_body} s’ouvrira le {date}, à {time}.",
        "session": "La {ordinal} {of_body} s’ouvrira le {date}, à {time}.",
    },
    "es": {
        "meeting": "La {ordinal} {of_body} se inaugurará el {date}, a las {time}.",
        "session": "El {ordinal} {of_body} se inaugurará el {date}, a las {time}.",
    },
    "ru": {
        "meeting": "{body} откроет свое {ordinal} в {date}, в {time}.",
        "session": "{body} откроет свою {ordinal} в {date}, в {time}.",
    },
    "ar": {
        "meeting": "سيُفتتح {ordinal} الذي يعقده {body} يوم {date}، الساعة {time}.",
        "session": "ستُفتتح {ordinal} التي يعقدها {body} يوم {date}، الساعة {time}.",
    },
}

# The interpretation sentence: whole sentences for each format and language coverage.
_CAPACITY: Final[dict[str, dict[str, str]]] = {
    "en": {
        "all": "The resources available will allow for {meetings} over {days}, with "
        "interpretation into all six official languages of the United Nations.",
        "some": "The resources available will allow for {meetings} over {days}, with "
        "interpretation into {languages}.",
        "all_dated": "The resources available will allow for {meetings} ({dates}), with "
        "interpretation into all six official languages of the United Nations.",
        "some_dated": "The resources available will allow for {meetings} ({dates}), with "
        "interpretation into {languages}.",
        "others_one": "The other meeting ({dates}) will be held as informal consultations "
        "without interpretation.",
        "others_many": "The other {count} meetings ({dates}) will be held as informal "
        "consultations without interpretation.",
        "none": "The resources available will not allow for meetings with interpretation; the "
        "meetings ({dates}) will be held as informal consultations.",
        "hybrid": "The meetings will be held in a hybrid format, with participation in person "
        "and online.",
        "online": "The meetings will be held online.",
    },
    "zh": {
        "all": "可用的资源将允许在{days}内举行{count}场配有联合国所有正式语文口译的全体会议。",
        "some": "可用的资源将允许在{days}内举行{count}场配有{languages}口译的全体会议。",
        "all_dated": "可用的资源将允许举行{count}场配有联合国所有正式语文口译的全体会议（{dates}）。",
        "some_dated": "可用的资源将允许举行{count}场配有{languages}口译的全体会议（{dates}）。",
        "others_one": "另一场会议（{dates}）将以非正式磋商形式举行，不提供口译。",
        "others_many": "其余{count}场会议（{dates}）将以非正式磋商形式举行，不提供口译。",
        "none": "可用的资源不允许举行配有口译的会议；会议（{dates}）将以非正式磋商形式举行。",
        "hybrid": "会议将以混合形式举行，与会者可现场或在线参加。",
        "online": "会议将在线举行。",
    },
    "fr": {
        "all": "Les ressources disponibles permettront de tenir {meetings} en {days}, avec "
        "interprétation dans les six langues officielles de l’Organisation des Nations Unies.",
        "some": "Les ressources disponibles permettront de tenir {meetings} en {days}, avec "
        "interprétation dans les langues suivantes{nbsp}: {languages}.",
        "all_dated": "Les ressources disponibles permettront de tenir {meetings} ({dates}), avec "
        "interprétation dans les six langues officielles de l’Organisation des Nations Unies.",
        "some_dated": "Les ressources disponibles permettront de tenir {meetings} ({dates}), "
        "avec interprétation dans les langues suivantes{nbsp}: {languages}.",
        "others_one": "L’autre séance ({dates}) se tiendra sous forme de consultations "
        "informelles, sans interprétation.",
        "others_many": "Les {count} autres séances ({dates}) se tiendront sous forme de "
        "consultations informelles, sans interprétation.",
        "none": "Les ressources disponibles ne permettront pas de tenir de séances avec "
        "interprétation{nbsp}; les séances ({dates}) se tiendront sous forme de consultations "
        "informelles.",
        "hybrid": "Les séances se tiendront selon une formule hybride, avec une participation "
        "en présentiel et en ligne.",
        "online": "Les séances se tiendront en ligne.",
    },
    "es": {
        "all": "Los recursos disponibles permitirán celebrar {meetings} en {days}, con "
        "interpretación a los seis idiomas oficiales de las Naciones Unidas.",
        "some": "Los recursos disponibles permitirán celebrar {meetings} en {days}, con "
        "interpretación a los idiomas siguientes: {languages}.",
        "all_dated": "Los recursos disponibles permitirán celebrar {meetings} ({dates}), con "
        "interpretación a los seis idiomas oficiales de las Naciones Unidas.",
        "some_dated": "Los recursos disponibles permitirán celebrar {meetings} ({dates}), con "
        "interpretación a los idiomas siguientes: {languages}.",
        "others_one": "La otra sesión ({dates}) se celebrará como consultas oficiosas, sin "
        "interpretación.",
        "others_many": "Las otras {count} sesiones ({dates}) se celebrarán como consultas "
        "oficiosas, sin interpretación.",
        "none": "Los recursos disponibles no permitirán celebrar sesiones con interpretación; "
        "las sesiones ({dates}) se celebrarán como consultas oficiosas.",
        "hybrid": "Las sesiones se celebrarán en formato híbrido, con participación presencial "
        "y en línea.",
        "online": "Las sesiones se celebrarán en línea.",
    },
    "ru": {
        "all": "Имеющиеся ресурсы позволят провести {meetings} за {days} с устным переводом "
        "на все шесть официальных языков Организации Объединенных Наций.",
        "some": "Имеющиеся ресурсы позволят провести {meetings} за {days} с устным переводом "
        "на следующие языки: {languages}.",
        "all_dated": "Имеющиеся ресурсы позволят провести {meetings} ({dates}) с устным "
        "переводом на все шесть официальных языков Организации Объединенных Наций.",
        "some_dated": "Имеющиеся ресурсы позволят провести {meetings} ({dates}) с устным "
        "переводом на следующие языки: {languages}.",
        "others_one": "Другое заседание ({dates}) будет проводиться в форме неофициальных "
        "консультаций без устного перевода.",
        "others_many": "Остальные заседания ({dates}) будут проводиться в форме неофициальных "
        "консультаций без устного перевода.",
        "none": "Имеющиеся ресурсы не позволят провести заседания с устным переводом; "
        "заседания ({dates}) будут проводиться в форме неофициальных консультаций.",
        "hybrid": "Заседания будут проходить в гибридном формате с очным и дистанционным участием.",
        "online": "Заседания будут проходить в режиме онлайн.",
    },
    "ar": {
        "all": "ستسمح الموارد المتاحة بعقد {meetings} على مدى {days}، مع توفير الترجمة الشفوية "
        "إلى اللغات الرسمية الست للأمم المتحدة.",
        "some": "ستسمح الموارد المتاحة بعقد {meetings} على مدى {days}، مع توفير الترجمة "
        "الشفوية إلى اللغات التالية: {languages}.",
        "all_dated": "ستسمح الموارد المتاحة بعقد {meetings} ({dates})، مع توفير الترجمة "
        "الشفوية إلى اللغات الرسمية الست للأمم المتحدة.",
        "some_dated": "ستسمح الموارد المتاحة بعقد {meetings} ({dates})، مع توفير الترجمة "
        "الشفوية إلى اللغات التالية: {languages}.",
        "others_one": "أما الجلسة الأخرى ({dates}) فستُعقد في شكل مشاورات غير رسمية دون "
        "ترجمة شفوية.",
        "others_two": "أما الجلستان الأخريان ({dates}) فستُعقدان في شكل مشاورات غير رسمية دون "
        "ترجمة شفوية.",
        "others_many": "أما الجلسات الأخرى ({dates}) فستُعقد في شكل مشاورات غير رسمية دون "
        "ترجمة شفوية.",
        "none": "لن تسمح الموارد المتاحة بعقد جلسات مع توفير الترجمة الشفوية؛ وستُعقد الجلسات "
        "({dates}) في شكل مشاورات غير رسمية.",
        "hybrid": "ستُعقد الجلسات بصيغة مختلطة، بالحضور الشخصي وعبر الإنترنت.",
        "online": "ستُعقد الجلسات عبر الإنترنت.",
    },
}

#: French and Spanish: a body's name after "à"/"a" and "de", from the article of its short name.
_CONTRACTIONS: Final[dict[str, tuple[tuple[str, str, str], ...]]] = {
    "fr": (
        ("le ", "au ", "du "),
        ("la ", "à la ", "de la "),
        ("l’", "à l’", "de l’"),
        ("l'", "à l’", "de l’"),
        ("les ", "aux ", "des "),
    ),
    "es": (
        ("el ", "al ", "del "),
        ("la ", "a la ", "de la "),
        ("los ", "a los ", "de los "),
        ("las ", "a las ", "de las "),
    ),
}


def _drop(count: int, text: str) -> str:
    return text[count:]


def _after_preposition(short: str, name: str, lang: str) -> tuple[str, str]:
    """("au Groupe de travail", "du Groupe de travail sur la traite des personnes"): the short
    name after "à" and the full name after "de", both with the short name's article."""
    for article, to, of in _CONTRACTIONS.get(lang, ()):
        if short.lower().startswith(article):
            rest = map_text(short, functools.partial(_drop, len(article)))
            return concat(to, rest), concat(of, name)
    bare = {"fr": ("à ", "de "), "es": ("a ", "de ")}.get(lang, ("", ""))
    return concat(bare[0], short), concat(bare[1], name)


def words(lang: str) -> Mapping[str, str]:
    return _WORDS[lang]


def city_name(meeting: MeetingData, lang: str) -> str:
    """The meeting's city in ``lang``: from the meeting file; else, when the file names the
    exemplar city of the meeting's time zone (Vienna for Europe/Vienna), CLDR's name of it in
    ``lang`` (through Babel); else the file's name, marked untranslated."""
    if meeting.city.get(lang):
        return meeting.city[lang]
    if not meeting.city:
        return ""
    if any(exemplar_city(meeting.timezone, code) == name for code, name in meeting.city.items()):
        return exemplar_city(meeting.timezone, lang) or ""
    return pick_text(meeting.city, lang, meeting.original_language)


@dataclass(frozen=True)
class Masthead:
    symbol: str
    organ: str  # the body whose document series this is (a working group's parent conference)
    distribution: str
    issued: str
    issued_is_deadline: bool  # no issue date is set: the six-week deadline is shown
    language_version: str | None  # the language of a translation ("Chinese"); None in the original
    original: str
    lang: str  # the language the distribution block is written in ("en" in ru, ar, zh)


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
    #: What a meeting without interpretation is ("Informal consultations (without
    #: interpretation)"); "" for a meeting with interpretation.
    note: str = ""


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
        return pick_text(item.title, lang, meeting.original_language)
    if item.standard:
        return standard_title(item.standard, meeting.body.meeting_word, lang)
    return ""


def document_entry(doc: DocumentData, lang: str, original: str = "en") -> str:
    """How ``doc`` is listed under an item; a title or listing the data lacks in ``lang`` is
    kept, marked untranslated (a :class:`~planner.core.languages.Phrase`)."""
    listing = pick_text(doc.listing, lang, original) if doc.listing else ""
    if not listing:
        template = _LISTINGS[lang][doc.kind]
        listing = compose(template, title=pick_text(doc.title, lang, original))
    return compose(words(lang)["document_entry"], listing=listing, symbol=doc.symbol)


def issue_date(meeting: MeetingData) -> tuple[date, bool]:
    """The masthead date: the issue date, else the six-week deadline (and whether it is that)."""
    if meeting.issued is not None:
        return meeting.issued, False
    return meeting.start - SIX_WEEKS, True


def _masthead(meeting: MeetingData, lang: str) -> Masthead:
    organ = meeting.body.parent or meeting.body
    when, is_deadline = issue_date(meeting)
    block = words(lang)["masthead"]
    m = _MASTHEAD[block]
    forms = {**_MASTHEAD["en"], **m}
    version = None
    if lang != meeting.original_language:
        version = m["version"] if "version" in m else _MASTHEAD["en"][lang]
    return Masthead(
        symbol=meeting.symbol,
        organ=pick_text(organ.name, lang, meeting.original_language),
        distribution=forms["distribution"].format(distribution=m["general"]),
        issued=formatting.date_long(when, block),
        issued_is_deadline=is_deadline,
        language_version=version,
        original=forms["original"].format(language=m[meeting.original_language]),
        lang=block,
    )


def opening_sentence(meeting: MeetingData, lang: str) -> str | None:
    slots = sorted(meeting.active_slots, key=lambda s: (s.date, s.start))
    if not slots:
        return None
    first = slots[0]
    word = meeting.body.meeting_word
    template = _OPENING[lang][word]
    body = pick_text(meeting.body.name, lang, meeting.original_language)
    short = pick_text(meeting.body.short_name, lang, meeting.original_language)
    return _one_stop(
        compose(
            template,
            ordinal=formatting.ordinal(meeting.number, lang, word),
            body=body,
            of_body=_after_preposition(short, body, lang)[1],
            date=formatting.weekday_date_governed(first.date, lang),
            time=formatting.time_of_day(first.start, lang),
        )
    )


def _one_stop(sentence: str) -> str:
    """A sentence that ends on an abbreviation ("10 a.m.") takes no second full stop."""
    if sentence.endswith(".."):
        return map_text(sentence, lambda t: t[:-1] if t.endswith("..") else t)
    return sentence


def dates_phrase(dates: Sequence[date], lang: str) -> str:
    """The days some meetings fall on: "9 and 10 September 2026", "9–11 September 2026" for
    consecutive days, else each date, joined the way ``lang`` joins a list."""
    days = sorted(set(dates))
    if not days:
        return ""
    if (days[-1] - days[0]).days == len(days) - 1:
        return formatting.date_span(days[0], days[-1], lang)
    return formatting.join_list([formatting.date_long(d, lang) for d in days], lang)


def capacity_sentences(meeting: MeetingData, lang: str) -> list[str]:
    """What conference services can give, as the data says it: how many meetings with
    interpretation, on which days, interpreted into which languages, what the other meetings
    are (informal consultations without interpretation), and in which format.

    The meetings with interpretation are the ones the organization of work marks so
    (:func:`planner.core.orgwork.interpreted_slots`), as the annex and the feeds do."""
    templates = _CAPACITY[lang]
    held = held_slots(meeting)
    languages = [code for code in LANGUAGES if code in meeting.interpretation_languages]
    counted = interpreted_slots(meeting) if languages else []
    others = [s for s in held if s not in counted]
    coverage = "all" if len(languages) == len(LANGUAGES) else "some"
    values = {
        "meetings": formatting.count_phrase(len(counted), "plenary_meeting", lang),
        "days": formatting.count_phrase(len({s.date for s in counted}), "day", lang),
        "count": formatting.cardinal(len(counted), lang),
        "languages": formatting.language_names(languages, lang) if languages else "",
        "dates": dates_phrase([s.date for s in counted], lang),
        "nbsp": NBSP,
    }
    if not held:
        sentences = []
    elif not counted:
        sentences = [
            templates["none"].format(
                **{**values, "dates": dates_phrase([s.date for s in held], lang)}
            )
        ]
    elif not others:
        sentences = [templates[coverage].format(**values)]
    else:
        key = "others_one" if len(others) == 1 else "others_many"
        if len(others) == 2 and "others_two" in templates:
            key = "others_two"
        sentences = [
            templates[f"{coverage}_dated"].format(**values),
            templates[key].format(
                count=formatting.cardinal(len(others), lang),
                dates=dates_phrase([s.date for s in others], lang),
            ),
        ]
    if meeting.format in ("hybrid", "online"):
        sentences.append(templates[meeting.format])
    return sentences


def _paragraphs(text: str) -> list[str]:
    """A paragraph break is a blank line (MEETING-FILE.md)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _annotation_paragraphs(numbered: NumberedItem, meeting: MeetingData, lang: str) -> list[str]:
    item = numbered.item
    annotation = pick_text(item.annotation, lang, meeting.original_language)
    source = next((code for _, code in parts_of(annotation) if code), None)
    own: list[str] = [Phrase(((p, source),)) if source else p for p in _paragraphs(annotation)]
    kind = item.standard
    short = pick_text(meeting.body.short_name, lang, meeting.original_language)
    body = pick_text(meeting.body.name, lang, meeting.original_language)
    to_short, of_short = _after_preposition(short, body, lang)
    values = {
        "short": map_text(short, _sentence_case),
        "short_lc": short,
        "to_short": to_short,
        "of_short": of_short,
        "item": formatting.item_number(numbered.path, lang),
    }
    if kind == "opening":
        opening = opening_sentence(meeting, lang)
        return ([opening] if opening else []) + own
    if kind == "adoption_of_agenda":
        default = default_annotation(kind, meeting.body.meeting_word, lang) or ""
        paragraphs = own or [compose(default, **values)]
        extra = capacity_sentences(meeting, lang)
        joiner = "" if lang == "zh" else " "
        paragraphs[-1] = concat(paragraphs[-1], *(concat(joiner, e) for e in extra))
        return paragraphs
    if kind in REPLACEABLE and not own:
        template = default_annotation(kind, meeting.body.meeting_word, lang)
        return [compose(template, **values)] if template else []
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
        rows = tuple(
            OrgRow(
                key=e.number,
                number=formatting.item_number(paths[e.item_id], lang),
                title=titles[e.item_id],
                display=compose(w["continued"], title=titles[e.item_id])
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
                # Without interpretation languages no meeting is interpreted: the sentence and
                # the feeds say so too.
                note=""
                if sitting.interpreted and meeting.interpretation_languages
                else w["informal"],
            )
        )
    return tuple(
        OrgDay(date=d, heading=formatting.day_heading(d, lang), sittings=tuple(s))
        for d, s in sorted(days.items())
    )


def _spaced(value: Any) -> Any:
    """``value`` with Chinese figure spacing applied to every string in it."""
    if isinstance(value, str):
        return map_text(value, lambda text: formatting.figure_spacing(text, "zh"))
    if isinstance(value, tuple):
        return tuple(_spaced(v) for v in value)
    if isinstance(value, Mapping):
        return {k: _spaced(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _spaced(getattr(value, f.name)) for f in fields(value) if f.repr}
        return replace(value, **changes)
    return value


def build(meeting: MeetingData, lang: str) -> AgendaDocument:
    """The whole document in ``lang``. Chinese takes one spacing rule for figures and Latin
    letters beside Chinese characters, in planner's text and the authors' alike."""
    doc = _build(meeting, lang)
    return _spaced(doc) if lang == "zh" else doc


def _build(meeting: MeetingData, lang: str) -> AgendaDocument:
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
    city = city_name(meeting, lang)
    dates = formatting.date_span(meeting.start, meeting.end, lang)
    session_line = None
    if meeting.body.meeting_word == "session":
        session_line = _sentence_case(formatting.ordinal(meeting.number, lang, "session"))
    return AgendaDocument(
        lang=lang,
        direction="rtl" if lang in RTL_LANGUAGES else "ltr",
        masthead=_masthead(meeting, lang),
        session_line=session_line,
        body_name=pick_text(meeting.body.name, lang, meeting.original_language),
        show_body_name=meeting.body.parent is not None,
        dateline=compose(w["dateline"], city=city, dates=dates) if city else dates,
        words=w,
        agenda=agenda,
        annotations=tuple(annotations),
        orgwork=_orgwork(
            meeting, lang, titles, {n.item.public_id: n.path for n in numbered}, planned
        ),
        plan=planned,
    )
