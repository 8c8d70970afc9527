"""The meeting forms, written by hand: a meeting's facts and schedule, and "copy from the
previous meeting".

Rows of half-day meetings are added with an "Add" button and removed with their "Remove" box
(a row left blank is dropped too), so the form works without JavaScript. Every check attaches
its message to the field it is about; checks that need the database live in
:mod:`planner.planning.services`.
"""

from __future__ import annotations

import difflib
import zoneinfo
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache
from typing import Any

from babel.dates import get_timezone_location, get_timezone_name
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import InputRequired, ValidationError

from planner.core.languages import LANGUAGES
from planner.core.meetingfile import MeetingSpec, SlotSpec
from planner.core.symbols import SymbolError, parse_symbol, symbol_starts_with
from planner.forms import Form, MultilingualField, Subform, VersionedForm, fill_texts, texts_of
from planner.i18n import AUTONYMS
from planner.manage.fields import ClockField, DayField, LanguagesField, WholeNumberField, add_error


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


# -- time zones ----------------------------------------------------------------------------------


@cache
def time_zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


@lru_cache(maxsize=8)
def zone_choices(locale: str) -> tuple[tuple[str, str], ...]:
    """Every IANA zone with a name a person reads, in the interface language: "Vienna — Central
    European Time" (Babel's CLDR names; the zone alone where CLDR has none)."""
    choices = []
    for zone in time_zones():
        try:
            city = get_timezone_location(zone, locale=locale, return_city=True)
            name = get_timezone_name(zone, "long", locale=locale)
        except (LookupError, ValueError):
            choices.append((zone, zone))
            continue
        if "(" in name or "（" in name or not city or city == zone:  # "Unknown Region (…)"
            choices.append((zone, zone))
        else:
            choices.append((zone, f"{city} — {name}"))
    return tuple(choices)


def is_time_zone(name: str) -> bool:
    return name in time_zones()


def zone_suggestions(name: str, limit: int = 3) -> list[str]:
    """Time zones ``name`` may have been meant as: by the whole name, or by the city."""
    zones = time_zones()
    by_lower = {zone.lower(): zone for zone in zones}
    wanted = name.strip().lower().replace(" ", "_")
    if wanted in by_lower:
        return [by_lower[wanted]]
    found = [by_lower[z] for z in difflib.get_close_matches(wanted, by_lower, n=limit, cutoff=0.6)]
    cities: dict[str, list[str]] = {}
    for zone in zones:
        if "/" in zone:
            cities.setdefault(zone.rsplit("/", 1)[1].lower(), []).append(zone)
    city = wanted.rsplit("/", 1)[-1]
    for match in difflib.get_close_matches(city, cities, n=limit, cutoff=0.75):
        for zone in cities[match]:
            if zone not in found:
                found.append(zone)
    return found[:limit]


def check_time_zone(field: StringField) -> bool:
    name = field.data or ""
    if not name or is_time_zone(name):
        return True
    close = zone_suggestions(name)
    if close:
        add_error(
            field,
            _(
                "“%(name)s” is not a known time zone. Did you mean one of these: %(zones)s?",
                name=name,
                zones=", ".join(close),
            ),
        )
    else:
        add_error(
            field,
            _(
                "“%(name)s” is not a known time zone. Use an IANA name such as Europe/Vienna "
                "or America/New_York.",
                name=name,
            ),
        )
    return False


# -- rows of half-day meetings -------------------------------------------------------------------


def _raw(field: Any) -> str:
    return str(field.raw_data[0]).strip() if field.raw_data else ""


class SlotForm(Subform):
    """One half-day meeting: from, to."""

    start = ClockField(_l("From"))
    end = ClockField(_l("To"))
    remove = BooleanField(_l("Remove"))

    def is_blank(self) -> bool:
        return (
            self.start.data is None
            and self.end.data is None
            and not _raw(self.start)
            and not _raw(self.end)
        )


class DayForm(Subform):
    """A day of the meeting with its own half-day meetings (or none)."""

    date = DayField(_l("Date"))
    no_meetings = BooleanField(_l("No meetings this day"))
    slots = FieldList(FormField(SlotForm), min_entries=0)
    add_slot = SubmitField(_l("Add a half-day meeting to this day"))
    remove = BooleanField(_l("Remove this day"))

    def is_blank(self) -> bool:
        return (
            self.date.data is None
            and not _raw(self.date)
            and not self.no_meetings.data
            and all(entry.form.is_blank() for entry in self.slots)
        )


