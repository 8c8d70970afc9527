"""UN editorial style for dates, times, numbers, ordinals and language names, in six languages.

This is the one place that knows how a UN document in Arabic, Chinese, English, French, Russian or
Spanish writes "2 and 3 July 2018", "10 a.m.–1 p.m.", "eighth meeting", "1 (a)" or "Arabic,
English and French". Each language has its own whole patterns (one class per language below);
nothing is assembled from fragments of two languages. Month and weekday names come from Babel
(CLDR); the patterns around them are UN style, which is not CLDR's default.

Every public function takes ``lang`` (one of :data:`planner.core.languages.LANGUAGES`) and raises
:class:`ValueError` for any other code. All results are strings. Chinese results carry no spaces
between figures and characters ("2018年7月2日"): :func:`figure_spacing` sets them, once, on the
finished Chinese document (generated and typed text alike).

Which rules are found and which are inferred
--------------------------------------------
[F] = found in a UN document (see /work/shared/reference/un-conventions.md and the seeds);
[I] = inferred (UN Editorial Manual as remembered, general usage of the language, analogy).

English
  [F] "2 July 2018" (day month year, no comma, no ordinal); weekday "Monday, 2 July 2018";
      day header "Monday, 15 October"; ranges with EN DASH "15–19 October 2018"; running text
      "from 27 to 29 January 2010" and "on 6 and 7 June 2018"; "10 a.m.–1 p.m.", "3–6 p.m.";
      numbers under 10 in words (Editorial Manual); "Item 2 (b) of the provisional agenda"
      (a space before the parenthesis); lists without a serial comma ("[Original: Arabic,
      English and French]", A/63/515).
  [F] Two consecutive days take "and" even across a month boundary: A/RES/64/178 (English)
      "held in Sharm el-Sheikh, Egypt, on 30 June and 1 July 2008" (the Chinese text of the
      same resolution has "2008年6月30日至7月1日", seed 003). So "and" for exactly two days,
      whatever the months; a dash or "from ... to" for three days or more.
  [I] Cross-month and cross-year ranges "30 June–2 July 2008", "30 December 2018–2 January
      2019" (no spaces round the dash, as within a month); "3.30 p.m." (full stop, Editorial
      Manual as remembered); "noon", "midnight", "11 a.m.–noon"; a.m./p.m. dropped from the
      first time of a range only when both times fall in the same half of the day.
Chinese
  [F] "2018年7月2日"; "2018年7月2日和3日"; "2008年10月8日至17日"; "2008年6月30日至7月1日";
      weekday after the date "2018年7月2日星期一"; day header "7月2日，星期一"; "上午10时",
      "上午9时45分"; "上午10时至下午1时", "下午3时至6时"; "第八次会议", "第九届会议";
      "四场……全体会议", "两天"; "议程项目2(b)" (no space); agenda list "1.", "(a)";
      enumerations with "、" and "和".
  [I] Two days across a month or year boundary use 至 (found once, seed 003); the seeds also
      show "2009年10月19日至20日" for two days in one month, but seed 004 (our reference) has
      "2日和3日", which is what is used. "中午12时" for noon, "午夜12时" for midnight;
      上午/下午 follow a.m./p.m. (no 晚上); "9时5分" (no leading zero); figures for counts of
      10 and more ("12天").
French
  [F] "27-29 janvier 2010" (written here with EN DASH like the English original), "Distr.
      générale 9 décembre 2009", "Original : anglais" (language names lower case, no
      article); sub-paragraph labels "a)", "b)" without opening parenthesis (Editorial Manual).
  [I] "1er juillet"; "2 et 3 juillet 2018"; "30 juin et 1er juillet 2008"; running text
      "le 2 juillet 2018", "les 2 et 3 juillet 2018", "du 27 au 29 janvier 2010"; weekday
      "lundi 2 juillet 2018", header "Lundi 2 juillet" (capital because it opens a heading);
      24-hour clock "10 heures", "15 h 30", "12 heures", "minuit"; ranges "10 heures–13 heures";
      agenda reference "1 a)", "1 b) i)"; agenda list "1.", "a)", "i)"; cardinals in the
      traditional spelling ("vingt et un"); ordinals "première réunion", "vingt et unième
      session"; lists "anglais, arabe et français" in French alphabetical order, no article
      (the sentence template adds articles or "en" where it needs them).
Spanish
  [F] "17 de febrero de 2010"; "del 27 al 29 de enero de 2010" in running text; sub-paragraph
      labels "a)" (Editorial Manual); ordinals above ten in figures, "19º período de sesiones",
      "12º Congreso" (A/65/92, processed in Vienna; the General Assembly's own sessions are
      spelled out, "Sexagésimo quinto período de sesiones", which this module does not model).
  [I] "1 de julio" (no "1º"); masthead ranges "27 a 29 de enero de 2010"; "2 y 3 de julio de
      2018"; running "el 2 de julio de 2018", "los días 2 y 3 de julio de 2018"; weekday
      "lunes 2 de julio de 2018", header "Lunes 2 de julio"; times "10.00 horas", ranges
      "10.00 a 13.00 horas"; "y" becomes "e" before an i- sound ("francés e inglés");
      agenda reference "1 a)"; ordinals agree with the noun ("octava reunión", "primer
      período de sesiones").
Russian
  [F] "Вена, 27-29 января 2010 года" (EN DASH here); "9-13 декабря 2002 года" and
      "в 10 ч. 00 м." (UNEP/CHW.6/1/Add.1, Russian).
  [I] "2 и 3 июля 2018 года"; cross-month and cross-year ranges with a spaced dash
      ("30 июня – 2 июля 2008 года"), as Russian typography sets a dash between phrases that
      contain spaces; running text identical to the dateline (report titles as remembered:
      "состоявшегося в Вене 27–29 января 2010 года"; this also avoids the с/со choice of
      "с 27 по 29"); weekday "понедельник, 2 июля 2018 года"
      (the UNEP text found writes it without the comma; the comma follows our brief);
      ranges "10 ч. 00 м. – 13 ч. 00 м."; "е" rather than "ё" ("четвертый", UN Russian
      practice); agenda reference "1 a)" and list labels "a)", "i)" (Latin letters, closing
      parenthesis only, as in French); number-noun agreement 1 / 2-4 / 5-20.
Arabic (nothing found for UNODC documents; all [I])
  Western digits; double month names "تموز/يوليه" (Levantine name from Babel's ar_SY, then the
  Egyptian-style name from Babel's ar, with the UN spellings يونيه and يوليه for June and July);
  "2 و3 تموز/يوليه 2018" ("و" joined to the next word); running text "في 2 ...",
  "يومي 2 و3 ...", "في الفترة من 27 إلى 29 ..."; "الاثنين، 2 تموز/يوليه 2018" with the Arabic
  comma; 24-hour clock "10:00" (the sentence template adds "الساعة"; the legacy UN form
  "00/10" is not reproduced); agenda numbering with letters in abjad order "(أ)", "(ب)" and
  third level "'1'"; list label "1-"; count phrases in the oblique case used after
  prepositions and as objects ("على مدى يومين"); ordinals in the nominative used in titles
  ("الدورة الحادية والعشرون"); lists joined with "و" only (Arabic alphabetical order).

Numbers in count phrases follow the Editorial Manual rule found for English (words under 10,
figures from 10), applied to all six languages [I for the other five]. :func:`cardinal` itself
spells out 0-99 in every language. Number words are hand tables rather than a library such as
num2words: the work here is agreement with four nouns (French and Spanish gender, Russian
1 / 2-4 / 5+ forms, Arabic gender polarity and dual, Chinese 两 before a measure word), which is
phrase-level work a number-to-words library leaves to the caller.

Babel note: in Babel 2.18 the *stand-alone* month names leak between locales after a Chinese
lookup (``get_month_names("wide", "stand-alone", locale="fr")`` answers "七月" once "zh" has
been asked). This module only uses the *format* context, which is unaffected; a test pins it.
"""

