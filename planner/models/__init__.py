"""The relational model: one module per aggregate, one import point for Alembic."""

from planner.models.agenda import AgendaItem, AgendaItemDocument, AgendaItemText
from planner.models.base import Base
from planner.models.bodies import Body, BodyText
from planner.models.documents import Document, DocumentLanguage, DocumentText
from planner.models.history import Change
from planner.models.issuing import Issue, IssuedFile
from planner.models.mandates import (
    Mandate,
    MandateBody,
    MandateParagraph,
    MandateParagraphText,
    MandateText,
)
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
from planner.models.venues import CapacityException, Venue, VenueRoom, VenueText

# Accounts, the change history and issued files (kept apart) alter no page or feed built
# from the planning data.
UNPUBLISHED.update({User, Change, Issue, IssuedFile})

__all__ = [
    "AgendaItem",
    "AgendaItemDocument",
    "AgendaItemText",
    "Base",
    "Body",
    "BodyText",
    "CapacityException",
    "Change",
    "ChangeCounter",
    "DailySlot",
    "Document",
    "DocumentLanguage",
    "DocumentText",
    "InterpretationLanguage",
    "Issue",
    "IssuedFile",
    "Mandate",
    "MandateBody",
    "MandateParagraph",
    "MandateParagraphText",
    "MandateText",
    "Meeting",
    "MeetingRelease",
    "MeetingText",
    "OrgWorkEntry",
    "TimeSlot",
    "User",
    "Venue",
    "VenueRoom",
    "VenueText",
    "user_bodies",
]
