"""The venue form, written by hand: names, rooms, and the interpretation capacity (teams per
half-day, with other numbers on given dates). Rows of dates are added with an "Add" button and
removed with their "Remove" box, so the form works without JavaScript."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, ValidationError

from planner.core.meetingfile import VenueSpec
from planner.core.venues import VENUE_KEY
from planner.forms import MultilingualField, Subform, VersionedForm, fill_texts, texts_of
from planner.manage.fields import DayField, WholeNumberField, add_error


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class ExceptionForm(Subform):
    """Another number of teams on one date."""

    date = DayField(_l("Date"))
    teams = WholeNumberField(_l("Teams that day"))
    remove = BooleanField(_l("Remove"))


class VenueForm(VersionedForm):
    key = StringField(
        _l("Key"),
        validators=[InputRequired(_l("Give the venue a key, such as VIC."))],
        filters=[_strip],
        description=_l(
            "The short name meeting files use for the venue (venue_key), such as VIC: one word "
            "of letters, digits, dots, hyphens or underscores."
        ),
    )
    name = MultilingualField(_l("Name"), max_length=500)
    rooms = TextAreaField(
        _l("Rooms"),
        validators=[Length(max=5000)],
        description=_l("Optional: one room per line, as signposted at the venue."),
        render_kw={"rows": 4},
    )
    interpretation_teams = WholeNumberField(
        _l("Interpretation teams per half-day"),
        validators=[InputRequired(_l("Give the number of teams (0 for none)."))],
        description=_l(
            "How many meetings conference services can staff with interpreters in each "
            "morning and each afternoon, for all the meetings held at the venue together."
        ),
    )
    exceptions = FieldList(
        FormField(ExceptionForm), min_entries=0, label=_l("Dates with another number of teams")
    )
    add_exception = SubmitField(_l("Add a date"))

    def validate_key(self, field: StringField) -> None:
        if field.data and not VENUE_KEY.fullmatch(field.data):
            raise ValidationError(
                _(
                    "“%(key)s” is not a venue key: use one word of up to 32 letters, digits, "
                    "dots, hyphens or underscores, such as VIC.",
                    key=field.data,
                )
            )

    def tidy(self) -> None:
        kept = [
            e
            for e in self.exceptions.entries
            if not e.form.remove.data
            and (
                e.form.date.raw_data not in (None, [], [""])
                or e.form.teams.raw_data not in (None, [], [""])
            )
        ]
        self.exceptions.entries = kept
        self.exceptions._compact_indices()

    def add_rows(self) -> bool:
        if self.add_exception.data:
            self.exceptions.append_entry()
            return True
        return False

    def check(self) -> bool:
        """Every check that needs no database; each problem at its field."""
        ok = self.validate()
        if not texts_of(self.name):
            add_error(self.name, _("Give the name of the venue in at least one language."))
            ok = False
        teams = self.interpretation_teams
        if teams.data is not None and teams.data < 0:
            add_error(teams, _("The number of teams cannot be negative."))
            ok = False
        seen: set[date] = set()
        for entry in self.exceptions.entries:
            row = entry.form
            if row.date.errors or row.teams.errors:
                ok = False
                continue
            if row.date.data is None:
                add_error(row.date, _("Give the date."))
                ok = False
            elif row.date.data in seen:
                add_error(row.date, _("%(date)s is given twice.", date=row.date.data.isoformat()))
                ok = False
            else:
                seen.add(row.date.data)
            if row.teams.data is None:
                add_error(row.teams, _("Give the number of teams that day (0 for none)."))
                ok = False
            elif row.teams.data < 0:
                add_error(row.teams, _("The number of teams cannot be negative."))
                ok = False
        return ok

    def rooms_list(self) -> tuple[str, ...]:
        lines = (line.strip() for line in (self.rooms.data or "").splitlines())
        return tuple(dict.fromkeys(line for line in lines if line))

    def to_spec(self, base: VenueSpec | None) -> VenueSpec:
        return VenueSpec(
            key=self.key.data or "",
            name=texts_of(self.name),
            rooms=self.rooms_list(),
            interpretation_teams=self.interpretation_teams.data or 0,
            capacity_exceptions={
                e.form.date.data: e.form.teams.data or 0
                for e in self.exceptions.entries
                if e.form.date.data is not None
            },
            id=base.id if base is not None else None,
        )

    def fill(self, spec: VenueSpec, version: int) -> None:
        self.key.data = spec.key
        fill_texts(self.name, spec.name)
        self.rooms.data = "\n".join(spec.rooms)
        self.interpretation_teams.data = spec.interpretation_teams
        while self.exceptions.entries:
            self.exceptions.pop_entry()
        for day in sorted(spec.capacity_exceptions):
            entry = self.exceptions.append_entry()
            entry.form.date.data = day
            entry.form.teams.data = spec.capacity_exceptions[day]
        self.version.data = str(version)

    def describe(self, name: str) -> str:
        """The rows of a list, as text (for the stale-edit notice)."""
        if name != "exceptions":
            return ""
        return "; ".join(
            f"{e.form.date._value()}: {e.form.teams._value()}" for e in self.exceptions.entries
        )


class RangeForm(Subform):
    """The dates the venue calendar shows (a GET form: no CSRF token, nothing is changed)."""

    start = DayField(_l("From"), name="from")
    end = DayField(_l("To"), name="to")

    def check(self, max_days: int) -> bool:
        ok = self.validate()
        start, end = self.start.data, self.end.data
        if ok and start is None:
            add_error(self.start, _("Give the first day to show."))
            ok = False
        if ok and start is not None and end is not None:
            if end < start:
                add_error(
                    self.end,
                    _(
                        "The last day (%(end)s) is before the first (%(start)s).",
                        end=end.isoformat(),
                        start=start.isoformat(),
                    ),
                )
                ok = False
            elif (end - start).days + 1 > max_days:
                add_error(
                    self.end,
                    _("The calendar shows at most %(days)s days at once.", days=max_days),
                )
                ok = False
        return ok
