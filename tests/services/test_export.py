"""Exporting meetings: the file round-trips byte for byte, with identities."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskCliRunner
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.core.meetingfile import parse
from planner.models import Body, Document, Mandate, Meeting, MeetingRelease
from tests.conftest import REFERENCE

SYMBOL = "CTOC/COP/WG.4/2018/1"


def _empty(session: Session) -> None:
    session.execute(delete(MeetingRelease))
    session.execute(delete(Meeting))
    session.execute(delete(Mandate))
    session.execute(delete(Document))
    session.execute(delete(Body).where(Body.parent_id.is_not(None)))
    session.execute(delete(Body))
    session.expire_all()


def test_export_import_into_empty_database_export_gives_the_same_bytes(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    first = runner.invoke(args=["planner", "export", SYMBOL])
    assert first.exit_code == 0, first.output
    _empty(reference)
    assert reference.scalar(select(Meeting)) is None
    exported = tmp_path / "exported.yaml"
    exported.write_text(first.stdout, encoding="utf-8")
    imported = runner.invoke(args=["planner", "import", str(exported)])
    assert imported.exit_code == 0, imported.output
    second = runner.invoke(args=["planner", "export", SYMBOL])
    assert second.exit_code == 0, second.output
    assert second.stdout.encode() == first.stdout.encode()
    assert [m.number for m in parse(first.stdout, "e.yaml").mandates] == ["7/1", "8/2", "5/5"]


def test_export_carries_the_public_identifiers(reference: Session, runner: FlaskCliRunner) -> None:
    meeting = reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert meeting is not None
    text = runner.invoke(args=["planner", "export", SYMBOL]).stdout
    spec = parse(text, "export.yaml").meetings[0]
    assert spec.id == meeting.public_id
    assert {i.id for i in spec.agenda} >= {
        i.public_id for i in meeting.items if i.parent_id is None
    }
    slot_ids = {sid for ids in spec.slot_ids.values() for sid in ids}
    assert slot_ids == {s.public_id for s in meeting.slots}


def test_export_means_the_same_meeting_as_the_reference(
    reference: Session, runner: FlaskCliRunner
) -> None:
    """Apart from the identifiers planner adds, the export says what the reference says."""
    original = parse(REFERENCE.read_text(encoding="utf-8"), "ref.yaml").meetings[0]
    exported = parse(runner.invoke(args=["planner", "export", SYMBOL]).stdout, "e.yaml")
    again = exported.meetings[0]
    assert (again.symbol, again.number, again.start, again.end, again.timezone) == (
        original.symbol,
        original.number,
        original.start,
        original.end,
        original.timezone,
    )
    assert again.daily_meetings == original.daily_meetings
    assert again.days == original.days == {}

    def strip(items):  # type: ignore[no-untyped-def]
        return [
            (i.standard, dict(i.title), dict(i.annotation), i.documents, i.minutes, strip(i.items))
            for i in items
        ]

    assert strip(again.agenda) == strip(original.agenda)


def test_export_of_an_unknown_meeting_says_so(runner: FlaskCliRunner, session: Session) -> None:
    result = runner.invoke(args=["planner", "export", "A/NOPE/1"])
    assert result.exit_code != 0
    assert 'No meeting has the symbol "A/NOPE/1"' in result.output


def test_the_staff_decisions_go_out_and_come_back_with_the_meeting_file(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    from planner.core.orgwork import plan
    from planner.schedule.services import place_item, set_closed, split_item
    from planner.services.snapshot import meeting_data

    meeting = reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert meeting is not None
    slots = sorted(meeting.slots, key=lambda s: (s.date, s.start))
    items = {i.public_id: i for i in meeting.items}
    numbered = {
        e.number: e.item_id for s in plan(meeting_data(meeting)).sittings for e in s.entries
    }
    place_item(reference, meeting, items[numbered["4"]], slots[1].public_id)
    split_item(reference, meeting, items[numbered["3"]], slots[3].public_id, 60)
    set_closed(reference, meeting, slots[0].public_id, True)

    def shown(m: Meeting) -> object:
        org = plan(meeting_data(m))
        sittings = [
            (s.slot.public_id, s.closed, [(e.number, e.minutes, e.source) for e in s.entries])
            for s in org.sittings
        ]
        return sittings, org.overflow, org.problems

    before = shown(meeting)
    first = runner.invoke(args=["planner", "export", SYMBOL])
    assert first.exit_code == 0, first.output
    assert 'minutes: {"3": 60}' in first.stdout and "closed: true" in first.stdout
    _empty(reference)
    exported = tmp_path / "exported.yaml"
    exported.write_text(first.stdout, encoding="utf-8")
    assert runner.invoke(args=["planner", "import", str(exported)]).exit_code == 0
    again = reference.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert again is not None
    assert shown(again) == before
    assert runner.invoke(args=["planner", "export", SYMBOL]).stdout == first.stdout
