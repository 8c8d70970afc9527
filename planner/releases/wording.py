"""A release's changes in words, in the interface language (the gettext catalogs): whole
sentences with named placeholders, dates and times in UN style (planner.core.formatting)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from planner.core import formatting
from planner.core.languages import LANGUAGES, pick
from planner.core.releases import ReleaseChange
from planner.i18n import interface_language

_STATUS = {
    "planned": _l("Planned"),
    "confirmed": _l("Confirmed"),
    "postponed": _l("Postponed"),
    "cancelled": _l("Cancelled"),
}
_FORMAT = {"in_person": _l("In person"), "hybrid": _l("Hybrid"), "online": _l("Online")}


def _lang() -> str:
    lang = interface_language()
    return lang if lang in LANGUAGES else "en"


def _day(value: str) -> str:
    return formatting.weekday_date(date.fromisoformat(value), _lang())


def _span(start: str, end: str) -> str:
    return formatting.date_span(date.fromisoformat(start), date.fromisoformat(end), _lang())


def _hours(start: str, end: str) -> str:
    return formatting.time_range(time.fromisoformat(start), time.fromisoformat(end), _lang())


def _text(value: Mapping[str, str]) -> str:
    return pick(value, _lang())


def _place(city: Mapping[str, str], venue: Mapping[str, str]) -> str:
    parts = [p for p in (_text(venue), _text(city)) if p]
    return ", ".join(parts) if parts else _("online")


def _slot(p: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    return {
        f"{prefix}day": _day(p[f"{prefix}date"]),
        f"{prefix}hours": _hours(p[f"{prefix}start"], p[f"{prefix}end"]),
    }


def describe(change: ReleaseChange) -> str:
    """The change as one sentence in the interface language."""
    p = change.params
    kind = change.kind
    if kind == "published":
        return _("First publication.")
    if kind == "status":
        return _(
            "Status changed from %(before)s to %(after)s.",
            before=_STATUS.get(p["before"], p["before"]),
            after=_STATUS.get(p["after"], p["after"]),
        )
    if kind == "dates":
        return _(
            "Dates changed from %(before)s to %(after)s.",
            before=_span(p["before_start"], p["before_end"]),
            after=_span(p["start"], p["end"]),
        )
    if kind == "symbol":
        return _(
            "Symbol changed from %(before)s to %(after)s.", before=p["before"], after=p["after"]
        )
    if kind == "place":
        return _(
            "Place changed from %(before)s to %(after)s.",
            before=_place(p["before_city"], p["before_venue"]),
            after=_place(p["city"], p["venue"]),
        )
    if kind == "format":
        return _(
            "Format changed from %(before)s to %(after)s.",
            before=_FORMAT.get(p["before"], p["before"]),
            after=_FORMAT.get(p["after"], p["after"]),
        )
    if kind == "restricted":
        if p["after"]:
            return _("The meeting is now restricted.")
        return _("The meeting is no longer restricted.")
    if kind == "interpretation":
        return _("Interpretation changed.")
    if kind == "slot_added":
        return _("Half-day meeting added: %(day)s (%(hours)s).", **_slot(p))
    if kind == "slot_dropped":
        return _("Half-day meeting dropped: %(day)s (%(hours)s).", **_slot(p))
    if kind == "slot_moved":
        return _(
            "Half-day meeting of %(before_day)s (%(before_hours)s) moved to %(day)s (%(hours)s).",
            **_slot(p, "before_"),
            **_slot(p),
        )
    if kind == "slot_items":
        if not p["items"]:
            return _("Half-day meeting of %(day)s (%(hours)s): no items now.", **_slot(p))
        return _(
            "Half-day meeting of %(day)s (%(hours)s): now takes up items %(items)s.",
            items=formatting.join_list(p["items"], _lang()),
            **_slot(p),
        )
    if kind == "item_added":
        return _("Item %(number)s added: %(title)s.", number=p["number"], title=_text(p["title"]))
    if kind == "item_removed":
        return _("Item %(number)s removed: %(title)s.", number=p["number"], title=_text(p["title"]))
    if kind == "item_moved":
        return _(
            "Item %(before)s is now item %(number)s: %(title)s.",
            before=p["before"],
            number=p["number"],
            title=_text(p["title"]),
        )
    if kind == "item_retitled":
        return _(
            "Item %(number)s retitled from “%(before)s” to “%(title)s”.",
            number=p["number"],
            before=_text(p["before"]),
            title=_text(p["title"]),
        )
    if kind == "item_annotation":
        return _(
            "Annotation of item %(number)s changed: %(title)s.",
            number=p["number"],
            title=_text(p["title"]),
        )
    if kind == "item_documents":
        return _(
            "Documents of item %(number)s changed: %(title)s.",
            number=p["number"],
            title=_text(p["title"]),
        )
    return _("Other details changed.")
