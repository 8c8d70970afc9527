"""Issuing rules of the pure core: symbols of revisions and corrigenda, refusals, the list of
issued versions, and the differences between an issued version and the data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from planner.core.issuing import (
    IssuedLanguage,
    IssueRefused,
    check_issue,
    differences,
    issued_filename,
    listing,
    next_issue,
    outline,
)
from tests.core.builders import item, meeting, reference_agenda, std, uid

BASE = "CTOC/COP/WG.4/2018/1"
D1, D2, D3 = date(2018, 5, 21), date(2018, 6, 1), date(2018, 6, 5)


def issued(symbol: str, kind: str, langs: str, on: date) -> list[IssuedLanguage]:
    return [IssuedLanguage(symbol, kind, lang, on) for lang in langs.split()]  # type: ignore[arg-type]


ORIGINAL = issued(BASE, "original", "en fr", D1)
REV1 = issued(f"{BASE}/Rev.1", "revision", "en", D2)
CORR_OF_REV1 = issued(f"{BASE}/Rev.1/Corr.1", "corrigendum", "en", D3)


@pytest.mark.parametrize(
    ("history", "kind", "symbol", "compared_with"),
    [
        ([], None, BASE, None),
        ([], "original", BASE, None),
        (ORIGINAL, None, BASE, BASE),
        (ORIGINAL, "revision", f"{BASE}/Rev.1", BASE),
        (ORIGINAL, "corrigendum", f"{BASE}/Corr.1", BASE),
        (
            ORIGINAL + issued(f"{BASE}/Corr.1", "corrigendum", "en", D2),
            "corrigendum",
            f"{BASE}/Corr.2",
            f"{BASE}/Corr.1",
        ),
        (ORIGINAL + REV1, "revision", f"{BASE}/Rev.2", f"{BASE}/Rev.1"),
        (ORIGINAL + REV1, "corrigendum", f"{BASE}/Rev.1/Corr.1", f"{BASE}/Rev.1"),
        (ORIGINAL + REV1 + CORR_OF_REV1, None, f"{BASE}/Rev.1/Corr.1", f"{BASE}/Rev.1/Corr.1"),
        (ORIGINAL + REV1 + CORR_OF_REV1, "revision", f"{BASE}/Rev.2", f"{BASE}/Rev.1/Corr.1"),
    ],
)
def test_next_issue_takes_the_un_symbol(history, kind, symbol, compared_with) -> None:
    target = next_issue(BASE, history, kind)
    assert (target.symbol, target.compared_with) == (symbol, compared_with)


def test_a_revision_or_corrigendum_needs_an_issued_original() -> None:
    for kind in ("revision", "corrigendum"):
        with pytest.raises(IssueRefused) as refused:
            next_issue(BASE, [], kind)  # type: ignore[arg-type]
        assert refused.value.code == "nothing_issued"


def test_the_original_cannot_be_issued_twice() -> None:
    with pytest.raises(IssueRefused) as refused:
        next_issue(BASE, ORIGINAL, "original")
    assert refused.value.code == "already_issued"


@pytest.mark.parametrize(
    ("history", "kind", "langs", "on", "code"),
    [
        ([], None, (), D1, "no_language"),
        ([], None, ("en", "xx"), D1, "unknown_language"),
        (ORIGINAL, None, ("fr",), D2, "language_issued"),
        (ORIGINAL, "revision", ("en",), date(2018, 5, 20), "before_previous"),
        (ORIGINAL, "corrigendum", ("ru",), D2, "not_issued_in"),
    ],
)
def test_check_issue_refuses(history, kind, langs, on, code) -> None:
    target = next_issue(BASE, history, kind)
    with pytest.raises(IssueRefused) as refused:
        check_issue(target, history, langs, on)
    assert refused.value.code == code


def test_further_languages_of_an_issued_symbol_are_accepted() -> None:
    target = next_issue(BASE, ORIGINAL, None)
    check_issue(target, ORIGINAL, ("ru", "zh"), D2)  # no exception


def test_listing_is_newest_first_and_a_revision_supersedes_what_came_before() -> None:
    listed = listing(ORIGINAL + REV1 + CORR_OF_REV1)
    assert [v.symbol for v in listed] == [f"{BASE}/Rev.1/Corr.1", f"{BASE}/Rev.1", BASE]
    assert [v.superseded_by for v in listed] == [None, None, f"{BASE}/Rev.1"]
    assert listed[2].languages == (("en", D1), ("fr", D1))


def test_issued_filename_keeps_the_modifiers() -> None:
    assert issued_filename(f"{BASE}/Rev.1", "fr", "pdf") == "CTOC-COP-WG.4-2018-1-Rev.1-fr.pdf"


# Differences ------------------------------------------------------------------------------------

BEFORE = meeting(reference_agenda())


def codes(after) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in differences(outline(BEFORE), outline(after), "en")]


def test_no_change_no_difference() -> None:
    assert differences(outline(BEFORE), outline(meeting(reference_agenda())), "en") == []


def test_a_retitled_item_is_named_with_its_old_and_new_title() -> None:
    agenda = list(reference_agenda())
    agenda[1] = replace(agenda[1], title={"en": "Trafficking online"})
    found = differences(outline(BEFORE), outline(meeting(agenda)), "en")
    assert [(d.code, dict(d.params)) for d in found] == [
        (
            "item_retitled",
            {"number": "2", "old": "2", "new": "Trafficking online", "languages": ("en",)},
        )
    ]


def test_an_added_item_moves_the_items_after_it() -> None:
    agenda = list(reference_agenda())
    agenda.insert(1, item("new", 60))
    found = differences(outline(BEFORE), outline(meeting(agenda)), "en")
    assert ("item_added", "2") in [(d.code, d.params.get("number")) for d in found]
    moved = [(d.params["old"], d.params["new"]) for d in found if d.code == "item_moved"]
    assert moved == [("2", "3"), ("3", "4"), ("4", "5"), ("5", "6")]


def test_a_removed_item_is_listed_with_its_title() -> None:
    agenda = [i for i in reference_agenda() if i.public_id != uid("3")]
    found = differences(outline(BEFORE), outline(meeting(agenda)), "en")
    assert found[0].code == "item_removed"
    assert dict(found[0].params) == {"number": "3", "title": "3"}


def test_a_changed_annotation_names_its_languages() -> None:
    agenda = list(reference_agenda())
    agenda[2] = replace(agenda[2], annotation={"en": "New text.", "fr": "Nouveau texte."})
    found = differences(outline(BEFORE), outline(meeting(agenda)), "en")
    assert [(d.code, d.params["languages"]) for d in found] == [
        ("annotation_changed", ("en", "fr"))
    ]


def test_moved_dates_and_half_day_meetings() -> None:
    later = meeting(reference_agenda(), start=date(2018, 7, 3))
    found = codes(later)
    assert found[0] == "dates"
    assert found.count("slot_moved") == 4


def test_a_dropped_half_day_meeting_is_listed_with_its_day_and_time() -> None:
    fewer = meeting(reference_agenda(), cancelled=[(2, 2)])
    found = differences(outline(BEFORE), outline(fewer), "en")
    dropped = [d for d in found if d.code == "slot_dropped"]
    assert len(dropped) == 1
    assert dict(dropped[0].params) == {
        "date": date(2018, 7, 3),
        "start": time(15, 0),
        "end": time(18, 0),
    }


def test_an_added_half_day_meeting() -> None:
    more = meeting(reference_agenda(), slots_per_day=3)
    assert codes(more).count("slot_added") == 2


def test_a_standard_item_title_changes_with_its_kind() -> None:
    agenda = list(reference_agenda())
    agenda[3] = std("adoption_of_report", 30, name="other_matters")
    assert "item_retitled" in codes(meeting(agenda))


def test_an_item_taking_more_time_changes_the_organization_of_work() -> None:
    agenda = list(reference_agenda())
    agenda[1] = replace(agenda[1], minutes=400)
    found = differences(outline(BEFORE), outline(meeting(agenda)), "en")
    changed = [d for d in found if d.code == "orgwork_changed"]
    assert changed
    assert all(d.params["old"] != d.params["new"] for d in changed)
