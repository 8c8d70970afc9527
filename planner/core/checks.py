"""What is wrong with a meeting, for ``flask planner check`` and the meeting page.

:func:`check_meeting` lists problems as data (a code, a message key and parameters);
:func:`describe` renders one as a whole sentence in a language. English and Chinese have their own
templates; the other official languages fall back to English until their templates are written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final
from uuid import UUID

from planner.core.agenda import MAX_DEPTH, NumberedItem, agenda_depth, number_agenda
from planner.core.document import city_name
from planner.core.languages import LANGUAGE_NAMES_EN, is_marked
from planner.core.orgwork import ParamValue, Problem, Severity, plan
from planner.core.plain import DocumentData, MeetingData

#: The UN's six-week rule: pre-session documents are to be available in all official languages
#: six weeks before the opening.
SIX_WEEKS: Final = timedelta(days=42)

#: Standard items an agenda must have (an error without them) and should have (a warning).
REQUIRED_STANDARD: Final = ("opening", "adoption_of_agenda", "adoption_of_report")
EXPECTED_STANDARD: Final = ("other_matters",)


def check_meeting(meeting: MeetingData, today: date, lang: str | None = None) -> list[Problem]:
    """Every problem of the meeting, errors first, each group in a stable order; with ``lang``,
    also every author's text that the ``lang`` version of its documents lacks."""
    problems: list[Problem] = []
    if lang is not None:
        problems.extend(missing_texts(meeting, lang))
    depth = agenda_depth(meeting.agenda)
    if depth > MAX_DEPTH:
        # The agenda cannot be numbered, so nothing that names items can be checked.
        problems.append(
            Problem(
                "error", "agenda_too_deep", "agenda_too_deep", {"depth": depth, "max": MAX_DEPTH}
            )
        )
    else:
        numbered = number_agenda(meeting.agenda)
        problems.extend(plan(meeting).problems)
        problems.extend(_standard_item_problems(numbered))
        problems.extend(_minutes_problems(numbered))
        problems.extend(_document_problems(meeting, numbered, today))
    problems.extend(_interpretation_problems(meeting))
    return sorted(problems, key=lambda p: p.severity != "error")


def missing_texts(meeting: MeetingData, lang: str) -> list[Problem]:
    """Each author's text the ``lang`` version of the provisional agenda shows and the data lacks
    in ``lang`` (the document shows it untranslated and marked): body names, the short name its
    sentences use, item titles and annotations, document titles and listings, and a city name
    that CLDR cannot give. Errors: that language version cannot be issued."""
    languages: dict[str, ParamValue] = {"languages": (lang,)}
    problems: list[Problem] = []

    def lacks(texts: Mapping[str, str]) -> bool:
        return bool(texts) and not texts.get(lang)

    for body in (meeting.body.parent, meeting.body):
        if body is not None and lacks(body.name):
            params = {**languages, "body": body.symbol}
            problems.append(Problem("error", "missing_text", "missing_text.body_name", params))
    if lacks(meeting.body.short_name):
        params = {**languages, "body": meeting.body.symbol}
        problems.append(Problem("error", "missing_text", "missing_text.body_short_name", params))
    if lacks(meeting.city) and is_marked(city_name(meeting, lang)):
        problems.append(Problem("error", "missing_text", "missing_text.city", languages))
    if agenda_depth(meeting.agenda) > MAX_DEPTH:
        return problems
    documents: dict[UUID, DocumentData] = {}
    for n in number_agenda(meeting.agenda):
        params = {**languages, "number": n.number}
        if lacks(n.item.title):
            problems.append(Problem("error", "missing_text", "missing_text.item_title", params))
        if lacks(n.item.annotation):
            problems.append(Problem("error", "missing_text", "missing_text.annotation", params))
        for document in n.item.documents:
            documents.setdefault(document.public_id, document)
    for document in documents.values():
        params = {**languages, "symbol": document.symbol}
        if lacks(document.listing):
            problems.append(
                Problem("error", "missing_text", "missing_text.document_listing", params)
            )
        elif not document.listing.get(lang) and lacks(document.title):
            problems.append(Problem("error", "missing_text", "missing_text.document_title", params))
    return problems


