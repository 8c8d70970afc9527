"""Render the provisional agenda of a meeting as a standalone HTML page or as JSON."""

from __future__ import annotations

from typing import Any

from flask import render_template

from planner.core.document import AgendaDocument, build
from planner.core.plain import MeetingData


def agenda_json(doc: AgendaDocument, meeting: MeetingData, feeds: dict[str, str]) -> dict[str, Any]:
    """The rendered agenda (numbers and titles) and the organization of work, one entry per
    half-day meeting, plus the meeting's feed addresses."""
    return {
        "symbol": meeting.symbol,
        "lang": doc.lang,
        "title": doc.words["title"],
        "dateline": doc.dateline,
        "agenda": [
            {"number": line.number, "label": line.label, "title": line.title, "depth": line.depth}
            for line in doc.agenda
        ],
        "organization_of_work": [
            {
                "date": sitting.date.isoformat(),
                "start": sitting.start,
                "end": sitting.end,
                "interpreted": sitting.interpreted,
                "note": sitting.note,
                "items": [
                    {"number": row.key, "title": row.title, "continued": row.continued}
                    for row in sitting.rows
                ],
            }
            for day in doc.orgwork
            for sitting in day.sittings
        ],
        "problems": [{"severity": p.severity, "code": p.code} for p in doc.plan.problems],
        "feeds": feeds,
    }


def standalone_html(meeting: MeetingData, lang: str) -> str:
    """The print version as one HTML file (styles inlined), for `planner render --format html`."""
    return render_template("documents/print.html", doc=build(meeting, lang), meeting=meeting)
