"""Issuing in the interface language: refusals (with the form field they belong to) and the
differences from the issued version, as whole sentences."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from planner.core import formatting
from planner.core.checks import describe
from planner.core.issuing import Difference, IssueRefused
from planner.i18n import AUTONYMS
from planner.issuing.services import MissingTexts

KIND_LABELS = {
    "original": _l("Original"),
    "revision": _l("Revision"),
    "corrigendum": _l("Corrigendum"),
}

FORMAT_LABELS = {"pdf": _l("PDF"), "docx": _l("Word"), "html": _l("HTML")}

_STATUS = {
    "planned": _l("planned"),
    "confirmed": _l("confirmed"),
    "postponed": _l("postponed"),
    "cancelled": _l("cancelled"),
}
_FORMAT = {"in_person": _l("in person"), "hybrid": _l("hybrid"), "online": _l("online")}


def _languages(codes: tuple[str, ...] | list[str]) -> str:
    return ", ".join(AUTONYMS[code] for code in codes)


def refusal(error: IssueRefused, lang: str) -> tuple[str, str]:
    """(form field, message) for a refused issue; dates written in ``lang``'s style."""
    p = error.params
    if error.code == "no_language":
        return "languages", _("Choose at least one language to issue.")
    if error.code == "unknown_language":
        return "languages", _(
            "“%(code)s” is not one of the six official languages.", code=p["lang"]
        )
    if error.code == "language_issued":
        return "languages", _(
            "%(symbol)s was already issued in %(language)s on %(date)s; an issued version does "
            "not change: issue a revision or a corrigendum.",
            symbol=p["symbol"],
            language=AUTONYMS[p["lang"]],
            date=formatting.date_long(p["issued_on"], lang),
        )
    if error.code == "not_issued_in":
        return "languages", _(
            "%(symbol)s was not issued in %(language)s: a corrigendum corrects language versions "
            "that were issued.",
            symbol=p["symbol"],
            language=AUTONYMS[p["lang"]],
        )
    if error.code == "before_previous":
        return "issued_on", _(
            "The issue date cannot be earlier than the last issue, on %(date)s.",
            date=formatting.date_long(p["previous"], lang),
        )
    if error.code == "nothing_issued":
        return "kind", _(
            "Nothing has been issued yet: issue the original before a revision or a corrigendum."
        )
    if error.code == "already_issued":
        return "kind", _(
            "%(symbol)s has been issued already: issue further languages, a revision or a "
            "corrigendum.",
            symbol=p["symbol"],
        )
    raise ValueError(f"no wording for the refusal {error.code!r}")  # a bug, not bad input


def missing(error: MissingTexts, lang: str) -> list[str]:
    """One line per language version that cannot be issued, then each text it lacks."""
    lines: list[str] = []
    for code, problems in error.missing.items():
        lines.append(
            _(
                "The %(language)s version cannot be issued: %(count)d author's texts have no "
                "%(language)s translation.",
                language=AUTONYMS[code],
                count=len(problems),
            )
        )
        lines.extend(describe(problem, lang) for problem in problems)
    return lines


def _items(numbers: tuple[str, ...]) -> str:
    if not numbers:
        return ""
    return ngettext(
        "item %(numbers)s", "items %(numbers)s", len(numbers), numbers=", ".join(numbers)
    )


def _slot(p: dict[str, object], lang: str, prefix: str = "") -> str:
    when = p[f"{prefix}date"]
    start, end = p[f"{prefix}start"], p[f"{prefix}end"]
    return _(
        "%(day)s, %(time)s",
        day=formatting.date_long(when, lang),  # type: ignore[arg-type]
        time=formatting.time_range(start, end, lang),  # type: ignore[arg-type]
    )


def difference(d: Difference, lang: str) -> str:
    """One difference as a sentence of the interface; dates and times in ``lang``'s style."""
    p = dict(d.params)
    if d.code == "dates":
        return _(
            "Dates changed from %(old)s to %(new)s.",
            old=formatting.date_span(*p["old"], lang),
            new=formatting.date_span(*p["new"], lang),
        )
    if d.code == "status":
        return _(
            "Status changed from %(old)s to %(new)s.",
            old=_STATUS.get(p["old"], p["old"]),
            new=_STATUS.get(p["new"], p["new"]),
        )
    if d.code == "format":
        return _(
            "Format changed from %(old)s to %(new)s.",
            old=_FORMAT.get(p["old"], p["old"]),
            new=_FORMAT.get(p["new"], p["new"]),
        )
    if d.code == "city":
        return _("City changed from “%(old)s” to “%(new)s”.", old=p["old"], new=p["new"])
    if d.code == "item_added":
        return _("Item %(number)s added: “%(title)s”.", number=p["number"], title=p["title"])
    if d.code == "item_removed":
        return _("Item %(number)s removed: “%(title)s”.", number=p["number"], title=p["title"])
    if d.code == "item_moved":
        return _(
            "Item %(old)s is now item %(new)s: “%(title)s”.",
            old=p["old"],
            new=p["new"],
            title=p["title"],
        )
    if d.code == "item_retitled":
        return _(
            "Item %(number)s retitled from “%(old)s” to “%(new)s” (%(languages)s).",
            number=p["number"],
            old=p["old"],
            new=p["new"],
            languages=_languages(p["languages"]),
        )
    if d.code == "annotation_changed":
        return _(
            "Annotation of item %(number)s changed (%(languages)s).",
            number=p["number"],
            languages=_languages(p["languages"]),
        )
    if d.code == "documents_changed":
        parts = []
        if p["added"]:
            parts.append(_("added %(symbols)s", symbols=", ".join(p["added"])))
        if p["removed"]:
            parts.append(_("removed %(symbols)s", symbols=", ".join(p["removed"])))
        return _(
            "Documentation of item %(number)s changed: %(changes)s.",
            number=p["number"],
            changes="; ".join(parts),
        )
    if d.code == "slot_added":
        return _("A half-day meeting was added (%(slot)s).", slot=_slot(p, lang))
    if d.code == "slot_dropped":
        return _("A half-day meeting was dropped (%(slot)s).", slot=_slot(p, lang))
    if d.code == "slot_moved":
        return _(
            "A half-day meeting was moved (%(new)s, previously %(old)s).",
            old=_slot(p, lang, "old_"),
            new=_slot(p, lang),
        )
    if d.code == "orgwork_changed":
        none = _("no item")
        return _(
            "Organization of work, %(slot)s: was %(old)s; now %(new)s.",
            slot=_slot(p, lang),
            old=_items(p["old"]) or none,
            new=_items(p["new"]) or none,
        )
    raise ValueError(f"no wording for the difference {d.code!r}")  # a bug
