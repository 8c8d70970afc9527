"""The six official languages of the United Nations, in the order the UN lists them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: Language codes as the meeting file uses them (ISO 639-1), in the UN's order.
LANGUAGES: Final = ("ar", "zh", "en", "fr", "ru", "es")

#: A text a delegate reads, in any subset of the six languages.
Texts = Mapping[str, str]

#: Right-to-left languages among the six.
RTL_LANGUAGES: Final = frozenset({"ar"})

#: The UN's one-letter language mark used in document job numbers and version lines.
LANGUAGE_NAMES_EN: Final = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}


def is_language(code: str) -> bool:
    return code in LANGUAGES


def pick(texts: Texts, lang: str, *fallbacks: str) -> str:
    """The text in ``lang``; else in the first fallback that has one; else any; else ''.

    Documents are drafted in one original language; a reader asking for a language that has no
    translation yet sees the original rather than nothing.
    """
    for code in (lang, *fallbacks, "en", *LANGUAGES):
        text = texts.get(code)
        if text:
            return text
    return ""
