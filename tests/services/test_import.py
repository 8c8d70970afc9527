"""Importing meeting files: all or nothing, clear messages, identities kept across re-imports."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.models import AgendaItem, Body, Document, Meeting, TimeSlot
from tests.conftest import REFERENCE

SYMBOL = "CTOC/COP/WG.4/2018/1"


def _counts(session: Session) -> tuple[int, ...]:
    return tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Body, Document, Meeting, AgendaItem, TimeSlot)
    )


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _meeting(session: Session) -> Meeting:
    meeting = session.scalar(select(Meeting).where(Meeting.symbol == SYMBOL))
    assert meeting is not None
    return meeting


def test_reference_imports_with_every_record(reference: Session) -> None:
    assert _counts(reference) == (2, 2, 1, 7, 4)
    meeting = _meeting(reference)
    assert meeting.number == 8
    assert meeting.body.parent is not None and meeting.body.parent.symbol == "CTOC/COP"
    assert meeting.interpretation_meetings == 4
    assert meeting.interpretation_languages == ("ar", "zh", "en", "fr", "ru", "es")


def test_import_reports_progress_and_one_summary_line_per_file(
    runner: FlaskCliRunner, session: Session, tmp_path: Path
) -> None:
    second = _write(
        tmp_path,
        "second.yaml",
        REFERENCE.read_text()
        .replace("CTOC/COP/WG.4/2018/1 ", "CTOC/COP/WG.4/2019/1 ")
        .replace("symbol: CTOC/COP/WG.4/2018/1", "symbol: CTOC/COP/WG.4/2019/1"),
    )
    result = runner.invoke(args=["planner", "import", str(REFERENCE), str(second)])
    assert result.exit_code == 0, result.output
    assert "[1/2]" in result.stderr and "[2/2]" in result.stderr
    # After what the import changes (in words), one summary line per file.
    summary = result.stdout.strip().splitlines()[-2:]
    assert summary[0].startswith(
        f"{REFERENCE}: 2 bodies; 2 documents; 3 mandates; created {SYMBOL}"
    )
    assert summary[1].startswith(f"{second}: ") and "created CTOC/COP/WG.4/2019/1" in summary[1]


def test_reimport_replaces_the_meeting_and_keeps_public_ids(
    runner: FlaskCliRunner, reference: Session
) -> None:
    meeting = _meeting(reference)
    before_items = {i.public_id for i in meeting.items}
    before_slots = {s.public_id for s in meeting.slots}
    before_id = meeting.public_id
    result = runner.invoke(args=["planner", "import", str(REFERENCE)])
    assert result.exit_code == 0, result.output
    assert f"replaced {SYMBOL}" in result.stdout
    reference.expire_all()
    meeting = _meeting(reference)
    assert meeting.public_id == before_id
    assert {i.public_id for i in meeting.items} == before_items
    assert {s.public_id for s in meeting.slots} == before_slots
    assert _counts(reference) == (2, 2, 1, 7, 4)


def test_reimport_of_identical_data_changes_no_revision(
    runner: FlaskCliRunner, reference: Session
) -> None:
    meeting = _meeting(reference)
    before = {s.public_id: (s.sequence, s.modified_at) for s in meeting.slots}
    runner.invoke(args=["planner", "import", str(REFERENCE)])
    reference.expire_all()
    after = {s.public_id: (s.sequence, s.modified_at) for s in _meeting(reference).slots}
    assert after == before


def test_rescheduled_meeting_keeps_its_events_with_higher_sequence(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    slots = {
        (s.date.day, s.start.hour): (s.public_id, s.sequence) for s in _meeting(reference).slots
    }
    moved = _write(
        tmp_path,
        "moved.yaml",
        REFERENCE.read_text()
        .replace("start: 2018-07-02", "start: 2018-07-09")
        .replace("end: 2018-07-03", "end: 2018-07-10"),
    )
    # Moving the dates cancels the old half-day meetings: a removal, so --replace.
    result = runner.invoke(args=["planner", "import", "--replace", str(moved)])
    assert result.exit_code == 0, result.output
    reference.expire_all()
    after = {
        (s.date.day, s.start.hour): (s.public_id, s.sequence) for s in _meeting(reference).slots
    }
    assert after[(9, 10)][0] == slots[(2, 10)][0]
    assert after[(10, 15)][0] == slots[(3, 15)][0]
    assert all(
        after[k][1] == slots[old][1] + 1
        for k, old in [
            ((9, 10), (2, 10)),
            ((9, 15), (2, 15)),
            ((10, 10), (3, 10)),
            ((10, 15), (3, 15)),
        ]
    )


def test_a_dropped_day_keeps_its_half_day_meetings_as_cancelled(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    shorter = _write(
        tmp_path,
        "shorter.yaml",
        REFERENCE.read_text()
        .replace("end: 2018-07-03", "end: 2018-07-02")
        .replace("meetings: 4\n", "meetings: 2\n"),
    )
    result = runner.invoke(args=["planner", "import", "--replace", str(shorter)])
    assert result.exit_code == 0, result.output
    reference.expire_all()
    slots = _meeting(reference).slots
    assert len(slots) == 4
    assert sorted((s.date.day, s.cancelled) for s in slots) == [
        (2, False),
        (2, False),
        (3, True),
        (3, True),
    ]


# (text to replace, its replacement, the key path the message names, what it says). The line
# the message must name is the line of the replacement in the bad file.
BAD_FILES = [
    pytest.param(
        "timezone: Europe/Vienna",
        "timezone: Europe/Viena",
        "meetings[0].timezone",
        '"Europe/Viena" is not a known time zone',
        id="unknown-time-zone",
    ),
    pytest.param(
        "end: 2018-07-03",
        "end: 2018-07-01",
        "meetings[0]",
        "before it starts",
        id="end-before-start",
    ),
    pytest.param(
        "documents: [CTOC/COP/WG.4/2018/2]",
        "documents: [CTOC/COP/WG.4/2018/9]",
        "meetings[0].agenda[1].documents[0]",
        'No document has the symbol "CTOC/COP/WG.4/2018/9"',
        id="document-nowhere",
    ),
    pytest.param(
        "languages: [ar, zh, en, fr, ru, es]",
        "languages: [ar, zh, en, de, ru, es]",
        "meetings[0].interpretation.languages[3]",
        '"de" is not one of the six official languages',
        id="language",
    ),
    pytest.param(
        "    meeting_word: session ",
        "    meeting_word: [session ",
        "",
        "is not closed properly",
        id="yaml-syntax",
    ),
]


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "path", "message"), BAD_FILES)
def test_a_bad_file_is_refused_with_its_place_and_nothing_changes(
    runner: FlaskCliRunner,
    reference: Session,
    tmp_path: Path,
    old: str,
    new: str,
    path: str,
    message: str,
) -> None:
    text = REFERENCE.read_text()
    assert old in text
    bad_text = text.replace(old, new, 1)
    bad = _write(tmp_path, "bad.yaml", bad_text)
    before = _counts(reference)
    result = runner.invoke(args=["planner", "import", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    first = next(line for line in result.stderr.splitlines() if not line.startswith("["))
    assert first.startswith(f"{bad}, line ")
    line = int(first.removeprefix(f"{bad}, line ").split()[0].rstrip(":"))
    assert abs(line - _line_of(bad_text, new)) <= 1  # the key's line, or the value's
    assert path in first and message in first
    assert "Nothing was imported" in result.stderr
    assert _counts(reference) == before


def test_one_bad_file_among_several_imports_none(
    runner: FlaskCliRunner, session: Session, tmp_path: Path
) -> None:
    bad = _write(
        tmp_path,
        "bad.yaml",
        REFERENCE.read_text().replace("timezone: Europe/Vienna", "timezone: Mars/Olympus"),
    )
    result = runner.invoke(args=["planner", "import", str(REFERENCE), str(bad)])
    assert result.exit_code == 1
    assert _counts(session) == (0, 0, 0, 0, 0)


def test_a_database_refusal_rolls_back_everything(
    runner: FlaskCliRunner, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even an error the file checks cannot see (here: a failing flush) leaves nothing behind."""
    from sqlalchemy.exc import IntegrityError

    from planner.services import importer

    def refuse(*_args: object) -> None:
        raise IntegrityError("INSERT", {}, Exception("simulated constraint failure"))

    monkeypatch.setattr(importer, "refresh_revisions", refuse)
    result = runner.invoke(args=["planner", "import", str(REFERENCE)])
    assert result.exit_code == 1
    assert "simulated constraint failure" in result.stderr
    assert _counts(session) == (0, 0, 0, 0, 0)


