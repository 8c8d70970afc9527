"""A finished string of a language version cut into the runs a renderer sets differently:
the document's own text, an author's text the data lacks in that language (shown untranslated,
in its own language and direction), and, in a right-to-left document, Latin runs (symbols,
numbers with slashes, names) that are isolated so that the bidirectional algorithm keeps their
order and the punctuation around them where the reader expects it.

The page and the print version wrap isolated runs in ``<bdi dir="ltr">`` holding the Unicode
isolates LRI…PDI (which WeasyPrint's Pango honours where CSS ``unicode-bidi`` is not
implemented); the Word file gives them runs of their own without ``w:rtl``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from planner.core.languages import RTL_LANGUAGES, parts_of

LRI: Final = "\u2066"
RLI: Final = "\u2067"
PDI: Final = "\u2069"

#: A stretch of text without Arabic letters, quotation marks or brackets, from a Latin letter or
#: figure to a Latin letter or figure ("CTOC/COP/WG.4/2018/2", "Trafficking in Persons Protocol").
_LATIN_SPAN: Final = re.compile(
    r"[A-Za-z0-9À-ɏ](?:[^\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
    r"\"“”«»()\[\]،؛]*[A-Za-z0-9À-ɏ])?"
)
_LATIN_LETTER: Final = re.compile(r"[A-Za-zÀ-ɏ]")


@dataclass(frozen=True)
class Run:
    text: str
    #: the language of an untranslated author's text; None for the document's own language
    source: str | None
    #: the run is set apart from the text around it (its own direction, isolated)
    isolate: bool
    #: the run's own text reads right to left
    rtl: bool


def runs(text: str, lang: str) -> tuple[Run, ...]:
    """``text`` of the ``lang`` version as runs, in logical order."""
    rtl = lang in RTL_LANGUAGES
    out: list[Run] = []
    for part, source in parts_of(text):
        if source is not None:
            out.append(Run(part, source, True, source in RTL_LANGUAGES))
        elif rtl:
            out.extend(_split_latin(part))
        else:
            out.append(Run(part, None, False, False))
    return tuple(out)


def _split_latin(text: str) -> list[Run]:
    out: list[Run] = []
    position = 0
    for match in _LATIN_SPAN.finditer(text):
        if not _LATIN_LETTER.search(match.group()):
            continue  # figures alone read right in Arabic text
        if match.start() > position:
            out.append(Run(text[position : match.start()], None, False, True))
        out.append(Run(match.group(), None, True, False))
        position = match.end()
    if position < len(text):
        out.append(Run(text[position:], None, False, True))
    return out


def isolated(run: Run) -> str:
    """The run's text between the Unicode isolates its direction asks for."""
    if not run.isolate:
        return run.text
    return f"{RLI if run.rtl else LRI}{run.text}{PDI}"
