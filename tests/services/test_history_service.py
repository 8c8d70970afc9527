"""The history service: recording, differences, undo."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.meetingfile import parse
from planner.history.service import UndoRefused, differences, history, meeting_change, undo
from planner.models import Change, Meeting
from planner.services.importer import import_parsed
from tests.conftest import REFERENCE

SYMBOL = "CTOC/COP/WG.4/2018/1"


def _meeting(session: Session) -> Meeting:
    meeting = session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert meeting is not None
    return meeting


def test_a_change_is_recorded_with_its_differences(reference: Session) -> None:
    meeting = _meeting(reference)
    with meeting_change(reference, None, meeting, "Restricted the meeting"):
        meeting.restricted = True
    change = history(reference, meeting.public_id)[0]
    assert change.summary == "Restricted the meeting"
    assert change.user_email == "command line"
    paths = {d.path: (d.before, d.after) for d in differences(change)}
    assert paths["meetings[0].restricted"] == (None, True)


def test_no_change_records_nothing(reference: Session) -> None:
    meeting = _meeting(reference)
    before = history(reference, meeting.public_id)  # the import that created it
    with meeting_change(reference, None, meeting, "Nothing"):
        pass
    assert history(reference, meeting.public_id) == before


@pytest.mark.draft  # only a draft can be deleted
def test_undoing_a_deletion_brings_the_meeting_back_with_its_ids(reference: Session) -> None:
    meeting = _meeting(reference)
    ids = (
        {meeting.public_id}
        | {i.public_id for i in meeting.items}
        | {s.public_id for s in meeting.slots}
    )
    with meeting_change(reference, None, meeting, "Deleted", action="delete"):
        reference.delete(meeting)
    deletion = reference.scalar(select(Change).order_by(Change.id.desc()))
    assert deletion is not None
    undo(reference, deletion, None)
    back = _meeting(reference)
    assert {back.public_id} | {i.public_id for i in back.items} | {
        s.public_id for s in back.slots
    } == ids


@pytest.mark.draft  # only a draft can be deleted
def test_undoing_a_deletion_never_replaces_a_meeting_that_took_the_symbol(
    reference: Session,
) -> None:
    meeting = _meeting(reference)
    with meeting_change(reference, None, meeting, "Deleted", action="delete"):
        reference.delete(meeting)
    deletion = reference.scalar(select(Change).order_by(Change.id.desc()))
    assert deletion is not None
    import_parsed(reference, parse(REFERENCE.read_text(encoding="utf-8"), "ref.yaml"), "ref")
    newcomer = _meeting(reference).public_id
    with pytest.raises(UndoRefused, match="Another meeting now has the symbol"):
        undo(reference, deletion, None)
    assert _meeting(reference).public_id == newcomer
