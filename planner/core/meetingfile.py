"""Meeting files (format 1): read, check and write them, with no database and no Flask.

The format is described in ``MEETING-FILE.md`` (shared reference); ``planner/data/wg4-2018.yaml``
is the reference file. :func:`parse` turns the text of a file into plain, immutable specs
(:class:`MeetingFile` and the ``*Spec`` classes) or raises :class:`MeetingFileError` with every
problem it found, each with the file, the line, the key path and a message written for a
secretariat officer. :func:`dump` writes specs back as a file of the same shape as the reference.

What needs the database (does a document or body named here but not defined in the file exist?)
is not checked here: :func:`references` lists those symbols with their place in the file, and
:func:`problem_at` turns one into a :class:`Problem` of the same shape as the others.

Optional fields planner adds to the format (also in ``docs/meeting-file-extensions.md``):

``id`` on a body, a document, a meeting and an agenda item
    A UUID: the record's stable public identifier. Feeds and documents point at it; an export
    carries it so that importing the file again keeps every record's identity.
``slot_ids`` on a meeting
    A map from an ISO date to the list of the UUIDs of that day's half-day meetings, in order
    (one UUID for each half-day meeting held that day). Days may be left out.
``issued`` on a meeting
    The date its provisional agenda was issued, for the masthead.
``restricted`` on a meeting
    ``true`` or ``false`` (the default). A restricted meeting shows only its dates and title in
    public feeds; its details are for staff allowed to read restricted meetings.
``mandates`` at the top level
    The resolutions, decisions and drafts that establish or steer bodies, and that annotations
    cite with ``{mandate:7/1}`` placeholders (rules in :mod:`planner.core.mandates`).
``published`` on a meeting
    ``true`` or ``false`` (the default). ``true``: the meeting is public, and importing the file
    with `planner import` publishes it as it is in the file (a new release when that differs from
    what the public sees). ``false``: a new meeting is a draft; an existing one keeps its releases.

Readings of the format this module applies:

- ``bodies``, ``documents`` and ``meetings`` may each be left out (an empty list); ``format`` may
  not.
- Every multilingual text needs at least one language, except the optional ones (``listing``,
  ``annotation``). ``city`` and ``venue`` are required, except for an ``online`` meeting.
- Texts lose the trailing line break that a ``|`` block adds; blank lines inside are kept.
- Lists of languages are kept in the UN order (ar, zh, en, fr, ru, es), whatever the file's order.
- ``day`` in a pin and in ``organization_of_work`` counts the calendar days of the meeting from
  ``start`` (day 1); ``meeting`` counts the half-day meetings held that day. A day given an
  empty list in ``days`` holds no meetings.
- Item numbers in ``organization_of_work`` may be written with spaces or capitals ("1 (A)");
  they are stored as "1(a)". Agenda items nest at most three levels: 1, (a), (i).
- A key given an empty value (``listing:`` with nothing after it) counts as left out.
- A time written without quotes (``start: 10:00``) is read as the time it looks like (plain YAML
  1.1 would read the number 600).
- Anchors and aliases (``&name``, ``*name``) are refused: every value is written out in full.
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import cache
from typing import Final, Literal, TypeVar
from uuid import UUID

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from planner.core.agenda import MAX_DEPTH, item_number
from planner.core.languages import LANGUAGES
from planner.core.mandates import (
    MANDATE_KINDS,
    RELATIONS,
    BodyLinkData,
    MandateData,
    ParagraphData,
    identity,
    mandate_problems,
    message_en,
)
from planner.core.plain import (
    DISTRIBUTIONS,
    DOCUMENT_KINDS,
    MEETING_FORMATS,
    MEETING_STATUSES,
    MEETING_WORDS,
    STANDARD_KINDS,
    Pin,
)
from planner.core.symbols import SymbolError, parse_body_prefix, parse_symbol
from planner.core.text import PARAGRAPH_BREAKS, character_name, refused_character
from planner.core.venues import VENUE_KEY

__all__ = [
    "FORMAT",
    "BodySpec",
    "DocumentSpec",
    "ItemSpec",
    "MandateLinkSpec",
    "MandateSpec",
    "MeetingFile",
    "MeetingFileError",
    "MeetingSpec",
    "OrgWorkSpec",
    "ParagraphSpec",
    "Problem",
    "Reference",
    "SlotSpec",
    "dump",
    "parse",
    "problem_at",
    "references",
    "walk_items",
]

#: The version of the format this module reads and writes.
FORMAT: Final = 1
#: Limits that no real meeting file comes near (the reference meeting: 40 KB, 9 levels deep,
#: numbers of 4 digits), so that a mistaken or hostile file is refused with a message rather
#: than exhausting memory, the stack or the integer parser.
MAX_FILE_BYTES: Final = 5_000_000
MAX_NESTING: Final = 64
MAX_DIGITS: Final = 9


# --------------------------------------------------------------------------------------------
# Specs: what a file says, as plain immutable data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class BodySpec:
    symbol: str
    parent: str | None = None
    name: dict[str, str]
    short_name: dict[str, str]
    meeting_word: str
    id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class DocumentSpec:
    symbol: str
    kind: str
    title: dict[str, str]
    listing: dict[str, str] = field(default_factory=dict)
    issued: date | None = None
    languages: tuple[str, ...] = ()
    distribution: str = "general"
    id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class VenueSpec:
    """A venue and the interpretation capacity conference services staff there."""

    key: str  # the short name meetings use for it, such as VIC
    name: dict[str, str]
    rooms: tuple[str, ...] = ()
    interpretation_teams: int  # teams available per half-day
    capacity_exceptions: dict[date, int] = field(default_factory=dict)  # other numbers by date
    id: UUID | None = None


@dataclass(frozen=True)
class SlotSpec:
    """One half-day meeting, in the meeting's local time."""

    start: time
    end: time


@dataclass(frozen=True, kw_only=True)
class ItemSpec:
    standard: str | None = None
    title: dict[str, str] = field(default_factory=dict)
    annotation: dict[str, str] = field(default_factory=dict)
    documents: tuple[str, ...] = ()
    minutes: int | None = None
    items: tuple[ItemSpec, ...] = ()
    pin: Pin | None = None
    id: UUID | None = None


@dataclass(frozen=True)
class OrgWorkSpec:
    """The items taken up in half-day meeting ``meeting`` of day ``day`` (both 1-based): staff
    decisions, around which planner proposes the rest."""

    day: int
    meeting: int
    items: tuple[str, ...]  # item numbers: "1(a)", "2"
    #: The part of an item's time given to this meeting, by item number ("2": 60); an item
    #: without it takes what it has left.
    minutes: tuple[tuple[str, int], ...] = ()
    closed: bool = False  # the meeting takes no further items


@dataclass(frozen=True, kw_only=True)
class MeetingSpec:
    body: str
    symbol: str
    number: int
    start: date
    end: date
    timezone: str
    city: dict[str, str] = field(default_factory=dict)
    venue: dict[str, str] = field(default_factory=dict)
    format: str
    status: str = "planned"
    original_language: str
    daily_meetings: tuple[SlotSpec, ...]
    days: dict[date, tuple[SlotSpec, ...]] = field(default_factory=dict)
    interpretation_meetings: int
    interpretation_languages: tuple[str, ...]
    agenda: tuple[ItemSpec, ...] = ()
    organization_of_work: tuple[OrgWorkSpec, ...] | None = None
    id: UUID | None = None
    slot_ids: dict[date, tuple[UUID, ...]] = field(default_factory=dict)
    issued: date | None = None
    restricted: bool = False
    venue_key: str | None = None  # the venue (VenueSpec.key) whose interpretation it shares
    published: bool = False

    def meeting_days(self) -> tuple[date, ...]:
        """Every calendar day from ``start`` to ``end``; day 1 is ``start``."""
        return tuple(
            self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)
        )

    def slots_on(self, day: date) -> tuple[SlotSpec, ...]:
        """The half-day meetings held on ``day``: its exception if it has one, else the pattern."""
        return self.days.get(day, self.daily_meetings)


@dataclass(frozen=True, kw_only=True)
class ParagraphSpec:
    """A paragraph of a mandate that concerns a body; no number for a preambular paragraph."""

    number: str | None = None
    text: dict[str, str]
    id: UUID | None = None


@dataclass(frozen=True)
class MandateLinkSpec:
    body: str
    relation: str  # establishes | steers


@dataclass(frozen=True, kw_only=True)
class MandateSpec:
    body: str  # the adopting body
    kind: str
    number: str | None = None
    session: int | None = None
    symbol: str | None = None
    adopted: date | None = None
    title: dict[str, str] = field(default_factory=dict)
    paragraphs: tuple[ParagraphSpec, ...] = ()
    bodies: tuple[MandateLinkSpec, ...] = ()
    id: UUID | None = None

    def data(self) -> MandateData:
        """As the plain data the rules and the citations read (without the body's texts)."""
        return MandateData(
            public_id=self.id,
            body=self.body,
            kind=self.kind,
            number=self.number,
            session=self.session,
            symbol=self.symbol,
            adopted=self.adopted,
            title=self.title,
            paragraphs=tuple(ParagraphData(p.number, p.text) for p in self.paragraphs),
            links=tuple(BodyLinkData(k.body, k.relation) for k in self.bodies),
        )


