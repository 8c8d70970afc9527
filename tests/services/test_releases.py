"""Releases as services: SEQUENCE per release, what a release keeps of cancelled half-day
meetings, and the meeting file's `published` field on import and export."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.meetingfile import MeetingFileError, parse
from planner.models import Meeting, MeetingRelease
from planner.releases.service import (
    NothingToPublish,
    pending_changes,
    public_data,
    publish,
    releases,
)
from planner.services.exporter import export_meeting
from planner.services.revisions import refresh_revisions
from tests.conftest import REFERENCE

SYMBOL = "CTOC/COP/WG.4/2018/1"


def _meeting(session: Session) -> Meeting:
    found = session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert found is not None
    return found


def _sequences(session: Session, meeting: Meeting) -> dict[str, int]:
    data = public_data(session, meeting)
    assert data is not None
    return {"meeting": data.sequence} | {str(s.public_id): s.sequence for s in data.slots}


def _edit_slot_end(session: Session, meeting: Meeting, index: int, end: time) -> None:
    """As an editor's save does: change, then refresh the working copy's revisions."""
    meeting.slots[index].end = end
    refresh_revisions(session, meeting)


def test_only_the_events_that_changed_get_a_higher_sequence_and_once_per_release(
    reference: Session,
) -> None:
    meeting = _meeting(reference)
    first = _sequences(reference, meeting)
    assert set(first.values()) == {0}
    # the last half-day meeting runs longer (nothing moves into or out of it)
    changed = str(meeting.slots[3].public_id)
    _edit_slot_end(reference, meeting, 3, time(18, 10))
    _edit_slot_end(reference, meeting, 3, time(18, 20))
    _edit_slot_end(reference, meeting, 3, time(18, 30))
    assert meeting.slots[3].sequence == 3  # the working copy moved at every save
    release = publish(reference, meeting, None)
    assert release.number == 2
    second = _sequences(reference, meeting)
    assert second == {**first, changed: 1}
    data = public_data(reference, meeting)
    assert data is not None
    assert [s.end for s in data.slots if str(s.public_id) == changed] == [time(18, 30)]


def test_publishing_without_a_change_is_refused(reference: Session) -> None:
    meeting = _meeting(reference)
    assert pending_changes(reference, meeting) == ()
    with pytest.raises(NothingToPublish):
        publish(reference, meeting, None)
    assert [r.number for r in releases(reference, meeting)] == [1]


@pytest.mark.draft
def test_a_half_day_meeting_cancelled_before_it_was_public_is_left_out(
    reference: Session,
) -> None:
    meeting = _meeting(reference)
    never_public = meeting.slots[3]
    never_public.cancelled = True
    refresh_revisions(reference, meeting)
    publish(reference, meeting, None)
    data = public_data(reference, meeting)
    assert data is not None
    assert never_public.public_id not in {s.public_id for s in data.slots}

    dropped = meeting.slots[2]
    dropped.cancelled = True
    refresh_revisions(reference, meeting)
    publish(reference, meeting, None)
    data = public_data(reference, meeting)
    assert data is not None
    kept = {s.public_id: s for s in data.slots}
    assert kept[dropped.public_id].cancelled  # subscribers learn it is cancelled
    assert kept[dropped.public_id].sequence == 1


def _with_published(tmp_path: Path, value: str) -> Path:
    """The reference with ``published: value`` as the last key of its meeting (the top-level
    sections after ``meetings``, such as ``mandates``, stay after it)."""
    lines = REFERENCE.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("meetings:\n")
    end = next(
        (n for n in range(start + 1, len(lines)) if lines[n][:1] not in ("", " ", "\n")),
        len(lines),
    )
    while lines[end - 1].strip() == "":
        end -= 1
    lines.insert(end, f"    published: {value}\n")
    path = tmp_path / "wg4.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_a_file_that_says_published_true_is_published_on_import_and_exported_so(
    runner: FlaskCliRunner, session: Session, tmp_path: Path
) -> None:
    path = _with_published(tmp_path, "true")
    result = runner.invoke(args=["planner", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{SYMBOL}: published release 1" in result.output
    meeting = _meeting(session)
    exported = export_meeting(meeting)
    assert "\n    published: true\n" in exported
    again = tmp_path / "again.yaml"
    again.write_text(exported, encoding="utf-8")
    assert runner.invoke(args=["planner", "import", str(again)]).exit_code == 0
    assert [r.number for r in releases(session, meeting)] == [1]  # nothing new to publish
    assert export_meeting(meeting) == exported


def test_a_file_without_published_imports_a_draft(
    runner: FlaskCliRunner, session: Session, tmp_path: Path
) -> None:
    for path in (REFERENCE, _with_published(tmp_path, "false")):
        result = runner.invoke(args=["planner", "import", str(path)])
        assert result.exit_code == 0, result.output
        assert "published release" not in result.output
    meeting = _meeting(session)
    assert session.scalar(select(MeetingRelease)) is None
    assert "published:" not in export_meeting(meeting)


def test_published_must_be_true_or_false(tmp_path: Path) -> None:
    text = _with_published(tmp_path, "soon").read_text(encoding="utf-8")
    with pytest.raises(MeetingFileError) as error:
        parse(text, "wg4.yaml")
    messages = [str(p) for p in error.value.problems]
    assert any("published must be true or false" in m and "wg4.yaml" in m for m in messages)
