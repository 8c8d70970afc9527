"""Meeting files: the reference parses, bad files are refused with every problem located, and
writing then reading gives back the same meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path
from uuid import UUID

import pytest
import yaml

from planner.core.languages import LANGUAGES
from planner.core.mandates import resolve
from planner.core.meetingfile import (
    BodySpec,
    DocumentSpec,
    ItemSpec,
    MeetingFile,
    MeetingFileError,
    MeetingSpec,
    OrgWorkSpec,
    Problem,
    Reference,
    SlotSpec,
    dump,
    parse,
    problem_at,
    references,
    walk_items,
)
from planner.core.plain import Pin

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_PATH = ROOT / "planner" / "data" / "wg4-2018.yaml"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "wg4-2018.yaml"
REFERENCE = REFERENCE_PATH.read_text(encoding="utf-8")

# A small, valid meeting that the tests below break one way at a time.
MINI = """\
format: 1
bodies:
  - symbol: CTOC/COP/WG.4
    parent: CTOC/COP
    name: {en: Working Group on Trafficking in Persons}
    short_name: {en: the Working Group}
    meeting_word: meeting
documents:
  - symbol: CTOC/COP/WG.4/2018/2
    kind: background_paper
    title: {en: International cooperation}
meetings:
  - body: CTOC/COP/WG.4
    symbol: CTOC/COP/WG.4/2018/1
    number: 8
    start: 2018-07-02
    end: 2018-07-03
    timezone: Europe/Vienna
    city: {en: Vienna}
    venue: {en: Vienna International Centre}
    format: in_person
    original_language: en
    daily_meetings:
      - {start: "10:00", end: "13:00"}
      - {start: "15:00", end: "18:00"}
    interpretation: {meetings: 4, languages: [en, fr]}
    agenda:
      - standard: organizational_matters
        items:
          - standard: opening
          - standard: adoption_of_agenda
      - title: {en: International cooperation}
        documents: [CTOC/COP/WG.4/2018/2]
        minutes: 240
      - standard: adoption_of_report
"""


def edit(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the one occurrence of ``needle`` in ``text``."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    return text[: text.index(needle)].count("\n") + 1


def problems_of(text: str, filename: str = "wg4-2018.yaml") -> list[Problem]:
    with pytest.raises(MeetingFileError) as caught:
        parse(text, filename)
    return caught.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def with_meeting_keys(extra: str) -> str:
    """MINI with ``extra`` (lines of the meeting map) added just before its agenda."""
    return edit(MINI, "    agenda:\n", extra + "    agenda:\n")


# ------------------------------------------------------------------------------------------
# The reference file
# ------------------------------------------------------------------------------------------


# The languages of the project's own translations, which the shipped file adds to the shared
# reference (English and Chinese).
TRANSLATED = ("fr", "es", "ru", "ar")


def _leaving_out(node: object, languages: tuple[str, ...]) -> object:
    """The loaded YAML ``node`` with the texts in ``languages`` taken out of every
    multilingual text (a map whose keys are all language codes)."""
    if isinstance(node, dict):
        if node and set(node) <= set(LANGUAGES):
            return {code: text for code, text in node.items() if code not in languages}
        return {key: _leaving_out(value, languages) for key, value in node.items()}
    if isinstance(node, list):
        return [_leaving_out(value, languages) for value in node]
    return node


@pytest.mark.skipif(not SHARED_REFERENCE.exists(), reason="shared reference not available")
def test_shipped_reference_is_the_shared_one_with_translations_and_citations_from_records() -> None:
    """The shipped reference is the shared one plus the project's fr/es/ru/ar texts, a mandates
    section and the placeholders that cite it: without the four languages and with its
    citations written out, its Chinese annotations are the shared file's, and the rest is equal."""
    leaving_out = _leaving_out(yaml.safe_load(REFERENCE), TRANSLATED)
    assert leaving_out != yaml.safe_load(REFERENCE)  # the translations are there to leave out
    shipped = parse(yaml.safe_dump(leaving_out, allow_unicode=True, sort_keys=False), "wg4.yaml")
    shared = parse(SHARED_REFERENCE.read_text(encoding="utf-8"), "shared.yaml")
    names = {b.symbol: b for b in shipped.bodies}
    mandates = [
        replace(m.data(), body_name=names[m.body].name, body_short_name=names[m.body].short_name)
        for m in shipped.mandates
    ]

    def annotations(mf: MeetingFile) -> list[dict[str, str]]:
        return [i.annotation for _p, i in walk_items(mf.meetings[0].agenda, "agenda")]

    written = [
        {"zh": resolve(a["zh"], "zh", mandates)} if "zh" in a else {} for a in annotations(shipped)
    ]
    assert written == [{"zh": a["zh"]} if "zh" in a else {} for a in annotations(shared)]
    without = replace(
        shipped,
        mandates=(),
        meetings=tuple(replace(m, agenda=()) for m in shipped.meetings),
    )
    assert without == replace(
        shared, meetings=tuple(replace(m, agenda=()) for m in shared.meetings)
    )


def _author_texts(mf: MeetingFile) -> list[tuple[str, dict[str, str]]]:
    """Every text of the file that an author writes, named by where it is."""
    texts: list[tuple[str, dict[str, str]]] = []
    for body in mf.bodies:
        texts += [(f"{body.symbol} name", body.name), (f"{body.symbol} short", body.short_name)]
    for doc in mf.documents:
        texts.append((f"{doc.symbol} title", doc.title))
        if doc.listing:
            texts.append((f"{doc.symbol} listing", doc.listing))
    for meeting in mf.meetings:
        texts += [("city", meeting.city), ("venue", meeting.venue)]
        pending = [(str(n), item) for n, item in enumerate(meeting.agenda, 1)]
        while pending:
            number, item = pending.pop(0)
            if item.title:
                texts.append((f"item {number} title", item.title))
            if item.annotation:
                texts.append((f"item {number} annotation", item.annotation))
            pending += [(f"{number}.{n}", sub) for n, sub in enumerate(item.items, 1)]
    return texts


