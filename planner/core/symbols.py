"""United Nations document symbols: parsing and checking, with messages for people.

A symbol is a series of components separated by "/", written without spaces
(research.un.org/en/docs/symbols; see ``un-conventions.md`` §4)::

    CTOC / COP / WG.4 / 2018 / CRP.1 / Rev.1
    organ  bodies      year   nature  modifiers

- the first component names the organ or special series, in capital letters: ``A``, ``S``,
  ``E``, ``ST``, ``CTOC``, ``CAC``;
- then the subsidiary bodies: ``COP``, ``COSP``, ``WG.4``, ``CN.15``, ``AC.2``, ``C.3``;
- then, optionally, a four-digit year (``2018``) or a session number (``64`` in ``A/64/440``);
- then the document's own part: a number (``1``), a nature with its number (``CRP.1``, ``L.6``,
  ``SR.3``, ``PV.5``, ``WP.2``), or a series followed by a number (``INF/1``,
  ``RES/64/178``);
- last, any modifiers: ``Rev.1``, ``Add.1``, ``Corr.1``, ``Amend.1``, ``Summary``.

Two readings settle what the conventions leave open: ``WP.n`` is a working paper when it comes
last and a working party (a body, as in ``ECE/TRANS/WP.29/2020/1``) before that; and a symbol
whose last part is a four-digit year with no year or session before it (``CTOC/COP/WG.4/2018``)
lacks its document number.

A body's own symbol (``CTOC/COP/WG.4``) is the prefix its documents share: organ and bodies
only. Joint symbols (``A/63/965-S/2009/514``) and reissue marks (``*``) are not accepted: give
each document under its own symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

from planner.core.languages import LANGUAGES

__all__ = [
    "DOCUMENT_URL",
    "DocumentSymbol",
    "SymbolError",
    "document_url",
    "is_body_prefix",
    "parse_body_prefix",
    "parse_symbol",
    "symbol_starts_with",
]

_ORGAN = re.compile(r"[A-Z]+")
_BODY = re.compile(r"[A-Z]+(?:\.[A-Z0-9]+)*")
_YEAR = re.compile(r"[0-9]{4}")
_SESSION = re.compile(r"[0-9]{1,3}")
_NUMBER = re.compile(r"[0-9]+")
#: Natures written with their number in one component: CRP.1, L.6, SR.3, PV.5, WP.2.
_DOTTED_NATURES = ("CRP", "L", "SR", "PV", "WP")
_DOTTED_NATURE = re.compile(r"(CRP|L|SR|PV|WP)\.([0-9]+)")
#: Series whose number follows in the next component: INF/1, RES/64/178.
_SERIES = ("INF", "RES")
_MODIFIER = re.compile(r"(?:(Rev|Add|Corr|Amend)\.[0-9]+|Summary)")
_MODIFIER_WORDS = ("Rev", "Add", "Corr", "Amend")
_MODIFIER_ANY_CASE = re.compile(r"(?:(rev|add|corr|amend)\.[0-9]+|summary)", re.IGNORECASE)


class SymbolError(ValueError):
    """The text is not a UN document symbol; ``message`` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DocumentSymbol:
    """A parsed UN document symbol. ``str()`` gives the symbol back exactly as written."""

    text: str
    organ: str
    bodies: tuple[str, ...] = ()
    year: int | None = None
    session: int | None = None
    nature: str | None = None  # "CRP", "L", "SR", "PV", "WP", "INF", "RES" or None
    number: int = 0
    modifiers: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text

    @property
    def prefix(self) -> str:
        """The symbol of the body that issued it: organ and bodies, e.g. ``CTOC/COP/WG.4``."""
        return "/".join((self.organ, *self.bodies))


def _not_a_symbol(text: str, reason: str) -> SymbolError:
    return SymbolError(f'"{text}" is not a UN document symbol: {reason}')


def _check_surface(text: str, what: str) -> list[str]:
    """Problems visible without knowing the grammar; returns the components when there are none."""
    if not text:
        raise SymbolError(f"The {what} is empty.")
    if any(ch.isspace() for ch in text):
        raise _not_a_symbol(text, "symbols are written without spaces.")
    parts = text.split("/")
    if text.startswith("/"):
        raise _not_a_symbol(text, 'it starts with "/".')
    if text.endswith("/"):
        raise _not_a_symbol(text, 'it ends with "/".')
    if "" in parts:
        raise _not_a_symbol(text, 'it has an empty part between two slashes ("//").')
    organ = parts[0]
    if not _ORGAN.fullmatch(organ):
        if _ORGAN.fullmatch(organ.upper()):
            raise _not_a_symbol(
                text, f'symbols are written in capital letters ("{organ.upper()}", not "{organ}").'
            )
        raise _not_a_symbol(
            text,
            f'the first part, "{organ}", should name an organ or series in capital letters, '
            "such as A, E, S or CTOC.",
        )
    return parts


def _component_problem(text: str, part: str) -> SymbolError:
    """Explain why ``part`` is not a component that can stand where it stands."""
    head, dot, tail = part.partition(".")
    if dot and not tail:
        return _not_a_symbol(text, f'"{part}" must be followed by its number, such as {head}.1.')
    if part in _DOTTED_NATURES:
        return _not_a_symbol(text, f'"{part}" is written with its number, such as {part}.1.')
    if head in _MODIFIER_WORDS or part == "Summary":
        return _not_a_symbol(text, f'"{part}" can only come at the end of the symbol.')
    if _DOTTED_NATURE.fullmatch(part):
        return _not_a_symbol(text, f'"{part}" can only come last, before any Rev., Add. or Corr.')
    if _BODY.fullmatch(part.upper()) or (
        head.capitalize() in _MODIFIER_WORDS and _NUMBER.fullmatch(tail)
    ):
        return _not_a_symbol(text, f'"{part}" is not written as symbols are (mind the capitals).')
    return _not_a_symbol(text, f'"{part}" is not a part of a UN document symbol.')


