"""Every difference and refusal the core can give has a sentence in the interface."""

from __future__ import annotations

from datetime import date, time

import pytest
from flask import Flask

from planner.core.issuing import Difference, IssueRefused
from planner.issuing.wording import difference, refusal

SLOT = {"date": date(2018, 7, 3), "start": time(15), "end": time(18)}
DIFFERENCES = [
    Difference(
        "dates",
        {"old": (date(2018, 7, 2), date(2018, 7, 3)), "new": (date(2018, 7, 3), date(2018, 7, 4))},
    ),
    Difference("status", {"old": "planned", "new": "postponed"}),
    Difference("format", {"old": "in_person", "new": "hybrid"}),
    Difference("city", {"old": "Vienna", "new": "Geneva"}),
    Difference("item_added", {"number": "3", "title": "New"}),
    Difference("item_removed", {"number": "3", "title": "Old"}),
    Difference("item_moved", {"old": "3", "new": "4", "title": "T"}),
    Difference("item_retitled", {"number": "2", "old": "A", "new": "B", "languages": ("en", "fr")}),
    Difference("annotation_changed", {"number": "2", "languages": ("zh",)}),
    Difference("documents_changed", {"number": "2", "added": ("X/1",), "removed": ()}),
    Difference("slot_added", SLOT),
    Difference("slot_dropped", SLOT),
    Difference(
        "slot_moved",
        {**SLOT, "old_date": date(2018, 7, 4), "old_start": time(10), "old_end": time(13)},
    ),
    Difference("orgwork_changed", {**SLOT, "old": ("4",), "new": ()}),
]
EXPECTED = [
    "Dates changed from 2 and 3 July 2018 to 3 and 4 July 2018.",
    "Status changed from planned to postponed.",
    "Format changed from in person to hybrid.",
    "City changed from “Vienna” to “Geneva”.",
    "Item 3 added: “New”.",
    "Item 3 removed: “Old”.",
    "Item 3 is now item 4: “T”.",
    "Item 2 retitled from “A” to “B” (English, Français).",
    "Annotation of item 2 changed (中文).",
    "Documentation of item 2 changed: added X/1.",
    "A half-day meeting was added (3 July 2018, 3–6 p.m.).",
    "A half-day meeting was dropped (3 July 2018, 3–6 p.m.).",
    "A half-day meeting was moved (3 July 2018, 3–6 p.m., previously 4 July 2018, 10 a.m.–1 p.m.).",
    "Organization of work, 3 July 2018, 3–6 p.m.: was item 4; now no item.",
]


@pytest.mark.parametrize(("found", "sentence"), list(zip(DIFFERENCES, EXPECTED, strict=True)))
def test_each_difference_reads_as_a_sentence(app: Flask, found: Difference, sentence: str) -> None:
    with app.test_request_context():
        assert difference(found, "en") == sentence


@pytest.mark.parametrize(
    ("error", "field"),
    [
        (IssueRefused("no_language"), "languages"),
        (IssueRefused("unknown_language", lang="xx"), "languages"),
        (
            IssueRefused("language_issued", symbol="S/1", lang="en", issued_on=date(2018, 5, 21)),
            "languages",
        ),
        (IssueRefused("not_issued_in", symbol="S/1", lang="ru"), "languages"),
        (
            IssueRefused("before_previous", issued_on=date(2018, 5, 1), previous=date(2018, 5, 21)),
            "issued_on",
        ),
        (IssueRefused("nothing_issued", kind="revision"), "kind"),
        (IssueRefused("already_issued", symbol="S/1"), "kind"),
    ],
)
def test_each_refusal_is_put_at_its_field(app: Flask, error: IssueRefused, field: str) -> None:
    with app.test_request_context():
        name, message = refusal(error, "en")
    assert name == field
    assert message
