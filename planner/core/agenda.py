"""Agenda numbering: items store only their parent and position; numbers are derived here.

Top-level items are numbered 1, 2, 3…; sub-items (a), (b)…; sub-sub-items (i), (ii)…, so the third
level under item 2 (b) reads "2(b)(i)". Deeper nesting is not UN practice and is refused.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from planner.core.plain import ItemData

#: How many levels of items the UN numbering has: 1, (a), (i).
MAX_DEPTH: Final = 3

_ROMAN: Final = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)

# The mark that ends an item in the list of the provisional agenda, per language: after a heading,
# after a sub-item that is not the last of its group, and at the end of an item or group.
_PUNCTUATION: Final = {
    "zh": {"heading": "：", "more": "；", "end": "。"},
    # French sets a no-break space before the colon and the semicolon.
    "fr": {"heading": "\u00a0:", "more": "\u00a0;", "end": "."},
    "ar": {"heading": ":", "more": "؛", "end": "."},
}
_PUNCTUATION_DEFAULT: Final = {"heading": ":", "more": ";", "end": "."}


@dataclass(frozen=True)
class NumberedItem:
    """An agenda item with the place the agenda gives it."""

    item: ItemData
    path: tuple[int, ...]  # 1-based positions from the top level down: (2, 1) is 2(a)
    depth: int  # 0 for a top-level item, 1 for a sub-item, 2 below that
    is_last_sibling: bool
    has_children: bool
    parent_id: UUID | None

    @property
    def number(self) -> str:
        return item_number(self.path)


def _letters(position: int) -> str:
    """a…z, then aa, bb… zz, then aaa… (the UN doubles the letter after z)."""
    repeat, index = divmod(position - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def _roman(position: int) -> str:
    out = []
    rest = position
    for value, numeral in _ROMAN:
        count, rest = divmod(rest, value)
        out.append(numeral * count)
    return "".join(out)


def item_number(path: Sequence[int]) -> str:
    """The number of the item at ``path``: (1,) -> "1", (1, 1) -> "1(a)", (2, 2, 1) -> "2(b)(i)"."""
    if not path or len(path) > MAX_DEPTH:
        raise ValueError(f"an agenda item path has 1 to {MAX_DEPTH} levels, not {len(path)}")
    if any(position < 1 for position in path):
        raise ValueError(f"agenda positions are 1-based: {tuple(path)}")
    parts = [str(path[0])]
    if len(path) > 1:
        parts.append(f"({_letters(path[1])})")
    if len(path) > 2:
        parts.append(f"({_roman(path[2])})")
    return "".join(parts)


def _walk(
    items: Sequence[ItemData], prefix: tuple[int, ...], parent_id: UUID | None
) -> Iterator[NumberedItem]:
    for position, item in enumerate(items, start=1):
        path = (*prefix, position)
        if len(path) > MAX_DEPTH:
            raise ValueError(f"agenda items nest at most {MAX_DEPTH} levels deep")
        yield NumberedItem(
            item=item,
            path=path,
            depth=len(path) - 1,
            is_last_sibling=position == len(items),
            has_children=bool(item.children),
            parent_id=parent_id,
        )
        yield from _walk(item.children, path, item.public_id)


def number_agenda(agenda: Sequence[ItemData]) -> list[NumberedItem]:
    """Every item of the agenda with its number, in document order (a heading before its items).

    Raises ``ValueError`` when items nest deeper than :data:`MAX_DEPTH`.
    """
    return list(_walk(agenda, (), None))


def agenda_depth(agenda: Sequence[ItemData]) -> int:
    """How many levels the agenda has (0 for an empty agenda); never raises."""
    return max((1 + agenda_depth(item.children) for item in agenda), default=0)


def leaves(agenda: Sequence[ItemData]) -> list[NumberedItem]:
    """The items that are taken up (those without sub-items), in agenda order, with numbers."""
    return [numbered for numbered in number_agenda(agenda) if not numbered.has_children]


def find_by_number(agenda: Sequence[ItemData], number: str) -> NumberedItem | None:
    """The item numbered ``number`` ("1(a)"; spaces are ignored, so "1 (a)" works too)."""
    wanted = "".join(number.split()).lower()
    for numbered in number_agenda(agenda):
        if numbered.number == wanted:
            return numbered
    return None


def total_minutes(item: ItemData) -> int | None:
    """The time an item needs: a heading's is the sum of its sub-items' (its own is ignored).

    ``None`` when neither the item nor any of its sub-items has an estimate.
    """
    if not item.children:
        return item.minutes
    known = [m for m in (total_minutes(child) for child in item.children) if m is not None]
    return sum(known) if known else None


def agenda_punctuation(numbered: NumberedItem, lang: str = "en") -> str:
    """The mark that ends the item in the list of the provisional agenda.

    A heading ends with a colon; a sub-item with a semicolon, except the last of its group, which
    ends with a full stop, as does a top-level item without sub-items:
    "1. Organizational matters: (a) Opening of the meeting; (b) Adoption of the agenda." Chinese
    uses full-width marks, Arabic its semicolon "؛", French a no-break space before ":" and ";".
    """
    marks = _PUNCTUATION.get(lang, _PUNCTUATION_DEFAULT)
    if numbered.has_children:
        return marks["heading"]
    if numbered.depth == 0 or numbered.is_last_sibling:
        return marks["end"]
    return marks["more"]


#: Where each standard item usually stands among its siblings; substantive items rank between
#: the organizational items and the closing ones.
USUAL_RANK: Final = {
    "organizational_matters": 0,
    "opening": 1,
    "election_of_officers": 2,
    "adoption_of_agenda": 3,
    "other_matters": 5,
    "adoption_of_report": 6,
}
SUBSTANTIVE_RANK: Final = 4
#: The standard items that close an agenda: "Other matters", "Adoption of the report".
CLOSING_KINDS: Final = frozenset(k for k, rank in USUAL_RANK.items() if rank > SUBSTANTIVE_RANK)


def usual_index(kind: str, siblings: Sequence[str | None]) -> int:
    """Where a standard item of ``kind`` usually goes among ``siblings`` (their standard kinds,
    ``None`` for substantive items, in order, without the item itself): before the first
    sibling that usually comes after it."""
    rank = USUAL_RANK[kind]
    return next(
        (
            i
            for i, other in enumerate(siblings)
            if USUAL_RANK.get(other or "", SUBSTANTIVE_RANK) > rank
        ),
        len(siblings),
    )


def substantive_index(siblings: Sequence[str | None]) -> int:
    """Where a new substantive item goes at the end of an agenda: before the closing standard
    items that end it ("Other matters", "Adoption of the report"), after everything else.

    >>> substantive_index(["organizational_matters", None, "other_matters", "adoption_of_report"])
    2
    """
    index = len(siblings)
    while index > 0 and siblings[index - 1] in CLOSING_KINDS:
        index -= 1
    return index
