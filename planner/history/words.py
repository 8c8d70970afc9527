"""The facts of a change (planner.core.changes) as sentences in the interface language, one
whole sentence per kind of fact, through the catalogs."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from babel import Locale, UnknownLocaleError
from flask_babel import gettext as _

from planner.core import formatting
from planner.core.changes import Said
from planner.core.languages import LANGUAGES, pick
from planner.core.standard import standard_title

#: Longest title quoted in a sentence; longer ones end with "…".
TITLE_LENGTH = 90


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"


def _language(code: str, ui: str) -> str:
    try:
        name = Locale.parse(ui).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return name or code


def _date(value: Any, ui: str) -> str:
    if isinstance(value, date):
        return formatting.date_long(value, ui if ui in LANGUAGES else "en")
    return "—" if value in (None, "") else str(value)


def _slots(slots: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{start}–{end}" for start, end in slots) if slots else "—"


def _status(value: Any) -> str:
    labels = {
        "planned": _("Planned"),
        "confirmed": _("Confirmed"),
        "postponed": _("Postponed"),
        "cancelled": _("Cancelled"),
    }
    return labels.get(str(value), str(value))


def _format(value: Any) -> str:
    labels = {"in_person": _("In person"), "hybrid": _("Hybrid"), "online": _("Online")}
    return labels.get(str(value), str(value))


def _value(name: str, value: Any, ui: str) -> str:
    if value is None or value == "":
        return "—"
    if name == "status":
        return _status(value)
    if name == "format":
        return _format(value)
    if name == "original_language":
        return _language(str(value), ui)
    if name == "issued":
        return _date(value, ui)
    return str(value)


def _field(said: Said, ui: str) -> str:
    before, after = _value(said.name, said.before, ui), _value(said.name, said.after, ui)
    if said.name == "restricted":
        return (
            _("The meeting is now restricted to registered participants and staff.")
            if said.after
            else _("The meeting is no longer restricted.")
        )
    values = {"before": before, "after": after}
    sentences: Mapping[str, Callable[[], str]] = {
        "symbol": lambda: _("Symbol changed from %(before)s to %(after)s.", **values),
        "number": lambda: _(
            "Number of the meeting changed from %(before)s to %(after)s.", **values
        ),
        "status": lambda: _("Status changed from %(before)s to %(after)s.", **values),
        "timezone": lambda: _("Time zone changed from %(before)s to %(after)s.", **values),
        "format": lambda: _("Format changed from %(before)s to %(after)s.", **values),
        "original_language": lambda: _(
            "Original language changed from %(before)s to %(after)s.", **values
        ),
        "issued": lambda: _("Issue date changed from %(before)s to %(after)s.", **values),
    }
    make = sentences.get(said.name)
    return make() if make else _("%(field)s changed.", field=said.name)


def _title(said: Said, ui: str, meeting_word: str) -> str:
    lang = ui if ui in LANGUAGES else "en"
    title = pick(said.title, lang)
    if not title and said.standard:
        try:
            title = standard_title(said.standard, meeting_word, lang)
        except ValueError:
            title = said.standard
    return _short(title)


def _days(said: Said, ui: str) -> str:
    parts = []
    for day, slots in said.after:
        when = _date(day, ui)
        if slots is None:
            parts.append(_("%(day)s as on the other days", day=when))
        elif not slots:
            parts.append(_("%(day)s without meetings", day=when))
        else:
            parts.append(_("%(day)s: %(times)s", day=when, times=_slots(slots)))
    return _("Days changed: %(days)s.", days="; ".join(parts))


def sentence(said: Said, ui: str, meeting_word: str = "meeting") -> str:
    """``said`` as a sentence in the interface language ``ui``."""
    kind = said.kind
    if kind == "meeting_created":
        return _("Meeting created.")
    if kind == "meeting_deleted":
        return _("Meeting deleted.")
    if kind == "dates":
        lang = ui if ui in LANGUAGES else "en"
        (old_start, old_end), (new_start, new_end) = said.before, said.after
        return _(
            "Dates changed from %(before)s to %(after)s.",
            before=formatting.date_span(old_start, old_end, lang),
            after=formatting.date_span(new_start, new_end, lang),
        )
    if kind == "field":
        return _field(said, ui)
    if kind == "text":
        values = {
            "language": _language(said.lang, ui),
            "before": _short(said.before) or "—",
            "after": _short(said.after) or "—",
        }
        if said.name == "city":
            return _("City (%(language)s) changed from “%(before)s” to “%(after)s”.", **values)
        return _("Venue (%(language)s) changed from “%(before)s” to “%(after)s”.", **values)
    if kind == "daily_meetings":
        return _(
            "Half-day meetings of each day changed from %(before)s to %(after)s.",
            before=_slots(said.before),
            after=_slots(said.after),
        )
    if kind == "days":
        return _days(said, ui)
    if kind == "interpretation_meetings":
        return _(
            "Meetings with interpretation changed from %(before)s to %(after)s.",
            before=said.before if said.before is not None else "—",
            after=said.after if said.after is not None else "—",
        )
    if kind == "interpretation_languages":
        return _(
            "Languages of interpretation changed from %(before)s to %(after)s.",
            before=", ".join(_language(c, ui) for c in said.before) or "—",
            after=", ".join(_language(c, ui) for c in said.after) or "—",
        )
    if kind == "orgwork_fixed":
        return _("Organization of work fixed by hand.")
    if kind == "orgwork_proposed":
        return _("Organization of work back to the one planner proposes.")
    if kind == "orgwork_changed":
        return _("Organization of work changed.")
    return _item_sentence(said, ui, meeting_word)


def _item_sentence(said: Said, ui: str, meeting_word: str) -> str:
    kind, number = said.kind, said.number
    title = _title(said, ui, meeting_word)
    if kind == "item_added":
        return _("Item %(number)s “%(title)s” added.", number=number, title=title)
    if kind == "item_deleted":
        return _("Item %(number)s “%(title)s” deleted.", number=number, title=title)
    if kind == "item_moved":
        return _(
            "Item “%(title)s” moved from %(before)s to %(after)s.",
            title=title,
            before=said.before,
            after=said.after,
        )
    if kind == "item_title":
        return _(
            "Title of item %(number)s (%(language)s) changed from “%(before)s” to “%(after)s”.",
            number=number,
            language=_language(said.lang, ui),
            before=_short(said.before) or "—",
            after=_short(said.after) or "—",
        )
    if kind == "item_annotation":
        return _(
            "Annotation of item %(number)s (%(language)s) changed.",
            number=number,
            language=_language(said.lang, ui),
        )
    if kind == "item_minutes":
        return _(
            "Minutes of item %(number)s changed from %(before)s to %(after)s.",
            number=number,
            before=said.before if said.before is not None else "—",
            after=said.after if said.after is not None else "—",
        )
    if kind == "document_listed":
        return _(
            "Document %(symbol)s listed under item %(number)s.", symbol=said.after, number=number
        )
    if kind == "document_removed":
        return _(
            "Document %(symbol)s removed from item %(number)s.", symbol=said.before, number=number
        )
    if kind == "documents_reordered":
        return _("Documents of item %(number)s reordered.", number=number)
    if kind == "item_pin":
        if said.after is None:
            return _("Item %(number)s left to the organization of work to place.", number=number)
        day, meeting = said.after
        return _(
            "Item %(number)s now opens meeting %(meeting)s of day %(day)s.",
            number=number,
            day=day,
            meeting=meeting,
        )
    return _("Changed: %(what)s.", what=kind)