from __future__ import annotations

import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from functools import cache
from typing import ClassVar, Final, Literal

from babel.core import UnknownLocaleError
from babel.dates import get_day_names, get_month_names, get_timezone_location

from planner.core.languages import LANGUAGES

CountNoun = Literal["plenary_meeting", "day", "meeting", "session"]
OrdinalNoun = Literal["meeting", "session"]

#: The nouns :func:`count_phrase` knows. "meeting" is a meeting of the body (the event, ru
#: совещание), "plenary_meeting" one three-hour sitting (ru заседание).
COUNT_NOUNS: Final = ("plenary_meeting", "day", "meeting", "session")
#: The nouns :func:`ordinal` knows.
ORDINAL_NOUNS: Final = ("meeting", "session")

EN_DASH: Final = "\u2013"
_MAX_LEVELS: Final = 3
_WORDS_BELOW: Final = 10  # Editorial Manual: numbers under 10 in words in running text

_Span = Literal["one", "two", "range"]
_Gender = Literal["m", "f", "n"]


# --- small shared helpers (language-neutral) ------------------------------------------------


@cache
def _month_names(locale: str) -> tuple[str, ...]:
    """CLDR wide month names in the *format* context (genitive where the language has one),
    looked up once per locale: feeds format thousands of dates."""
    names = get_month_names("wide", "format", locale=locale)
    return ("", *(str(names[m]) for m in range(1, 13)))


@cache
def _weekday_names(locale: str) -> tuple[str, ...]:
    names = get_day_names("wide", "format", locale=locale)
    return tuple(str(names[d]) for d in range(7))


def _month_name(month: int, locale: str) -> str:
    return _month_names(locale)[month]


def _weekday_name(d: date, locale: str) -> str:
    return _weekday_names(locale)[d.weekday()]


def _words(text: str, pad: int = 0) -> tuple[str, ...]:
    """A table of words written as one whitespace-separated string, after ``pad`` empty slots
    (so that a word's index is the number it stands for)."""
    return ("",) * pad + tuple(text.split())


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _span(start: date, end: date) -> _Span:
    if end < start:
        raise ValueError(f"the span ends ({end}) before it starts ({start})")
    if end == start:
        return "one"
    if end - start == timedelta(days=1):
        return "two"
    return "range"


def _minutes(t: time) -> int:
    if t.second or t.microsecond:
        raise ValueError(f"UN times are in whole minutes, not {t.isoformat()}")
    return t.hour * 60 + t.minute


def _check_time_range(start: time, end: time) -> None:
    """A range must run forwards; an end at 00:00 is midnight at the end of the day."""
    a, b = _minutes(start), _minutes(end)
    if b == 0 and a != 0:
        return
    if b <= a:
        raise ValueError(f"the time range ends ({end}) at or before it starts ({start})")


def _is_end_midnight(start: time, end: time) -> bool:
    return _minutes(end) == 0 and _minutes(start) != 0


def _check_count(n: int, minimum: int = 0) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"expected an integer, not {n!r}")
    if n < minimum:
        raise ValueError(f"expected an integer of at least {minimum}, not {n}")


def _tens_units(n: int) -> tuple[int, int]:
    return divmod(n, 10)