def _prune(rows: FieldList, keep_one: bool = False) -> None:
    """Drop rows marked for removal and blank rows; renumber the rest."""
    kept = [e for e in rows.entries if not e.form.remove.data and not e.form.is_blank()]
    rows.entries = kept
    rows._compact_indices()
    if keep_one and not rows.entries:
        rows.append_entry()


def _sort_slots(rows: FieldList) -> None:
    """Put the rows in order of their start, when every start could be read."""
    if all(e.form.start.data is not None for e in rows.entries):
        rows.entries.sort(key=lambda e: e.form.start.data)
        rows._compact_indices()


def _check_slots(rows: FieldList) -> bool:
    """Each row has a start before its end; no row overlaps the one before it."""
    ok = True
    previous: tuple[Any, Any] | None = None
    for entry in rows.entries:
        start, end = entry.form.start, entry.form.end
        if start.errors or end.errors:
            ok = False
            previous = None
            continue
        if start.data is None:
            add_error(start, _("Give the time this half-day meeting starts."))
            ok = False
        if end.data is None:
            add_error(end, _("Give the time this half-day meeting ends."))
            ok = False
        if start.data is None or end.data is None:
            previous = None
            continue
        if end.data < start.data:
            add_error(
                end,
                _(
                    "This half-day meeting ends (%(end)s) before it starts (%(start)s).",
                    end=f"{end.data:%H:%M}",
                    start=f"{start.data:%H:%M}",
                ),
            )
            ok = False
        elif end.data == start.data:
            add_error(
                end,
                _(
                    "This half-day meeting ends when it starts (%(start)s).",
                    start=f"{start.data:%H:%M}",
                ),
            )
            ok = False
        elif previous is not None and start.data < previous[1]:
            add_error(
                start,
                _(
                    "This half-day meeting (%(start)s–%(end)s) overlaps the one from "
                    "%(other_start)s to %(other_end)s.",
                    start=f"{start.data:%H:%M}",
                    end=f"{end.data:%H:%M}",
                    other_start=f"{previous[0]:%H:%M}",
                    other_end=f"{previous[1]:%H:%M}",
                ),
            )
            ok = False
        if end.data > start.data:
            previous = (start.data, end.data)
    return ok


def _slots_of(rows: FieldList) -> tuple[SlotSpec, ...]:
    return tuple(
        SlotSpec(e.form.start.data, e.form.end.data)
        for e in rows.entries
        if e.form.start.data is not None and e.form.end.data is not None
    )


def _describe_slots(slots: tuple[SlotSpec, ...]) -> str:
    return ", ".join(f"{s.start:%H:%M}–{s.end:%H:%M}" for s in slots) or _("none")


# -- the forms -----------------------------------------------------------------------------------


class MeetingIdentity:
    """The fields a new meeting, an edited one and a copy share: symbol, number and dates."""

    body_symbol: str = ""

    def validate_symbol(self, field: StringField) -> None:
        try:
            parse_symbol(field.data or "")
        except SymbolError as err:
            raise ValidationError(err.message) from None
        if self.body_symbol and not symbol_starts_with(field.data or "", self.body_symbol):
            raise ValidationError(
                _(
                    "The symbol of a meeting of %(body)s starts with %(body)s/, "
                    "such as %(body)s/2018/1.",
                    body=self.body_symbol,
                )
            )

    def validate_number(self, field: WholeNumberField) -> None:
        if field.data is not None and field.data < 1:
            raise ValidationError(_("The number is 1 or more, such as 8 for the eighth meeting."))


def _symbol_field() -> StringField:
    return StringField(
        _l("Symbol"),
        validators=[
            InputRequired(
                _l("Give the symbol of the provisional agenda, such as CTOC/COP/WG.4/2018/1.")
            )
        ],
        filters=[_strip],
        description=_l("The symbol of its provisional agenda, such as CTOC/COP/WG.4/2018/1."),
    )