def _is_body_component(part: str) -> bool:
    """COP, WG.4, CN.15, AC.2, and WP.29 (a working party); not CRP.1, L.6, INF or RES."""
    if part in _SERIES or part in _DOTTED_NATURES or not _BODY.fullmatch(part):
        return False
    return not _DOTTED_NATURE.fullmatch(part) or part.startswith("WP.")


def parse_symbol(text: str) -> DocumentSymbol:
    """Parse a UN document symbol such as ``CTOC/COP/WG.4/2018/CRP.1``; raise SymbolError."""
    parts = _check_surface(text, "document symbol")

    # Modifiers, from the end.
    end = len(parts)
    while end > 1 and _MODIFIER_ANY_CASE.fullmatch(parts[end - 1]):
        part = parts[end - 1]
        if not _MODIFIER.fullmatch(part):
            written = part[0].upper() + part[1:].lower()
            raise _not_a_symbol(text, f'"{part}" is written "{written}".')
        end -= 1
    modifiers = tuple(parts[end:])
    main = parts[1:end]
    if not main:
        if len(parts) == 1:
            raise _not_a_symbol(
                text, "it names an organ, not a document; a document symbol ends with a number."
            )
        raise _not_a_symbol(text, "the document's number is missing before its modifiers.")

    # Bodies, then a year or session and a series, in the middle.
    bodies: list[str] = []
    year: int | None = None
    session: int | None = None
    nature: str | None = None
    for part in main[:-1]:
        if part in _SERIES:
            if nature is not None:
                raise _not_a_symbol(text, f'it has two series ("{nature}" and "{part}").')
            nature = part
        elif _YEAR.fullmatch(part) or _SESSION.fullmatch(part):
            if year is not None or session is not None:
                raise _not_a_symbol(text, f'it has one number too many ("{part}").')
            if len(part) == 4:
                year = int(part)
            else:
                session = int(part)
        elif _is_body_component(part):
            if year is not None or session is not None or nature is not None:
                raise _not_a_symbol(
                    text, f'the body "{part}" must come before the year and the series.'
                )
            bodies.append(part)
        else:
            raise _component_problem(text, part)

    # The document's own part: the last main component.
    last = main[-1]
    dotted = _DOTTED_NATURE.fullmatch(last)
    if dotted:
        if nature is not None:
            raise _not_a_symbol(text, f'it has two natures ("{nature}" and "{last}").')
        nature, number = dotted.group(1), int(dotted.group(2))
    elif _NUMBER.fullmatch(last):
        number = int(last)
        if len(last) == 4 and year is None and session is None and nature is None:
            raise _not_a_symbol(
                text,
                f"it ends with a year ({last}); the document's number must follow, "
                f"such as {text}/1.",
            )
    elif _is_body_component(last) or last in _SERIES:
        raise _not_a_symbol(
            text,
            f'it ends with "{last}", not with a document number; '
            "a document symbol ends with a number, such as CTOC/COP/WG.4/2018/1.",
        )
    else:
        raise _component_problem(text, last)
    return DocumentSymbol(
        text=text,
        organ=parts[0],
        bodies=tuple(bodies),
        year=year,
        session=session,
        nature=nature,
        number=number,
        modifiers=modifiers,
    )


def parse_body_prefix(text: str) -> tuple[str, ...]:
    """The components of a body's symbol such as ``CTOC/COP/WG.4``; raise SymbolError."""
    parts = _check_surface(text, "body symbol")
    for part in parts[1:]:
        if _NUMBER.fullmatch(part):
            raise SymbolError(
                f'"{text}" is not the symbol of a body: a body symbol has no year or number '
                "(such as CTOC/COP/WG.4)."
            )
        if not _is_body_component(part):
            raise SymbolError(
                f'"{text}" is not the symbol of a body: "{part}" is not a body component '
                "(such as COP, WG.4 or CN.15)."
            )
    return tuple(parts)


def is_body_prefix(text: str) -> bool:
    """Whether ``text`` is a body's symbol, such as ``CTOC/COP/WG.4``: no year, no number."""
    try:
        parse_body_prefix(text)
    except SymbolError:
        return False
    return True


def symbol_starts_with(symbol: str, prefix: str) -> bool:
    """Whether ``symbol`` begins with the whole components of ``prefix``.

    ``CTOC/COP/WG.4/2018/1`` starts with ``CTOC/COP/WG.4`` and with ``CTOC/COP``, but not with
    ``CTOC/COP/WG.40`` nor ``CTOC/CO``.
    """
    if not prefix:
        return False
    head = prefix.split("/")
    return symbol.split("/")[: len(head)] == head


#: Where a UN document can be read in one of the six languages (the UN's Official Document
#: System, through its short address); the feeds and the meeting page both link here.
DOCUMENT_URL: Final = "https://undocs.org/{lang}/{symbol}"


def document_url(symbol: str, lang: str) -> str:
    """``CTOC/COP/WG.4/2018/1`` in French → ``https://undocs.org/fr/CTOC/COP/WG.4/2018/1``."""
    segment = lang if lang in LANGUAGES else "en"
    return DOCUMENT_URL.format(lang=segment, symbol=quote(symbol, safe="/."))