def test_reference_has_every_author_text_in_six_languages() -> None:
    texts = _author_texts(parse(REFERENCE, "wg4-2018.yaml"))
    assert len(texts) == 14
    for name, text in texts:
        assert sorted(text) == sorted(LANGUAGES), name
        assert all(value.strip() for value in text.values()), name


def test_reference_texts_have_as_many_paragraphs_in_every_language() -> None:
    for name, text in _author_texts(parse(REFERENCE, "wg4-2018.yaml")):
        counts = {code: len(value.split("\n\n")) for code, value in text.items()}
        assert len(set(counts.values())) == 1, (name, counts)


def test_reference_parses_with_its_values() -> None:
    mf = parse(REFERENCE, "wg4-2018.yaml")

    assert [b.symbol for b in mf.bodies] == ["CTOC/COP", "CTOC/COP/WG.4"]
    assert mf.bodies[1].parent == "CTOC/COP"
    assert mf.bodies[1].short_name == {
        "ar": "الفريق العامل",
        "zh": "工作组",
        "en": "the Working Group",
        "fr": "le Groupe de travail",
        "ru": "Рабочая группа",
        "es": "el Grupo de trabajo",
    }
    assert [b.meeting_word for b in mf.bodies] == ["session", "meeting"]
    assert [d.symbol for d in mf.documents] == ["CTOC/COP/WG.4/2018/2", "CTOC/COP/WG.4/2018/CRP.1"]
    assert mf.documents[1].listing["en"].startswith("Conference room paper containing the draft")
    assert mf.documents[1].distribution == "general"

    (meeting,) = mf.meetings
    assert meeting.number == 8
    assert (meeting.start, meeting.end) == (date(2018, 7, 2), date(2018, 7, 3))
    assert meeting.timezone == "Europe/Vienna"
    assert meeting.status == "planned"
    assert meeting.daily_meetings == (
        SlotSpec(time(10), time(13)),
        SlotSpec(time(15), time(18)),
    )
    assert meeting.interpretation_meetings == 4
    assert meeting.interpretation_languages == ("ar", "zh", "en", "fr", "ru", "es")
    assert len(meeting.agenda) == 5
    assert [i.standard for i in meeting.agenda[0].items] == ["opening", "adoption_of_agenda"]
    assert meeting.agenda[1].minutes == 240
    assert meeting.agenda[1].documents == ("CTOC/COP/WG.4/2018/2",)
    assert meeting.organization_of_work is None
    assert meeting.id is None
    assert meeting.restricted is False


def test_block_texts_lose_the_final_line_break_and_keep_paragraphs() -> None:
    mf = parse(REFERENCE, "wg4-2018.yaml")
    annotation = mf.meetings[0].agenda[0].items[1].annotation["en"]
    assert annotation.startswith("{mandate:7/1} decided, inter alia")
    assert annotation.endswith("the conference services available to it.")
    assert annotation.count("\n\n") == 2
    assert "\n\n\n" not in annotation


def test_reference_refers_to_nothing_outside_itself() -> None:
    assert references(parse(REFERENCE, "wg4-2018.yaml")) == []


# ------------------------------------------------------------------------------------------
# One test per kind of bad input: message, line and path
# ------------------------------------------------------------------------------------------


def test_unknown_time_zone_suggests_the_closest() -> None:
    text = edit(REFERENCE, "timezone: Europe/Vienna", "timezone: Europe/Viena")
    problem = only_problem(text)
    assert problem.message == (
        '"Europe/Viena" is not a known time zone. Use an IANA name such as "Europe/Vienna" '
        '(did you mean "Europe/Vienna"?)'
    )
    assert problem.line == line_of(text, "Europe/Viena") == 83
    assert problem.path == "meetings[0].timezone"
    assert str(problem) == f"wg4-2018.yaml, line 83 (meetings[0].timezone): {problem.message}"


def test_meeting_ending_before_it_starts() -> None:
    text = edit(REFERENCE, "end: 2018-07-03", "end: 2018-07-01")
    problem = only_problem(text)
    assert problem.message == "The meeting ends (2018-07-01) before it starts (2018-07-02)."
    assert problem.line == line_of(text, "end: 2018-07-01")
    assert problem.path == "meetings[0].end"


def test_text_in_a_language_that_is_not_official() -> None:
    text = edit(REFERENCE, "      zh: 维也纳\n", "      de: Wien\n")
    problem = only_problem(text)
    assert problem.message == (
        '"de" is not one of the six official languages (ar, zh, en, fr, ru, es).'
    )
    assert problem.line == line_of(text, "de: Wien")
    assert problem.path == "meetings[0].city.de"


def test_language_list_entry_that_is_not_official() -> None:
    text = edit(MINI, "languages: [en, fr]", "languages: [en, EN]")
    problem = only_problem(text)
    assert problem.message == (
        '"EN" is not one of the six official languages (ar, zh, en, fr, ru, es). '
        'Write language codes in lower case ("en").'
    )
    assert problem.line == line_of(text, "languages: [en, EN]")
    assert problem.path == "meetings[0].interpretation.languages[1]"


