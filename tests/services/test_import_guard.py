"""Importing over an existing meeting never destroys silently: it says what it changes, refuses
to remove anything without --replace, writes nothing on a dry run, and is a change in the
history that can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.history.service import history, undo
from planner.models import AgendaItem, Change, Meeting
from planner.services.exporter import export_meeting
from tests.conftest import REFERENCE

SYMBOL = "CTOC/COP/WG.4/2018/1"


def _meeting(session: Session) -> Meeting:
    session.expire_all()
    meeting = session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert meeting is not None
    return meeting


def _items(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AgendaItem)) or 0


def _changes(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Change)) or 0


def _edited(tmp_path: Path, name: str, edit) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    edit(data["meetings"][0])
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _truncate(meeting: dict) -> None:  # type: ignore[type-arg]
    """The file cut short after agenda item 2 (items 3, 4 and 5 missing)."""
    meeting["agenda"] = meeting["agenda"][:2]


@pytest.fixture
def truncated(tmp_path: Path) -> Path:
    return _edited(tmp_path, "wg4-truncated.yaml", _truncate)


def test_a_truncated_file_is_refused_without_replace(
    runner: FlaskCliRunner, reference: Session, truncated: Path
) -> None:
    before_items, before_changes = _items(reference), _changes(reference)
    before = export_meeting(_meeting(reference))
    result = runner.invoke(args=["planner", "import", str(truncated)])
    assert result.exit_code == 1
    assert "removed: agenda item 3" in result.output
    assert "The import would change:" in result.output
    assert "removed: agenda item 5 “adoption of report”" in result.output
    assert "--replace" in result.output
    assert _items(reference) == before_items
    assert _changes(reference) == before_changes
    assert export_meeting(_meeting(reference)) == before


def test_a_dry_run_prints_the_change_and_writes_nothing(
    runner: FlaskCliRunner, reference: Session, truncated: Path
) -> None:
    before_changes = _changes(reference)
    before = export_meeting(_meeting(reference))
    result = runner.invoke(args=["planner", "import", "--dry-run", "--replace", str(truncated)])
    assert result.exit_code == 0, result.output
    assert "The import would change:" in result.output
    assert "removed: agenda item 4 “other matters”" in result.output
    assert "Dry run: nothing was written." in result.output
    assert export_meeting(_meeting(reference)) == before
    assert _changes(reference) == before_changes


def test_an_import_is_in_the_history_and_can_be_undone(
    runner: FlaskCliRunner, reference: Session, truncated: Path
) -> None:
    before = export_meeting(_meeting(reference))
    items = _items(reference)
    result = runner.invoke(args=["planner", "import", "--replace", str(truncated)])
    assert result.exit_code == 0, result.output
    assert _items(reference) == items - 3
    meeting = _meeting(reference)
    change = history(reference, meeting.public_id)[0]
    assert change.user_email == "command line"
    assert change.summary == "Imported from wg4-truncated.yaml (3 removed)"
    assert change.before == before
    undo(reference, change, None)
    reference.flush()
    assert _items(reference) == items
    assert export_meeting(_meeting(reference)) == before


def test_an_import_that_only_adds_and_changes_goes_through_and_says_what(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    def retitle(meeting: dict) -> None:  # type: ignore[type-arg]
        meeting["agenda"][1]["title"]["en"] = "A new title"
        meeting["agenda"][1]["title"].pop("fr")

    retitled = _edited(tmp_path, "wg4-retitled.yaml", retitle)
    result = runner.invoke(args=["planner", "import", str(retitled)])
    # Dropping the French title removes a text: refused like any removal.
    assert result.exit_code == 1
    assert "removed: the title of agenda item 2 in fr" in result.output

    def retitle_only(meeting: dict) -> None:  # type: ignore[type-arg]
        meeting["agenda"][1]["title"]["en"] = "A new title"

    retitled = _edited(tmp_path, "wg4-retitled.yaml", retitle_only)
    result = runner.invoke(args=["planner", "import", str(retitled)])
    assert result.exit_code == 0, result.output
    assert "changed: agenda item 2 retitled from “" in result.output
    assert "to “A new title”" in result.output


def test_reimporting_an_unchanged_file_changes_nothing_and_records_nothing(
    runner: FlaskCliRunner, reference: Session
) -> None:
    before_changes = _changes(reference)
    result = runner.invoke(args=["planner", "import", str(REFERENCE)])
    assert result.exit_code == 0, result.output
    assert "The import changes nothing." in result.output
    assert _changes(reference) == before_changes


def test_if_absent_leaves_an_existing_meeting_alone(
    runner: FlaskCliRunner, reference: Session, truncated: Path
) -> None:
    before = export_meeting(_meeting(reference))
    result = runner.invoke(args=["planner", "import", "--if-absent", "--replace", str(truncated)])
    assert result.exit_code == 0, result.output
    assert "left alone" in result.output
    assert export_meeting(_meeting(reference)) == before


def test_the_first_import_is_a_creation_in_the_history(
    runner: FlaskCliRunner, session: Session
) -> None:
    result = runner.invoke(args=["planner", "import", "--if-absent", str(REFERENCE)])
    assert result.exit_code == 0, result.output
    meeting = _meeting(session)
    change = history(session, meeting.public_id)[0]
    assert change.action == "create" and change.summary == "Imported from wg4-2018.yaml"


def test_an_import_can_name_the_account_behind_it(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    from tests.web.helpers import make_user

    make_user(reference, "ed@un.org", "editor")

    def retitle(meeting: dict) -> None:  # type: ignore[type-arg]
        meeting["agenda"][1]["title"]["en"] = "A new title"

    path = _edited(tmp_path, "wg4-retitled.yaml", retitle)
    result = runner.invoke(args=["planner", "import", "--user", "ED@un.org", str(path)])
    assert result.exit_code == 0, result.output
    change = history(reference, _meeting(reference).public_id)[0]
    assert change.user_email == "ed@un.org" and change.user is not None
    unknown = runner.invoke(args=["planner", "import", "--user", "nobody@un.org", str(path)])
    assert unknown.exit_code != 0 and "No account has the email nobody@un.org" in unknown.output
