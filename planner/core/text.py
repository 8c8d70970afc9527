"""What a text may hold: the one rule the forms, the JSON endpoints and the meeting-file reader
share about invisible characters.

Control characters (NUL, escape, the C1 range, ...) cannot be stored in PostgreSQL (NUL) or
written into a Word file (XML 1.0 refuses them), and are never typed on purpose: they come with
text pasted from another program. Line breaks and tabs belong only to texts with paragraphs.
"""

from __future__ import annotations

import unicodedata
from typing import Final

#: Kept in texts with paragraphs (annotations, notes): line feed, carriage return and tab.
PARAGRAPH_BREAKS: Final = frozenset("\n\r\t")
#: Code points XML 1.0 does not allow at all, besides the control characters.
_NONCHARACTERS: Final = frozenset("\ufffe\uffff")


def refused_character(text: str, *, multiline: bool) -> str | None:
    """The first character ``text`` may not hold, or None. ``multiline``: a text with
    paragraphs, which may hold line breaks and tabs."""
    for ch in text:
        if ch in PARAGRAPH_BREAKS:
            if not multiline:
                return ch
            continue
        if ch in _NONCHARACTERS or unicodedata.category(ch) in ("Cc", "Cs"):
            return ch
    return None


def character_name(ch: str) -> str:
    """How a message names the character: "U+0000", with its Unicode name when it has one."""
    code = f"U+{ord(ch):04X}"
    names = {"\n": "line break", "\r": "line break", "\t": "tab"}
    name = names.get(ch) or unicodedata.name(ch, "").lower()
    return f"{code} {name}" if name else code


def without_refused(text: str, *, multiline: bool) -> str:
    """``text`` with what it may not hold taken out: control characters dropped, line breaks
    and tabs of a one-line text turned into spaces."""
    out = []
    for ch in text:
        if ch in PARAGRAPH_BREAKS and not multiline:
            out.append(" ")
        elif refused_character(ch, multiline=True) is None:
            out.append(ch)
    return "".join(out)