def test_unknown_key_suggests_the_key_meant_and_is_not_also_reported_missing() -> None:
    text = edit(REFERENCE, "    timezone: Europe", "    timezon: Europe")
    problem = only_problem(text)
    assert problem.message == '"timezon" is not a key of a meeting (did you mean "timezone"?).'
    assert problem.line == line_of(text, "timezon:")
    assert problem.path == "meetings[0].timezon"


def test_unknown_key_without_a_close_match_lists_the_keys() -> None:
    text = edit(
        MINI, "    meeting_word: meeting\n", "    meeting_word: meeting\n    colour: blue\n"
    )
    problem = only_problem(text)
    assert problem.message == (
        '"colour" is not a key of a body. It can have: symbol, parent, name, short_name, '
        "meeting_word, id."
    )
    assert problem.line == line_of(text, "colour")
    assert problem.path == "bodies[0].colour"


def test_missing_required_key() -> None:
    text = edit(MINI, "    original_language: en\n", "")
    problem = only_problem(text)
    assert problem.message == 'This meeting has no "original_language"; it is required.'
    assert problem.line == line_of(text, "  - body: CTOC/COP/WG.4")
    assert problem.path == "meetings[0].original_language"


def test_key_given_twice() -> None:
    text = edit(MINI, "    number: 8\n", "    number: 8\n    number: 9\n")
    problem = only_problem(text)
    first = line_of(text, "number: 8")
    assert problem.message == (
        f'"number" is given twice in a meeting (first on line {first}); give it once.'
    )
    assert problem.line == line_of(text, "number: 9") == first + 1
    assert problem.path == "meetings[0].number"


def test_minutes_that_are_not_a_whole_number() -> None:
    text = edit(REFERENCE, "minutes: 240", "minutes: 1.5")
    problem = only_problem(text)
    assert problem.message == "minutes must be a whole number of minutes, such as 90."
    assert problem.line == line_of(text, "minutes: 1.5")
    assert problem.path == "meetings[0].agenda[1].minutes"


def test_meeting_number_that_is_text() -> None:
    text = edit(MINI, "number: 8", "number: eighth")
    problem = only_problem(text)
    assert problem.message == "number must be a whole number, such as 8 for the eighth meeting."
    assert problem.line == line_of(text, "number: eighth")
    assert problem.path == "meetings[0].number"


def test_restricted_that_is_not_true_or_false() -> None:
    text = with_meeting_keys("    restricted: maybe\n")
    problem = only_problem(text)
    assert problem.message == 'restricted must be true or false, not "maybe".'
    assert problem.line == line_of(text, "restricted: maybe")
    assert problem.path == "meetings[0].restricted"


def test_multilingual_text_given_as_plain_text() -> None:
    text = edit(MINI, "city: {en: Vienna}", "city: Vienna")
    problem = only_problem(text)
    assert problem.message.startswith('"city" should give the text language by language')
    assert problem.line == line_of(text, "city: Vienna")
    assert problem.path == "meetings[0].city"


def test_empty_text() -> None:
    text = edit(MINI, "city: {en: Vienna}", 'city: {en: ""}')
    problem = only_problem(text)
    assert problem.message == (
        "The text should be written here, not empty; write it or remove the line."
    )
    assert problem.line == line_of(text, "city:")
    assert problem.path == "meetings[0].city.en"


def test_date_not_in_iso_form() -> None:
    text = edit(REFERENCE, "start: 2018-07-02", "start: 2 July 2018")
    problem = only_problem(text)
    assert problem.message == (
        '"2 July 2018" is not a date. Write dates as YYYY-MM-DD, such as 2018-07-02.'
    )
    assert problem.line == line_of(text, "start: 2 July")
    assert problem.path == "meetings[0].start"


def test_date_that_is_not_on_the_calendar() -> None:
    text = edit(REFERENCE, "start: 2018-07-02", "start: 2018-02-30")
    problem = only_problem(text)
    assert problem.message == (
        "2018-02-30 is not a day of the calendar; check the month and the day."
    )
    assert problem.line == line_of(text, "2018-02-30")
    assert problem.path == "meetings[0].start"


def test_time_not_in_hh_mm_form() -> None:
    text = edit(REFERENCE, '{start: "15:00", end: "18:00"}', '{start: "3 p.m.", end: "18:00"}')
    problem = only_problem(text)
    assert problem.message == (
        '"3 p.m." is not a time. Write times as "HH:MM" on the 24-hour clock, such as "15:00".'
    )
    assert problem.line == line_of(text, "3 p.m.")
    assert problem.path == "meetings[0].daily_meetings[1].start"


def test_unquoted_time_is_read_as_the_time_it_looks_like() -> None:
    text = edit(MINI, '{start: "15:00", end: "18:00"}', "{start: 15:00, end: 18:00}")
    assert parse(text, "x.yaml").meetings[0].daily_meetings[1] == SlotSpec(time(15), time(18))


def test_half_day_meeting_ending_before_it_starts() -> None:
    text = edit(REFERENCE, '{start: "15:00", end: "18:00"}', '{start: "15:00", end: "14:00"}')
    problem = only_problem(text)
    assert problem.message == "This half-day meeting ends (14:00) before it starts (15:00)."
    assert problem.line == line_of(text, '"14:00"')
    assert problem.path == "meetings[0].daily_meetings[1].end"


def test_half_day_meetings_that_overlap() -> None:
    text = edit(MINI, '{start: "15:00", end: "18:00"}', '{start: "12:00", end: "18:00"}')
    problem = only_problem(text)
    assert problem.message == (
        "This half-day meeting starts (12:00) before the one before it ends (13:00); "
        "list them in order, without overlaps."
    )
    assert problem.line == line_of(text, '"12:00"')
    assert problem.path == "meetings[0].daily_meetings[1].start"


