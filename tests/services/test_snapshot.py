"""The feeds' bulk loader gives exactly the plain data the ORM path gives."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.models import Meeting
from planner.services.snapshot import load_meeting_data, meeting_data, meeting_options
from tests.conftest import REFERENCE


def _both(session: Session) -> tuple[list[object], list[object]]:
    session.expire_all()
    orm = [
        meeting_data(m)
        for m in session.scalars(
            select(Meeting).options(*meeting_options()).order_by(Meeting.start_date, Meeting.id)
        )
    ]
    return load_meeting_data(session, Meeting.id.is_not(None)), orm


def test_bulk_loader_equals_the_orm_snapshot_of_the_reference(reference: Session) -> None:
    bulk, orm = _both(reference)
    assert len(bulk) == 1
    assert bulk == orm


def test_bulk_loader_equals_the_orm_snapshot_with_placements_pins_and_cancellations(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    text = (
        text.replace("end: 2018-07-03", "end: 2018-07-04")
        .replace(
            "      - standard: other_matters\n        minutes: 30\n",
            "      - standard: other_matters\n        minutes: 30\n"
            "        pin: {day: 2, meeting: 2}\n",
        )
        .replace("    format: in_person", "    format: hybrid\n    restricted: true")
    )
    changed = tmp_path / "changed.yaml"
    changed.write_text(text, encoding="utf-8")
    assert runner.invoke(args=["planner", "import", str(changed)]).exit_code == 0
    shorter = tmp_path / "shorter.yaml"
    meetings, mandates = text.replace("end: 2018-07-04", "end: 2018-07-03").split("\n\n#", 1)
    shorter.write_text(
        meetings + "\n    organization_of_work:\n"
        '      - {day: 1, meeting: 1, items: ["1(a)", "1(b)", "2"]}\n'
        '      - {day: 2, meeting: 2, items: ["3", "4", "5"]}\n'
        "\n#" + mandates,  # the meeting ends before the file's mandates section
        encoding="utf-8",
    )
    # The shorter meeting drops the fourth day's half-day meetings: a removal, so --replace.
    result = runner.invoke(args=["planner", "import", "--replace", str(shorter)])
    assert result.exit_code == 0, result.output
    bulk, orm = _both(reference)
    assert bulk == orm
    meeting = bulk[0]
    assert meeting.restricted and meeting.placements
    assert any(s.cancelled for s in meeting.slots)
