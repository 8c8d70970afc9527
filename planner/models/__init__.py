"""The relational model: one module per aggregate, one import point for Alembic."""

from planner.models.agenda import AgendaItem, AgendaItemDocument, AgendaItemText
from planner.models.base import Base
from planner.models.bodies import Body, BodyText
from planner.models.documents import Document, DocumentLanguage, DocumentText
from planner.models.history import Change
from planner.models.meetings import (
    DailySlot,
    InterpretationLanguage,
    Meeting,
    MeetingText,
    OrgWorkEntry,
    TimeSlot,
)
from planner.models.releases import MeetingRelease
from planner.models.state import UNPUBLISHED, ChangeCounter
from planner.models.users import User, user_bodies

# Accounts and the change history alter no published page or feed.
UNPUBLISHED.update({User, Change})

__all__ = [
    "AgendaItem",
    "AgendaItemDocument",
    "AgendaItemText",
    "Base",
    "Body",
    "BodyText",
    "Change",
    "ChangeCounter",
    "DailySlot",
    "Document",
    "DocumentLanguage",
    "DocumentText",
    "InterpretationLanguage",
    "Meeting",
    "MeetingRelease",
    "MeetingText",
    "OrgWorkEntry",
    "TimeSlot",
    "User",
    "user_bodies",
]