def test_day_exception_outside_the_meeting() -> None:
    text = with_meeting_keys('    days:\n      2018-07-05: [{start: "10:00", end: "13:00"}]\n')
    problem = only_problem(text)
    assert problem.message == (
        "2018-07-05 is not one of the meeting's days (2018-07-02 to 2018-07-03)."
    )
    assert problem.line == line_of(text, "2018-07-05")
    assert problem.path == "meetings[0].days.2018-07-05"


def test_day_exceptions_change_that_day_only() -> None:
    text = with_meeting_keys('    days:\n      2018-07-03: [{start: "10:00", end: "12:00"}]\n')
    text = edit(text, "meetings: 4,", "meetings: 3,")
    meeting = parse(text, "x.yaml").meetings[0]
    assert meeting.slots_on(date(2018, 7, 3)) == (SlotSpec(time(10), time(12)),)
    assert meeting.slots_on(date(2018, 7, 2)) == meeting.daily_meetings


def test_interpretation_for_more_meetings_than_are_held() -> None:
    text = with_meeting_keys("    days:\n      2018-07-03: []\n")
    problem = only_problem(text)
    assert problem.message == (
        "Interpretation is planned for 4 meetings, but the meeting holds only 2 half-day meetings."
    )
    assert problem.line == line_of(text, "interpretation:")
    assert problem.path == "meetings[0].interpretation.meetings"


def test_interpretation_for_a_negative_number_of_meetings() -> None:
    text = edit(REFERENCE, "meetings: 4", "meetings: -1")
    problem = only_problem(text)
    assert problem.message == "The number of meetings with interpretation cannot be negative."
    assert problem.line == line_of(text, "meetings: -1")
    assert problem.path == "meetings[0].interpretation.meetings"


def test_pin_to_a_day_the_meeting_does_not_have() -> None:
    text = edit(
        MINI, "        minutes: 240\n", "        minutes: 240\n        pin: {day: 3, meeting: 1}\n"
    )
    problem = only_problem(text)
    assert problem.message == (
        "The item is pinned to day 3, but the meeting has only 2 days (2018-07-02 to 2018-07-03)."
    )
    assert problem.line == line_of(text, "pin:")
    assert problem.path == "meetings[0].agenda[1].pin.day"


def test_pin_to_a_meeting_the_day_does_not_have() -> None:
    text = edit(
        MINI, "        minutes: 240\n", "        minutes: 240\n        pin: {day: 2, meeting: 2}\n"
    )
    text = edit(
        text,
        "    agenda:\n",
        '    days: {2018-07-03: [{start: "10:00", end: "13:00"}]}\n    agenda:\n',
    )
    text = edit(text, "meetings: 4,", "meetings: 3,")
    problem = only_problem(text)
    assert problem.message == (
        "The item is pinned to meeting 2 of day 2 (2018-07-03), but that day has only "
        "1 half-day meeting."
    )
    assert problem.line == line_of(text, "pin:")
    assert problem.path == "meetings[0].agenda[1].pin.meeting"


def test_pin_inside_the_meeting_is_kept() -> None:
    text = edit(
        MINI, "        minutes: 240\n", "        minutes: 240\n        pin: {day: 2, meeting: 2}\n"
    )
    assert parse(text, "x.yaml").meetings[0].agenda[1].pin == Pin(2, 2)


def test_item_with_neither_title_nor_standard() -> None:
    text = edit(REFERENCE, "      - standard: other_matters\n", "      - minutes: 5\n")
    text = edit(text, "        minutes: 30\n", "")
    problem = only_problem(text)
    assert problem.message == (
        'This agenda item has neither a "title" nor a "standard" kind; give it a title.'
    )
    assert problem.line == line_of(text, "- minutes: 5")
    assert problem.path == "meetings[0].agenda[3]"


def test_unknown_standard_item() -> None:
    text = edit(REFERENCE, "standard: opening", "standard: openning")
    problem = only_problem(text)
    assert problem.message == (
        '"openning" is not a standard item. Use one of: organizational_matters, opening, '
        "election_of_officers, adoption_of_agenda, other_matters, adoption_of_report "
        '(did you mean "opening"?).'
    )
    assert problem.line == line_of(text, "openning")
    assert problem.path == "meetings[0].agenda[0].items[0].standard"


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "kind: background_paper",
            "kind: paper",
            "documents[0].kind",
            '"paper" is not a kind of document. Use one of: provisional_agenda, report, '
            "background_paper, note_by_secretariat, conference_room_paper, draft_resolution, "
            "information_note, other.",
        ),
        (
            "title: {en: International cooperation}\nmeetings:",
            "title: {en: International cooperation}\n    distribution: secret\nmeetings:",
            "documents[0].distribution",
            '"secret" is not a distribution. Use one of: general, limited, restricted.',
        ),
        (
            "format: in_person",
            "format: inperson",
            "meetings[0].format",
            '"inperson" is not a meeting format. Use one of: in_person, hybrid, online '
            '(did you mean "in_person"?).',
        ),
        (
            "    original_language: en\n",
            "    status: postponned\n    original_language: en\n",
            "meetings[0].status",
            '"postponned" is not a meeting status. Use one of: planned, confirmed, postponed, '
            'cancelled (did you mean "postponed"?).',
        ),
        (
            "meeting_word: meeting",
            "meeting_word: meetings",
            "bodies[0].meeting_word",
            '"meetings" is not a meeting word. Use one of: meeting, session '
            '(did you mean "meeting"?).',
        ),
    ],
)
def test_value_outside_its_list_of_choices(old: str, new: str, path: str, message: str) -> None:
    text = edit(MINI, old, new)
    problem = only_problem(text)
    assert problem.message == message
    wrong_value = message.split('"')[1]
    assert problem.line == line_of(text, f": {wrong_value}\n")
    assert problem.path == path