@dataclass(frozen=True)
class MeetingFile:
    bodies: tuple[BodySpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()
    meetings: tuple[MeetingSpec, ...] = ()
    mandates: tuple[MandateSpec, ...] = ()
    venues: tuple[VenueSpec, ...] = ()
    #: Line (1-based) of each value :func:`parse` read, by key path; empty for a file built in code.
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


# --------------------------------------------------------------------------------------------
# Problems and references
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (file, line, key path) and what, for a person."""

    file: str
    line: int | None  # 1-based
    path: str  # "meetings[0].agenda[1].documents[0]"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f", line {self.line}"
        if self.path:
            place += f" ({self.path})"
        return f"{place}: {self.message}"


class MeetingFileError(Exception):
    """The file cannot be read; ``problems`` lists everything found wrong, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Reference:
    """A symbol the file uses but does not define: the database must know it."""

    kind: Literal["document", "body", "venue"]
    symbol: str  # a venue's key
    path: str
    line: int | None


def problem_at(filename: str, ref: Reference, message: str) -> Problem:
    """A problem about ``ref`` (found by the caller, e.g. not in the database)."""
    return Problem(filename, ref.line, ref.path, message)


def references(mf: MeetingFile) -> list[Reference]:
    """Every use of a body or document symbol that the file does not itself define, in file order.

    Bodies: each body's ``parent``, each meeting's ``body``, each mandate's adopting ``body`` and
    the bodies it links. Documents: each symbol listed under an agenda item.
    """
    bodies = {b.symbol for b in mf.bodies}
    documents = {d.symbol for d in mf.documents}
    venues = {v.key for v in mf.venues}
    out: list[Reference] = []

    def add(kind: Literal["document", "body", "venue"], symbol: str, path: str) -> None:
        out.append(Reference(kind, symbol, path, mf.lines.get(path)))

    for i, body in enumerate(mf.bodies):
        if body.parent is not None and body.parent not in bodies:
            add("body", body.parent, f"bodies[{i}].parent")
    for m, mandate in enumerate(mf.mandates):
        if mandate.body not in bodies:
            add("body", mandate.body, f"mandates[{m}].body")
        for k, link in enumerate(mandate.bodies):
            if link.body not in bodies:
                add("body", link.body, f"mandates[{m}].bodies[{k}].body")
    for m, meeting in enumerate(mf.meetings):
        if meeting.body not in bodies:
            add("body", meeting.body, f"meetings[{m}].body")
        if meeting.venue_key is not None and meeting.venue_key not in venues:
            add("venue", meeting.venue_key, f"meetings[{m}].venue_key")
        for path, item in walk_items(meeting.agenda, f"meetings[{m}].agenda"):
            for d, symbol in enumerate(item.documents):
                if symbol not in documents:
                    add("document", symbol, f"{path}.documents[{d}]")
    return out


def walk_items(items: Sequence[ItemSpec], path: str) -> Iterator[tuple[str, ItemSpec]]:
    """Every item with its key path, depth first, in agenda order."""
    for i, item in enumerate(items):
        here = f"{path}[{i}]"
        yield here, item
        yield from walk_items(item.items, f"{here}.items")


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_INT = _TAG + "int"
_BOOL = _TAG + "bool"
_NULL = _TAG + "null"
_TIMESTAMP = _TAG + "timestamp"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME_RE = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
_CONSTRUCTOR = SafeConstructor()

_LANGUAGE_LIST = ", ".join(LANGUAGES)
_FILE_KEYS = ("format", "bodies", "documents", "venues", "mandates", "meetings")
_VENUE_KEYS = ("key", "name", "rooms", "interpretation", "id")
_BODY_KEYS = ("symbol", "parent", "name", "short_name", "meeting_word", "id")
_DOCUMENT_KEYS = (
    "symbol",
    "kind",
    "title",
    "listing",
    "issued",
    "languages",
    "distribution",
    "id",
)
_MEETING_KEYS = (
    "body",
    "symbol",
    "number",
    "start",
    "end",
    "timezone",
    "city",
    "venue",
    "format",
    "status",
    "original_language",
    "daily_meetings",
    "days",
    "interpretation",
    "agenda",
    "organization_of_work",
    "id",
    "slot_ids",
    "issued",
    "restricted",
    "venue_key",
    "published",
)
_BODY_REQUIRED = ("symbol", "name", "short_name", "meeting_word")
_DOC_REQUIRED = ("symbol", "kind", "title")
_MEETING_REQUIRED = (
    "body",
    "symbol",
    "number",
    "start",
    "end",
    "timezone",
    "format",
    "original_language",
    "daily_meetings",
    "interpretation",
    "agenda",
)
_SLOT_KEYS = ("start", "end")
_ORGWORK_KEYS = ("day", "meeting", "items", "minutes", "closed")
_ORGWORK_REQUIRED = ("day", "meeting", "items")
_DAY_MESSAGE = "day must be a whole number, such as 1 for the first day of the meeting."
_MEETING_MESSAGE = "meeting must be a whole number, such as 1 for the first meeting of the day."
_ITEM_KEYS = ("standard", "title", "minutes", "pin", "documents", "annotation", "items", "id")
_MANDATE_KEYS = (
    "body",
    "kind",
    "number",
    "session",
    "symbol",
    "adopted",
    "title",
    "paragraphs",
    "bodies",
    "id",
)
_MANDATE_REQUIRED = ("body", "kind")
_PARAGRAPH_KEYS = ("number", "text", "id")
_LINK_KEYS = ("body", "relation")

_ALIAS_PROBLEM = "aliases are not accepted"
_NESTING_PROBLEM = "nested too deeply"
_YAML_HINTS: Final = (
    (
        _NESTING_PROBLEM,
        f"Lists and maps are nested more than {MAX_NESTING} levels deep here; a meeting file "
        "never needs that many. Is it the right file?",
    ),
    (
        "mapping values are not allowed here",
        'A text containing a colon followed by a space (": ") must be put between double quotes, '
        'such as  en: "International cooperation: the needs of victims".',
    ),
    (
        "found character '\\t' that cannot start any token",
        "A tab character is used here; indent with spaces only.",
    ),
    (
        "found unexpected end of stream",
        "A quotation mark opened here is never closed.",
    ),
    (
        "found unknown escape character",
        "A backslash (\\) inside double quotes starts an escape; write \\\\ for a backslash, or "
        "use single quotes.",
    ),
    (
        "could not find expected ':'",
        'A line here is not "key: value" and not part of a list: check the indentation, the colon '
        "after the key, and that every quotation is closed.",
    ),
    (
        "expected <block end>",
        "The indentation is not consistent here: this line is indented more or less than the "
        "lines of the same list or map.",
    ),
    (
        "did not find expected key",
        "The indentation is not consistent here: this line is indented more or less than the "
        "lines of the same list or map.",
    ),
    (
        "did not find expected '-' indicator",
        'This list entry ("- ") does not line up with the entries before it.',
    ),
    (
        "expected a single document in the stream",
        'The file holds more than one YAML document (a second "---"); a meeting file is one '
        "document: put every meeting in its meetings list.",
    ),
    (
        "expected ',' or",
        "A list in [brackets] or a map in {braces} is not closed properly here; check the "
        "brackets, the commas between entries, and that every quotation is closed.",
    ),
    (
        _ALIAS_PROBLEM,
        "Anchors and aliases (&name, *name) are not accepted in a meeting file; write each "
        "value out in full.",
    ),
    (
        "found undefined alias",
        "An alias (*name) refers to an anchor (&name) that is not defined.",
    ),
)


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases: each value of a meeting file is written out.

    Aliases would let a small file stand for a huge tree (and make one value appear in several
    places, with one line number). Nesting deeper than :data:`MAX_NESTING` is refused before
    PyYAML's composer (which recurses) could run out of stack.
    """

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in stubs
            raise yaml.composer.ComposerError(
                None, None, _ALIAS_PROBLEM, event.start_mark if event else None
            )
        if self._depth >= MAX_NESTING:
            event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in stubs
            raise yaml.composer.ComposerError(
                None, None, _NESTING_PROBLEM, event.start_mark if event else None
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _line(node: Node | None) -> int | None:
    if node is None or node.start_mark is None:
        return None
    return int(node.start_mark.line) + 1


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _quote(value: str) -> str:
    return f'"{value}"'


def _closest(word: str, options: Iterable[str]) -> str | None:
    """The option ``word`` is most likely a misspelling of, if any."""
    by_lower = {o.lower(): o for o in options}
    if word.lower() in by_lower:
        return by_lower[word.lower()]
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


def _suggest(word: str, options: Iterable[str]) -> str:
    """`` (did you mean "x"?)`` when ``word`` looks like a misspelling of one of ``options``."""
    closest = _closest(word, options)
    return f" (did you mean {_quote(closest)}?)" if closest else ""


def _what_it_is(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a map of keys and values"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "empty"
    return _quote(str(node.value))


def _is_null(node: Node | None) -> bool:
    return node is None or (isinstance(node, ScalarNode) and node.tag == _NULL)


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _is_time_zone(name: str) -> bool:
    if name in _time_zones():
        return True
    if not name or name.startswith(("/", ".")) or name in ("localtime", "Factory"):
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _language_message(code: str) -> str:
    message = f"{_quote(code)} is not one of the six official languages ({_LANGUAGE_LIST})."
    if code.lower() in LANGUAGES:
        message += f" Write language codes in lower case ({_quote(code.lower())})."
    elif code.lower() in ("ch", "cn", "zh-cn", "zh-hans", "chi", "zho"):
        message += ' Chinese is "zh".'
    return message


@dataclass
class _Meeting:
    """What the checks of one meeting need to know beyond its spec (which may be incomplete)."""

    days: list[date] | None = None  # calendar days, or None when start/end are unusable
    counts: dict[date, int] = field(default_factory=dict)  # half-day meetings held, known days
    numbers: set[str] = field(default_factory=set)
    pins: list[tuple[Pin, str, Mapping[str, Node]]] = field(default_factory=list)
    bad_days: list[date] = field(default_factory=list)  # days whose exception has a problem


def _size_problem(text: str) -> str | None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= MAX_FILE_BYTES:
        return None
    return (
        f"The file is {size / 1_000_000:.1f} MB; a meeting file is at most "
        f"{MAX_FILE_BYTES // 1_000_000} MB. Is it the right file?"
    )


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}
        self.ids: list[tuple[UUID, str, Node]] = []

    # -- reporting --------------------------------------------------------------------------

    def report(self, node: Node | None, path: str, message: str) -> None:
        self.problems.append(Problem(self.filename, _line(node), path, message))

    def seen(self, node: Node, path: str) -> None:
        line = _line(node)
        if line is not None:
            self.lines[path] = line

    # -- YAML -------------------------------------------------------------------------------

    def compose(self, text: str) -> Node | None:
        too_big = _size_problem(text)
        if too_big:
            self.problems.append(Problem(self.filename, None, "", too_big))
            return None
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            if (err.context or "").startswith("while scanning a quoted scalar"):
                mark = err.context_mark or mark  # where the quotation opens, not the file's end
            line = int(mark.line) + 1 if mark is not None else None
            self.problems.append(Problem(self.filename, line, "", _yaml_message(err)))
            return None
        except yaml.reader.ReaderError as err:
            line = text[: err.position].count("\n") + 1
            character = (
                f"#x{err.character:04x}" if isinstance(err.character, int) else repr(err.character)
            )
            message = (
                f"The file contains a character that YAML does not allow ({character}); remove it."
            )
            self.problems.append(Problem(self.filename, line, "", message))
            return None
        except yaml.YAMLError as err:  # pragma: no cover - every PyYAML error is one of the above
            self.problems.append(Problem(self.filename, None, "", f"The file is not valid: {err}"))
            return None
        if root is None:
            self.problems.append(
                Problem(
                    self.filename, None, "", 'The file is empty: it should start with "format: 1".'
                )
            )
        return root

    # -- shapes -----------------------------------------------------------------------------

    def fields(
        self,
        node: Node,
        path: str,
        this: str,
        of_a: str,
        keys: Sequence[str],
        required: Sequence[str] = (),
    ) -> dict[str, Node] | None:
        """The keys of a map, each checked against ``keys``; None if ``node`` is not a map.

        ``this`` and ``of_a`` name the map in messages: "This meeting", "a meeting".
        """
        if not isinstance(node, MappingNode):
            self.report(
                node, path, f"{this} should be a map of keys and values, not {_what_it_is(node)}."
            )
            return None
        found: dict[str, Node] = {}
        first_line: dict[str, int | None] = {}
        misspelt: set[str] = set()  # keys an unknown key was taken for: not reported missing too
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL:
                self.report(
                    key_node, path, f"A key of {of_a} must be a single word, such as {keys[0]}."
                )
                continue
            key = str(key_node.value)
            here = _at(path, key)
            if key in first_line:
                self.report(
                    key_node,
                    here,
                    f"{_quote(key)} is given twice in {of_a} (first on line {first_line[key]}); "
                    "give it once.",
                )
                continue
            first_line[key] = _line(key_node)
            if key not in keys:
                closest = _closest(key, keys)
                hint = f" (did you mean {_quote(closest)}?)" if closest else ""
                if closest is not None:
                    misspelt.add(closest)
                listing = "" if hint else f" It can have: {', '.join(keys)}."
                self.report(key_node, here, f"{_quote(key)} is not a key of {of_a}{hint}.{listing}")
                continue
            self.seen(value_node, here)
            if not _is_null(value_node):
                found[key] = value_node
            elif key in required:
                self.report(value_node, here, f"{_quote(key)} is empty; {this.lower()} needs it.")
        for key in required:
            if key not in found and key not in first_line and key not in misspelt:
                self.report(node, _at(path, key), f"{this} has no {_quote(key)}; it is required.")
        return found

    def sequence(self, node: Node, path: str, name: str, example: str) -> list[tuple[str, Node]]:
        """The entries of a list with their paths; [] (and a problem) if ``node`` is not a list."""
        if not isinstance(node, SequenceNode):
            self.report(
                node, path, f"{name} should be a list, such as {example}, not {_what_it_is(node)}."
            )
            return []
        out = []
        for i, entry in enumerate(node.value):
            here = f"{path}[{i}]"
            self.seen(entry, here)
            out.append((here, entry))
        return out

    # -- values -----------------------------------------------------------------------------

    def scalar(self, node: Node, path: str, name: str) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag == _NULL:
            self.report(node, path, f"{name} should be a single value, not {_what_it_is(node)}.")
            return None
        return self.checked(node, path, str(node.value), multiline=False)

    def checked(self, node: Node, path: str, value: str, *, multiline: bool) -> str | None:
        """``value``, unless it holds a control character (or a line break where a text has no
        paragraphs), which is reported."""
        refused = refused_character(value, multiline=multiline)
        if refused is None:
            return value
        if refused in PARAGRAPH_BREAKS:
            message = f"This value must stay on one line; remove the {character_name(refused)}."
        else:
            message = (
                f"The text holds an invisible control character ({character_name(refused)}), "
                "which cannot be saved; remove it (it often comes with text pasted from another "
                "program)."
            )
        self.report(node, path, message)
        return None

    def text(self, node: Node, path: str) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag == _NULL or not str(node.value).strip():
            what = "empty" if _is_null(node) or isinstance(node, ScalarNode) else _what_it_is(node)
            self.report(
                node,
                path,
                f"The text should be written here, not {what}; write it or remove the line.",
            )
            return None
        return self.checked(node, path, str(node.value).rstrip("\n"), multiline=True)

    def texts(
        self, node: Node | None, path: str, name: str, required: bool
    ) -> dict[str, str] | None:
        """A multilingual text: a map from language code to text, stored in the UN order."""
        if node is None:
            return None if required else {}
        if not isinstance(node, MappingNode):
            self.report(
                node,
                path,
                f"{_quote(name)} should give the text language by language, such as "
                f'{name}: {{en: ..., fr: ...}} or one "en: ..." line per language below it, '
                f"not {_what_it_is(node)}.",
            )
            return None
        found: dict[str, str] = {}
        ok = True
        first_line: dict[str, int | None] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            here = _at(path, key)
            if key in first_line:
                self.report(
                    key_node,
                    here,
                    f"The {key} text is given twice (first on line {first_line[key]}).",
                )
                ok = False
                continue
            first_line[key] = _line(key_node)
            if key not in LANGUAGES:
                self.report(key_node, here, _language_message(key))
                ok = False
                continue
            self.seen(value_node, here)
            value = self.text(value_node, here)
            if value is None:
                ok = False
            else:
                found[key] = value
        if not ok:
            return None
        if required and not found:
            self.report(node, path, f"{_quote(name)} needs the text in at least one language.")
            return None
        return {lang: found[lang] for lang in LANGUAGES if lang in found}

    def whole_number(self, node: Node, path: str, message: str, least: int | None) -> int | None:
        """An integer of at least ``least``; ``message`` says what is expected otherwise."""
        if not isinstance(node, ScalarNode) or node.tag != _INT:
            self.report(node, path, message)
            return None
        if len(str(node.value).lstrip("+-0").replace("_", "")) > MAX_DIGITS:
            self.report(node, path, f"{message} This number has too many digits.")
            return None
        value = _CONSTRUCTOR.construct_yaml_int(node)
        if least is not None and value < least:
            self.report(node, path, message)
            return None
        return value

    def boolean(self, node: Node, path: str, name: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != _BOOL:
            self.report(node, path, f"{name} must be true or false, not {_what_it_is(node)}.")
            return None
        return _CONSTRUCTOR.construct_yaml_bool(node)

    def read_date(self, node: Node, path: str) -> date | None:
        raw = self.scalar(node, path, "A date")
        if raw is None:
            return None
        if not _DATE_RE.fullmatch(raw):
            self.report(
                node,
                path,
                f"{_quote(raw)} is not a date. Write dates as YYYY-MM-DD, such as 2018-07-02.",
            )
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.report(
                node, path, f"{raw} is not a day of the calendar; check the month and the day."
            )
            return None

    def read_time(self, node: Node, path: str) -> time | None:
        raw = self.scalar(node, path, "A time")
        if raw is None:
            return None
        match = _TIME_RE.fullmatch(raw)
        if not match:
            self.report(
                node,
                path,
                f'{_quote(raw)} is not a time. Write times as "HH:MM" on the 24-hour clock, '
                'such as "15:00".',
            )
            return None
        return time(int(match.group(1)), int(match.group(2)))

    def read_uuid(self, node: Node, path: str) -> UUID | None:
        raw = self.scalar(node, path, "An id")
        if raw is None:
            return None
        try:
            value = UUID(raw)
        except ValueError:
            self.report(
                node,
                path,
                f"{_quote(raw)} is not a valid id: an id is a UUID, such as "
                '"0b6e8c52-3f0a-4d8e-9a57-2f3c1d7e9b10".',
            )
            return None
        self.ids.append((value, path, node))
        return value

    def choice(self, node: Node, path: str, options: Sequence[str], what: str) -> str | None:
        raw = self.scalar(node, path, what[0].upper() + what[1:])
        if raw is None:
            return None
        if raw not in options:
            hint = _suggest(raw, options)
            self.report(
                node, path, f"{_quote(raw)} is not {what}. Use one of: {', '.join(options)}{hint}."
            )
            return None
        return raw

    def language(self, node: Node, path: str) -> str | None:
        raw = self.scalar(node, path, "A language")
        if raw is None:
            return None
        if raw not in LANGUAGES:
            self.report(node, path, _language_message(raw))
            return None
        return raw

    def languages(self, node: Node | None, path: str, name: str) -> tuple[str, ...] | None:
        if node is None:
            return ()
        codes: list[str] = []
        ok = True
        for here, entry in self.sequence(node, path, _quote(name), "[ar, zh, en, fr, ru, es]"):
            code = self.language(entry, here)
            if code is None:
                ok = False
            elif code in codes:
                self.report(entry, here, f"{_quote(code)} is listed twice.")
                ok = False
            else:
                codes.append(code)
        if not isinstance(node, SequenceNode):
            return None
        return tuple(code for code in LANGUAGES if code in codes) if ok else None

    def document_symbol(self, node: Node, path: str) -> str | None:
        raw = self.scalar(node, path, "A document symbol")
        if raw is None:
            return None
        try:
            parse_symbol(raw)
        except SymbolError as err:
            self.report(node, path, err.message)
            return None
        return raw

    def body_symbol(self, node: Node, path: str) -> str | None:
        raw = self.scalar(node, path, "A body symbol")
        if raw is None:
            return None
        try:
            parse_body_prefix(raw)
        except SymbolError as err:
            self.report(node, path, err.message)
            return None
        return raw

    # -- records ----------------------------------------------------------------------------
    #
    # Each reader returns None when it reported a problem in what it read (the problem count
    # grew); the ``is None`` tests after that only narrow the types for mypy.

    def file(self, root: Node) -> MeetingFile:
        if not isinstance(root, MappingNode):
            self.report(
                root,
                "",
                'A meeting file is a map: it starts with "format: 1", then bodies, documents and '
                f"meetings; this one is {_what_it_is(root)}.",
            )
            return MeetingFile()
        f = self.fields(root, "", "The file", "a meeting file", _FILE_KEYS) or {}
        if "format" not in f:
            self.report(
                root,
                "format",
                'The file does not say its format: add "format: 1" as its first line.',
            )
        elif not (
            isinstance(f["format"], ScalarNode)
            and f["format"].tag == _INT
            and f["format"].value == str(FORMAT)
        ):
            self.report(
                f["format"],
                "format",
                f"format must be {FORMAT}, not {_what_it_is(f['format'])}: this planner reads "
                f"meeting files of format {FORMAT}.",
            )

        def entries(key: str, example: str) -> list[tuple[str, Node]]:
            return self.sequence(f[key], key, key, example) if key in f else []

        bodies = [self.body(n, p) for p, n in entries("bodies", "- symbol: CTOC/COP")]
        documents = [self.document(n, p) for p, n in entries("documents", "- symbol: ...")]
        mandates = [self.mandate(n, p) for p, n in entries("mandates", "- body: CTOC/COP")]
        venues = [self.venue(n, p) for p, n in entries("venues", "- key: VIC")]
        self.check_venue_keys(venues)
        meetings = [self.meeting(n, p) for p, n in entries("meetings", "- body: ...")]
        for what, key, records in (
            ("body", "bodies", bodies),
            ("document", "documents", documents),
            ("meeting", "meetings", meetings),
        ):
            self.check_unique(what, [(f"{key}[{i}]", r) for i, r in enumerate(records)])
        self.check_mandates_unique(mandates)
        self.check_ids()
        self.check_parents(bodies)
        return MeetingFile(
            bodies=tuple(b for b in bodies if b is not None),
            documents=tuple(d for d in documents if d is not None),
            meetings=tuple(m for m in meetings if m is not None),
            mandates=tuple(m for m in mandates if m is not None),
            venues=tuple(v for v in venues if v is not None),
            lines=self.lines,
        )

    def check_unique(
        self, what: str, records: Sequence[tuple[str, BodySpec | DocumentSpec | MeetingSpec | None]]
    ) -> None:
        first: dict[str, str] = {}
        for path, record in records:
            if record is None:
                continue
            here = _at(path, "symbol")
            if record.symbol in first:
                line = self.lines.get(first[record.symbol], "?")
                message = f"The {what} {record.symbol} is listed twice (first on line {line})."
                self.problems.append(Problem(self.filename, self.lines.get(here), here, message))
            else:
                first[record.symbol] = here

    def check_venue_keys(self, venues: Sequence[VenueSpec | None]) -> None:
        first: dict[str, str] = {}
        for i, venue in enumerate(venues):
            if venue is None:
                continue
            here = f"venues[{i}].key"
            if venue.key in first:
                line = self.lines.get(first[venue.key], "?")
                message = f"The venue {venue.key} is listed twice (first on line {line})."
                self.problems.append(Problem(self.filename, self.lines.get(here), here, message))
            else:
                first[venue.key] = here

    def venue_key(self, node: Node, path: str) -> str | None:
        raw = self.scalar(node, path, "A venue key")
        if raw is None:
            return None
        if not VENUE_KEY.fullmatch(raw):
            self.report(
                node,
                path,
                f"{_quote(raw)} is not a venue key: a venue key is one word of up to 32 letters, "
                "digits, dots, hyphens or underscores, such as VIC.",
            )
            return None
        return raw

    def venue(self, node: Node, path: str) -> VenueSpec | None:
        before = len(self.problems)
        f = self.fields(
            node, path, "This venue", "a venue", _VENUE_KEYS, ("key", "name", "interpretation")
        )
        if f is None:
            return None
        get = _getter(f, path)
        key = get("key", self.venue_key)
        name = self.texts(f.get("name"), _at(path, "name"), "name", True)
        rooms: list[str] = []
        if "rooms" in f:
            for here, entry in self.sequence(
                f["rooms"], _at(path, "rooms"), "rooms", '["Board Room D", "Plenary Hall M"]'
            ):
                room = self.text(entry, here)
                if room is not None:
                    rooms.append(room.strip())
        capacity = get("interpretation", self.venue_capacity)
        id_ = get("id", self.read_uuid)
        if len(self.problems) > before or not (key and name and capacity):
            return None
        return VenueSpec(
            key=key,
            name=name,
            rooms=tuple(rooms),
            interpretation_teams=capacity[0],
            capacity_exceptions=capacity[1],
            id=id_,
        )

    def venue_capacity(self, node: Node, path: str) -> tuple[int, dict[date, int]] | None:
        before = len(self.problems)
        f = self.fields(
            node,
            path,
            "The interpretation",
            "a venue's interpretation",
            ("teams", "dates"),
            ("teams",),
        )
        if f is None:
            return None
        message = (
            "teams must be a whole number of interpretation teams available per half-day "
            "(each staffs one meeting), such as 2."
        )
        teams = (
            self.whole_number(f["teams"], _at(path, "teams"), message, 0) if "teams" in f else None
        )
        exceptions: dict[date, int] = {}
        if "dates" in f:
            dates = f["dates"]
            here = _at(path, "dates")
            if not isinstance(dates, MappingNode):
                self.report(
                    dates,
                    here,
                    f'"dates" should be a map from dates to numbers of teams, such as '
                    f"{{2026-10-14: 1}}, not {_what_it_is(dates)}.",
                )
            else:
                for key_node, value_node in dates.value:
                    raw = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
                    there = _at(here, raw)
                    self.seen(value_node, there)
                    day = self.read_date(key_node, there)
                    if day is None:
                        continue
                    if day in exceptions:
                        self.report(key_node, there, f"{raw} is given twice.")
                        continue
                    value = self.whole_number(
                        value_node,
                        there,
                        f"The teams available on {raw} must be a whole number, such as 1 "
                        "(0 when there is no interpretation that day).",
                        0,
                    )
                    if value is not None:
                        exceptions[day] = value
        if len(self.problems) > before or teams is None:
            return None
        return teams, exceptions

    def check_ids(self) -> None:
        first: dict[UUID, str] = {}
        for value, path, node in self.ids:
            if value in first:
                where = first[value]
                self.report(
                    node,
                    path,
                    f"The id {value} is already used at {where} "
                    f"(line {self.lines.get(where, '?')}); each record needs its own id.",
                )
            else:
                first[value] = path

    def check_parents(self, bodies: Sequence[BodySpec | None]) -> None:
        parents = {b.symbol: b.parent for b in bodies if b is not None}
        for i, body in enumerate(bodies):
            if body is None or body.parent is None:
                continue
            here = f"bodies[{i}].parent"
            seen = {body.symbol}
            parent: str | None = body.parent
            while parent is not None and parent in parents and parent not in seen:
                seen.add(parent)
                parent = parents[parent]
            if parent == body.symbol:
                message = (
                    "A body cannot report to itself."
                    if body.parent == body.symbol
                    else f"{body.symbol} reports, through its parents, to itself."
                )
                self.problems.append(Problem(self.filename, self.lines.get(here), here, message))

    def body(self, node: Node, path: str) -> BodySpec | None:
        before = len(self.problems)
        f = self.fields(node, path, "This body", "a body", _BODY_KEYS, _BODY_REQUIRED)
        if f is None:
            return None
        get = _getter(f, path)
        symbol = get("symbol", self.body_symbol)
        parent = get("parent", self.body_symbol)
        name = self.texts(f.get("name"), _at(path, "name"), "name", True)
        short_name = self.texts(f.get("short_name"), _at(path, "short_name"), "short_name", True)
        word = get("meeting_word", self.choosing(MEETING_WORDS, "a meeting word"))
        id_ = get("id", self.read_uuid)
        if len(self.problems) > before or not (symbol and name and short_name and word):
            return None
        return BodySpec(
            symbol=symbol,
            parent=parent,
            name=name,
            short_name=short_name,
            meeting_word=word,
            id=id_,
        )

    def document(self, node: Node, path: str) -> DocumentSpec | None:
        before = len(self.problems)
        f = self.fields(node, path, "This document", "a document", _DOCUMENT_KEYS, _DOC_REQUIRED)
        if f is None:
            return None
        get = _getter(f, path)
        symbol = get("symbol", self.document_symbol)
        kind = get("kind", self.choosing(DOCUMENT_KINDS, "a kind of document"))
        title = self.texts(f.get("title"), _at(path, "title"), "title", True)
        listing = self.texts(f.get("listing"), _at(path, "listing"), "listing", False)
        issued = get("issued", self.read_date)
        languages = self.languages(f.get("languages"), _at(path, "languages"), "languages")
        distribution = get("distribution", self.choosing(DISTRIBUTIONS, "a distribution"))
        id_ = get("id", self.read_uuid)
        if len(self.problems) > before or not (symbol and kind and title):
            return None
        return DocumentSpec(
            symbol=symbol,
            kind=kind,
            title=title,
            listing=listing or {},
            issued=issued,
            languages=languages or (),
            distribution=distribution or "general",
            id=id_,
        )

    def check_mandates_unique(self, mandates: Sequence[MandateSpec | None]) -> None:
        first: dict[tuple[str, str, str], str] = {}
        for i, mandate in enumerate(mandates):
            if mandate is None:
                continue
            key = identity(mandate.data())
            here = f"mandates[{i}]"
            if key in first:
                line = self.lines.get(first[key], "?")
                what = " ".join(part for part in key if part)
                message = f"The mandate {what} is listed twice (first on line {line})."
                self.problems.append(Problem(self.filename, self.lines.get(here), here, message))
            else:
                first[key] = here

    def mandate(self, node: Node, path: str) -> MandateSpec | None:
        before = len(self.problems)
        f = self.fields(node, path, "This mandate", "a mandate", _MANDATE_KEYS, _MANDATE_REQUIRED)
        if f is None:
            return None
        get = _getter(f, path)
        body = get("body", self.body_symbol)
        kind = get("kind", self.choosing(MANDATE_KINDS, "a kind of mandate"))
        number = get("number", lambda n, p: self.scalar(n, p, "A number"))
        session = get(
            "session",
            self.counting("session must be a whole number, such as 7 for the seventh session.", 1),
        )
        symbol = get("symbol", self.document_symbol)
        adopted = get("adopted", self.read_date)
        title = self.texts(f.get("title"), _at(path, "title"), "title", False)
        paragraphs: list[ParagraphSpec] = []
        if "paragraphs" in f:
            for here, entry in self.sequence(
                f["paragraphs"], _at(path, "paragraphs"), '"paragraphs"', "- number: 9"
            ):
                paragraph = self.mandate_paragraph(entry, here)
                if paragraph is not None:
                    paragraphs.append(paragraph)
        links: list[MandateLinkSpec] = []
        if "bodies" in f:
            for here, entry in self.sequence(
                f["bodies"], _at(path, "bodies"), '"bodies"', "- {body: CTOC/COP/WG.4, ...}"
            ):
                lf = self.fields(entry, here, "This link", "a body link", _LINK_KEYS, _LINK_KEYS)
                if lf is None:
                    continue
                lget = _getter(lf, here)
                linked = lget("body", self.body_symbol)
                relation = lget("relation", self.choosing(RELATIONS, "a relation"))
                if linked and relation:
                    links.append(MandateLinkSpec(linked, relation))
        id_ = get("id", self.read_uuid)
        if len(self.problems) > before or not (body and kind):
            return None
        spec = MandateSpec(
            body=body,
            kind=kind,
            number=number,
            session=session,
            symbol=symbol,
            adopted=adopted,
            title=title or {},
            paragraphs=tuple(paragraphs),
            bodies=tuple(links),
            id=id_,
        )
        for problem in mandate_problems(spec.data()):
            here = f"{path}.{problem.where}"
            line = self.lines.get(here, self.lines.get(path, _line(node)))
            self.problems.append(Problem(self.filename, line, here, message_en(problem)))
        return spec if len(self.problems) == before else None

    def mandate_paragraph(self, node: Node, path: str) -> ParagraphSpec | None:
        before = len(self.problems)
        f = self.fields(node, path, "This paragraph", "a paragraph", _PARAGRAPH_KEYS, ("text",))
        if f is None:
            return None
        get = _getter(f, path)
        number = get("number", lambda n, p: self.scalar(n, p, "A paragraph number"))
        text = self.texts(f.get("text"), _at(path, "text"), "text", True)
        id_ = get("id", self.read_uuid)
        if len(self.problems) > before or text is None:
            return None
        return ParagraphSpec(number=number, text=text, id=id_)

    def meeting(self, node: Node, path: str) -> MeetingSpec | None:
        before = len(self.problems)
        f = self.fields(node, path, "This meeting", "a meeting", _MEETING_KEYS, _MEETING_REQUIRED)
        if f is None:
            return None
        get = _getter(f, path)
        state = _Meeting()
        body = get("body", self.body_symbol)
        symbol = get("symbol", self.document_symbol)
        number = get(
            "number",
            self.counting("number must be a whole number, such as 8 for the eighth meeting.", 1),
        )
        start = get("start", self.read_date)
        end = get("end", self.read_date)
        if start is not None and end is not None:
            if end < start:
                self.report(
                    f["end"],
                    _at(path, "end"),
                    f"The meeting ends ({end.isoformat()}) before it starts ({start.isoformat()}).",
                )
            else:
                state.days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
        timezone = get("timezone", self.time_zone)
        format_ = get("format", self.choosing(MEETING_FORMATS, "a meeting format"))
        city = self.texts(f.get("city"), _at(path, "city"), "city", False)
        venue = self.texts(f.get("venue"), _at(path, "venue"), "venue", False)
        for key in ("city", "venue"):
            if key not in f and format_ is not None and format_ != "online":
                self.report(
                    node,
                    _at(path, key),
                    f"This meeting has no {_quote(key)}; it is required unless the meeting is "
                    "online.",
                )
        status = get("status", self.choosing(MEETING_STATUSES, "a meeting status"))
        original = get("original_language", self.language)
        daily = get("daily_meetings", self.daily_meetings)
        days = self.day_exceptions(f.get("days"), _at(path, "days"), state)
        if state.days is not None and daily is not None:
            for day in state.days:
                if day not in state.bad_days:
                    state.counts[day] = len(days.get(day, daily))
        interpretation = self.interpretation(
            f.get("interpretation"), _at(path, "interpretation"), state
        )
        agenda = get("agenda", lambda n, p: self.items(n, p, (), state))
        self.check_pins(state)
        orgwork = get("organization_of_work", lambda n, p: self.organization_of_work(n, p, state))
        id_ = get("id", self.read_uuid)
        slot_ids = self.slot_ids(f.get("slot_ids"), _at(path, "slot_ids"), state)
        issued = get("issued", self.read_date)
        restricted = get("restricted", lambda n, p: self.boolean(n, p, "restricted"))
        venue_key = get("venue_key", self.venue_key)
        published = get("published", lambda n, p: self.boolean(n, p, "published"))
        if (
            len(self.problems) > before
            or body is None
            or symbol is None
            or number is None
            or start is None
            or end is None
            or timezone is None
            or format_ is None
            or original is None
            or daily is None
            or interpretation is None
            or agenda is None
        ):
            return None
        return MeetingSpec(
            body=body,
            symbol=symbol,
            number=number,
            start=start,
            end=end,
            timezone=timezone,
            city=city or {},
            venue=venue or {},
            format=format_,
            status=status or "planned",
            original_language=original,
            daily_meetings=daily,
            days=days,
            interpretation_meetings=interpretation[0],
            interpretation_languages=interpretation[1],
            agenda=agenda,
            organization_of_work=orgwork,
            id=id_,
            slot_ids=slot_ids,
            issued=issued,
            restricted=bool(restricted),
            venue_key=venue_key,
            published=bool(published),
        )

    def time_zone(self, node: Node, path: str) -> str | None:
        name = self.scalar(node, path, "The time zone")
        if name is None or _is_time_zone(name):
            return name
        hint = _suggest(name, _time_zones())
        self.report(
            node,
            path,
            f'{_quote(name)} is not a known time zone. Use an IANA name such as "Europe/Vienna"'
            + (hint or "."),
        )
        return None

    def slots(self, node: Node, path: str) -> tuple[SlotSpec, ...]:
        """A list of half-day meetings, each after the one before; only the good ones."""
        out: list[SlotSpec] = []
        example = '[{start: "10:00", end: "13:00"}]'
        for here, entry in self.sequence(node, path, _quote(_last_key(path)), example):
            f = self.fields(
                entry, here, "This half-day meeting", "a half-day meeting", _SLOT_KEYS, _SLOT_KEYS
            )
            if f is None:
                continue
            get = _getter(f, here)
            start = get("start", self.read_time)
            end = get("end", self.read_time)
            if start is None or end is None:
                continue
            if end <= start:
                self.report(
                    f["end"],
                    _at(here, "end"),
                    f"This half-day meeting ends ({end:%H:%M}) before it starts ({start:%H:%M})."
                    if end < start
                    else f"This half-day meeting ends when it starts ({start:%H:%M}).",
                )
            elif out and start < out[-1].end:
                self.report(
                    f["start"],
                    _at(here, "start"),
                    f"This half-day meeting starts ({start:%H:%M}) before the one before it ends "
                    f"({out[-1].end:%H:%M}); list them in order, without overlaps.",
                )
            out.append(SlotSpec(start, end))
        return tuple(out)

    def daily_meetings(self, node: Node, path: str) -> tuple[SlotSpec, ...] | None:
        before = len(self.problems)
        slots = self.slots(node, path)
        if not slots and len(self.problems) == before:
            self.report(
                node,
                path,
                "daily_meetings must list at least one half-day meeting, such as "
                '{start: "10:00", end: "13:00"}.',
            )
        return slots if len(self.problems) == before else None

    def dated_map(
        self, node: Node | None, path: str, state: _Meeting, example: str
    ) -> list[tuple[date, str, Node]]:
        """The entries of a map keyed by the meeting's dates; problems for other keys."""
        if node is None:
            return []
        if not isinstance(node, MappingNode):
            self.report(
                node,
                path,
                f"{_quote(_last_key(path))} should be a map from dates to lists, such as "
                f"{example}, not {_what_it_is(node)}.",
            )
            return []
        out: list[tuple[date, str, Node]] = []
        seen: dict[date, int | None] = {}
        for key_node, value_node in node.value:
            raw = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            here = _at(path, raw)
            self.seen(value_node, here)
            day = self.read_date(key_node, here)
            if day is None:
                continue
            if day in seen:
                self.report(key_node, here, f"{raw} is given twice (first on line {seen[day]}).")
                continue
            seen[day] = _line(key_node)
            if state.days is not None and day not in state.days:
                self.report(
                    key_node,
                    here,
                    f"{raw} is not one of the meeting's days "
                    f"({state.days[0].isoformat()} to {state.days[-1].isoformat()}).",
                )
                continue
            out.append((day, here, value_node))
        return out

    def day_exceptions(
        self, node: Node | None, path: str, state: _Meeting
    ) -> dict[date, tuple[SlotSpec, ...]]:
        example = '{2018-07-03: [{start: "10:00", end: "13:00"}]}'
        out: dict[date, tuple[SlotSpec, ...]] = {}
        for day, here, value in self.dated_map(node, path, state, example):
            before = len(self.problems)
            out[day] = () if _is_null(value) else self.slots(value, here)
            if len(self.problems) > before:
                state.bad_days.append(day)
        return out

    def slot_ids(
        self, node: Node | None, path: str, state: _Meeting
    ) -> dict[date, tuple[UUID, ...]]:
        out: dict[date, tuple[UUID, ...]] = {}
        for day, here, value in self.dated_map(node, path, state, "{2018-07-02: [<id>, <id>]}"):
            listed = self.sequence(value, here, f"slot_ids {day.isoformat()}", "[<id>, <id>]")
            ids = [self.read_uuid(entry, there) for there, entry in listed]
            held = state.counts.get(day)
            if isinstance(value, SequenceNode) and held is not None and held != len(listed):
                self.report(
                    value,
                    here,
                    f"{day.isoformat()} has {_count(held, 'half-day meeting')}, but "
                    f"{_count(len(listed), 'id')} {'is' if len(listed) == 1 else 'are'} given; "
                    "give one id per half-day meeting, in order.",
                )
            out[day] = tuple(i for i in ids if i is not None)
        return out

    def interpretation(
        self, node: Node | None, path: str, state: _Meeting
    ) -> tuple[int, tuple[str, ...]] | None:
        if node is None:
            return None
        keys = ("meetings", "languages")
        f = self.fields(node, path, "The interpretation", "interpretation", keys, keys)
        if f is None:
            return None
        meetings: int | None = None
        if "meetings" in f:
            here = _at(path, "meetings")
            meetings = self.whole_number(
                f["meetings"],
                here,
                "meetings must be a whole number of half-day meetings with interpretation, "
                "such as 4.",
                None,
            )
            held = sum(state.counts.values())
            if meetings is not None and meetings < 0:
                self.report(
                    f["meetings"],
                    here,
                    "The number of meetings with interpretation cannot be negative.",
                )
                meetings = None
            elif (
                meetings is not None
                and state.days is not None
                and len(state.counts) == len(state.days)
                and meetings > held
            ):
                self.report(
                    f["meetings"],
                    here,
                    f"Interpretation is planned for {_count(meetings, 'meeting')}, but the "
                    f"meeting holds only {_count(held, 'half-day meeting')}.",
                )
                meetings = None
        languages = self.languages(f.get("languages"), _at(path, "languages"), "languages")
        if meetings is None or languages is None or "languages" not in f:
            return None
        return meetings, languages

    def items(
        self, node: Node, path: str, parent: tuple[int, ...], state: _Meeting
    ) -> tuple[ItemSpec, ...] | None:
        before = len(self.problems)
        out: list[ItemSpec] = []
        example = "- title: {en: ...}"
        for i, (here, entry) in enumerate(
            self.sequence(node, path, _quote(_last_key(path)), example)
        ):
            position = (*parent, i + 1)
            state.numbers.add(item_number(position))
            item = self.item(entry, here, position, state)
            if item is not None:
                out.append(item)
        return tuple(out) if len(self.problems) == before else None

    def item(
        self, node: Node, path: str, position: tuple[int, ...], state: _Meeting
    ) -> ItemSpec | None:
        before = len(self.problems)
        f = self.fields(node, path, "This agenda item", "an agenda item", _ITEM_KEYS)
        if f is None:
            return None
        get = _getter(f, path)
        standard = get("standard", self.choosing(STANDARD_KINDS, "a standard item"))
        title = self.texts(f.get("title"), _at(path, "title"), "title", True)
        if "standard" not in f and "title" not in f:
            self.report(
                node,
                path,
                'This agenda item has neither a "title" nor a "standard" kind; give it a title.',
            )
        annotation = self.texts(f.get("annotation"), _at(path, "annotation"), "annotation", False)
        documents = get("documents", self.item_documents)
        minutes = get(
            "minutes", self.counting("minutes must be a whole number of minutes, such as 90.", 0)
        )
        pin = get("pin", lambda n, p: self.pin(n, p, state))
        children: tuple[ItemSpec, ...] | None = ()
        if "items" in f and len(position) >= MAX_DEPTH:
            self.report(
                f["items"],
                _at(path, "items"),
                f"Agenda items can be nested {MAX_DEPTH} levels deep at most, as in 2(b)(i); "
                f"item {item_number(position)} cannot have sub-items.",
            )
        elif "items" in f:
            children = self.items(f["items"], _at(path, "items"), position, state)
        id_ = get("id", self.read_uuid)
        if len(self.problems) > before or children is None:
            return None
        return ItemSpec(
            standard=standard,
            title=title or {},
            annotation=annotation or {},
            documents=documents or (),
            minutes=minutes,
            items=children,
            pin=pin,
            id=id_,
        )

    def item_documents(self, node: Node, path: str) -> tuple[str, ...]:
        documents: list[str] = []
        for here, entry in self.sequence(node, path, '"documents"', "[CTOC/COP/WG.4/2018/2]"):
            symbol = self.document_symbol(entry, here)
            if symbol is not None and symbol in documents:
                self.report(entry, here, f"{symbol} is listed twice under this item.")
            elif symbol is not None:
                documents.append(symbol)
        return tuple(documents)

    def place(
        self,
        node: Node,
        path: str,
        this: str,
        of_a: str,
        keys: Sequence[str],
        required: Sequence[str] | None = None,
    ) -> tuple[dict[str, Node], int | None, int | None] | None:
        """A map naming a half-day meeting by ``day`` and ``meeting`` (a pin, an org-work entry)."""
        f = self.fields(node, path, this, of_a, keys, keys if required is None else required)
        if f is None:
            return None
        get = _getter(f, path)
        day = get("day", self.counting(_DAY_MESSAGE, 1))
        meeting = get("meeting", self.counting(_MEETING_MESSAGE, 1))
        return f, day, meeting

    def pin(self, node: Node, path: str, state: _Meeting) -> Pin | None:
        read = self.place(node, path, "The pin", "a pin", ("day", "meeting"))
        if read is None:
            return None
        f, day, meeting = read
        if day is None or meeting is None:
            return None
        pin = Pin(day, meeting)
        state.pins.append((pin, path, f))
        return pin

    def check_place(
        self, state: _Meeting, day: int, meeting: int, f: Mapping[str, Node], path: str, what: str
    ) -> None:
        """A problem if the meeting has no day ``day`` or that day no meeting ``meeting``."""
        if state.days is None:
            return
        if day > len(state.days):
            self.report(
                f["day"],
                _at(path, "day"),
                f"{what} day {day}, but the meeting has only {_count(len(state.days), 'day')} "
                f"({state.days[0].isoformat()} to {state.days[-1].isoformat()}).",
            )
            return
        when = state.days[day - 1]
        held = state.counts.get(when)
        if held is not None and meeting > held:
            self.report(
                f["meeting"],
                _at(path, "meeting"),
                f"{what} meeting {meeting} of day {day} ({when.isoformat()}), but that day has "
                f"only {_count(held, 'half-day meeting')}.",
            )

    def check_pins(self, state: _Meeting) -> None:
        for pin, path, f in state.pins:
            self.check_place(state, pin.day, pin.meeting, f, path, "The item is pinned to")

    def organization_of_work(
        self, node: Node, path: str, state: _Meeting
    ) -> tuple[OrgWorkSpec, ...] | None:
        before = len(self.problems)
        out: list[OrgWorkSpec] = []
        places: dict[tuple[int, int], str] = {}
        example = '- {day: 1, meeting: 1, items: ["1(a)", "1(b)"]}'
        for here, entry in self.sequence(node, path, '"organization_of_work"', example):
            read = self.place(
                entry,
                here,
                "This entry",
                "an entry of organization_of_work",
                _ORGWORK_KEYS,
                _ORGWORK_REQUIRED,
            )
            if read is None:
                continue
            f, day, meeting = read
            if day is not None and meeting is not None:
                if (day, meeting) in places:
                    self.report(
                        entry,
                        here,
                        f"Meeting {meeting} of day {day} is already given at "
                        f"{places[(day, meeting)]}; list each half-day meeting once.",
                    )
                places[(day, meeting)] = here
                self.check_place(state, day, meeting, f, here, "This entry is for")
            numbers = (
                self.item_numbers(f["items"], _at(here, "items"), state) if "items" in f else ()
            )
            minutes = (
                self.entry_minutes(f["minutes"], _at(here, "minutes"), numbers)
                if "minutes" in f
                else ()
            )
            closed = (
                self.boolean(f["closed"], _at(here, "closed"), "closed") if "closed" in f else None
            )
            if day is not None and meeting is not None:
                out.append(OrgWorkSpec(day, meeting, numbers, minutes, bool(closed)))
        return tuple(out) if len(self.problems) == before else None

    def entry_minutes(
        self, node: Node, path: str, numbers: Sequence[str]
    ) -> tuple[tuple[str, int], ...]:
        """``{"2": 60}``: the minutes of items of an organization-of-work entry given to it."""
        if not isinstance(node, MappingNode):
            self.report(
                node,
                path,
                f'"minutes" should map item numbers to minutes, such as {{"2": 60}}, not '
                f"{_what_it_is(node)}.",
            )
            return ()
        out: list[tuple[str, int]] = []
        for key_node, value_node in node.value:
            raw = self.scalar(key_node, path, "An item number")
            if raw is None:
                continue
            number = "".join(raw.split()).lower()
            here = _at(path, number)
            if number not in numbers:
                self.report(
                    key_node,
                    here,
                    f"Item {number} is not in this entry's items; list it there to give it "
                    "minutes in this meeting.",
                )
                continue
            value = self.whole_number(
                value_node,
                here,
                f"The minutes of item {number} in this meeting should be a whole number of at "
                "least 1.",
                1,
            )
            if value is not None:
                out.append((number, value))
        return tuple(out)

    def item_numbers(self, node: Node, path: str, state: _Meeting) -> tuple[str, ...]:
        numbers: list[str] = []
        known = sorted(state.numbers, key=_number_order)
        for here, entry in self.sequence(node, path, '"items"', '["1(a)", "2"]'):
            raw = self.scalar(entry, here, "An item number")
            if raw is None:
                continue
            number = "".join(raw.split()).lower()
            if number not in state.numbers:
                self.report(
                    entry,
                    here,
                    f"The agenda has no item {_quote(raw)}. Its items are: {', '.join(known)}."
                    if known
                    else f"The agenda has no item {_quote(raw)}: it has no items.",
                )
            elif number in numbers:
                self.report(entry, here, f"Item {number} is listed twice in this entry.")
            else:
                numbers.append(number)
        return tuple(numbers)

    # -- readers with their settings, for _getter -------------------------------------------

    def choosing(self, options: Sequence[str], what: str) -> Callable[[Node, str], str | None]:
        return lambda node, path: self.choice(node, path, options, what)

    def counting(self, message: str, least: int) -> Callable[[Node, str], int | None]:
        return lambda node, path: self.whole_number(node, path, message, least)


_T = TypeVar("_T")


class _getter:  # used like a function
    """``get(key, read)``: ``read`` applied to the value of ``key`` and its path; None if absent."""

    def __init__(self, f: Mapping[str, Node], path: str) -> None:
        self.f = f
        self.path = path

    def __call__(self, key: str, read: Callable[[Node, str], _T | None]) -> _T | None:
        return read(self.f[key], _at(self.path, key)) if key in self.f else None


def _last_key(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _number_order(number: str) -> tuple[int, str]:
    head = re.match(r"[0-9]+", number)
    return (int(head.group(0)) if head else 0, number)


def _yaml_message(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    for needle, message in _YAML_HINTS:
        if needle in problem or needle in (err.context or ""):
            return message
    return f"The file is not valid YAML here: {problem or err.context or 'unreadable'}."


def parse(text: str, filename: str) -> MeetingFile:
    """Read a meeting file; raise :class:`MeetingFileError` listing every problem found."""
    reader = _Reader(filename)
    root = reader.compose(text)
    mf = reader.file(root) if root is not None else None
    if reader.problems or mf is None:
        unique = list(dict.fromkeys(reader.problems))
        unique.sort(key=lambda p: p.line if p.line is not None else 0)
        raise MeetingFileError(unique)
    return mf


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block sequences indented under their key, as in the reference; double quotes only."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _str(value: str, style: str | None = None) -> ScalarNode:
    return ScalarNode(_STR, value, style=style)


def _int(value: int) -> ScalarNode:
    return ScalarNode(_INT, str(value))


def _date(value: date) -> ScalarNode:
    return ScalarNode(_TIMESTAMP, value.isoformat())


def _time(value: time) -> ScalarNode:
    return ScalarNode(_STR, f"{value:%H:%M}", style='"')


def _map(pairs: Sequence[tuple[str | Node, Node]], flow: bool = False) -> MappingNode:
    value = [(_str(k) if isinstance(k, str) else k, v) for k, v in pairs]
    return MappingNode(_MAP, value, flow_style=flow)


def _seq(nodes: Iterable[Node], flow: bool = False) -> SequenceNode:
    return SequenceNode(_SEQ, list(nodes), flow_style=flow)


def _text(value: str) -> ScalarNode:
    if "\n" in value:
        return _str(value + "\n", style="|")
    return _str(value)


def _texts(texts: Mapping[str, str]) -> MappingNode:
    order = [lang for lang in LANGUAGES if lang in texts] + sorted(set(texts) - set(LANGUAGES))
    return _map([(lang, _text(texts[lang])) for lang in order])


def _slot(slot: SlotSpec) -> MappingNode:
    return _map([("start", _time(slot.start)), ("end", _time(slot.end))], flow=True)


def _symbols(symbols: Iterable[str]) -> SequenceNode:
    return _seq((_str(s) for s in symbols), flow=True)


def _body_node(body: BodySpec) -> MappingNode:
    pairs: list[tuple[str | Node, Node]] = [("symbol", _str(body.symbol))]
    if body.parent is not None:
        pairs.append(("parent", _str(body.parent)))
    pairs += [
        ("name", _texts(body.name)),
        ("short_name", _texts(body.short_name)),
        ("meeting_word", _str(body.meeting_word)),
    ]
    if body.id is not None:
        pairs.append(("id", _str(str(body.id))))
    return _map(pairs)


def _document_node(doc: DocumentSpec) -> MappingNode:
    pairs: list[tuple[str | Node, Node]] = [
        ("symbol", _str(doc.symbol)),
        ("kind", _str(doc.kind)),
        ("title", _texts(doc.title)),
    ]
    if doc.listing:
        pairs.append(("listing", _texts(doc.listing)))
    if doc.issued is not None:
        pairs.append(("issued", _date(doc.issued)))
    if doc.languages:
        pairs.append(("languages", _symbols(doc.languages)))
    if doc.distribution != "general":
        pairs.append(("distribution", _str(doc.distribution)))
    if doc.id is not None:
        pairs.append(("id", _str(str(doc.id))))
    return _map(pairs)


def _item_node(item: ItemSpec) -> MappingNode:
    pairs: list[tuple[str | Node, Node]] = []
    if item.standard is not None:
        pairs.append(("standard", _str(item.standard)))
    if item.title:
        pairs.append(("title", _texts(item.title)))
    if item.minutes is not None:
        pairs.append(("minutes", _int(item.minutes)))
    if item.pin is not None:
        pairs.append(
            (
                "pin",
                _map([("day", _int(item.pin.day)), ("meeting", _int(item.pin.meeting))], flow=True),
            )
        )
    if item.documents:
        pairs.append(("documents", _symbols(item.documents)))
    if item.annotation:
        pairs.append(("annotation", _texts(item.annotation)))
    if item.items:
        pairs.append(("items", _seq(_item_node(child) for child in item.items)))
    if item.id is not None:
        pairs.append(("id", _str(str(item.id))))
    return _map(pairs)


def _mandate_node(m: MandateSpec) -> MappingNode:
    pairs: list[tuple[str | Node, Node]] = [("body", _str(m.body)), ("kind", _str(m.kind))]
    if m.number is not None:
        pairs.append(("number", _str(m.number, style='"')))
    if m.session is not None:
        pairs.append(("session", _int(m.session)))
    if m.symbol is not None:
        pairs.append(("symbol", _str(m.symbol)))
    if m.adopted is not None:
        pairs.append(("adopted", _date(m.adopted)))
    if m.title:
        pairs.append(("title", _texts(m.title)))
    if m.paragraphs:
        nodes = []
        for p in m.paragraphs:
            entry: list[tuple[str | Node, Node]] = []
            if p.number is not None:
                entry.append(("number", _str(p.number, style='"')))
            entry.append(("text", _texts(p.text)))
            if p.id is not None:
                entry.append(("id", _str(str(p.id))))
            nodes.append(_map(entry))
        pairs.append(("paragraphs", _seq(nodes)))
    if m.bodies:
        links = (
            _map([("body", _str(k.body)), ("relation", _str(k.relation))], flow=True)
            for k in m.bodies
        )
        pairs.append(("bodies", _seq(links)))
    if m.id is not None:
        pairs.append(("id", _str(str(m.id))))
    return _map(pairs)


def _meeting_node(m: MeetingSpec) -> MappingNode:
    pairs: list[tuple[str | Node, Node]] = [
        ("body", _str(m.body)),
        ("symbol", _str(m.symbol)),
        ("number", _int(m.number)),
        ("start", _date(m.start)),
        ("end", _date(m.end)),
        ("timezone", _str(m.timezone)),
    ]
    if m.city or m.format != "online":
        pairs.append(("city", _texts(m.city)))
    if m.venue or m.format != "online":
        pairs.append(("venue", _texts(m.venue)))
    pairs.append(("format", _str(m.format)))
    if m.status != "planned":
        pairs.append(("status", _str(m.status)))
    pairs += [
        ("original_language", _str(m.original_language)),
        ("daily_meetings", _seq(_slot(s) for s in m.daily_meetings)),
    ]
    if m.days:
        pairs.append(
            (
                "days",
                _map(
                    [
                        (_date(day), _seq((_slot(s) for s in m.days[day]), flow=not m.days[day]))
                        for day in sorted(m.days)
                    ]
                ),
            )
        )
    pairs += [
        (
            "interpretation",
            _map(
                [
                    ("meetings", _int(m.interpretation_meetings)),
                    ("languages", _symbols(m.interpretation_languages)),
                ]
            ),
        ),
        ("agenda", _seq((_item_node(i) for i in m.agenda), flow=not m.agenda)),
    ]
    if m.organization_of_work is not None:
        pairs.append(
            (
                "organization_of_work",
                _seq(
                    (
                        _map(
                            [
                                ("day", _int(e.day)),
                                ("meeting", _int(e.meeting)),
                                ("items", _seq((_str(n, style='"') for n in e.items), flow=True)),
                                *(
                                    [
                                        (
                                            "minutes",
                                            _map(
                                                [
                                                    (_str(n, style='"'), _int(m))
                                                    for n, m in e.minutes
                                                ],
                                                flow=True,
                                            ),
                                        )
                                    ]
                                    if e.minutes
                                    else []
                                ),
                                *([("closed", ScalarNode(_BOOL, "true"))] if e.closed else []),
                            ],
                            flow=True,
                        )
                        for e in m.organization_of_work
                    ),
                    flow=not m.organization_of_work,
                ),
            )
        )
    if m.id is not None:
        pairs.append(("id", _str(str(m.id))))
    if m.slot_ids:
        pairs.append(
            (
                "slot_ids",
                _map(
                    [
                        (
                            _date(day),
                            _seq((_str(str(u)) for u in m.slot_ids[day]), flow=not m.slot_ids[day]),
                        )
                        for day in sorted(m.slot_ids)
                    ]
                ),
            )
        )
    if m.issued is not None:
        pairs.append(("issued", _date(m.issued)))
    if m.restricted:
        pairs.append(("restricted", ScalarNode(_BOOL, "true")))
    if m.published:
        pairs.append(("published", ScalarNode(_BOOL, "true")))
    if m.venue_key is not None:
        pairs.append(("venue_key", _str(m.venue_key)))
    return _map(pairs)


def _venue_node(venue: VenueSpec) -> MappingNode:
    pairs: list[tuple[str | Node, Node]] = [("key", _str(venue.key)), ("name", _texts(venue.name))]
    if venue.rooms:
        pairs.append(("rooms", _seq((_str(room) for room in venue.rooms), flow=True)))
    capacity: list[tuple[str | Node, Node]] = [("teams", _int(venue.interpretation_teams))]
    if venue.capacity_exceptions:
        capacity.append(
            (
                "dates",
                _map(
                    [
                        (_date(day), _int(venue.capacity_exceptions[day]))
                        for day in sorted(venue.capacity_exceptions)
                    ]
                ),
            )
        )
    pairs.append(("interpretation", _map(capacity)))
    if venue.id is not None:
        pairs.append(("id", _str(str(venue.id))))
    return _map(pairs)


def dump(mf: MeetingFile) -> str:
    """The meeting file as YAML, in the shape and key order of the reference file.

    Deterministic: the same specs always give the same text. Optional fields at their defaults
    are left out.
    """
    pairs: list[tuple[str | Node, Node]] = [("format", _int(FORMAT))]
    if mf.bodies:
        pairs.append(("bodies", _seq(_body_node(b) for b in mf.bodies)))
    if mf.documents:
        pairs.append(("documents", _seq(_document_node(d) for d in mf.documents)))
    if mf.venues:
        pairs.append(("venues", _seq(_venue_node(v) for v in mf.venues)))
    if mf.meetings:
        pairs.append(("meetings", _seq(_meeting_node(m) for m in mf.meetings)))
    if mf.mandates:
        pairs.append(("mandates", _seq(_mandate_node(m) for m in mf.mandates)))
    text = yaml.serialize(_map(pairs), Dumper=_Dumper, allow_unicode=True, width=1_000_000)
    # A blank line before each top-level section, as in the reference; only top-level keys
    # start at the margin.
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith(("bodies:", "documents:", "venues:", "mandates:", "meetings:")):
            out.append("\n")
        out.append(line)
    return "".join(out)