def _number_field() -> WholeNumberField:
    return WholeNumberField(
        _l("Number"),
        validators=[InputRequired(_l("Give the number, such as 8 for the eighth meeting."))],
        description=_l("Its ordinal among the body's meetings or sessions: 8 for the eighth."),
    )


def _check_dates(start: DayField, end: DayField) -> bool:
    if start.data and end.data and end.data < start.data:
        add_error(
            end,
            _(
                "The meeting ends (%(end)s) before it starts (%(start)s).",
                end=end.data.isoformat(),
                start=start.data.isoformat(),
            ),
        )
        return False
    return True


class MeetingForm(MeetingIdentity, VersionedForm):
    symbol = _symbol_field()
    number = _number_field()
    start = DayField(_l("First day"), validators=[InputRequired(_l("Give the first day."))])
    end = DayField(_l("Last day"), validators=[InputRequired(_l("Give the last day."))])
    timezone = StringField(
        _l("Time zone"),
        validators=[InputRequired(_l("Give the time zone, such as Europe/Vienna."))],
        filters=[_strip],
        description=_l("The IANA name of the time zone of the venue, such as Europe/Vienna."),
    )
    city = MultilingualField(_l("City"), max_length=500)
    venue = MultilingualField(_l("Venue"), max_length=2000)
    venue_key = SelectField(
        _l("Held at (interpretation shared with the venue's other meetings)"),
        choices=[SelectChoice("", "—")],
        validate_choice=False,
        description=_l(
            "The venue whose interpretation teams the meeting shares; its proposal takes only "
            "what the meetings before it leave."
        ),
    )
    format = SelectField(
        _l("Format"),
        choices=[
            SelectChoice("in_person", _l("In person")),
            SelectChoice("hybrid", _l("Hybrid")),
            SelectChoice("online", _l("Online")),
        ],
    )
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("planned", _l("Planned")),
            SelectChoice("confirmed", _l("Confirmed")),
            SelectChoice("postponed", _l("Postponed")),
            SelectChoice("cancelled", _l("Cancelled")),
        ],
    )
    original_language = SelectField(
        _l("Original language"),
        choices=[SelectChoice(lang, AUTONYMS[lang]) for lang in LANGUAGES],
        description=_l("The language in which the secretariat drafts the documents."),
    )
    restricted = BooleanField(
        _l("Restricted: public feeds show only its dates and title"),
    )
    issued = DayField(
        _l("Issue date of the provisional agenda"),
        description=_l("Optional; shown in the masthead of the provisional agenda."),
    )
    daily_meetings = FieldList(
        FormField(SlotForm), min_entries=1, label=_l("Half-day meetings held each day")
    )
    add_daily = SubmitField(_l("Add a half-day meeting"))
    days = FieldList(FormField(DayForm), min_entries=0, label=_l("Days with other hours"))
    add_day = SubmitField(_l("Add a day with other hours"))
    interpretation_meetings = WholeNumberField(
        _l("Meetings with interpretation"),
        validators=[
            InputRequired(_l("Give the number of meetings with interpretation (0 for none)."))
        ],
        description=_l(
            "How many of the half-day meetings conference services can staff with interpreters."
        ),
    )
    interpretation_languages = LanguagesField(_l("Interpretation into"))

    # -- rows ------------------------------------------------------------------------------

    def tidy(self) -> None:
        """Drop removed and blank rows, put rows in order; called on every submission."""
        _prune(self.daily_meetings, keep_one=False)
        _sort_slots(self.daily_meetings)
        _prune(self.days)
        for entry in self.days.entries:
            day = entry.form
            if day.no_meetings.data:
                day.slots.entries = []
                day.slots.last_index = -1
            else:
                _prune(day.slots)
                _sort_slots(day.slots)
        if all(e.form.date.data is not None for e in self.days.entries):
            self.days.entries.sort(key=lambda e: e.form.date.data)
            self.days._compact_indices()

    def add_rows(self) -> bool:
        """Add the row asked for by an "Add" button, if one was pressed."""
        added = False
        if self.add_daily.data:
            self.daily_meetings.append_entry()
            added = True
        if self.add_day.data:
            day = self.days.append_entry()
            day.form.slots.append_entry()
            added = True
        for entry in self.days.entries:
            if entry.form.add_slot.data:
                entry.form.no_meetings.data = False
                entry.form.slots.append_entry()
                added = True
        return added

    def follow_days(self, current: MeetingSpec) -> None:
        """Days with other hours belong to their day of the meeting (day 1, day 2, ...): when the
        dates change and those rows are left as they were, each row moves with its day, and a
        row for a day the new dates no longer have is dropped. Rows changed in the same save are
        taken as typed."""
        start, end = self.start.data, self.end.data
        if start is None or end is None or end < start or start == current.start:
            return
        if any(e.form.date.data is None for e in self.days.entries):
            return
        if self.schedule()[1] != current.days:
            return
        shift = start - current.start
        kept = []
        for entry in self.days.entries:
            moved = entry.form.date.data + shift
            if moved <= end:
                entry.form.date.data = moved
                entry.form.date.raw_data = [moved.isoformat()]
                kept.append(entry)
        self.days.entries = kept
        self.days._compact_indices()

    def for_display(self) -> None:
        """At least one row of daily meetings to type into."""
        if not self.daily_meetings.entries:
            self.daily_meetings.append_entry()

    # -- checks ----------------------------------------------------------------------------

    def check(self) -> bool:
        """Every check that needs no database; each problem at its field."""
        ok = self.validate()
        ok = _check_dates(self.start, self.end) and ok
        if not self.timezone.errors:
            ok = check_time_zone(self.timezone) and ok
        if self.format.data != "online":
            for field, message in (
                (
                    self.city,
                    _(
                        "Give the city in at least one language (it may be left out only for "
                        "an online meeting)."
                    ),
                ),
                (
                    self.venue,
                    _(
                        "Give the venue in at least one language (it may be left out only for "
                        "an online meeting)."
                    ),
                ),
            ):
                if not texts_of(field):
                    add_error(field, message)
                    ok = False
        if not self.daily_meetings.entries:
            add_error(
                self.daily_meetings,
                _("List at least one half-day meeting held each day, such as 10:00 to 13:00."),
            )
            ok = False
        ok = _check_slots(self.daily_meetings) and ok
        ok = self._check_days() and ok
        ok = self._check_interpretation(ok) and ok
        return ok

    def _check_days(self) -> bool:
        ok = True
        seen: set[date] = set()
        start, end = self.start.data, self.end.data
        for entry in self.days.entries:
            day = entry.form
            if day.date.errors:
                ok = False
            elif day.date.data is None:
                add_error(day.date, _("Give the date of this day."))
                ok = False
            elif day.date.data in seen:
                add_error(day.date, _("%(date)s is given twice.", date=day.date.data.isoformat()))
                ok = False
            elif start and end and not start <= day.date.data <= end:
                add_error(
                    day.date,
                    _(
                        "%(date)s is not one of the meeting's days (%(start)s to %(end)s).",
                        date=day.date.data.isoformat(),
                        start=start.isoformat(),
                        end=end.isoformat(),
                    ),
                )
                ok = False
            if day.date.data is not None:
                seen.add(day.date.data)
            if not day.no_meetings.data and not day.slots.entries:
                add_error(
                    day.no_meetings,
                    _("List the half-day meetings of this day, or tick “No meetings this day”."),
                )
                ok = False
            ok = _check_slots(day.slots) and ok
        return ok

    def held(self) -> int | None:
        """How many half-day meetings the schedule holds, if the dates can be read."""
        start, end = self.start.data, self.end.data
        if start is None or end is None or end < start:
            return None
        daily, days = self.schedule()
        total = 0
        for n in range((end - start).days + 1):
            day = date.fromordinal(start.toordinal() + n)
            total += len(days.get(day, daily))
        return total

    def _check_interpretation(self, schedule_ok: bool) -> bool:
        meetings = self.interpretation_meetings
        if meetings.errors or meetings.data is None:
            return not meetings.errors and meetings.data is not None
        if meetings.data < 0:
            add_error(meetings, _("The number of meetings with interpretation cannot be negative."))
            return False
        held = self.held() if schedule_ok else None
        if held is not None and meetings.data > held:
            add_error(
                meetings,
                _(
                    "At most %(held)s: that is how many half-day meetings the meeting holds "
                    "with these dates and hours.",
                    held=held,
                ),
            )
            return False
        if meetings.data > 0 and not self.interpretation_languages.languages:
            add_error(
                self.interpretation_languages,
                _("Choose the languages into which the meetings are interpreted."),
            )
            return False
        return True

    # -- between the form and a meeting-file spec --------------------------------------------

    def schedule(self) -> tuple[tuple[SlotSpec, ...], dict[date, tuple[SlotSpec, ...]]]:
        daily = _slots_of(self.daily_meetings)
        days: dict[date, tuple[SlotSpec, ...]] = {}
        for entry in self.days.entries:
            day = entry.form
            if day.date.data is None:
                continue
            slots = () if day.no_meetings.data else _slots_of(day.slots)
            if slots != daily:
                days[day.date.data] = slots
        return daily, days

    def to_spec(self, base: MeetingSpec) -> MeetingSpec:
        """``base`` (what the form does not edit: agenda, ids...) with the form's values."""
        daily, days = self.schedule()
        return replace(
            base,
            symbol=self.symbol.data or "",
            number=self.number.data or 0,
            start=self.start.data,
            end=self.end.data,
            timezone=self.timezone.data or "",
            city=texts_of(self.city),
            venue=texts_of(self.venue),
            format=self.format.data,
            status=self.status.data,
            original_language=self.original_language.data,
            daily_meetings=daily,
            days=days,
            interpretation_meetings=self.interpretation_meetings.data or 0,
            interpretation_languages=self.interpretation_languages.languages,
            issued=self.issued.data,
            restricted=bool(self.restricted.data),
            venue_key=self.venue_key.data or None,
        )

    def fill(self, spec: MeetingSpec, version: int | None = None) -> None:
        self.symbol.data = spec.symbol
        self.number.data = spec.number
        self.start.data = spec.start
        self.end.data = spec.end
        self.timezone.data = spec.timezone
        fill_texts(self.city, spec.city)
        fill_texts(self.venue, spec.venue)
        self.format.data = spec.format
        self.status.data = spec.status
        self.original_language.data = spec.original_language
        self.restricted.data = spec.restricted
        self.issued.data = spec.issued
        self.venue_key.data = spec.venue_key or ""
        _fill_slots(self.daily_meetings, spec.daily_meetings)
        while self.days.entries:
            self.days.pop_entry()
        for day in sorted(spec.days):
            entry = self.days.append_entry()
            entry.form.date.data = day
            entry.form.no_meetings.data = not spec.days[day]
            _fill_slots(entry.form.slots, spec.days[day])
        self.interpretation_meetings.data = spec.interpretation_meetings
        self.interpretation_languages.data = list(spec.interpretation_languages)
        if version is not None:
            self.version.data = str(version)

    def describe(self, name: str) -> str:
        """The rows of a list, as text (for the stale-edit notice)."""
        if name == "daily_meetings":
            return _describe_slots(_slots_of(self.daily_meetings))
        if name == "days":
            parts = []
            for entry in self.days.entries:
                day = entry.form
                when = day.date.data.isoformat() if day.date.data else "?"
                slots = () if day.no_meetings.data else _slots_of(day.slots)
                parts.append(f"{when}: {_describe_slots(slots)}")
            return "; ".join(parts)
        return ""


def _fill_slots(rows: FieldList, slots: tuple[SlotSpec, ...]) -> None:
    while rows.entries:
        rows.pop_entry()
    for slot in slots:
        entry = rows.append_entry()
        entry.form.start.data = slot.start
        entry.form.end.data = slot.end


class CopyForm(MeetingIdentity, Form):
    """A new meeting from the body's previous one: only what must change is asked."""

    #: The meeting copied (its public id), chosen on the page above the form.
    source = HiddenField()
    symbol = _symbol_field()
    number = _number_field()
    start = DayField(_l("First day"), validators=[InputRequired(_l("Give the first day."))])
    end = DayField(_l("Last day"), validators=[InputRequired(_l("Give the last day."))])

    def check(self) -> bool:
        ok = self.validate()
        return _check_dates(self.start, self.end) and ok


class DeleteForm(VersionedForm):
    """Confirms a deletion of the version the person saw."""