def test_document_symbol_that_is_not_a_un_symbol() -> None:
    text = edit(
        REFERENCE, "documents: [CTOC/COP/WG.4/2018/2]", "documents: [CTOC/COP/WG.4/2018/ 2]"
    )
    problem = only_problem(text)
    assert problem.message == (
        '"CTOC/COP/WG.4/2018/ 2" is not a UN document symbol: symbols are written without spaces.'
    )
    assert problem.line == line_of(text, "2018/ 2")
    assert problem.path == "meetings[0].agenda[1].documents[0]"


def test_body_symbol_that_is_a_document_symbol() -> None:
    text = edit(MINI, "    parent: CTOC/COP\n", "    parent: CTOC/COP/2018/1\n")
    problem = only_problem(text)
    assert problem.message == (
        '"CTOC/COP/2018/1" is not the symbol of a body: a body symbol has no year or number '
        "(such as CTOC/COP/WG.4)."
    )
    assert problem.line == line_of(text, "parent:")
    assert problem.path == "bodies[0].parent"


def test_document_listed_twice() -> None:
    text = edit(
        MINI,
        "\nmeetings:\n",
        "\n  - symbol: CTOC/COP/WG.4/2018/2\n    kind: other\n    title: {en: Again}\nmeetings:\n",
    )
    problem = only_problem(text)
    assert problem.message == (
        "The document CTOC/COP/WG.4/2018/2 is listed twice (first on line 9)."
    )
    assert problem.line == line_of(text, "  - symbol: CTOC/COP/WG.4/2018/2\n    kind: other")
    assert problem.path == "documents[1].symbol"


def test_body_listed_twice() -> None:
    body = (
        "  - symbol: CTOC/COP/WG.4\n    name: {en: Again}\n    short_name: {en: it}\n"
        "    meeting_word: meeting\n"
    )
    text = edit(MINI, "documents:\n", body + "documents:\n")
    problem = only_problem(text)
    assert problem.message == "The body CTOC/COP/WG.4 is listed twice (first on line 3)."
    assert problem.line == line_of(text, "name: {en: Again}") - 1
    assert problem.path == "bodies[1].symbol"


def test_meeting_listed_twice() -> None:
    meeting = MINI[MINI.index("  - body:") :]
    text = MINI + meeting
    problem = only_problem(text)
    first = line_of(MINI, "symbol: CTOC/COP/WG.4/2018/1")
    assert problem.message == (
        f"The meeting CTOC/COP/WG.4/2018/1 is listed twice (first on line {first})."
    )
    assert problem.line == len(MINI.splitlines()) + first - line_of(MINI, "  - body:") + 1
    assert problem.path == "meetings[1].symbol"


def test_id_used_twice() -> None:
    same = "0b6e8c52-3f0a-4d8e-9a57-2f3c1d7e9b10"
    text = edit(MINI, "    meeting_word: meeting\n", f"    meeting_word: meeting\n    id: {same}\n")
    text = edit(
        text, "    kind: background_paper\n", f"    kind: background_paper\n    id: {same}\n"
    )
    problem = only_problem(text)
    assert problem.message == (
        f"The id {same} is already used at bodies[0].id (line 8); each record needs its own id."
    )
    assert problem.line == 12
    assert problem.path == "documents[0].id"


def test_id_that_is_not_a_uuid() -> None:
    text = with_meeting_keys("    id: 42-abc\n")
    problem = only_problem(text)
    assert problem.message.startswith('"42-abc" is not a valid id: an id is a UUID')
    assert problem.line == line_of(text, "42-abc")
    assert problem.path == "meetings[0].id"


def test_organization_of_work_naming_an_item_the_agenda_lacks() -> None:
    text = with_meeting_keys(
        '    organization_of_work:\n      - {day: 1, meeting: 1, items: ["1(a)", "1(c)"]}\n'
    )
    problem = only_problem(text)
    assert problem.message == ('The agenda has no item "1(c)". Its items are: 1, 1(a), 1(b), 2, 3.')
    assert problem.line == line_of(text, '"1(c)"')
    assert problem.path == "meetings[0].organization_of_work[0].items[1]"


def test_organization_of_work_naming_a_day_the_meeting_lacks() -> None:
    text = with_meeting_keys(
        '    organization_of_work:\n      - {day: 4, meeting: 1, items: ["2"]}\n'
    )
    problem = only_problem(text)
    assert problem.message == (
        "This entry is for day 4, but the meeting has only 2 days (2018-07-02 to 2018-07-03)."
    )
    assert problem.line == line_of(text, "day: 4")
    assert problem.path == "meetings[0].organization_of_work[0].day"


def test_organization_of_work_naming_a_meeting_the_day_lacks() -> None:
    text = with_meeting_keys(
        '    organization_of_work:\n      - {day: 1, meeting: 3, items: ["2"]}\n'
    )
    problem = only_problem(text)
    assert problem.message == (
        "This entry is for meeting 3 of day 1 (2018-07-02), but that day has only "
        "2 half-day meetings."
    )
    assert problem.line == line_of(text, "meeting: 3")
    assert problem.path == "meetings[0].organization_of_work[0].meeting"


def test_organization_of_work_item_numbers_may_have_spaces() -> None:
    text = with_meeting_keys(
        '    organization_of_work:\n      - {day: 1, meeting: 1, items: ["1 (a)", "1(B)"]}\n'
    )
    orgwork = parse(text, "x.yaml").meetings[0].organization_of_work
    assert orgwork == (OrgWorkSpec(1, 1, ("1(a)", "1(b)")),)