def review_problems(meeting: MeetingData) -> list[Problem]:
    """Warnings about what staff should look at before issuing: items whose texts, copied from a
    previous meeting, still mention it (until edited or confirmed), and substantive items left
    without an annotation or without documentation (standard items are annotated by planner's
    own sentences: planner.core.standard and the opening and capacity sentences)."""
    if agenda_depth(meeting.agenda) > MAX_DEPTH:
        return []
    problems: list[Problem] = []
    for n in number_agenda(meeting.agenda):
        item = n.item
        params: dict[str, ParamValue] = {"item": str(item.public_id), "number": n.number}
        if item.carried_over:
            problems.append(
                Problem(
                    "warning",
                    "carried_over",
                    "carried_over",
                    {**params, "mentions": tuple(f"“{m}”" for m in item.carried_over)},
                )
            )
        if n.has_children:
            continue
        if item.standard is not None:
            continue
        if not any(text.strip() for text in item.annotation.values()):
            problems.append(Problem("warning", "no_annotation", "no_annotation", params))
        if not item.documents:
            problems.append(Problem("warning", "no_documentation", "no_documentation", params))
    return problems


def _standard_item_problems(numbered: Sequence[NumberedItem]) -> list[Problem]:
    problems = []
    by_kind: dict[str, list[str]] = {}
    for n in numbered:
        if n.item.standard is not None:
            by_kind.setdefault(n.item.standard, []).append(n.number)
    for kind in (*REQUIRED_STANDARD, *EXPECTED_STANDARD):
        if kind not in by_kind:
            severity: Severity = "error" if kind in REQUIRED_STANDARD else "warning"
            params: dict[str, ParamValue] = {"standard": kind}
            problems.append(
                Problem(severity, "missing_standard_item", f"missing_standard_item.{kind}", params)
            )
    for kind, numbers in by_kind.items():
        if len(numbers) > 1:
            params = {"standard": kind, "numbers": tuple(numbers)}
            problems.append(
                Problem(
                    "error", "duplicate_standard_item", f"duplicate_standard_item.{kind}", params
                )
            )
    return problems


def _minutes_problems(numbered: Sequence[NumberedItem]) -> list[Problem]:
    return [
        Problem(
            "warning",
            "no_minutes",
            "no_minutes",
            {"item": str(n.item.public_id), "number": n.number},
        )
        for n in numbered
        if not n.has_children and n.item.minutes is None
    ]


def _document_problems(
    meeting: MeetingData, numbered: Sequence[NumberedItem], today: date
) -> list[Problem]:
    """The documents before the meeting, each checked once, in the order the agenda lists them."""
    documents: dict[UUID, DocumentData] = {}
    for n in numbered:
        for document in n.item.documents:
            documents.setdefault(document.public_id, document)
    due = meeting.start - SIX_WEEKS
    problems = []
    for document in documents.values():
        params: dict[str, ParamValue] = {"symbol": document.symbol, "due": due.isoformat()}
        if document.issued is None or document.issued > today:
            problems.append(
                Problem("warning", "document_not_issued", "document_not_issued", params)
            )
        if document.issued is None:
            continue
        if document.issued > due:
            late = {**params, "issued": document.issued.isoformat()}
            problems.append(Problem("warning", "document_late", "document_late", late))
        # A document "issued" without a list of languages is issued in all of them.
        if document.languages:
            missing = tuple(
                code for code in meeting.interpretation_languages if code not in document.languages
            )
            if missing:
                params = {**params, "languages": missing}
                problems.append(
                    Problem("warning", "document_late", "document_late.languages", params)
                )
    return problems


