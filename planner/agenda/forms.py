"""Forms of the agenda editor, written by hand; every one carries a CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, SelectField, StringField
from wtforms.validators import ValidationError

from planner.core.mandates import MandateData, citation_problems
from planner.core.plain import SlotData
from planner.forms import Form, MultilingualField, VersionedForm, texts_of
from planner.mandates.forms import REFUSED, citation_message

#: The longest estimate a form accepts for one item (a whole week of six-hour days is less).
MAX_MINUTES = 9999

#: How a place (day, half-day meeting) travels in a form: "2-1" is meeting 1 of day 2.
Place = tuple[int, int]


def place_value(place: Place | None) -> str:
    return f"{place[0]}-{place[1]}" if place is not None else ""


def parse_place(value: str | None) -> Place | None:
    """ "2-1" → (2, 1); "" → None; anything else raises ValueError."""
    if not value:
        return None
    match = re.fullmatch(r"([0-9]{1,3})-([0-9]{1,3})", value.strip())
    if match is None:
        raise ValueError(value)
    return int(match.group(1)), int(match.group(2))


def parse_minutes(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text else None


class PlaceField(SelectField):
    """A choice among the meeting's half-day meetings, checked by :meth:`ItemForm.validate_pin`
    so that the message names what is wrong rather than "Not a valid choice"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)


def place_choices(
    slots: Sequence[SlotData], label: Any, keep: Place | None = None, keep_label: Any = None
) -> list[tuple[str, str]]:
    """Options for a :class:`PlaceField`: one per held half-day meeting, labelled by ``label``
    (a function of the slot); ``keep`` (an item's current pin) stays listed even where the
    meeting no longer holds it, so that saving other changes does not force a new pin."""
    choices = [(place_value((s.day_index, s.index_in_day)), str(label(s))) for s in slots]
    if keep is not None and place_value(keep) not in {value for value, _ in choices}:
        choices.append((place_value(keep), str(keep_label)))
    return choices


class ItemForm(VersionedForm):
    """An agenda item: its title and annotation in six languages, its time and its pin."""

    title = MultilingualField(_l("Title"), max_length=2000)
    annotation = MultilingualField(_l("Annotation"), multiline=True)
    minutes = StringField(
        _l("Estimated time, in minutes"), render_kw={"inputmode": "numeric", "size": 6}
    )
    pin = PlaceField(_l("Take the item up in"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Set by the view: the item's standard kind (a standard item needs no title), the
        #: places the meeting holds and the item's current pin.
        self.standard: str | None = None
        self.held_places: set[Place] = set()
        self.days = 0
        self.current_pin: Place | None = None
        self.title_errors: list[str] = []
        #: Set by the view: the recorded mandates, read only when an annotation cites one.
        self.mandates: Callable[[], Sequence[MandateData]] = lambda: ()

    def setup(
        self,
        slots: Iterable[SlotData],
        choices: list[tuple[str, str]],
        standard: str | None,
        current_pin: Place | None,
    ) -> None:
        held = list(slots)
        self.pin.choices = [("", str(_l("Where the organization of work puts it"))), *choices]
        self.held_places = {(s.day_index, s.index_in_day) for s in held}
        self.days = max((s.day_index for s in held), default=0)
        self.standard = standard
        self.current_pin = current_pin

    def validate_minutes(self, field: Field) -> None:
        text = (field.data or "").strip()
        if not text:
            return
        if not re.fullmatch(r"[0-9]+", text) or not 1 <= int(text) <= MAX_MINUTES:
            raise ValidationError(
                _l(
                    "Give the estimated time in whole minutes, from 1 to %(max)s, such as 90; "
                    "or leave it empty.",
                    max=MAX_MINUTES,
                )
            )

    def validate_pin(self, field: Field) -> None:
        try:
            place = parse_place(field.data)
        except ValueError:
            raise ValidationError(_l("Choose a half-day meeting from the list.")) from None
        if place is None or place in self.held_places or place == self.current_pin:
            return
        day, meeting = place
        if not 1 <= day <= self.days:
            raise ValidationError(
                _l(
                    "The meeting has no day %(day)s: it lasts %(days)s days.",
                    day=day,
                    days=self.days,
                )
            )
        raise ValidationError(
            _l("Day %(day)s has no half-day meeting %(meeting)s.", day=day, meeting=meeting)
        )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.standard is None and not texts_of(self.title):
            self.title_errors.append(str(_l("Give the item a title in at least one language.")))
            valid = False
        return self._citations_valid() and valid

    def _citations_valid(self) -> bool:
        """Each ``{mandate:…}`` placeholder of the annotation must name one recorded mandate in
        a form it is cited in (the importer's rule); a message goes under its language."""
        texts = texts_of(self.annotation)
        if not any("{mandate:" in text for text in texts.values()):
            return True
        found = [p for p in citation_problems([("", texts)], self.mandates()) if p.code in REFUSED]
        for problem in found:
            self.annotation[problem.lang].errors.append(citation_message(problem))
        return not found

    @property
    def place(self) -> Place | None:
        return parse_place(self.pin.data)


class StandardItemForm(Form):
    """Add one of the standard items planner knows."""

    kind = SelectField(_l("Standard item"), choices=[])
    where = SelectField(_l("Where"), choices=[])


class RevisionForm(Form):
    """A structural change (move, delete) made on the agenda as the page showed it."""

    revision = HiddenField()


class MoveForm(RevisionForm):
    direction = HiddenField()


class AttachDocumentForm(Form):
    document = SelectField(_l("Document"), choices=[])