def test_organization_of_work_carries_split_minutes_and_closed_meetings() -> None:
    text = with_meeting_keys(
        "    organization_of_work:\n"
        '      - {day: 1, meeting: 2, items: ["2"], minutes: {"2": 60}}\n'
        '      - {day: 2, meeting: 1, items: ["2"]}\n'
        "      - {day: 2, meeting: 2, items: [], closed: true}\n"
    )
    meeting = parse(text, "x.yaml").meetings[0]
    assert meeting.organization_of_work == (
        OrgWorkSpec(1, 2, ("2",), (("2", 60),)),
        OrgWorkSpec(2, 1, ("2",)),
        OrgWorkSpec(2, 2, (), (), closed=True),
    )
    again = parse(dump(parse(text, "x.yaml")), "y.yaml").meetings[0]
    assert again.organization_of_work == meeting.organization_of_work


@pytest.mark.parametrize(
    ("minutes", "message", "path"),
    [
        (
            '{"3": 60}',
            "Item 3 is not in this entry's items; list it there to give it minutes in this "
            "meeting.",
            "meetings[0].organization_of_work[0].minutes.3",
        ),
        (
            '{"2": 0}',
            "The minutes of item 2 in this meeting should be a whole number of at least 1.",
            "meetings[0].organization_of_work[0].minutes.2",
        ),
        (
            "60",
            '"minutes" should map item numbers to minutes, such as {"2": 60}, not "60".',
            "meetings[0].organization_of_work[0].minutes",
        ),
    ],
)
def test_organization_of_work_minutes_that_are_wrong(minutes: str, message: str, path: str) -> None:
    text = with_meeting_keys(
        "    organization_of_work:\n"
        f'      - {{day: 1, meeting: 2, items: ["2"], minutes: {minutes}}}\n'
    )
    problem = only_problem(text)
    assert problem.message == message
    assert problem.path == path


def test_slot_ids_must_match_the_days_meetings() -> None:
    text = with_meeting_keys(
        "    slot_ids:\n      2018-07-02: [0b6e8c52-3f0a-4d8e-9a57-2f3c1d7e9b10]\n"
    )
    problem = only_problem(text)
    assert problem.message == (
        "2018-07-02 has 2 half-day meetings, but 1 id is given; give one id per half-day "
        "meeting, in order."
    )
    assert problem.line == line_of(text, "2018-07-02: [")
    assert problem.path == "meetings[0].slot_ids.2018-07-02"


def test_items_nested_deeper_than_three_levels() -> None:
    deep = (
        "      - title: {en: A}\n        items:\n          - title: {en: B}\n            items:\n"
        "              - title: {en: C}\n                items:\n"
        "                  - title: {en: D}\n"
    )
    text = edit(MINI, "      - standard: adoption_of_report\n", deep)
    problem = only_problem(text)
    assert problem.message == (
        "Agenda items can be nested 3 levels deep at most, as in 2(b)(i); item 3(a)(i) cannot "
        "have sub-items."
    )
    assert problem.line == line_of(text, "- title: {en: D}")
    assert problem.path == "meetings[0].agenda[2].items[0].items[0].items"


def test_body_reporting_to_itself() -> None:
    text = edit(MINI, "    parent: CTOC/COP\n", "    parent: CTOC/COP/WG.4\n")
    problem = only_problem(text)
    assert problem.message == "A body cannot report to itself."
    assert problem.line == line_of(text, "parent:")
    assert problem.path == "bodies[0].parent"


def test_format_missing() -> None:
    text = edit(MINI, "format: 1\n", "")
    problem = only_problem(text)
    assert problem.message == (
        'The file does not say its format: add "format: 1" as its first line.'
    )
    assert problem.line == 1
    assert problem.path == "format"


def test_format_other_than_1() -> None:
    text = edit(REFERENCE, "format: 1\n", "format: 2\n")
    problem = only_problem(text)
    assert problem.message == (
        'format must be 1, not "2": this planner reads meeting files of format 1.'
    )
    assert problem.line == line_of(text, "format: 2")
    assert problem.path == "format"


def test_yaml_syntax_error_is_one_plain_problem_at_its_line() -> None:
    text = edit(REFERENCE, "      en: Vienna\n", "      en: Vienna: Austria\n")
    problem = only_problem(text)
    assert problem.message.startswith('A text containing a colon followed by a space (": ")')
    assert problem.line == line_of(text, "Vienna: Austria")
    assert problem.path == ""


def test_tab_indentation_is_explained() -> None:
    text = edit(MINI, "    number: 8\n", "\tnumber: 8\n")
    problem = only_problem(text)
    assert problem.message == "A tab character is used here; indent with spaces only."
    assert problem.line == line_of(text, "\tnumber")


def test_empty_file() -> None:
    problem = only_problem("")
    assert problem.message == 'The file is empty: it should start with "format: 1".'
    assert problem.line is None
    assert str(problem) == f"wg4-2018.yaml: {problem.message}"


def test_every_problem_is_reported_at_once() -> None:
    text = edit(REFERENCE, "timezone: Europe/Vienna", "timezone: Europe/Viena")
    text = edit(text, "end: 2018-07-03", "end: 2018-07-01")
    text = edit(text, "kind: background_paper", "kind: paper")
    text = edit(text, "minutes: 240", "minutes: lots")
    text = edit(text, "standard: opening", "standard: openning")
    problems = problems_of(text)
    assert [(p.line, p.path) for p in problems] == [
        (line_of(text, "kind: paper"), "documents[0].kind"),
        (line_of(text, "end: 2018-07-01"), "meetings[0].end"),
        (line_of(text, "Europe/Viena"), "meetings[0].timezone"),
        (line_of(text, "openning"), "meetings[0].agenda[0].items[0].standard"),
        (line_of(text, "minutes: lots"), "meetings[0].agenda[1].minutes"),
    ]


