"""The mandate and paragraph forms, written by hand, and the interface wording of the rules of
:mod:`planner.core.mandates`."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice, SelectField, SelectMultipleField, StringField
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget, NumberInput

from planner.core.mandates import CitationProblem, MandateProblem
from planner.forms import MultilingualField, VersionedForm
from planner.manage.fields import DayField

KIND_LABELS = {
    "resolution": _l("Resolution"),
    "decision": _l("Decision"),
    "draft": _l("Draft resolution"),
}

RELATION_LABELS = {
    "establishes": _l("establishes this body"),
    "steers": _l("steers its work"),
}

#: The rules' problems in the interface language (the meeting-file reader words them in English).
MESSAGES = {
    "kind": _l("Choose resolution, decision or draft resolution."),
    "number_required": _l("Give the number as cited, such as 7/1."),
    "number_format": _l(
        "%(value)s is not a resolution or decision number; write it as cited, such as 7/1 or "
        "64/178."
    ),
    "draft_number": _l("A draft has no number yet; give its symbol instead."),
    "symbol_required": _l(
        "A draft needs its document symbol, such as CTOC/COP/2020/L.6/Rev.1, or, where the "
        "symbol is not known, its title."
    ),
    "session": _l("Give the session as a whole number, such as 7 for the seventh session."),
    "paragraph_format": _l("%(value)s is not a paragraph number; write it such as 9 or 10 (a)."),
    "paragraph_twice": _l("This mandate already has a paragraph %(value)s."),
    "paragraph_text": _l("Give the paragraph's text in at least one language."),
    "relation": _l("Choose establishes or steers."),
    "body_twice": _l("%(value)s is both established and steered; choose one."),
    "draft_establishes": _l("A draft establishes nothing until it is adopted; use steers."),
}


#: Citation problems that refuse a save (missing titles are for ``planner check``).
REFUSED = ("unknown", "ambiguous", "form", "draft_form")

CITATION_MESSAGES = {
    "unknown": _l("%(citation)s names no recorded mandate."),
    "ambiguous": _l(
        "%(citation)s could be any of %(found)s; add the kind or the adopting body, such as "
        "{mandate:CTOC/COP resolution 7/1}."
    ),
    "form": _l("%(citation)s: after | write full, in or ref."),
    "draft_form": _l("%(citation)s cites a draft, which is cited by reference only: add |ref."),
}


def citation_message(problem: CitationProblem) -> str:
    params = {"citation": problem.citation, "found": problem.params.get("found", "")}
    return str(CITATION_MESSAGES[problem.code]) % params


def message(problem: MandateProblem) -> str:
    if problem.code in ("symbol", "body_format"):  # the symbol reader's own message
        return problem.params["message"]
    return str(MESSAGES[problem.code]) % dict(problem.params)


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class _Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MandateForm(VersionedForm):
    body = SelectField(
        _l("Adopted by"),
        description=_l("The body that adopted it (for a draft: before which it is)."),
    )
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()])
    number = StringField(
        _l("Number"),
        filters=[_strip],
        description=_l("As cited: 7/1 for resolution 7/1, 4/4 for decision 4/4. None for a draft."),
    )
    session = IntegerField(
        _l("Session"),
        validators=[Optional(), NumberRange(min=1, message=_l("Give a whole number from 1."))],
        widget=NumberInput(min=1),
        description=_l("Optional: the session (or meeting) at which it was adopted, such as 7."),
    )
    symbol = StringField(
        _l("Symbol"),
        filters=[_strip],
        description=_l("Where it has one: A/RES/64/178; CTOC/COP/2020/L.6/Rev.1 for a draft."),
    )
    adopted = DayField(
        _l("Date of adoption"), description=_l("For a draft, the date of the document.")
    )
    title = MultilingualField(_l("Title"), max_length=2000)
    establishes = _Checkboxes(_l("Establishes"), coerce=str)
    steers = _Checkboxes(_l("Steers"), coerce=str)


class ParagraphForm(VersionedForm):
    number = StringField(
        _l("Paragraph number"),
        filters=[_strip],
        description=_l(
            "As numbered in the mandate: 9, or 10 (a). Empty for a preambular paragraph."
        ),
    )
    text = MultilingualField(_l("Text"), multiline=True, max_length=20000)
