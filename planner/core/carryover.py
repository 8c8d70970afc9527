"""Texts copied from a previous meeting that still speak of it: its dates, its ordinal, its
symbols ("the eighth meeting … 2 and 3 July 2018", "CTOC/COP/WG.4/2018/2").

:func:`telltales` lists, for each of the six languages, the phrases that give a text away: the
previous meeting's dates as planner's own formatting writes them (planner.core.formatting), its
ordinal word in each language (with the gendered and declined forms a sentence may need), and
its symbols. :func:`carried_over` finds them in an item's texts. Plain functions: no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import get_args

from planner.core import formatting
from planner.core.formatting import OrdinalNoun
from planner.core.languages import LANGUAGES

#: Chinese numerals: "第八" is not found inside "第八十" (eightieth).
_ZH_DIGITS = "〇零一二三四五六七八九十百千"


@dataclass(frozen=True)
class PreviousMeeting:
    """What a text copied from the previous meeting may still say about it."""

    number: int
    start: date
    end: date
    symbols: tuple[str, ...] = ()


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _ordinal_words(number: int, lang: str) -> set[str]:
    """The ordinal as the language writes it before or after a noun: the words of "eighth
    meeting" / "octava reunión" / "الدورة الثامنة" that are not in "ninth meeting"."""
    words = {formatting.ordinal_word(number, lang)}
    if lang == "zh":
        return words
    for noun in get_args(OrdinalNoun):
        mine = formatting.ordinal(number, lang, noun).split()
        next_one = set(formatting.ordinal(number + 1, lang, noun).split())
        words.update(word for word in mine if word not in next_one)
    return {word for word in words if word}


def telltales(previous: PreviousMeeting, lang: str) -> tuple[str, ...]:
    """The phrases in ``lang`` that name the previous meeting's dates or ordinal."""
    phrases = {
        formatting.date_span(previous.start, previous.end, lang),
        formatting.date_span_running(previous.start, previous.end, lang),
    }
    phrases.update(formatting.date_long(day, lang) for day in _days(previous.start, previous.end))
    phrases.update(_ordinal_words(previous.number, lang))
    return tuple(sorted((p for p in phrases if p), key=len, reverse=True))


#: Russian adjective endings: the ordinal is matched in every case (восьмой, восьмого, восьмом…).
_RU_ENDINGS = ("ой", "ый", "ий", "ое", "ая", "ые")


def _pattern(phrase: str, lang: str) -> str:
    """A regular expression for ``phrase`` as a text may write it: any spacing between words
    (no-break spaces included), and in Chinese with or without the spaces typesetters put
    between figures and characters ("2018 年 7 月 2 日")."""
    if lang == "zh":
        escaped = r"\s*".join(re.escape(c) for c in phrase if not c.isspace())
        return escaped + f"(?![{_ZH_DIGITS}])"
    words = phrase.split()
    if lang == "ru" and len(words) == 1 and len(phrase) > 4 and phrase.endswith(_RU_ENDINGS):
        escaped = re.escape(phrase[:-2]) + r"[а-я]{1,3}"
    else:
        escaped = r"\s+".join(re.escape(word) for word in words)
    return r"(?<!\w)" + escaped + r"(?!\w)"


@lru_cache(maxsize=64)
def _compiled(previous: PreviousMeeting, lang: str) -> re.Pattern[str]:
    alternatives = [_pattern(p, lang) for p in telltales(previous, lang)]
    # A symbol ends where no letter or figure follows (a full stop ending a sentence may);
    # the previous meeting's addenda and revisions ("…/2018/1/Add.1") are about it too.
    alternatives += [re.escape(symbol) + r"(?!\w|\.\w)" for symbol in previous.symbols]
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def mentions(text: str, previous: PreviousMeeting, lang: str) -> list[str]:
    """The phrases of ``text`` (in ``lang``) that speak of the previous meeting, in order."""
    if not text:
        return []
    return [match.group(0) for match in _compiled(previous, lang).finditer(text)]


def carried_over(texts: Sequence[Mapping[str, str]], previous: PreviousMeeting) -> tuple[str, ...]:
    """What an item's texts (its titles, its annotations: language → text) still say about the
    previous meeting, each phrase once, in the order of ``LANGUAGES``."""
    found: list[str] = []
    for lang in LANGUAGES:
        for field in texts:
            for phrase in mentions(field.get(lang, ""), previous, lang):
                if phrase not in found:
                    found.append(phrase)
    return tuple(found)