def test_error_names_every_problem_in_its_text() -> None:
    text = edit(MINI, "number: 8", "number: eight")
    text = edit(text, "format: in_person", "format: online_only")
    with pytest.raises(MeetingFileError) as caught:
        parse(text, "mini.yaml")
    assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]
    assert len(caught.value.problems) == 2


# ------------------------------------------------------------------------------------------
# References the database must resolve
# ------------------------------------------------------------------------------------------


def test_references_lists_symbols_not_defined_in_the_file_with_their_lines() -> None:
    text = edit(
        MINI, "documents: [CTOC/COP/WG.4/2018/2]", "documents: [CTOC/COP/WG.4/2018/2, A/RES/64/178]"
    )
    mf = parse(text, "mini.yaml")
    assert references(mf) == [
        Reference("body", "CTOC/COP", "bodies[0].parent", line_of(text, "parent: CTOC/COP")),
        Reference(
            "document",
            "A/RES/64/178",
            "meetings[0].agenda[1].documents[1]",
            line_of(text, "A/RES/64/178"),
        ),
    ]


def test_references_of_a_meeting_whose_body_is_not_in_the_file() -> None:
    mf = MeetingFile(meetings=(_rich_meeting(),))
    refs = references(mf)
    assert refs[0] == Reference("body", "CAC/COSP/WG.2", "meetings[0].body", None)
    assert [r.symbol for r in refs[1:]] == ["CAC/COSP/WG.2/2019/2", "CAC/COSP/2019/5"]


def test_problem_at_places_a_reference_problem_like_the_others() -> None:
    ref = Reference("document", "A/RES/64/178", "meetings[0].agenda[1].documents[1]", 30)
    problem = problem_at("mini.yaml", ref, "No document has this symbol.")
    assert str(problem) == (
        "mini.yaml, line 30 (meetings[0].agenda[1].documents[1]): No document has this symbol."
    )


# ------------------------------------------------------------------------------------------
# Writing and round trips
# ------------------------------------------------------------------------------------------

RICH = """\
format: 1
bodies:
  - symbol: CAC/COSP
    name:
      ar: مؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد
      ru: Конференция государств – участников Конвенции против коррупции
      en: Conference of the States Parties to the United Nations Convention against Corruption
    short_name: {en: the Conference, ru: Конференция}
    meeting_word: session
    id: 5a1c2b3d-0000-4000-8000-000000000001
  - symbol: CAC/COSP/WG.2
    parent: CAC/COSP
    name: {en: Open-ended Intergovernmental Working Group on the Prevention of Corruption}
    short_name: {en: the Working Group}
    meeting_word: meeting
documents:
  - symbol: CAC/COSP/WG.2/2019/2
    kind: note_by_secretariat
    title:
      en: 'Quoted "title": with # a hash and a colon'
      fr: "  Titre qui commence par des espaces"
    issued: 2019-06-01
    languages: [en, ar, fr]
    distribution: limited
    id: 5a1c2b3d-0000-4000-8000-000000000002
meetings:
  - body: CAC/COSP/WG.2
    symbol: CAC/COSP/WG.2/2019/1
    number: 10
    start: 2019-09-04
    end: 2019-09-06
    timezone: Europe/Vienna
    city: {en: Vienna, ar: فيينا, ru: Вена}
    venue: {en: Vienna International Centre}
    format: hybrid
    status: confirmed
    original_language: en
    daily_meetings:
      - {start: "10:00", end: "13:00"}
      - {start: "15:00", end: "18:00"}
    days:
      2019-09-06:
        - {start: "10:00", end: "13:00"}
    interpretation:
      meetings: 5
      languages: [en, ar, ru]
    agenda:
      - standard: organizational_matters
        id: 5a1c2b3d-0000-4000-8000-000000000010
        items:
          - standard: opening
            minutes: 10
          - standard: adoption_of_agenda
            minutes: 20
      - title:
          en: "Good practices: #1 and #2"
          ar: الممارسات الجيدة
        pin: {day: 2, meeting: 1}
        items:
          - title: {en: Public procurement}
            items:
              - title: {en: "  Indented: a text, with 'quotes' and \\"double\\" ones"}
                minutes: 45
                documents: [CAC/COSP/WG.2/2019/2, CAC/COSP/2019/5]
                annotation:
                  ru: |
                    Первый абзац: с двоеточием # и решёткой.

                    Второй абзац.
                  en: |2
                      Starts with spaces: "quoted" # not a comment.

                    Second paragraph.
              - title: {en: Whistle-blowers}
                minutes: 30
      - standard: other_matters
        minutes: 15
      - standard: adoption_of_report
        minutes: 120
    organization_of_work:
      - {day: 1, meeting: 1, items: ["1(a)", "1 (b)", "2(a)(i)"]}
      - {day: 3, meeting: 1, items: ["4"]}
    id: 5a1c2b3d-0000-4000-8000-000000000003
    slot_ids:
      2019-09-06: [5a1c2b3d-0000-4000-8000-000000000020]
    issued: 2019-06-20
    restricted: true
"""


