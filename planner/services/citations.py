"""The check of a meeting's mandate citations, for ``planner check``."""

from __future__ import annotations

from sqlalchemy.orm import object_session

from planner.core.citationcheck import check_citations
from planner.core.mandates import CitationProblem
from planner.models import Meeting
from planner.services.mandates import all_mandates, has_citation
from planner.services.snapshot import agenda_data


def citation_check(meeting: Meeting) -> list[CitationProblem]:
    """The meeting's annotations as typed, checked against every recorded mandate."""
    agenda = agenda_data(meeting.items)
    if not has_citation(agenda):
        return []
    session = object_session(meeting)
    return check_citations(agenda, all_mandates(session) if session is not None else [])
