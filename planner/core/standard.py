"""The standard agenda items: their titles and default annotations, per language.

Every text is a whole sentence template per language, filled with named values; nothing is
built by gluing fragments of different languages. English and Chinese follow the reference
document (CTOC/COP/WG.4/2018/1, Chinese version) and UN practice; the French titles are those
found in UN documents (/work/shared/reference/un-six-languages.md); the Spanish, Russian and
Arabic titles and the default annotations in French, Spanish, Russian and Arabic are written as a
UN translator would (listed as inferred in docs/six-languages.md). Every language has every text.

French and Spanish templates name the body with its article contracted after a preposition
({to_short}: "au Groupe de travail", {of_short}: "del Grupo de Trabajo"); Russian and Arabic
templates are worded so that the body's name stays in the nominative (or in an idafa), which
planner cannot decline.
"""

from __future__ import annotations

from typing import Final

#: Titles of standard items. ``{word}``-dependent titles are keyed (kind, meeting_word).
_TITLES: Final[dict[str, dict[str, str]]] = {
    "organizational_matters": {
        "en": "Organizational matters",
        "zh": "组织事项",
        "fr": "Questions d’organisation",
        "es": "Cuestiones de organización",
        "ru": "Организационные вопросы",
        "ar": "المسائل التنظيمية",
    },
    "opening/meeting": {
        "en": "Opening of the meeting",
        "zh": "会议开幕",
        "fr": "Ouverture de la réunion",
        "es": "Apertura de la reunión",
        "ru": "Открытие совещания",
        "ar": "افتتاح الاجتماع",
    },
    "opening/session": {
        "en": "Opening of the session",
        "zh": "届会开幕",
        "fr": "Ouverture de la session",
        "es": "Apertura del período de sesiones",
        "ru": "Открытие сессии",
        "ar": "افتتاح الدورة",
    },
    "election_of_officers": {
        "en": "Election of officers",
        "zh": "选举主席团成员",
        "fr": "Élection du Bureau",
        "es": "Elección de la Mesa",
        "ru": "Выборы должностных лиц",
        "ar": "انتخاب أعضاء المكتب",
    },
    "adoption_of_agenda": {
        "en": "Adoption of the agenda and organization of work",
        "zh": "通过议程和工作安排",
        "fr": "Adoption de l’ordre du jour et organisation des travaux",
        "es": "Aprobación del programa y organización de los trabajos",
        "ru": "Утверждение повестки дня и организация работы",
        "ar": "إقرار جدول الأعمال وتنظيم الأعمال",
    },
    "other_matters": {
        "en": "Other matters",
        "zh": "其他事项",
        "fr": "Autres questions",
        "es": "Otros asuntos",
        "ru": "Прочие вопросы",
        "ar": "مسائل أخرى",
    },
    "adoption_of_report": {
        "en": "Adoption of the report",
        "zh": "通过报告",
        "fr": "Adoption du rapport",
        "es": "Aprobación del informe",
        "ru": "Утверждение доклада",
        "ar": "اعتماد التقرير",
    },
}