def test_rich_file_parses_with_every_extension() -> None:
    meeting = parse(RICH, "rich.yaml").meetings[0]
    assert meeting.id == UUID("5a1c2b3d-0000-4000-8000-000000000003")
    assert meeting.slot_ids == {date(2019, 9, 6): (UUID("5a1c2b3d-0000-4000-8000-000000000020"),)}
    assert meeting.issued == date(2019, 6, 20)
    assert meeting.restricted is True
    assert meeting.days == {date(2019, 9, 6): (SlotSpec(time(10), time(13)),)}
    deepest = meeting.agenda[1].items[0].items[0]
    assert deepest.title == {"en": "  Indented: a text, with 'quotes' and \"double\" ones"}
    assert deepest.annotation["en"] == (
        '  Starts with spaces: "quoted" # not a comment.\n\nSecond paragraph.'
    )
    assert meeting.organization_of_work == (
        OrgWorkSpec(1, 1, ("1(a)", "1(b)", "2(a)(i)")),
        OrgWorkSpec(3, 1, ("4",)),
    )


@pytest.mark.parametrize("text", [REFERENCE, RICH, MINI], ids=["reference", "rich", "mini"])
def test_parse_of_dump_gives_the_same_specs(text: str) -> None:
    mf = parse(text, "in.yaml")
    assert parse(dump(mf), "out.yaml") == mf


@pytest.mark.parametrize("text", [REFERENCE, RICH, MINI], ids=["reference", "rich", "mini"])
def test_dump_of_parse_of_dump_is_byte_identical(text: str) -> None:
    once = dump(parse(text, "in.yaml"))
    assert dump(parse(once, "out.yaml")) == once


def test_dump_has_the_shape_of_the_reference() -> None:
    out = dump(parse(REFERENCE, "wg4-2018.yaml"))
    assert out.startswith("format: 1\n\nbodies:\n  - symbol: CTOC/COP\n    name:\n      ar: مؤتمر ")
    city = "    city:\n      ar: فيينا\n      zh: 维也纳\n      en: Vienna\n      fr: Vienne\n"
    assert city in out  # the languages in the UN order
    assert "\n\ndocuments:\n  - symbol: CTOC/COP/WG.4/2018/2\n" in out
    assert "\n\nmeetings:\n  - body: CTOC/COP/WG.4\n" in out
    assert "    start: 2018-07-02\n" in out
    assert '      - {start: "10:00", end: "13:00"}\n' in out
    assert "      languages: [ar, zh, en, fr, ru, es]\n" in out
    assert "        documents: [CTOC/COP/WG.4/2018/2]\n" in out
    assert "              en: |\n                {mandate:7/1} decided" in out
    assert '\n\nmandates:\n  - body: CTOC/COP\n    kind: resolution\n    number: "7/1"\n' in out
    assert (
        '      en: "International cooperation in trafficking in persons cases: taking into account'
        in out
    )
    for absent in ("&", "*", "status:", "id:", "restricted:", "days:", "listing: {}"):
        assert absent not in out


def test_dump_orders_languages_as_the_un_does() -> None:
    out = dump(parse(RICH, "rich.yaml"))
    assert "    city:\n      ar: فيينا\n      en: Vienna\n      ru: Вена\n" in out
    assert "      languages: [ar, en, ru]\n" in out


def _rich_meeting() -> MeetingSpec:
    return parse(RICH, "rich.yaml").meetings[0]


def test_dump_writes_specs_built_in_code() -> None:
    mf = MeetingFile(
        bodies=(
            BodySpec(
                symbol="CTOC/COP/WG.4",
                name={"en": "Working Group"},
                short_name={"en": "the Working Group"},
                meeting_word="meeting",
            ),
        ),
        documents=(
            DocumentSpec(symbol="CTOC/COP/WG.4/2018/2", kind="report", title={"en": "Report"}),
        ),
        meetings=(
            MeetingSpec(
                body="CTOC/COP/WG.4",
                symbol="CTOC/COP/WG.4/2018/1",
                number=8,
                start=date(2018, 7, 2),
                end=date(2018, 7, 3),
                timezone="Europe/Vienna",
                format="online",
                original_language="en",
                daily_meetings=(SlotSpec(time(10), time(13)),),
                days={date(2018, 7, 3): ()},
                interpretation_meetings=1,
                interpretation_languages=(),
                agenda=(ItemSpec(title={"en": "Item"}, documents=("CTOC/COP/WG.4/2018/2",)),),
                organization_of_work=(),
            ),
        ),
    )
    out = dump(mf)
    assert "    days:\n      2018-07-03: []\n" in out
    assert "      languages: []\n" in out
    assert "    organization_of_work: []\n" in out
    assert "city:" not in out  # an online meeting without a place
    assert parse(out, "built.yaml") == mf


def test_aliases_are_refused() -> None:
    text = edit(MINI, "    venue: {en: Vienna International Centre}\n", "    venue: *place\n")
    text = edit(text, "city: {en: Vienna}", "city: &place {en: Vienna}")
    problem = only_problem(text)
    assert problem.message == (
        "Anchors and aliases (&name, *name) are not accepted in a meeting file; write each "
        "value out in full."
    )
    assert problem.line == line_of(text, "*place")


def test_unclosed_quotation_is_placed_where_it_opens() -> None:
    text = edit(
        MINI,
        "      - standard: adoption_of_report\n",
        '      - title:\n          en: "Adoption of the report\n',
    )
    problem = only_problem(text)
    assert problem.message == "A quotation mark opened here is never closed."
    assert problem.line == line_of(text, '"Adoption')


def test_unclosed_flow_map_is_explained() -> None:
    text = edit(MINI, "city: {en: Vienna}", "city: {en: Vienna")
    problem = only_problem(text)
    assert problem.message == (
        "A list in [brackets] or a map in {braces} is not closed properly here; check the "
        "brackets, the commas between entries, and that every quotation is closed."
    )
    assert problem.line == line_of(text, "venue:")
