"""The detector of texts that still speak of the previous meeting: its dates in each language's
format, its ordinal, its symbols."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core import formatting
from planner.core.carryover import PreviousMeeting, carried_over, mentions, telltales
from planner.core.languages import LANGUAGES

EIGHTH = PreviousMeeting(
    8, date(2018, 7, 2), date(2018, 7, 3), ("CTOC/COP/WG.4/2018/1", "CTOC/COP/WG.4/2018/2")
)


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        (
            "en",
            "agreed that the eighth meeting would be held in Vienna on 2 and 3 July 2018.",
            ["eighth", "on 2 and 3 July 2018"],
        ),
        ("en", "The Eighth meeting opens on 2 July 2018.", ["Eighth", "2 July 2018"]),
        ("en", "its eightieth session, 12 July 2018, 2 July 2019", []),
        ("en", "see CTOC/COP/WG.4/2018/2.", ["CTOC/COP/WG.4/2018/2"]),
        ("en", "see CTOC/COP/WG.4/2018/20 and CTOC/COP/WG.4/2018/2.5", []),
        ("en", "see CTOC/COP/WG.4/2018/1/Add.1", ["CTOC/COP/WG.4/2018/1"]),
        (
            "fr",
            "la huitième réunion du Groupe de travail se tiendrait à Vienne "
            "les 2 et 3 juillet 2018",
            ["huitième", "les 2 et 3 juillet 2018"],
        ),
        (
            "es",
            "la octava reunión del Grupo de trabajo se celebrara en Viena los días 2 y 3 de julio "
            "de 2018",
            ["octava", "los días 2 y 3 de julio de 2018"],
        ),
        (
            "ru",
            "на своем восьмом совещании 2 и 3 июля 2018 года",
            ["восьмом", "2 и 3 июля 2018 года"],
        ),
        (
            "zh",
            "商定将于 2018 年 7 月 2 日和 3 日在维也纳举行工作组第八次会议",
            ["2018 年 7 月 2 日和 3 日", "第八"],
        ),
        ("zh", "第八十次会议", []),
        (
            "ar",
            "أن يعقد الاجتماع الثامن للفريق العامل في فيينا يومي 2 و3 تموز/يوليه 2018",
            ["الثامن", "يومي 2 و3 تموز/يوليه 2018"],
        ),
    ],
)
def test_mentions_of_the_previous_meeting_are_found(lang: str, text: str, found: list[str]) -> None:
    assert mentions(text, EIGHTH, lang) == found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_telltales_are_planners_own_date_formats(lang: str) -> None:
    phrases = telltales(EIGHTH, lang)
    assert formatting.date_span(EIGHTH.start, EIGHTH.end, lang) in phrases
    assert formatting.date_long(EIGHTH.end, lang) in phrases
    assert formatting.ordinal_word(8, lang) in phrases


def test_carried_over_lists_each_phrase_once_across_titles_and_annotations() -> None:
    title = {"en": "Eighth meeting"}
    annotation = {"en": "The eighth meeting, 2 July 2018.", "fr": "La huitième réunion"}
    assert carried_over((title, annotation), EIGHTH) == (
        "Eighth",
        "eighth",
        "2 July 2018",
        "huitième",
    )


def test_a_text_for_the_new_meeting_is_not_flagged() -> None:
    annotation = {"en": "The ninth meeting will be held in Vienna on 1 and 2 July 2019."}
    assert carried_over((annotation,), EIGHTH) == ()