#: Default annotations. Placeholders: {short} (the body as annotations name it, sentence-initial
#: form), {short_lc} (as it reads inside a sentence), {to_short} / {of_short} (fr, es: after "à" /
#: "de", article contracted), {item} (the item's number as the language writes it).
_ANNOTATIONS: Final[dict[str, dict[str, str]]] = {
    "election_of_officers": {
        "en": "{short} will elect its officers in accordance with its rules of procedure.",
        "zh": "{short}将根据其议事规则选举主席团成员。",
        "fr": "{short} élira son bureau conformément à son règlement intérieur.",
        "es": "{short} elegirá a los miembros de su Mesa de conformidad con su reglamento.",
        "ru": "{short} изберет своих должностных лиц в соответствии со своими правилами процедуры.",
        "ar": "سينتخب {short} أعضاء مكتبه وفقا لنظامه الداخلي.",
    },
    "adoption_of_agenda": {
        "en": (
            "The proposed organization of work (see annex) has been prepared to enable {short_lc} "
            "to perform its functions within the time allotted and in accordance with the "
            "conference services available to it."
        ),
        "zh": "拟议工作安排（见附件）旨在使{short}能够在规定时间内根据其可用的会议服务履行其职能。",
        "fr": (
            "Le projet d’organisation des travaux (voir annexe) a été établi pour permettre "
            "{to_short} de s’acquitter de ses fonctions dans les délais impartis et dans la "
            "limite des services de conférence mis à sa disposition."
        ),
        "es": (
            "La organización de los trabajos propuesta (véase el anexo) se ha preparado para "
            "que {short_lc} pueda desempeñar sus funciones en el tiempo asignado y con arreglo "
            "a los servicios de conferencias de que dispone."
        ),
        "ru": (
            "Предлагаемая организация работы (см. приложение) подготовлена таким образом, "
            "чтобы возложенные функции могли быть выполнены в отведенное время и в соответствии "
            "с имеющимися конференционными услугами."
        ),
        "ar": (
            "أُعد تنظيم الأعمال المقترح (انظر المرفق) لتمكين {short} من أداء وظائفه في حدود "
            "الوقت المخصص له ووفقا لخدمات المؤتمرات المتاحة له."
        ),
    },
    "other_matters": {
        "en": (
            "As the Secretariat is not aware of any issue to be raised under item {item}, no "
            "documentation is currently envisaged for this item."
        ),
        "zh": "鉴于秘书处尚未注意到需在项目{item}下提出任何议题，目前预期不会有任何关于这一项目的文件。",
        "fr": (
            "Le Secrétariat n’ayant connaissance d’aucune question à soulever au titre du "
            "point {item}, aucune documentation n’est prévue pour l’instant au titre de ce point."
        ),
        "es": (
            "Dado que la Secretaría no tiene conocimiento de ninguna cuestión que deba "
            "plantearse en relación con el tema {item}, por el momento no se prevé "
            "documentación alguna sobre este tema."
        ),
        "ru": (
            "Поскольку Секретариату не известно о каких-либо вопросах, которые следовало бы "
            "поднять по пункту {item}, никакой документации по этому пункту в настоящее время "
            "не предусматривается."
        ),
        "ar": (
            "بما أن الأمانة ليست على علم بأي مسائل ستُثار في إطار البند {item}، فإنه لا يُتوقع "
            "حاليا إعداد أي وثائق في إطار هذا البند."
        ),
    },
    "adoption_of_report/meeting": {
        "en": (
            "{short} will adopt a report on its meeting, the draft of which will be prepared "
            "by the Secretariat."
        ),
        "zh": "{short}将通过会议报告，报告草稿将由秘书处编写。",
        "fr": (
            "{short} adoptera un rapport sur sa réunion, dont le projet sera établi par le "
            "Secrétariat."
        ),
        "es": "{short} aprobará un informe sobre su reunión, cuyo proyecto preparará la Secretaría.",
        "ru": (
            "{short} утвердит доклад о работе своего совещания, проект которого будет "
            "подготовлен Секретариатом."
        ),
        "ar": "سيعتمد {short} تقريرا عن اجتماعه، ستعد الأمانة مشروعه.",
    },
    "adoption_of_report/session": {
        "en": (
            "{short} will adopt a report on its session, the draft of which will be prepared "
            "by the Secretariat."
        ),
        "zh": "{short}将通过届会报告，报告草稿将由秘书处编写。",
        "fr": (
            "{short} adoptera un rapport sur sa session, dont le projet sera établi par le "
            "Secrétariat."
        ),
        "es": (
            "{short} aprobará un informe sobre su período de sesiones, cuyo proyecto preparará "
            "la Secretaría."
        ),
        "ru": (
            "{short} утвердит доклад о работе своей сессии, проект которого будет подготовлен "
            "Секретариатом."
        ),
        "ar": "سيعتمد {short} تقريرا عن دورته، ستعد الأمانة مشروعه.",
    },
}


def standard_title(kind: str, meeting_word: str, lang: str) -> str:
    """The title of a standard item in ``lang``."""
    texts = _TITLES.get(f"{kind}/{meeting_word}") or _TITLES.get(kind)
    if texts is None:
        raise ValueError(f"unknown standard item {kind!r}")
    return texts[lang]


def default_annotation(kind: str, meeting_word: str, lang: str) -> str | None:
    """The default annotation template of a standard item, or None when it has none."""
    texts = _ANNOTATIONS.get(f"{kind}/{meeting_word}") or _ANNOTATIONS.get(kind)
    if texts is None:
        return None
    return texts[lang]


#: Standard items whose annotation a file may replace (others only add to generated text).
REPLACEABLE: Final = frozenset({"election_of_officers", "other_matters", "adoption_of_report"})