def test_missing_file_is_named(runner: FlaskCliRunner, session: Session, tmp_path: Path) -> None:
    result = runner.invoke(args=["planner", "import", str(tmp_path / "nope.yaml")])
    assert result.exit_code != 0
    assert "nope.yaml: no such file" in result.output


def test_a_slot_named_by_id_for_another_day_is_not_taken_by_place(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    """The file names the first day's first half-day meeting as the second day's: the record
    goes where its id says, and the first day gets a new one (no duplicate id)."""
    meeting = _meeting(reference)
    first = min(meeting.slots, key=lambda s: (s.date, s.start))
    text = REFERENCE.read_text().replace(
        "    interpretation:\n",
        f"    slot_ids:\n      2018-07-03: [{first.public_id}, {uuid.uuid4()}]\n"
        "    interpretation:\n",
    )
    moved = _write(tmp_path, "ids.yaml", text)
    result = runner.invoke(args=["planner", "import", str(moved)])
    assert result.exit_code == 0, result.output
    reference.expire_all()
    slots = [s for s in _meeting(reference).slots if not s.cancelled]
    ids = [s.public_id for s in slots]
    assert len(ids) == len(set(ids)) == 4
    by_id = {s.public_id: s for s in slots}
    assert (by_id[first.public_id].date.day, by_id[first.public_id].start.hour) == (3, 10)