def _roman(n: int) -> str:
    values = (
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
    out = []
    for value, letters in values:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


_LATIN_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"
#: Arabic sub-paragraph letters in abjad order (أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ).
_ABJAD: Final = _words("أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ")


def _check_path(path: Sequence[int]) -> tuple[int, ...]:
    steps = tuple(path)
    if not 1 <= len(steps) <= _MAX_LEVELS:
        raise ValueError(f"an agenda path has 1 to {_MAX_LEVELS} levels, not {steps!r}")
    for step in steps:
        _check_count(step, minimum=1)
    return steps


def _letter(position: int, alphabet: Sequence[str]) -> str:
    if position > len(alphabet):
        raise ValueError(f"no sub-item letter for position {position}")
    return alphabet[position - 1]


def _sort_key(name: str) -> str:
    """Alphabetical key ignoring accents (Spanish "árabe" sorts before "chino")."""
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- the per-language styles -------------------------------------------------------------------


class _Style(ABC):
    """One language's whole patterns."""

    code: ClassVar[str]
    #: Names of the six languages as written in running text in this language.
    language_name: ClassVar[Mapping[str, str]]

    # dates
    @abstractmethod
    def date_long(self, d: date) -> str: ...

    @abstractmethod
    def weekday_date(self, d: date) -> str: ...

    @abstractmethod
    def day_heading(self, d: date) -> str: ...

    @abstractmethod
    def date_span(self, start: date, end: date) -> str: ...

    @abstractmethod
    def date_span_running(self, start: date, end: date) -> str: ...

    # times
    @abstractmethod
    def time_of_day(self, t: time) -> str: ...

    @abstractmethod
    def time_range(self, start: time, end: time) -> str: ...

    # numbers
    @abstractmethod
    def cardinal(self, n: int, counting: bool) -> str: ...

    @abstractmethod
    def count_phrase(self, n: int, noun: CountNoun) -> str: ...

    @abstractmethod
    def ordinal_word(self, n: int) -> str: ...

    @abstractmethod
    def ordinal(self, n: int, noun: OrdinalNoun) -> str: ...

    # lists and agenda numbers
    @abstractmethod
    def join_list(self, items: Sequence[str]) -> str: ...

    def language_order(self, langs: Sequence[str]) -> list[str]:
        return sorted(langs, key=lambda code: _sort_key(self.language_name[code]))

    @abstractmethod
    def item_number(self, path: tuple[int, ...]) -> str: ...

    @abstractmethod
    def item_label(self, path: tuple[int, ...]) -> str: ...

    # helper shared by the languages that write the start of a span shortened
    @staticmethod
    def _start_part(start: date, end: date, day: str, day_month: str, full: str) -> str:
        """The start of a span with what the end already says left out."""
        if start.year != end.year:
            return full
        if start.month != end.month:
            return day_month
        return day


# English --------------------------------------------------------------------------------------

_EN_UNITS: Final = _words(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen
    """
)
_EN_TENS: Final = _words("twenty thirty forty fifty sixty seventy eighty ninety", pad=2)
_EN_ORDINAL_UNITS: Final = _words(
    """
    first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
    """,
    pad=1,
)
_EN_COUNT_NOUNS: Final[dict[str, tuple[str, str]]] = {
    "plenary_meeting": ("plenary meeting", "plenary meetings"),
    "day": ("day", "days"),
    "meeting": ("meeting", "meetings"),
    "session": ("session", "sessions"),
}


class _English(_Style):
    code: ClassVar[str] = "en"
    language_name: ClassVar[Mapping[str, str]] = {
        "ar": "Arabic",
        "zh": "Chinese",
        "en": "English",
        "fr": "French",
        "ru": "Russian",
        "es": "Spanish",
    }

    def _day_month(self, d: date) -> str:
        return f"{d.day} {_month_name(d.month, 'en')}"

    def date_long(self, d: date) -> str:
        return f"{self._day_month(d)} {d.year}"

    def weekday_date(self, d: date) -> str:
        return f"{_weekday_name(d, 'en')}, {self.date_long(d)}"

    def day_heading(self, d: date) -> str:
        return f"{_weekday_name(d, 'en')}, {self._day_month(d)}"

    def _start(self, start: date, end: date) -> str:
        return self._start_part(
            start, end, str(start.day), self._day_month(start), self.date_long(start)
        )

    def date_span(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return self.date_long(start)
        first, last = self._start(start, end), self.date_long(end)
        if kind == "two":
            return f"{first} and {last}"
        return f"{first}{EN_DASH}{last}"

    def date_span_running(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return f"on {self.date_long(start)}"
        first, last = self._start(start, end), self.date_long(end)
        if kind == "two":
            return f"on {first} and {last}"
        return f"from {first} to {last}"

    @staticmethod
    def _clock(t: time) -> tuple[str, str]:
        """(figures, "a.m."/"p.m.") or (word, "") for noon and midnight."""
        minutes = _minutes(t)
        if minutes == 0:
            return "midnight", ""
        if minutes == 12 * 60:
            return "noon", ""
        hour = t.hour % 12 or 12
        figures = f"{hour}.{t.minute:02d}" if t.minute else str(hour)
        return figures, "a.m." if t.hour < 12 else "p.m."

    def time_of_day(self, t: time) -> str:
        figures, half = self._clock(t)
        return f"{figures} {half}" if half else figures

    def time_range(self, start: time, end: time) -> str:
        _check_time_range(start, end)
        first, first_half = self._clock(start)
        last, last_half = self._clock(end)
        if first_half and first_half == last_half and not _is_end_midnight(start, end):
            return f"{first}{EN_DASH}{last} {last_half}"
        return f"{self.time_of_day(start)}{EN_DASH}{self.time_of_day(end)}"

    def cardinal(self, n: int, counting: bool) -> str:
        if n >= 100:
            return str(n)
        if n < 20:
            return _EN_UNITS[n]
        tens, units = _tens_units(n)
        return _EN_TENS[tens] + (f"-{_EN_UNITS[units]}" if units else "")

    def count_phrase(self, n: int, noun: CountNoun) -> str:
        singular, plural = _EN_COUNT_NOUNS[noun]
        number = self.cardinal(n, True) if n < _WORDS_BELOW else str(n)
        return f"{number} {singular if n == 1 else plural}"

    def ordinal_word(self, n: int) -> str:
        if n >= 100:
            last_two = n % 100
            suffix = "th" if 11 <= last_two <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            return f"{n}{suffix}"
        if n < 20:
            return _EN_ORDINAL_UNITS[n]
        tens, units = _tens_units(n)
        if units:
            return f"{_EN_TENS[tens]}-{_EN_ORDINAL_UNITS[units]}"
        return _EN_TENS[tens][:-1] + "ieth"

    def ordinal(self, n: int, noun: OrdinalNoun) -> str:
        return f"{self.ordinal_word(n)} {noun}"

    def join_list(self, items: Sequence[str]) -> str:
        if len(items) == 1:
            return items[0]
        return f"{', '.join(items[:-1])} and {items[-1]}"

    def item_number(self, path: tuple[int, ...]) -> str:
        parts = [str(path[0])]
        if len(path) > 1:
            parts.append(f"({_letter(path[1], _LATIN_LETTERS)})")
        if len(path) > 2:
            parts.append(f"({_roman(path[2])})")
        return " ".join(parts)

    def item_label(self, path: tuple[int, ...]) -> str:
        if len(path) == 1:
            return f"{path[0]}."
        if len(path) == 2:
            return f"({_letter(path[1], _LATIN_LETTERS)})"
        return f"({_roman(path[2])})"


# Chinese --------------------------------------------------------------------------------------

_ZH_DIGITS: Final = ("零", "一", "二", "三", "四", "五", "六", "七", "八", "九")
_ZH_MEASURED_NOUNS: Final[dict[str, str]] = {
    "plenary_meeting": "场全体会议",
    "day": "天",
    "meeting": "次会议",
    "session": "届会议",
}
_ZH_ORDINAL_NOUNS: Final[dict[str, str]] = {"meeting": "次会议", "session": "届会议"}


class _Chinese(_Style):
    code: ClassVar[str] = "zh"
    language_name: ClassVar[Mapping[str, str]] = {
        "ar": "阿拉伯文",
        "zh": "中文",
        "en": "英文",
        "fr": "法文",
        "ru": "俄文",
        "es": "西班牙文",
    }

    def language_order(self, langs: Sequence[str]) -> list[str]:
        # Chinese lists the languages in the UN's own order, which LANGUAGES follows.
        return sorted(langs, key=LANGUAGES.index)

    @staticmethod
    def _month_day(d: date) -> str:
        return f"{d.month}月{d.day}日"

    def date_long(self, d: date) -> str:
        return f"{d.year}年{self._month_day(d)}"

    def weekday_date(self, d: date) -> str:
        return f"{self.date_long(d)}{_weekday_name(d, 'zh')}"

    def day_heading(self, d: date) -> str:
        return f"{self._month_day(d)}，{_weekday_name(d, 'zh')}"

    def date_span(self, start: date, end: date) -> str:
        kind = _span(start, end)
        first = self.date_long(start)
        if kind == "one":
            return first
        if start.year != end.year:
            last = self.date_long(end)
        elif start.month != end.month:
            last = self._month_day(end)
        else:
            last = f"{end.day}日"
        joiner = "和" if kind == "two" and start.month == end.month else "至"
        return f"{first}{joiner}{last}"

    def date_span_running(self, start: date, end: date) -> str:
        # Chinese puts 于/在 in the sentence template; the span itself is the same.
        return self.date_span(start, end)

    @staticmethod
    def _clock(t: time) -> tuple[str, str]:
        """(period word, "10时30分")."""
        hour, minute = t.hour, t.minute
        if hour == 0:
            period, shown = "午夜", 12
        elif hour < 12:
            period, shown = "上午", hour
        elif hour == 12:
            period, shown = "中午", 12
        else:
            period, shown = "下午", hour - 12
        return period, f"{shown}时" + (f"{minute}分" if minute else "")

    def time_of_day(self, t: time) -> str:
        _minutes(t)
        period, clock = self._clock(t)
        return period + clock

    def time_range(self, start: time, end: time) -> str:
        _check_time_range(start, end)
        first_period, first = self._clock(start)
        last_period, last = self._clock(end)
        if first_period == last_period and first_period in ("上午", "下午"):
            return f"{first_period}{first}至{last}"
        return f"{first_period}{first}至{last_period}{last}"

    def cardinal(self, n: int, counting: bool) -> str:
        if n >= 100:
            return str(n)
        if n == 2 and counting:
            return "两"
        if n < 10:
            return _ZH_DIGITS[n]
        tens, units = _tens_units(n)
        head = "十" if tens == 1 else f"{_ZH_DIGITS[tens]}十"
        return head + (_ZH_DIGITS[units] if units else "")

    def count_phrase(self, n: int, noun: CountNoun) -> str:
        number = self.cardinal(n, True) if n < _WORDS_BELOW else str(n)
        return number + _ZH_MEASURED_NOUNS[noun]

    def ordinal_word(self, n: int) -> str:
        return "第" + self.cardinal(n, False)

    def ordinal(self, n: int, noun: OrdinalNoun) -> str:
        return self.ordinal_word(n) + _ZH_ORDINAL_NOUNS[noun]

    def join_list(self, items: Sequence[str]) -> str:
        if len(items) == 1:
            return items[0]
        return f"{'、'.join(items[:-1])}和{items[-1]}"

    def item_number(self, path: tuple[int, ...]) -> str:
        text = str(path[0])
        if len(path) > 1:
            text += f"({_letter(path[1], _LATIN_LETTERS)})"
        if len(path) > 2:
            text += f"({_roman(path[2])})"
        return text

    def item_label(self, path: tuple[int, ...]) -> str:
        if len(path) == 1:
            return f"{path[0]}."
        if len(path) == 2:
            return f"({_letter(path[1], _LATIN_LETTERS)})"
        return f"({_roman(path[2])})"


# French ---------------------------------------------------------------------------------------

_FR_UNITS: Final = _words(
    """
    zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze
    seize dix-sept dix-huit dix-neuf
    """
)
_FR_TENS: Final = ("", "", "vingt", "trente", "quarante", "cinquante", "soixante")
_FR_COUNT_NOUNS: Final[dict[str, tuple[str, str, _Gender]]] = {
    "plenary_meeting": ("séance plénière", "séances plénières", "f"),
    "day": ("jour", "jours", "m"),
    "meeting": ("réunion", "réunions", "f"),
    "session": ("session", "sessions", "f"),
}
_FR_ORDINAL_NOUNS: Final[dict[str, str]] = {"meeting": "réunion", "session": "session"}


def _fr_cardinal(n: int) -> str:
    if n < 20:
        return _FR_UNITS[n]
    if n < 70:
        tens, units = _tens_units(n)
        if units == 0:
            return _FR_TENS[tens]
        if units == 1:
            return f"{_FR_TENS[tens]} et un"
        return f"{_FR_TENS[tens]}-{_FR_UNITS[units]}"
    if n < 80:
        rest = n - 60
        return "soixante et onze" if rest == 11 else f"soixante-{_FR_UNITS[rest]}"
    rest = n - 80
    return "quatre-vingts" if rest == 0 else f"quatre-vingt-{_FR_UNITS[rest]}"


class _French(_Style):
    code: ClassVar[str] = "fr"
    language_name: ClassVar[Mapping[str, str]] = {
        "ar": "arabe",
        "zh": "chinois",
        "en": "anglais",
        "fr": "français",
        "ru": "russe",
        "es": "espagnol",
    }

    @staticmethod
    def _day(d: date) -> str:
        return "1er" if d.day == 1 else str(d.day)

    def _day_month(self, d: date) -> str:
        return f"{self._day(d)} {_month_name(d.month, 'fr')}"

    def date_long(self, d: date) -> str:
        return f"{self._day_month(d)} {d.year}"

    def weekday_date(self, d: date) -> str:
        return f"{_weekday_name(d, 'fr')} {self.date_long(d)}"

    def day_heading(self, d: date) -> str:
        return _capitalize(f"{_weekday_name(d, 'fr')} {self._day_month(d)}")

    def _start(self, start: date, end: date) -> str:
        return self._start_part(
            start, end, self._day(start), self._day_month(start), self.date_long(start)
        )

    def date_span(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return self.date_long(start)
        first, last = self._start(start, end), self.date_long(end)
        if kind == "two":
            return f"{first} et {last}"
        return f"{first}{EN_DASH}{last}"

    def date_span_running(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return f"le {self.date_long(start)}"
        first, last = self._start(start, end), self.date_long(end)
        if kind == "two":
            return f"les {first} et {last}"
        return f"du {first} au {last}"

    def time_of_day(self, t: time) -> str:
        minutes = _minutes(t)
        if minutes == 0:
            return "minuit"
        if t.minute:
            return f"{t.hour} h {t.minute:02d}"
        return f"{t.hour} heure" if t.hour == 1 else f"{t.hour} heures"

    def time_range(self, start: time, end: time) -> str:
        _check_time_range(start, end)
        return f"{self.time_of_day(start)}{EN_DASH}{self.time_of_day(end)}"

    def cardinal(self, n: int, counting: bool) -> str:
        return str(n) if n >= 100 else _fr_cardinal(n)

    def count_phrase(self, n: int, noun: CountNoun) -> str:
        singular, plural, gender = _FR_COUNT_NOUNS[noun]
        if n >= _WORDS_BELOW:
            number = str(n)
        elif n == 1:
            number = "une" if gender == "f" else "un"
        else:
            number = _fr_cardinal(n)
        return f"{number} {singular if n <= 1 else plural}"

    def _ordinal(self, n: int, gender: _Gender) -> str:
        if n == 1:
            return "première" if gender == "f" else "premier"
        if n >= 100:
            return f"{n}e"
        word = _fr_cardinal(n)
        if word.endswith("quatre-vingts"):
            word = word[:-1]
        if word.endswith("cinq"):
            word += "u"
        elif word.endswith("neuf"):
            word = word[:-1] + "v"
        elif word.endswith("e"):
            word = word[:-1]
        return word + "ième"

    def ordinal_word(self, n: int) -> str:
        return self._ordinal(n, "m")

    def ordinal(self, n: int, noun: OrdinalNoun) -> str:
        # Both "réunion" and "session" are feminine.
        return f"{self._ordinal(n, 'f')} {_FR_ORDINAL_NOUNS[noun]}"

    def join_list(self, items: Sequence[str]) -> str:
        if len(items) == 1:
            return items[0]
        return f"{', '.join(items[:-1])} et {items[-1]}"

    def item_number(self, path: tuple[int, ...]) -> str:
        return _closing_paren_number(path)

    def item_label(self, path: tuple[int, ...]) -> str:
        return _closing_paren_label(path)


def _closing_paren_number(path: tuple[int, ...]) -> str:
    """The reference form "1 b) i)": French, Spanish (Editorial Manual), Russian (inferred)."""
    parts = [str(path[0])]
    if len(path) > 1:
        parts.append(f"{_letter(path[1], _LATIN_LETTERS)})")
    if len(path) > 2:
        parts.append(f"{_roman(path[2])})")
    return " ".join(parts)


def _closing_paren_label(path: tuple[int, ...]) -> str:
    if len(path) == 1:
        return f"{path[0]}."
    if len(path) == 2:
        return f"{_letter(path[1], _LATIN_LETTERS)})"
    return f"{_roman(path[2])})"


# Spanish --------------------------------------------------------------------------------------

_ES_UNITS: Final = _words(
    """
    cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince
    dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés
    veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve
    """
)
_ES_TENS: Final = _words("treinta cuarenta cincuenta sesenta setenta ochenta noventa", pad=3)
_ES_ORDINALS: Final = _words(
    """
    primero segundo tercero cuarto quinto sexto séptimo octavo noveno décimo
    """,
    pad=1,
)
_ES_ORDINAL_WORDS_UP_TO: Final = 10
_ES_COUNT_NOUNS: Final[dict[str, tuple[str, str, _Gender]]] = {
    "plenary_meeting": ("sesión plenaria", "sesiones plenarias", "f"),
    "day": ("día", "días", "m"),
    "meeting": ("reunión", "reuniones", "f"),
    "session": ("período de sesiones", "períodos de sesiones", "m"),
}
_ES_ORDINAL_NOUNS: Final[dict[str, tuple[str, _Gender]]] = {
    "meeting": ("reunión", "f"),
    "session": ("período de sesiones", "m"),
}


def _es_and(next_item: str) -> str:
    """Spanish "and": "y", or "e" before an i- sound ("francés e inglés"; but "agua y hielo")."""
    word = _sort_key(next_item)
    if word.startswith("i"):
        return "e"
    if word.startswith("hi") and word[2:3] not in ("a", "e", "o", "u"):
        return "e"
    return "y"


class _Spanish(_Style):
    code: ClassVar[str] = "es"
    language_name: ClassVar[Mapping[str, str]] = {
        "ar": "árabe",
        "zh": "chino",
        "en": "inglés",
        "fr": "francés",
        "ru": "ruso",
        "es": "español",
    }

    def _day_month(self, d: date) -> str:
        return f"{d.day} de {_month_name(d.month, 'es')}"

    def date_long(self, d: date) -> str:
        return f"{self._day_month(d)} de {d.year}"

    def weekday_date(self, d: date) -> str:
        return f"{_weekday_name(d, 'es')} {self.date_long(d)}"

    def day_heading(self, d: date) -> str:
        return _capitalize(f"{_weekday_name(d, 'es')} {self._day_month(d)}")

    def _start(self, start: date, end: date) -> str:
        return self._start_part(
            start, end, str(start.day), self._day_month(start), self.date_long(start)
        )

    def date_span(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return self.date_long(start)
        first, last = self._start(start, end), self.date_long(end)
        if kind == "two":
            return f"{first} y {last}"
        return f"{first} a {last}"

    def date_span_running(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return f"el {self.date_long(start)}"
        first, last = self._start(start, end), self.date_long(end)
        if kind == "two":
            return f"los días {first} y {last}"
        return f"del {first} al {last}"

    @staticmethod
    def _clock(t: time, end_of_day: bool = False) -> str:
        hour = 24 if end_of_day else t.hour
        return f"{hour}.{t.minute:02d}"

    def time_of_day(self, t: time) -> str:
        _minutes(t)
        return f"{self._clock(t)} horas"

    def time_range(self, start: time, end: time) -> str:
        _check_time_range(start, end)
        last = self._clock(end, _is_end_midnight(start, end))
        return f"{self._clock(start)} a {last} horas"

    def cardinal(self, n: int, counting: bool) -> str:
        if n >= 100:
            return str(n)
        if n < 30:
            return _ES_UNITS[n]
        tens, units = _tens_units(n)
        return _ES_TENS[tens] + (f" y {_ES_UNITS[units]}" if units else "")

    def count_phrase(self, n: int, noun: CountNoun) -> str:
        singular, plural, gender = _ES_COUNT_NOUNS[noun]
        if n >= _WORDS_BELOW:
            number = str(n)
        elif n == 1:
            number = "una" if gender == "f" else "un"
        else:
            number = self.cardinal(n, True)
        return f"{number} {singular if n == 1 else plural}"

    def _ordinal(self, n: int, gender: _Gender, before_noun: bool) -> str:
        if n > _ES_ORDINAL_WORDS_UP_TO:
            return f"{n}ª" if gender == "f" else f"{n}º"
        word = _ES_ORDINALS[n]
        if gender == "f":
            return word[:-1] + "a"
        if before_noun and n in (1, 3):
            return word[:-1]  # "primer", "tercer" before a masculine noun
        return word

    def ordinal_word(self, n: int) -> str:
        return self._ordinal(n, "m", before_noun=False)

    def ordinal(self, n: int, noun: OrdinalNoun) -> str:
        word, gender = _ES_ORDINAL_NOUNS[noun]
        return f"{self._ordinal(n, gender, before_noun=True)} {word}"

    def join_list(self, items: Sequence[str]) -> str:
        if len(items) == 1:
            return items[0]
        return f"{', '.join(items[:-1])} {_es_and(items[-1])} {items[-1]}"

    def item_number(self, path: tuple[int, ...]) -> str:
        return _closing_paren_number(path)

    def item_label(self, path: tuple[int, ...]) -> str:
        return _closing_paren_label(path)


# Russian --------------------------------------------------------------------------------------

_RU_UNITS: Final = _words(
    """
    ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать
    тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать
    """
)
_RU_TENS: Final = _words(
    """
    двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто
    """,
    pad=2,
)
#: Masculine nominative ordinals 1-19 and the round tens.
_RU_ORDINAL_UNITS: Final = _words(
    """
    первый второй третий четвертый пятый шестой седьмой восьмой девятый десятый одиннадцатый
    двенадцатый тринадцатый четырнадцатый пятнадцатый шестнадцатый семнадцатый восемнадцатый
    девятнадцатый
    """,
    pad=1,
)
_RU_ORDINAL_TENS: Final = _words(
    """
    двадцатый тридцатый сороковой пятидесятый шестидесятый семидесятый восьмидесятый
    девяностый
    """,
    pad=2,
)
#: (form after 1, form after 2-4, form after 5-20 and 0), gender.
_RU_COUNT_NOUNS: Final[dict[str, tuple[tuple[str, str, str], _Gender]]] = {
    "plenary_meeting": (
        ("пленарное заседание", "пленарных заседания", "пленарных заседаний"),
        "n",
    ),
    "day": (("день", "дня", "дней"), "m"),
    "meeting": (("совещание", "совещания", "совещаний"), "n"),
    "session": (("сессия", "сессии", "сессий"), "f"),
}
_RU_ORDINAL_NOUNS: Final[dict[str, tuple[str, _Gender]]] = {
    "meeting": ("совещание", "n"),
    "session": ("сессия", "f"),
}


def _ru_form(n: int, forms: tuple[str, str, str]) -> str:
    one, few, many = forms
    last_two, last = n % 100, n % 10
    if 11 <= last_two <= 14:
        return many
    if last == 1:
        return one
    if 2 <= last <= 4:
        return few
    return many


def _ru_gendered_ordinal(masculine: str, gender: _Gender) -> str:
    if gender == "m":
        return masculine
    if masculine.endswith("ий"):  # третий
        stem = masculine[:-2]
        return stem + ("ья" if gender == "f" else "ье")
    stem = masculine[:-2]  # -ый / -ой
    return stem + ("ая" if gender == "f" else "ое")


class _Russian(_Style):
    code: ClassVar[str] = "ru"
    language_name: ClassVar[Mapping[str, str]] = {
        "ar": "арабский",
        "zh": "китайский",
        "en": "английский",
        "fr": "французский",
        "ru": "русский",
        "es": "испанский",
    }

    def _day_month(self, d: date) -> str:
        return f"{d.day} {_month_name(d.month, 'ru')}"

    def date_long(self, d: date) -> str:
        return f"{self._day_month(d)} {d.year} года"

    def weekday_date(self, d: date) -> str:
        return f"{_weekday_name(d, 'ru')}, {self.date_long(d)}"

    def day_heading(self, d: date) -> str:
        return _capitalize(f"{_weekday_name(d, 'ru')}, {self._day_month(d)}")

    def date_span(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return self.date_long(start)
        first = self._start_part(
            start, end, str(start.day), self._day_month(start), self.date_long(start)
        )
        last = self.date_long(end)
        if kind == "two":
            return f"{first} и {last}"
        if start.month == end.month and start.year == end.year:
            return f"{first}{EN_DASH}{last}"
        return f"{first} {EN_DASH} {last}"

    def date_span_running(self, start: date, end: date) -> str:
        return self.date_span(start, end)

    @staticmethod
    def _clock(t: time, end_of_day: bool = False) -> str:
        hour = 24 if end_of_day else t.hour
        return f"{hour} ч. {t.minute:02d} м."

    def time_of_day(self, t: time) -> str:
        _minutes(t)
        return self._clock(t)

    def time_range(self, start: time, end: time) -> str:
        _check_time_range(start, end)
        last = self._clock(end, _is_end_midnight(start, end))
        return f"{self._clock(start)} {EN_DASH} {last}"

    def _cardinal(self, n: int, gender: _Gender) -> str:
        if n >= 100:
            return str(n)
        tens, units = _tens_units(n)
        if n < 20:
            tens, units = 0, n
        head = _RU_TENS[tens] if tens else ""
        if units == 0 and head:
            return head
        if units == 1:
            tail = {"m": "один", "f": "одна", "n": "одно"}[gender]
        elif units == 2:
            tail = "две" if gender == "f" else "два"
        else:
            tail = _RU_UNITS[units]
        return f"{head} {tail}" if head else tail

    def cardinal(self, n: int, counting: bool) -> str:
        return self._cardinal(n, "m")

    def count_phrase(self, n: int, noun: CountNoun) -> str:
        forms, gender = _RU_COUNT_NOUNS[noun]
        number = self._cardinal(n, gender) if n < _WORDS_BELOW else str(n)
        return f"{number} {_ru_form(n, forms)}"

    def _ordinal(self, n: int, gender: _Gender) -> str:
        if n >= 100:
            return f"{n}-" + {"m": "й", "f": "я", "n": "е"}[gender]
        if n < 20:
            return _ru_gendered_ordinal(_RU_ORDINAL_UNITS[n], gender)
        tens, units = _tens_units(n)
        if units == 0:
            return _ru_gendered_ordinal(_RU_ORDINAL_TENS[tens], gender)
        return f"{_RU_TENS[tens]} {_ru_gendered_ordinal(_RU_ORDINAL_UNITS[units], gender)}"

    def ordinal_word(self, n: int) -> str:
        return self._ordinal(n, "m")

    def ordinal(self, n: int, noun: OrdinalNoun) -> str:
        word, gender = _RU_ORDINAL_NOUNS[noun]
        return f"{self._ordinal(n, gender)} {word}"

    def join_list(self, items: Sequence[str]) -> str:
        if len(items) == 1:
            return items[0]
        return f"{', '.join(items[:-1])} и {items[-1]}"

    def item_number(self, path: tuple[int, ...]) -> str:
        return _closing_paren_number(path)

    def item_label(self, path: tuple[int, ...]) -> str:
        return _closing_paren_label(path)


# Arabic ---------------------------------------------------------------------------------------

#: The UN's spellings where they differ from CLDR's Egyptian-style names (يونيو, يوليو).
_AR_UN_MONTH_SPELLING: Final = {6: "يونيه", 7: "يوليه"}
_AR_UNITS: Final = _words("صفر واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة")
_AR_TENS: Final = _words("عشرون ثلاثون أربعون خمسون ستون سبعون ثمانون تسعون", pad=2)
#: 3-9 before a feminine plural (gender polarity: the number takes the masculine form).
_AR_UNITS_BEFORE_FEMININE: Final = ("", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع")
#: (singular genitive, singular accusative after 11-99, oblique dual, plural, gender).
_AR_COUNT_NOUNS: Final[dict[str, tuple[str, str, str, str, _Gender]]] = {
    "plenary_meeting": ("جلسة عامة", "جلسة عامة", "جلستين عامتين", "جلسات عامة", "f"),
    "day": ("يوم", "يوما", "يومين", "أيام", "m"),
    "meeting": ("اجتماع", "اجتماعا", "اجتماعين", "اجتماعات", "m"),
    "session": ("دورة", "دورة", "دورتين", "دورات", "f"),
}
_AR_ORDINALS_M: Final = _words(
    """
    الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر
    """,
    pad=1,
)
_AR_ORDINALS_F: Final = _words(
    """
    الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة
    """,
    pad=1,
)
_AR_ORDINAL_NOUNS: Final[dict[str, tuple[str, _Gender]]] = {
    "meeting": ("الاجتماع", "m"),
    "session": ("الدورة", "f"),
}


class _Arabic(_Style):
    code: ClassVar[str] = "ar"
    language_name: ClassVar[Mapping[str, str]] = {
        "ar": "العربية",
        "zh": "الصينية",
        "en": "الإنكليزية",
        "fr": "الفرنسية",
        "ru": "الروسية",
        "es": "الإسبانية",
    }

    @staticmethod
    def _month(month: int) -> str:
        levantine = _month_name(month, "ar_SY")
        gregorian = _AR_UN_MONTH_SPELLING.get(month) or _month_name(month, "ar")
        return f"{levantine}/{gregorian}"

    def _day_month(self, d: date) -> str:
        return f"{d.day} {self._month(d.month)}"

    def date_long(self, d: date) -> str:
        return f"{self._day_month(d)} {d.year}"

    def weekday_date(self, d: date) -> str:
        return f"{_weekday_name(d, 'ar')}، {self.date_long(d)}"

    def day_heading(self, d: date) -> str:
        return f"{_weekday_name(d, 'ar')}، {self._day_month(d)}"

    def _start(self, start: date, end: date) -> str:
        return self._start_part(
            start, end, str(start.day), self._day_month(start), self.date_long(start)
        )

    def date_span(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return self.date_long(start)
        first, last = self._start(start, end), self.date_long(end)
        if kind == "two":
            return f"{first} و{last}"
        if start.month == end.month and start.year == end.year:
            return f"{first}{EN_DASH}{last}"
        return f"{first} {EN_DASH} {last}"

    def date_span_running(self, start: date, end: date) -> str:
        kind = _span(start, end)
        if kind == "one":
            return f"في {self.date_long(start)}"
        first, last = self._start(start, end), self.date_long(end)
        if kind == "two":
            return f"يومي {first} و{last}"
        return f"في الفترة من {first} إلى {last}"

    @staticmethod
    def _clock(t: time, end_of_day: bool = False) -> str:
        hour = 24 if end_of_day else t.hour
        return f"{hour}:{t.minute:02d}"

    def time_of_day(self, t: time) -> str:
        _minutes(t)
        return self._clock(t)

    def time_range(self, start: time, end: time) -> str:
        _check_time_range(start, end)
        last = self._clock(end, _is_end_midnight(start, end))
        return f"{self._clock(start)}{EN_DASH}{last}"

    def cardinal(self, n: int, counting: bool) -> str:
        if n >= 100:
            return str(n)
        if n <= 10:
            return _AR_UNITS[n]
        if n == 11:
            return "أحد عشر"
        if n == 12:
            return "اثنا عشر"
        if n < 20:
            return f"{_AR_UNITS[n - 10]} عشر"
        tens, units = _tens_units(n)
        if units == 0:
            return _AR_TENS[tens]
        return f"{_AR_UNITS[units]} و{_AR_TENS[tens]}"

    def count_phrase(self, n: int, noun: CountNoun) -> str:
        genitive, accusative, dual, plural, gender = _AR_COUNT_NOUNS[noun]
        if n >= _WORDS_BELOW:
            rest = n % 100
            if 3 <= rest <= 10:
                return f"{n} {plural}"
            if 11 <= rest <= 99:
                return f"{n} {accusative}"
            return f"{n} {genitive}"
        if n == 0:
            return f"{_AR_UNITS[0]} {genitive}"
        if n == 1:
            return f"{genitive} {'واحدة' if gender == 'f' else 'واحد'}"
        if n == 2:
            return dual
        number = _AR_UNITS_BEFORE_FEMININE[n] if gender == "f" else _AR_UNITS[n]
        return f"{number} {plural}"

    def _ordinal(self, n: int, gender: _Gender) -> str:
        if n >= 100:
            return str(n)
        units_table = _AR_ORDINALS_F if gender == "f" else _AR_ORDINALS_M
        if n <= 10:
            return units_table[n]
        tens, units = _tens_units(n)
        # In compounds 1 is الحادي / الحادية, not الأول / الأولى.
        unit = ("الحادية" if gender == "f" else "الحادي") if units == 1 else units_table[units]
        if tens == 1:
            return f"{unit} {'عشرة' if gender == 'f' else 'عشر'}"
        ten = "ال" + _AR_TENS[tens]
        return f"{unit} و{ten}" if units else ten

    def ordinal_word(self, n: int) -> str:
        return self._ordinal(n, "m")

    def ordinal(self, n: int, noun: OrdinalNoun) -> str:
        word, gender = _AR_ORDINAL_NOUNS[noun]
        return f"{word} {self._ordinal(n, gender)}"

    def join_list(self, items: Sequence[str]) -> str:
        return " و".join(items)

    def item_number(self, path: tuple[int, ...]) -> str:
        parts = [str(path[0])]
        if len(path) > 1:
            parts.append(f"({_letter(path[1], _ABJAD)})")
        if len(path) > 2:
            parts.append(f"'{path[2]}'")
        return " ".join(parts)

    def item_label(self, path: tuple[int, ...]) -> str:
        if len(path) == 1:
            return f"{path[0]}-"
        if len(path) == 2:
            return f"({_letter(path[1], _ABJAD)})"
        return f"'{path[2]}'"


_STYLES: Final[dict[str, _Style]] = {
    style.code: style
    for style in (_Arabic(), _Chinese(), _English(), _French(), _Russian(), _Spanish())
}


def _style(lang: str) -> _Style:
    try:
        return _STYLES[lang]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}"
        ) from None


# --- public API --------------------------------------------------------------------------------


def date_long(d: date, lang: str) -> str:
    """A date as UN documents write it: "2 July 2018", "2018年7月2日", "2 июля 2018 года"."""
    return _style(lang).date_long(d)


def weekday_date(d: date, lang: str) -> str:
    """The date with its weekday, as in an opening sentence: "Monday, 2 July 2018"."""
    return _style(lang).weekday_date(d)


def day_heading(d: date, lang: str) -> str:
    """A day header in the organization-of-work table: "Monday, 2 July", "7月2日，星期一"."""
    return _style(lang).day_heading(d)


def date_span(start: date, end: date, lang: str) -> str:
    """The dates of a meeting as in a masthead or dateline: "2 and 3 July 2018", "27–29 January
    2010", "2008年10月8日至17日". Two consecutive days are joined with "and" (zh: 和 within a
    month, 至 across months); three days or more are a range."""
    return _style(lang).date_span(start, end)


def date_span_running(start: date, end: date, lang: str) -> str:
    """The dates in running text with their preposition: "on 2 and 3 July 2018", "from 27 to 29
    January 2010". Chinese and Russian have no preposition here (same as :func:`date_span`)."""
    return _style(lang).date_span_running(start, end)


def time_of_day(t: time, lang: str) -> str:
    """A clock time: "10 a.m.", "3.30 p.m.", "noon"; "上午10时"; "15 h 30"; "10.00 horas"."""
    return _style(lang).time_of_day(t)


def time_range(start: time, end: time, lang: str) -> str:
    """A meeting slot: "10 a.m.–1 p.m.", "3–6 p.m."; "上午10时至下午1时", "下午3时至6时".

    An end at 00:00 means midnight at the end of the day."""
    return _style(lang).time_range(start, end)


def cardinal(n: int, lang: str, *, counting: bool = True) -> str:
    """A number in words from 0 to 99, in figures from 100: "four", "四", "quatre".

    Chinese: ``counting=True`` gives 两 for 2 (before a measure word), otherwise 二. Words are
    the citation forms (masculine where the language has genders); :func:`count_phrase` makes
    them agree with a noun."""
    style = _style(lang)
    _check_count(n)
    return style.cardinal(n, counting)


def count_phrase(n: int, noun: CountNoun, lang: str) -> str:
    """A number of things, agreed: "four plenary meetings", "两天", "пять дней", "dos días".

    Words under 10 and figures from 10 ("12 days"), as the Editorial Manual asks for English."""
    style = _style(lang)
    _check_count(n)
    if noun not in COUNT_NOUNS:
        raise ValueError(f"unknown noun {noun!r}; expected one of {', '.join(COUNT_NOUNS)}")
    return style.count_phrase(n, noun)


def ordinal_word(n: int, lang: str) -> str:
    """An ordinal on its own: "eighth", "第八", "huitième", "octavo", "восьмой", "الثامن"."""
    style = _style(lang)
    _check_count(n, minimum=1)
    return style.ordinal_word(n)


def ordinal(n: int, lang: str, noun: OrdinalNoun) -> str:
    """The ordinal agreed with its noun, in the language's word order: "eighth meeting",
    "第九届会议", "première réunion", "noveno período de sesiones", "девятая сессия",
    "الدورة التاسعة"."""
    style = _style(lang)
    _check_count(n, minimum=1)
    if noun not in ORDINAL_NOUNS:
        raise ValueError(f"unknown noun {noun!r}; expected one of {', '.join(ORDINAL_NOUNS)}")
    return style.ordinal(n, noun)


def join_list(items: Sequence[str], lang: str) -> str:
    """A list in running text: "a, b and c" (no serial comma), "a、b和c", "a, b et c",
    "a, b y c", "a, b и c", "a وb وc"."""
    style = _style(lang)
    if isinstance(items, str):
        raise ValueError("join_list takes a sequence of strings, not one string")
    if not items:
        raise ValueError("cannot join an empty list")
    return style.join_list(list(items))


def language_names(langs: Sequence[str], lang: str) -> str:
    """The names of ``langs`` as a list in running text, in the order the document language
    lists them (alphabetical; the UN order in Chinese): "Arabic, English and French",
    "阿拉伯文、英文和法文", "anglais, arabe et français"."""
    style = _style(lang)
    codes = list(langs)
    for code in codes:
        _style(code)
    if len(set(codes)) != len(codes):
        raise ValueError(f"a language is listed twice in {codes!r}")
    ordered = style.language_order(codes)
    return join_list([style.language_name[code] for code in ordered], lang)


def item_number(path: Sequence[int], lang: str) -> str:
    """The agenda item number in references and tables, from 1-based positions:
    en (2, 3) -> "2 (c)", (1, 2, 1) -> "1 (b) (i)"; zh "2(c)"; fr, es, ru "2 c)"; ar "2 (ج)"."""
    style = _style(lang)
    return style.item_number(_check_path(path))


def item_label(path: Sequence[int], lang: str) -> str:
    """The label shown before an item in the agenda list: "1.", "(a)", "(i)"; fr, es, ru "a)",
    "i)"; ar "1-", "(أ)", "'1'"."""
    style = _style(lang)
    return style.item_label(_check_path(path))


#: A Han character (with the CJK punctuation-free ranges UN Chinese text uses) and a figure or
#: Latin letter written against each other.
_HAN: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_THEN_LATIN: Final = re.compile(f"([{_HAN}])([A-Za-z0-9])")
_LATIN_THEN_CJK: Final = re.compile(f"([A-Za-z0-9)])([{_HAN}])")  # "1(b) 和 2" too


def figure_spacing(text: str, lang: str) -> str:
    """``text`` as ``lang`` sets figures and Latin letters beside its own script. Chinese: with one space between a Chinese character and a figure or Latin letter,
    as UN Chinese documents set them ("2018 年 7 月 2 日", "项目 2", "第 7/1 号决议"; seed 004
    has 69 such joins spaced and 4 tight). Existing spaces are kept, none is doubled; figures next
    to full-width punctuation ("（CTOC/COP/WG.4/2018/2）") stay tight. The one rule for
    generated and typed Chinese text alike. The other languages: unchanged."""
    _style(lang)
    if lang != "zh":
        return text
    return _LATIN_THEN_CJK.sub(r"\1 \2", _CJK_THEN_LATIN.sub(r"\1 \2", text))


@cache
def exemplar_city(timezone: str, lang: str) -> str | None:
    """CLDR's exemplar city of an IANA time zone in ``lang`` ("Europe/Vienna": "Vienne",
    "Viena", "Вена", "فيينا", "维也纳"), or None for a zone CLDR gives no city."""
    _style(lang)
    try:
        city = get_timezone_location(timezone, locale=lang, return_city=True)
    except (LookupError, UnknownLocaleError, ValueError):
        return None
    return str(city) if city and city != timezone else None


#: Russian weekdays after "в" (accusative): "в среду", "в пятницу", "в субботу".
_RU_WEEKDAY_ACCUSATIVE: Final = {"среда": "среду", "пятница": "пятницу", "суббота": "субботу"}


def weekday_date_governed(d: date, lang: str) -> str:
    """The weekday and date as they follow a preposition in a sentence ("в среду, 4 июля 2018
    года"); the same as :func:`weekday_date` in the languages that do not decline it."""
    text = _style(lang).weekday_date(d)
    if lang == "ru":
        weekday, rest = text.split(", ", 1)
        return f"{_RU_WEEKDAY_ACCUSATIVE.get(weekday, weekday)}, {rest}"
    return text