def _interpretation_problems(meeting: MeetingData) -> list[Problem]:
    held = len(meeting.active_slots)
    if meeting.interpretation_meetings <= held:
        return []
    params: dict[str, ParamValue] = {
        "interpretation": meeting.interpretation_meetings,
        "meetings": held,
    }
    return [
        Problem("error", "interpretation_exceeds_slots", "interpretation_exceeds_slots", params)
    ]


# --- Rendering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plural:
    """A template with a singular and a plural form, chosen by the number in ``count``."""

    one: str
    other: str
    count: str


Template = str | Plural

_TEMPLATES_EN: Final[Mapping[str, Template]] = {
    "agenda_too_deep": "The agenda has {depth} levels of items; at most {max} can be numbered.",
    "opening_not_first": (
        "Item {number}, the opening of the meeting, is not the first item taken up."
    ),
    "no_interpreted_meetings": (
        "No meeting has interpretation, so no agenda item can be placed in the organization "
        "of work."
    ),
    "does_not_fit": Plural(
        one=(
            "Item {number} does not fit: {minutes} minute cannot be placed in the meetings "
            "with interpretation."
        ),
        other=(
            "Item {number} does not fit: {minutes} minutes cannot be placed in the meetings "
            "with interpretation."
        ),
        count="minutes",
    ),
    "pin_missing": "Item {number} is pinned to meeting {meeting} of day {day}, which is not held.",
    "pin_not_interpreted": (
        "Item {number} is pinned to meeting {meeting} of day {day}, which has no interpretation."
    ),
    "pin_collision.full": (
        "Item {number} is pinned to meeting {meeting} of day {day}, but items {numbers}, "
        "pinned there too, already fill it."
    ),
    "placement_unknown_item": (
        "An item placed in the organization of work is not on the agenda ({item})."
    ),
    "placement_slot_missing": "Item {number} is placed in a meeting that is not held.",
    "placement_slot_missing.cancelled": (
        "Item {number} is placed in meeting {meeting} of day {day}, which is cancelled."
    ),
    "placed_not_interpreted": (
        "Meeting {meeting} of day {day} takes up items but has no interpretation."
    ),
    "sitting_over_capacity": (
        "Meeting {meeting} of day {day} lasts {capacity} minutes, but the items placed or "
        "pinned there need {minutes} minutes."
    ),
    "fit_hint.interpretation": (
        "Everything would fit with interpretation for meeting {meeting} of day {day} as well."
    ),
    "fit_hint.minutes": Plural(
        one="Everything would fit with {minutes} minute less in all on items {numbers}.",
        other="Everything would fit with {minutes} minutes less in all on items {numbers}.",
        count="minutes",
    ),
    "fit_hint.minutes.item": Plural(
        one="Everything would fit with {minutes} minute less on item {number}.",
        other="Everything would fit with {minutes} minutes less on item {number}.",
        count="minutes",
    ),
    "missing_standard_item.opening": "The agenda has no item for the opening of the meeting.",
    "missing_standard_item.adoption_of_agenda": (
        "The agenda has no item for the adoption of the agenda."
    ),
    "missing_standard_item.adoption_of_report": (
        "The agenda has no item for the adoption of the report."
    ),
    "missing_standard_item.other_matters": "The agenda has no item for other matters.",
    "carried_over": (
        "Item {number} was copied from a previous meeting and still mentions it ({mentions}): "
        "carried over, review."
    ),
    "no_annotation": "Item {number} has no annotation.",
    "no_documentation": "Item {number} lists no documentation.",
    "duplicate_standard_item.organizational_matters": (
        "The agenda has more than one item for organizational matters: items {numbers}."
    ),
    "duplicate_standard_item.opening": (
        "The agenda has more than one item for the opening of the meeting: items {numbers}."
    ),
    "duplicate_standard_item.election_of_officers": (
        "The agenda has more than one item for the election of officers: items {numbers}."
    ),
    "duplicate_standard_item.adoption_of_agenda": (
        "The agenda has more than one item for the adoption of the agenda: items {numbers}."
    ),
    "duplicate_standard_item.other_matters": (
        "The agenda has more than one item for other matters: items {numbers}."
    ),
    "duplicate_standard_item.adoption_of_report": (
        "The agenda has more than one item for the adoption of the report: items {numbers}."
    ),
    "no_minutes": (
        "Item {number} has no estimated time: it is listed in the organization of work but "
        "given no time."
    ),
    "document_not_issued": (
        "Document {symbol} has not been issued yet; it is due by {due}, six weeks before the "
        "opening."
    ),
    "document_late": (
        "Document {symbol} was issued on {issued}, later than {due}, six weeks before the opening."
    ),
    "document_late.languages": "Document {symbol} is not available in {languages}.",
    "interpretation_exceeds_slots": (
        "There is interpretation for more meetings ({interpretation}) than are held ({meetings})."
    ),
    "missing_text.body_name": "The name of {body} has no {languages} text.",
    "missing_text.body_short_name": (
        "The short name of {body} (as the annotations name it) has no {languages} text."
    ),
    "missing_text.city": (
        "The city of the meeting has no {languages} name, and CLDR gives none for it."
    ),
    "missing_text.item_title": "The title of item {number} has no {languages} text.",
    "missing_text.annotation": "The annotation of item {number} has no {languages} text.",
    "missing_text.document_title": "The title of document {symbol} has no {languages} text.",
    "missing_text.document_listing": (
        "The listing of document {symbol} under its item has no {languages} text."
    ),
}

