"""Meetings without interpretation told the same way everywhere (issue 10, requirement 3).

The meeting the issue tried: held from 9 to 11 September 2026, five half-day meetings (the
afternoon of the second day free), with interpretation for none, three or all of them. In each
of the six languages, the interpretation sentence of the annotations, the annexed organization
of work and the calendar feed agree: how many meetings have interpretation, on which days, and
that the others are informal consultations without interpretation; the annex shows every day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from planner.core import formatting
from planner.core.document import build, capacity_sentences, dates_phrase, words
from planner.core.feedtext import Links, labels, meeting_events
from planner.core.languages import LANGUAGES
from planner.core.plain import MeetingData
from tests.core.builders import item, meeting, std

START = date(2026, 9, 9)
LINKS = Links(
    meeting_page=lambda meeting, lang: "https://example.org/m",
    document=lambda doc, lang: "https://example.org/d",
)


def september(interpreted: int) -> MeetingData:
    agenda = [
        std("organizational_matters", children=[std("opening", 10), std("adoption_of_agenda", 20)]),
        item("2", 240),
        std("other_matters", 30),
        std("adoption_of_report", 60),
    ]
    m = meeting(
        agenda, days=3, slots_per_day=2, cancelled=[(2, 2)], interpretation=interpreted, start=START
    )
    # A title in every language, so that nothing is marked untranslated.
    titled = tuple(
        replace(i, title=dict.fromkeys(LANGUAGES, "Item two")) if i.title else i for i in m.agenda
    )
    return replace(m, agenda=titled)


def unspaced(text: str) -> str:
    """Chinese documents space figures; compare without that spacing."""
    return text.replace(" ", "").replace("\u2009", "")


CASES = [(n, lang) for n in (0, 3, 5) for lang in LANGUAGES]


@pytest.mark.parametrize(("interpreted", "lang"), CASES)
def test_sentence_annex_and_feed_agree(interpreted: int, lang: str) -> None:
    m = september(interpreted)
    doc = build(m, lang)
    sittings = [s for day in doc.orgwork for s in day.sittings]

    # The annex: every day of the meeting and every half-day meeting held, the ones without
    # interpretation marked as informal consultations.
    assert [day.date for day in doc.orgwork] == [START, date(2026, 9, 10), date(2026, 9, 11)]
    assert len(sittings) == 5
    with_interpretation = [s for s in sittings if s.interpreted]
    informal = [s for s in sittings if not s.interpreted]
    assert len(with_interpretation) == interpreted
    assert {s.note for s in informal} <= {words(lang)["informal"]}
    assert all(s.note for s in informal) and not any(s.note for s in with_interpretation)

    # The sentence: how many meetings with interpretation, on the days the annex has them, and
    # the others as informal consultations on theirs.
    sentences = capacity_sentences(m, lang)
    text = unspaced(" ".join(sentences))
    interpreted_days = sorted({s.date for s in with_interpretation})
    informal_days = sorted({s.date for s in informal})
    if interpreted == 5:
        assert len(sentences) == 1
        assert unspaced(formatting.count_phrase(3, "day", lang)) in text  # 9, 10 and 11 September
    else:
        assert unspaced(dates_phrase(informal_days, lang)) in text
    if 0 < interpreted < 5:
        count = formatting.count_phrase(interpreted, "plenary_meeting", lang)
        if lang == "zh":  # "三场配有……口译的全体会议": the count and its measure word
            count = formatting.cardinal(interpreted, lang) + "场"
        assert unspaced(count) in text
        assert unspaced(dates_phrase(interpreted_days, lang)) in text
    # The document carries the sentence in the annotation of the adoption of the agenda.
    paragraphs = unspaced(" ".join(t for a in doc.annotations for _n, t in a.paragraphs))
    assert all(unspaced(sentence) in paragraphs for sentence in sentences)

    # The feed: one event per half-day meeting; the ones with interpretation say into which
    # languages, the others that they are informal consultations, in summary and description.
    held = {str(s.public_id) for s in m.active_slots}
    events = [e for e in meeting_events(m, lang, LINKS, date(2026, 1, 1)) if e.uid in held]
    assert len(events) == 5
    informal_line = unspaced(labels(lang)["informal"])
    marked = [e for e in events if informal_line in unspaced(e.description)]
    assert len(marked) == 5 - interpreted
    assert sorted({e.start.date() for e in marked}) == informal_days
    empty = [e for e in marked if unspaced(e.summary).endswith(unspaced(_informal_summary(lang)))]
    assert len(empty) == len([s for s in informal if not s.rows])


def _informal_summary(lang: str) -> str:
    """The words the informal-consultation summary ends with, after the body and ordinal."""
    return labels(lang)["summary_informal"].rsplit("}", 1)[-1].lstrip(": \uff1a")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_meetings_without_interpretation_languages_are_informal_everywhere(lang: str) -> None:
    m = replace(september(5), interpretation_languages=())
    doc = build(m, lang)
    notes = [s.note for day in doc.orgwork for s in day.sittings]
    assert notes == [words(lang)["informal"]] * 5
    held = {str(s.public_id) for s in m.active_slots}
    events = [e for e in meeting_events(m, lang, LINKS, date(2026, 1, 1)) if e.uid in held]
    assert all(unspaced(labels(lang)["informal"]) in unspaced(e.description) for e in events)
    dates = dates_phrase([START, date(2026, 9, 10), date(2026, 9, 11)], lang)
    assert unspaced(dates) in unspaced(" ".join(capacity_sentences(m, lang)))


def test_the_issues_meeting_is_not_said_to_last_two_days() -> None:
    sentences = capacity_sentences(september(3), "en")
    assert sentences == [
        "The resources available will allow for three plenary meetings (9 and 10 September "
        "2026), with interpretation into all six official languages of the United Nations.",
        "The other two meetings (11 September 2026) will be held as informal consultations "
        "without interpretation.",
    ]
    assert "over two days" not in " ".join(sentences)
