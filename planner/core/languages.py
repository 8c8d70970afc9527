"""The six official languages of the United Nations, in the order the UN lists them."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
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


_FORMATTER: Final = string.Formatter()


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


class Phrase(str):
    """A finished string of one language version that carries, part by part, which of its
    parts are an author's text the data lacks in that language: such a part is the text in the
    language it was found in, to be shown as untranslated.

    It is a ``str`` (its value is the whole text), so code that only reads text keeps working;
    renderers that mark the gaps read :attr:`parts`. String operations return plain ``str``:
    build a Phrase last, with :func:`compose` or :func:`concat`.
    """

    parts: tuple[tuple[str, str | None], ...]

    def __new__(cls, parts: tuple[tuple[str, str | None], ...]) -> Phrase:
        merged: list[tuple[str, str | None]] = []
        for text, lang in parts:
            if not text:
                continue
            if merged and merged[-1][1] == lang:
                merged[-1] = (merged[-1][0] + text, lang)
            else:
                merged.append((text, lang))
        self = super().__new__(cls, "".join(text for text, _ in merged))
        self.parts = tuple(merged)
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (Phrase, (self.parts,))


def parts_of(text: str) -> tuple[tuple[str, str | None], ...]:
    """``text`` as (text, language of an untranslated part or None) pairs."""
    if isinstance(text, Phrase):
        return text.parts
    return ((text, None),) if text else ()


def is_marked(text: str) -> bool:
    """Whether ``text`` holds an untranslated part."""
    return any(lang is not None for _, lang in parts_of(text))


def concat(*texts: str) -> str:
    """The texts one after the other, keeping their untranslated parts marked."""
    if not any(is_marked(t) for t in texts):
        return "".join(texts)
    return Phrase(tuple(p for t in texts for p in parts_of(t)))


def compose(template: str, **values: str) -> str:
    """``template.format(**values)`` that keeps the untranslated parts of the values marked.

    The template is a whole sentence of one language; only named fields without format specs
    are used in planner's templates."""
    if not any(is_marked(v) for v in values.values()):
        return template.format(**values)
    pieces: list[str] = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        pieces.append(literal)
        if name is not None:
            if spec or conversion:
                raise ValueError(
                    f"compose() takes plain fields only, not {{{name}}} in {template!r}"
                )
            pieces.append(values[name])
    return concat(*pieces)


def map_text(text: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the text of each part, marks kept."""
    if not isinstance(text, Phrase):
        return change(text)
    return Phrase(tuple((change(t), lang) for t, lang in text.parts))


def pick_text(texts: Texts, lang: str, *fallbacks: str) -> str:
    """The text in ``lang``; where the data lacks it, the text :func:`pick` falls back to, as a
    :class:`Phrase` that marks it untranslated in the language it is written in ('' if none)."""
    own = texts.get(lang)
    if own:
        return own
    for code in (*fallbacks, "en", *LANGUAGES):
        text = texts.get(code)
        if text:
            return Phrase(((text, code),))
    return ""


def direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"
