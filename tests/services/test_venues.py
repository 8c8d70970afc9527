"""Interpretation shared by the meetings of a venue, on the test session of the Conference
(tests/fixtures/venue-session-2026.yaml): plenary and Committee of the Whole in parallel for five
days, two working groups beside them, two teams per half-day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.core.meetingfile import parse
from planner.core.orgwork import plan
from planner.models import Body, Meeting, Venue
from planner.services.snapshot import load_meeting_data, meeting_data
from planner.venues import services

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "venue-session-2026.yaml"
COP, COW = "CTOC/COP/2026/1", "CTOC/COP/COW/2026/1"
WG4, WG7 = "CTOC/COP/WG.4/2026/1", "CTOC/COP/WG.7/2026/1"


@pytest.fixture
def session_2026(runner: FlaskCliRunner, session: Session) -> Session:
    result = runner.invoke(args=["planner", "import", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    return session


def _meeting(session: Session, symbol: str) -> Meeting:
    found = session.scalar(select(Meeting).where(Meeting.symbol == symbol))
    assert found is not None
    return found


def _venue(session: Session) -> Venue:
    found = session.scalar(select(Venue).where(Venue.key == "VIC"))
    assert found is not None
    return found


def test_check_reports_the_half_days_where_three_are_planned(
    session_2026: Session, runner: FlaskCliRunner
) -> None:
    result = runner.invoke(args=["planner", "check", WG4])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "over-booked" in line]
    assert lines == [
        "error: interpretation over-booked at Vienna International Centre on "
        f"{day}, {part}: 3 meetings with interpretation planned ({who}) for 2 teams; "
        "1 too many."
        for day, who in (
            ("Wednesday, 14 October 2026", f"{COP}, {COW} and {WG4}"),
            ("Thursday, 15 October 2026", f"{COP}, {WG4} and {WG7}"),
        )
        for part in ("morning", "afternoon")
    ]
    assert (
        f"warning: {WG4} asks for 4 meetings with interpretation; the teams of Vienna "
        "International Centre leave it 0, so its proposal plans 0." in result.output
    )


def test_check_names_only_the_half_days_a_meeting_takes_part_in(
    session_2026: Session, runner: FlaskCliRunner
) -> None:
    result = runner.invoke(args=["planner", "check", WG7, "--lang", "fr"])
    lines = [line for line in result.output.splitlines() if "surréservée" in line]
    assert [line.split(" le ")[1].split(",")[0] for line in lines] == ["jeudi 15 octobre 2026"] * 2


def test_a_meeting_at_no_venue_is_checked_as_before(
    reference: Session, runner: FlaskCliRunner
) -> None:
    result = runner.invoke(args=["planner", "check", "CTOC/COP/WG.4/2018/1"])
    assert "over-booked" not in result.output


def test_each_meeting_is_offered_what_the_meetings_before_it_left(session_2026: Session) -> None:
    found = services.report(session_2026, _venue(session_2026))
    assert [b.symbol for b in found.meetings] == [COP, COW, WG4, WG7]  # order of precedence
    assert found.offered == {COP: 10, COW: 6, WG4: 0, WG7: 4}


def test_the_proposal_takes_only_what_is_left(session_2026: Session) -> None:
    wg4 = meeting_data(_meeting(session_2026, WG4))
    wg7 = meeting_data(_meeting(session_2026, WG7))
    assert (wg4.interpretation_meetings, wg7.interpretation_meetings) == (0, 4)
    assert not any(s.interpreted for s in plan(wg4).sittings)
    # the feeds' loader says the same
    loaded = {m.symbol: m for m in load_meeting_data(session_2026, Meeting.venue_id.is_not(None))}
    assert loaded[WG4].interpretation_meetings == 0 and loaded[COW].interpretation_meetings == 6


def test_more_teams_on_a_date_give_a_working_group_its_interpretation(
    session_2026: Session, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    slots = {s.public_id: s.sequence for s in _meeting(session_2026, WG4).slots}
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "      teams: 2\n",
        "      teams: 2\n      dates:\n        2026-10-14: 3\n        2026-10-15: 3\n",
    )
    changed = tmp_path / "more-teams.yaml"
    changed.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["planner", "import", str(changed)])
    assert result.exit_code == 0, result.output
    session_2026.expire_all()
    venue = _venue(session_2026)
    assert venue.teams_on() == {date(2026, 10, 14): 3, date(2026, 10, 15): 3}
    found = services.report(session_2026, venue)
    assert found.overbooked == () and found.offered[WG4] == 4
    wg4 = _meeting(session_2026, WG4)
    assert meeting_data(wg4).interpretation_meetings == 4
    # its events now take up items: each one's SEQUENCE went up
    assert all(s.sequence == slots[s.public_id] + 1 for s in wg4.slots)


def test_the_venue_section_round_trips_byte_for_byte(
    session_2026: Session, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    first = runner.invoke(args=["planner", "export", WG4])
    assert first.exit_code == 0, first.output
    spec = parse(first.stdout, "export.yaml")
    assert [v.key for v in spec.venues] == ["VIC"] and spec.meetings[0].venue_key == "VIC"
    assert spec.venues[0].rooms == ("Plenary Hall M", "Board Room D", "Conference Room C3")
    session_2026.execute(delete(Meeting))
    session_2026.execute(delete(Venue))
    session_2026.execute(delete(Body).where(Body.parent_id.is_not(None)))
    session_2026.execute(delete(Body))
    session_2026.expire_all()
    exported = tmp_path / "exported.yaml"
    exported.write_text(first.stdout, encoding="utf-8")
    assert runner.invoke(args=["planner", "import", str(exported)]).exit_code == 0
    second = runner.invoke(args=["planner", "export", WG4])
    assert second.stdout.encode() == first.stdout.encode()


def test_a_meeting_naming_an_unknown_venue_is_refused_with_its_place(
    session: Session, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    text = text[: text.index("venues:")] + text[text.index("meetings:") :]
    bad = tmp_path / "no-venue.yaml"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["planner", "import", str(bad)])
    assert result.exit_code != 0
    line = text.splitlines().index("    venue_key: VIC") + 1
    assert f"no-venue.yaml, line {line} (meetings[0].venue_key)" in result.output
    assert 'No venue has the key "VIC"' in result.output
    assert session.scalar(select(Meeting)) is None  # nothing half-saved