_TEMPLATES_ZH: Final[Mapping[str, Template]] = {
    "agenda_too_deep": "议程有{depth}级项目；最多只能编号{max}级。",
    "opening_not_first": "项目{number}（会议开幕）不是第一个审议的项目。",
    "no_interpreted_meetings": "没有配有口译的会议，因此工作安排中无法安排任何议程项目。",
    "does_not_fit": "项目{number}排不下：有{minutes}分钟无法安排在配有口译的会议中。",
    "pin_missing": "项目{number}被指定在第{day}天第{meeting}场会议审议，但该场会议不举行。",
    "pin_not_interpreted": (
        "项目{number}被指定在第{day}天第{meeting}场会议审议，但该场会议没有口译。"
    ),
    "pin_collision.full": (
        "项目{number}被指定在第{day}天第{meeting}场会议审议，但同样被指定在该场会议的项目{numbers}已将其排满。"
    ),
    "placement_unknown_item": "工作安排中安排的一个项目不在议程上（{item}）。",
    "placement_slot_missing": "项目{number}被安排在一场不举行的会议中。",
    "placement_slot_missing.cancelled": (
        "项目{number}被安排在第{day}天第{meeting}场会议，但该场会议已取消。"
    ),
    "placed_not_interpreted": "第{day}天第{meeting}场会议安排了项目，但没有口译。",
    "sitting_over_capacity": (
        "第{day}天第{meeting}场会议时长{capacity}分钟，但安排或指定在该场会议的项目需要{minutes}分钟。"
    ),
    "fit_hint.interpretation": "如果第{day}天第{meeting}场会议也配有口译，所有项目都能排下。",
    "fit_hint.minutes": "如果项目{numbers}共缩短{minutes}分钟，所有项目都能排下。",
    "fit_hint.minutes.item": "如果项目{number}缩短{minutes}分钟，所有项目都能排下。",
    "missing_standard_item.opening": "议程中没有会议开幕项目。",
    "missing_standard_item.adoption_of_agenda": "议程中没有通过议程项目。",
    "missing_standard_item.adoption_of_report": "议程中没有通过报告项目。",
    "missing_standard_item.other_matters": "议程中没有其他事项项目。",
    "duplicate_standard_item.organizational_matters": "议程中有多个组织事项项目：项目{numbers}。",
    "duplicate_standard_item.opening": "议程中有多个会议开幕项目：项目{numbers}。",
    "duplicate_standard_item.election_of_officers": (
        "议程中有多个选举主席团成员项目：项目{numbers}。"
    ),
    "duplicate_standard_item.adoption_of_agenda": "议程中有多个通过议程项目：项目{numbers}。",
    "duplicate_standard_item.other_matters": "议程中有多个其他事项项目：项目{numbers}。",
    "duplicate_standard_item.adoption_of_report": "议程中有多个通过报告项目：项目{numbers}。",
    "no_minutes": "项目{number}没有估计时间：它列入工作安排，但不占用时间。",
    "document_not_issued": "文件{symbol}尚未印发；应在开幕前六周，即{due}之前印发。",
    "document_late": "文件{symbol}于{issued}印发，晚于开幕前六周的{due}。",
    "document_late.languages": "文件{symbol}尚无{languages}本。",
    "interpretation_exceeds_slots": (
        "配有口译的会议（{interpretation}场）多于举行的会议（{meetings}场）。"
    ),
    "missing_text.body_name": "{body}的名称没有{languages}本。",
    "missing_text.body_short_name": "{body}的简称（说明中使用）没有{languages}本。",
    "missing_text.city": "会议城市没有{languages}名称，CLDR 中也没有。",
    "missing_text.item_title": "项目{number}的标题没有{languages}本。",
    "missing_text.annotation": "项目{number}的说明没有{languages}本。",
    "missing_text.document_title": "文件{symbol}的标题没有{languages}本。",
    "missing_text.document_listing": "文件{symbol}在项目下的列示文字没有{languages}本。",
    "carried_over": "项目{number}从上一次会议复制而来，仍提及该次会议（{mentions}）：请核对。",
    "no_annotation": "项目{number}没有说明。",
    "no_documentation": "项目{number}未列出任何文件。",
}

