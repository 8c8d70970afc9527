"""The document model: generated sentences say what the data says, in whole sentences per
language."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.core.document import build, capacity_sentences, document_entry, opening_sentence
from planner.core.plain import BodyData, DocumentData
from tests.core.builders import document, reference_meeting, uid

CAPACITY = [
    # (interpreted meetings, languages, format, lang, expected sentences)
    (
        4,
        ("ar", "zh", "en", "fr", "ru", "es"),
        "in_person",
        "en",
        [
            "The resources available will allow for four plenary meetings over two days, with "
            "interpretation into all six official languages of the United Nations."
        ],
    ),
    (
        4,
        ("ar", "zh", "en", "fr", "ru", "es"),
        "in_person",
        "zh",
        ["可用的资源将允许在两天内举行四场配有联合国所有正式语文口译的全体会议。"],
    ),
    (
        2,
        ("en", "fr", "ar"),
        "in_person",
        "en",
        [
            "The resources available will allow for two plenary meetings (2 July 2018), with "
            "interpretation into Arabic, English and French.",
            "The other two meetings (3 July 2018) will be held as informal consultations without "
            "interpretation.",
        ],
    ),
    (
        2,
        ("en", "fr", "ar"),
        "in_person",
        "zh",
        [
            "可用的资源将允许举行两场配有阿拉伯文、英文和法文口译的全体会议（2018年7月2日）。",
            "其余两场会议（2018年7月3日）将以非正式磋商形式举行，不提供口译。",
        ],
    ),
    (
        0,
        (),
        "in_person",
        "en",
        [
            "The resources available will not allow for meetings with interpretation; the "
            "meetings (2 and 3 July 2018) will be held as informal consultations."
        ],
    ),
    (
        3,
        ("ar", "zh", "en", "fr", "ru", "es"),
        "hybrid",
        "en",
        [
            "The resources available will allow for three plenary meetings (2 and 3 July 2018), "
            "with interpretation into all six official languages of the United Nations.",
            "The other meeting (3 July 2018) will be held as informal consultations without "
            "interpretation.",
            "The meetings will be held in a hybrid format, with participation in person and "
            "online.",
        ],
    ),
    (
        4,
        ("ar", "zh", "en", "fr", "ru", "es"),
        "online",
        "zh",
        [
            "可用的资源将允许在两天内举行四场配有联合国所有正式语文口译的全体会议。",
            "会议将在线举行。",
        ],
    ),
]


@pytest.mark.parametrize(("count", "languages", "fmt", "lang", "expected"), CAPACITY)
def test_the_interpretation_sentence_says_what_the_data_says(
    count: int, languages: tuple[str, ...], fmt: str, lang: str, expected: list[str]
) -> None:
    meeting = replace(
        reference_meeting(),
        interpretation_meetings=count,
        interpretation_languages=languages,
        format=fmt,  # type: ignore[arg-type]
    )
    assert capacity_sentences(meeting, lang) == expected


def test_the_opening_sentence_of_a_session_names_the_session() -> None:
    conference = BodyData(
        public_id=uid("cop"),
        symbol="CTOC/COP",
        name={
            "en": "Conference of the Parties to the United Nations Convention against "
            "Transnational Organized Crime",
            "zh": "联合国打击跨国有组织犯罪公约缔约方会议",
        },
        short_name={"en": "the Conference", "zh": "缔约方会议"},
        meeting_word="session",
    )
    meeting = replace(reference_meeting(), body=conference, number=9)
    assert opening_sentence(meeting, "en") == (
        "The ninth session of the Conference of the Parties to the United Nations Convention "
        "against Transnational Organized Crime will be opened on Monday, 2 July 2018, at 10 a.m."
    )
    assert opening_sentence(meeting, "zh") == (
        "联合国打击跨国有组织犯罪公约缔约方会议第九届会议将于2018年7月2日星期一上午10时开幕。"
    )
    doc = build(meeting, "en")
    assert doc.session_line == "Ninth session"
    assert not doc.show_body_name


def test_the_opening_follows_the_first_half_day_meeting_held() -> None:
    meeting = reference_meeting()
    later = tuple(
        replace(s, cancelled=True) if (s.day_index, s.index_in_day) == (1, 1) else s
        for s in meeting.slots
    )
    assert opening_sentence(replace(meeting, slots=later), "en") == (
        "The eighth meeting of the Working Group on Trafficking in Persons will be opened on "
        "Monday, 2 July 2018, at 3 p.m."
    )


@pytest.mark.parametrize(
    ("kind", "lang", "expected"),
    [
        (
            "background_paper",
            "en",
            "Background paper prepared by the Secretariat entitled “Title” (A/B/2018/2)",
        ),
        ("background_paper", "zh", "秘书处编写的背景文件，题为“标题”（A/B/2018/2）"),
        ("note_by_secretariat", "en", "Note by the Secretariat entitled “Title” (A/B/2018/2)"),
        ("report", "en", "Title (A/B/2018/2)"),
    ],
)
def test_documentation_entries_come_from_kind_and_title(
    kind: str, lang: str, expected: str
) -> None:
    doc = DocumentData(
        public_id=uid("d"), symbol="A/B/2018/2", kind=kind, title={"en": "Title", "zh": "标题"}
    )
    assert document_entry(doc, lang) == expected


def test_a_listing_replaces_the_generated_wording() -> None:
    doc = replace(
        document("A/B/2018/CRP.1", kind="conference_room_paper"),
        listing={"en": "Informal paper containing the draft"},
    )
    assert document_entry(doc, "en") == "Informal paper containing the draft (A/B/2018/CRP.1)"


def test_standard_annotations_use_the_item_number_and_the_body() -> None:
    doc = build(reference_meeting(), "en")
    notes = {n.number: [text for _, text in n.paragraphs] for n in doc.annotations}
    assert notes["4"] == [
        "As the Secretariat is not aware of any issue to be raised under item 4, no "
        "documentation is currently envisaged for this item."
    ]
    assert notes["5"][0].startswith("The Working Group will adopt a report on its meeting")


def test_paragraphs_are_numbered_through_the_annotations() -> None:
    doc = build(reference_meeting(), "zh")
    numbers = [number for note in doc.annotations for number, _ in note.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))
    assert numbers
