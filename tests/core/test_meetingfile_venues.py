"""The venue section of a meeting file (docs/meeting-file-extensions.md): read, refused with its
place, written back the same."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.meetingfile import dump, parse, references
from tests.core.test_meetingfile import MINI, edit, line_of, only_problem, with_meeting_keys

VENUES = """
venues:
  - key: VIC
    name: {en: Vienna International Centre, fr: Centre international de Vienne}
    rooms: [Board Room D, Plenary Hall M]
    interpretation:
      teams: 2
      dates: {2018-07-03: 1}
"""


def with_venue(venues: str = VENUES, key: str = "VIC") -> str:
    text = edit(MINI, "\nmeetings:\n", venues + "\nmeetings:\n")
    return edit(text, "    agenda:\n", f"    venue_key: {key}\n    agenda:\n")


def test_a_venue_and_the_meeting_held_there_are_read() -> None:
    mf = parse(with_venue(), "f.yaml")
    (venue,) = mf.venues
    assert venue.key == "VIC" and venue.name["fr"] == "Centre international de Vienne"
    assert venue.rooms == ("Board Room D", "Plenary Hall M")
    assert venue.interpretation_teams == 2
    assert venue.capacity_exceptions == {date(2018, 7, 3): 1}
    assert mf.meetings[0].venue_key == "VIC"
    assert references(mf) == [r for r in references(mf) if r.kind != "venue"]


def test_a_venue_written_and_read_back_is_the_same() -> None:
    mf = parse(with_venue(), "f.yaml")
    text = dump(mf)
    assert parse(text, "g.yaml") == mf
    assert dump(parse(text, "g.yaml")) == text
    assert text.index("venues:") < text.index("meetings:")
    assert text.rstrip().endswith("venue_key: VIC")


def test_a_venue_key_not_in_the_file_is_a_reference_for_the_database() -> None:
    text = with_meeting_keys("    venue_key: UNHQ\n")
    (ref,) = [r for r in references(parse(text, "f.yaml")) if r.kind == "venue"]
    assert (ref.symbol, ref.path, ref.line) == (
        "UNHQ",
        "meetings[0].venue_key",
        line_of(text, "venue_key: UNHQ"),
    )


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ("  - key: VIC", "  - key: V I C", "venues[0].key", "is not a venue key"),
        ("      teams: 2\n", "      teams: -2\n", "venues[0].interpretation.teams", "whole number"),
        ("      teams: 2\n", "", "venues[0].interpretation.teams", "it is required"),
        (
            "{2018-07-03: 1}",
            "{2018-07-03: many}",
            "venues[0].interpretation.dates.2018-07-03",
            "whole number",
        ),
        (
            "{2018-07-03: 1}",
            "{3 July: 1}",
            "venues[0].interpretation.dates.3 July",
            "is not a date",
        ),
        (
            "    name: {en: Vienna International Centre, fr: Centre international de Vienne}\n",
            "",
            "venues[0].name",
            "it is required",
        ),
        (
            "rooms: [Board Room D, Plenary Hall M]",
            "rooms: Board Room D",
            "venues[0].rooms",
            "should be a list",
        ),
    ],
)
def test_a_bad_venue_is_refused_with_its_place(old: str, new: str, path: str, message: str) -> None:
    problem = only_problem(edit(with_venue(), old, new))
    assert problem.path == path and message in problem.message


def test_a_venue_listed_twice_is_refused() -> None:
    twice = VENUES + VENUES.replace("\nvenues:\n", "\n")
    problem = only_problem(with_venue(twice))
    assert problem.path == "venues[1].key" and "listed twice" in problem.message