#: Whole-sentence templates by language and message key. Languages missing here use English.
TEMPLATES: Final[Mapping[str, Mapping[str, Template]]] = {
    "en": _TEMPLATES_EN,
    "zh": _TEMPLATES_ZH,
}

_LANGUAGE_NAMES: Final[Mapping[str, Mapping[str, str]]] = {
    "en": LANGUAGE_NAMES_EN,
    "zh": {
        "ar": "阿拉伯文",
        "zh": "中文",
        "en": "英文",
        "fr": "法文",
        "ru": "俄文",
        "es": "西班牙文",
    },
}


def _join(values: Sequence[str], lang: str) -> str:
    """A list the way the language writes one: "1, 2 and 3"; "1、2和3"."""
    if lang == "zh":
        return values[-1] if len(values) < 2 else "、".join(values[:-1]) + "和" + values[-1]
    return values[-1] if len(values) < 2 else ", ".join(values[:-1]) + " and " + values[-1]


def _render_param(key: str, value: ParamValue, lang: str) -> str:
    if isinstance(value, tuple):
        if not value:
            return ""
        if key == "languages":
            names = _LANGUAGE_NAMES[lang]
            value = tuple(names.get(code, code) for code in value)
        return _join(value, lang)
    return str(value)


def describe(problem: Problem, lang: str) -> str:
    """The problem as a whole sentence in ``lang`` (English where ``lang`` has no templates yet).

    Raises ``KeyError`` for a message key that has no English template, which is a bug.
    """
    templates = TEMPLATES.get(lang, _TEMPLATES_EN)
    template = templates.get(problem.message_key)
    if template is None:
        lang, template = "en", _TEMPLATES_EN[problem.message_key]
    elif templates is _TEMPLATES_EN:
        lang = "en"
    if isinstance(template, Plural):
        template = template.one if problem.params.get(template.count) == 1 else template.other
    params = {key: _render_param(key, value, lang) for key, value in problem.params.items()}
    return template.format(**params)
