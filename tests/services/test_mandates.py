"""Mandate records in the database: the reference meeting's citations come from them, the
Working Group's mandates from the seed documents, the importer's rules, the check and the
history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.meetingfile import parse
from planner.models import Body, Change, Mandate, MandateText, Meeting
from planner.services.citations import citation_check
from planner.services.importer import ImportRefused, import_texts
from planner.services.mandates import body_mandates, by_public_id, mandate_spec
from planner.services.snapshot import load_meeting, meeting_data
from tests.conftest import REFERENCE

SYMBOL = "CTOC/COP/WG.4/2018/1"
SEEDS = REFERENCE.parent / "mandates-wg4.yaml"


def _mandate(session: Session, number: str) -> Mandate:
    found = session.scalar(select(Mandate).where(Mandate.number == number))
    assert found is not None
    return found


def _annotation(session: Session, lang: str) -> str:
    session.expire_all()
    meeting = load_meeting(session, SYMBOL)
    assert meeting is not None
    return meeting_data(meeting).agenda[0].children[1].annotation[lang]


@pytest.fixture
def seeded(runner: FlaskCliRunner, reference: Session) -> Session:
    result = runner.invoke(args=["planner", "import", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return reference


def test_the_reference_citation_is_written_from_the_mandate_record(reference: Session) -> None:
    assert _annotation(reference, "zh").startswith(
        "联合国打击跨国有组织犯罪公约缔约方会议在其题为“加强《联合国打击跨国有组织犯罪公约》"
        "及其各项议定书的实施”的第 7/1 号决议中决定，"
    )
    assert _annotation(reference, "en").startswith(
        "In its resolution 7/1, entitled “Strengthening the implementation of the United Nations "
        "Convention against Transnational Organized Crime and the Protocols thereto”, the "
        "Conference of the Parties to the United Nations Convention against Transnational "
        "Organized Crime decided, inter alia,"
    )
    # Change the record: every language version follows it.
    resolution = _mandate(reference, "7/1")
    resolution.texts["en"].title = "A new title"
    reference.flush()
    assert _annotation(reference, "en").startswith("In its resolution 7/1, entitled “A new title”")
    assert "resolution 7/1 of the Conference" in _annotation(reference, "en")


def test_a_french_annotation_is_cited_from_the_same_record(reference: Session) -> None:
    cop = reference.scalar(select(Body).where(Body.symbol == "CTOC/COP"))
    assert cop is not None
    cop.texts["fr"] = type(cop.texts["en"])(
        lang="fr", name="Conférence des Parties", short_name="la Conférence"
    )
    resolution = _mandate(reference, "7/1")
    resolution.texts["fr"] = MandateText(lang="fr", title="Renforcement")
    item = load_meeting(reference, SYMBOL)
    assert item is not None
    adoption = next(i for i in item.items if i.standard == "adoption_of_agenda")
    adoption.texts["fr"] = type(adoption.texts["en"])(
        lang="fr", title="", annotation="{mandate:7/1} a décidé"
    )
    reference.flush()
    assert _annotation(reference, "fr") == (
        "Dans sa résolution 7/1, intitulée «\u00a0Renforcement\u00a0», "
        "la Conférence des Parties a décidé"
    )


def test_the_working_group_page_order_the_establishing_decision_first(seeded: Session) -> None:
    wg4 = seeded.scalar(select(Body).where(Body.symbol == "CTOC/COP/WG.4"))
    assert wg4 is not None
    listed = [(m.body.symbol, m.label(), m.adopted) for m in body_mandates(seeded, wg4)]
    assert listed == [
        ("CTOC/COP", "decision 4/4", date(2008, 10, 17)),
        ("A", "resolution 64/178", date(2009, 12, 18)),
        ("E/CN.15", "draft None", date(2017, 5, 26)),
        ("CTOC/COP", "draft CTOC/COP/2020/L.6/Rev.1", date(2020, 10, 15)),
        ("CTOC/COP", "resolution 7/1", None),
        ("CTOC/COP", "resolution 8/2", None),
    ]


def test_the_seed_mandates_carry_their_paragraphs_in_both_languages(seeded: Session) -> None:
    decision = _mandate(seeded, "4/4")
    assert [p.number for p in decision.paragraphs] == ["9", "10", "11", "12", "13", "14", "15"]
    assert (
        decision.paragraphs[0].text("text")["zh"].startswith("决定根据《有组织犯罪公约》第 32 条")
    )
    assert all(set(p.text("text")) == {"zh", "en"} for p in decision.paragraphs)
    assert [(k.body.symbol, k.relation) for k in decision.body_links] == [
        ("CTOC/COP/WG.4", "establishes")
    ]
    assert _mandate(seeded, "64/178").symbol == "A/RES/64/178"


def test_importing_the_seeds_again_changes_nothing(runner: FlaskCliRunner, seeded: Session) -> None:
    before = {m.public_id: mandate_spec(m) for m in seeded.scalars(select(Mandate))}
    result = runner.invoke(args=["planner", "import", str(SEEDS)])
    assert result.exit_code == 0, result.output
    seeded.expire_all()
    assert {m.public_id: mandate_spec(m) for m in seeded.scalars(select(Mandate))} == before


def test_a_citation_of_an_unknown_mandate_refuses_the_file(reference: Session) -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "{mandate:5/5|ref}", "{mandate:5/6|ref}", 1
    )
    with pytest.raises(ImportRefused) as refused:
        import_texts(reference, [("bad.yaml", text)])
    (problem,) = refused.value.problems
    assert problem.path == "meetings[0].agenda[2].annotation.en"
    assert "names no mandate" in problem.message and problem.line is not None


def test_a_mandate_naming_an_unknown_body_is_refused_with_its_place(reference: Session) -> None:
    text = SEEDS.read_text(encoding="utf-8").replace(
        "body: E/CN.15\n    kind", "body: E/CN.16\n    kind"
    )
    with pytest.raises(ImportRefused) as refused:
        import_texts(reference, [("seeds.yaml", text)])
    (problem,) = refused.value.problems
    assert problem.path == "mandates[2].body" and "E/CN.16" in problem.message
    assert reference.scalar(select(Mandate).where(Mandate.number == "4/4")) is None


def test_check_reports_a_cited_mandate_without_a_title_in_the_annotations_language(
    runner: FlaskCliRunner, reference: Session
) -> None:
    resolution = _mandate(reference, "7/1")
    del resolution.texts["zh"]
    reference.flush()
    meeting = reference.scalar(select(Meeting))
    assert meeting is not None
    assert [(p.code, p.lang, p.where) for p in citation_check(meeting)] == [
        ("missing_title", "zh", "1(b)")
    ]
    result = runner.invoke(args=["planner", "check", SYMBOL, "--lang", "zh"])
    assert result.exit_code == 1
    assert (
        "error: 项目 1(b)，中文说明：{mandate:7/1} 引用的 CTOC/COP resolution 7/1 没有中文标题"
        in (result.stdout)
    )


def test_the_reference_has_no_citation_problem(reference: Session) -> None:
    meeting = reference.scalar(select(Meeting))
    assert meeting is not None
    assert citation_check(meeting) == []


def test_a_mandate_edit_is_recorded_in_the_history(reference: Session) -> None:
    from planner.history.service import record_change, undo

    mandate = _mandate(reference, "8/2")
    with record_change(reference, None, mandate, "Edited resolution 8/2"):
        mandate.adopted = date(2016, 10, 21)
    change = reference.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None and change.subject == "mandate"
    assert change.subject_symbol == "CTOC/COP resolution 8/2"
    assert "adopted: 2016-10-21" in change.after and "adopted" not in change.before
    undo(reference, change, None)
    reference.expire_all()
    restored = by_public_id(reference, mandate.public_id)
    assert restored is not None and restored.adopted is None


def test_the_seed_file_header_says_the_english_is_the_projects_translation() -> None:
    head = SEEDS.read_text(encoding="utf-8").split("format: 1")[0]
    assert "project's own translation" in head
    assert parse(SEEDS.read_text(encoding="utf-8"), "seeds.yaml").mandates


def test_the_seed_file_exists_beside_the_reference() -> None:
    assert Path(SEEDS).exists()
