"""Punctuation by script and the few fixed words the pages and files print in the document's
language (not the interface's): a heading and its subtitle, a run of facts, the cancelled mark.

Chinese takes full-width punctuation (``贩运人口问题工作组：第八次会议``, ``维也纳，2018 年``);
French puts a no-break space before a colon; Arabic separates with its own comma.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

__all__ = ["cancelled_mark", "cancelled_notice", "run_on", "titled"]

_COLON: Final = {"zh": "{head}：{tail}", "fr": "{head}\u00a0: {tail}"}
_COMMA: Final = {"zh": "，", "ar": "، "}

#: The mark on every page and file of a cancelled meeting's documents.
_CANCELLED_MARK: Final = {
    "ar": "أُلغي",
    "zh": "已取消",
    "en": "CANCELLED",
    "fr": "ANNULÉE",
    "ru": "ОТМЕНЕНО",
    "es": "CANCELADA",
}
_CANCELLED_NOTICE: Final = {
    "ar": "أُلغي هذا الاجتماع.",
    "zh": "本次会议已取消。",
    "en": "This meeting has been cancelled.",
    "fr": "Cette réunion a été annulée.",
    "ru": "Это совещание отменено.",
    "es": "Esta reunión se ha cancelado.",
}


def titled(head: str, tail: str, lang: str) -> str:
    """``head`` and what it introduces, with the language's colon:
    ``Working Group on Trafficking in Persons: eighth meeting``, ``…工作组：第八次会议``."""
    if not head:
        return tail
    if not tail:
        return head
    return _COLON.get(lang, "{head}: {tail}").format(head=head, tail=tail)


def title_colon(lang: str) -> str:
    """The separator :func:`titled` puts between a head and what it introduces, for templates
    that mark up both sides themselves."""
    return titled("\x00", "\x01", lang)[1:-1]


def run_on(parts: Iterable[str], lang: str) -> str:
    """Facts run on with the language's comma, the empty ones left out."""
    return _COMMA.get(lang, ", ").join(p for p in parts if p)


def cancelled_mark(lang: str) -> str:
    return _CANCELLED_MARK.get(lang, _CANCELLED_MARK["en"])


def cancelled_notice(lang: str) -> str:
    return _CANCELLED_NOTICE.get(lang, _CANCELLED_NOTICE["en"])
