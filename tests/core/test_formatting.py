"""UN editorial style in six languages: tables of cases per function and language.

English and Chinese cases come from UN documents (un-conventions.md, seed 004, A/RES/64/178);
the others follow the rules recorded in the docstring of planner.core.formatting.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest
from babel.dates import get_month_names

from planner.core import formatting as fmt
from planner.core.languages import LANGUAGES

D = date
T = time

# --- date_long ---------------------------------------------------------------------------------

DATE_LONG = [
    (D(2018, 7, 2), "en", "2 July 2018"),
    (D(2015, 8, 19), "en", "19 August 2015"),
    (D(2018, 7, 2), "zh", "2018年7月2日"),
    (D(2008, 10, 8), "zh", "2008年10月8日"),
    (D(2018, 7, 2), "fr", "2 juillet 2018"),
    (D(2018, 7, 1), "fr", "1er juillet 2018"),
    (D(2009, 12, 9), "fr", "9 décembre 2009"),
    (D(2018, 7, 2), "es", "2 de julio de 2018"),
    (D(2018, 7, 1), "es", "1 de julio de 2018"),
    (D(2010, 2, 17), "es", "17 de febrero de 2010"),
    (D(2018, 7, 2), "ru", "2 июля 2018 года"),
    (D(2009, 12, 9), "ru", "9 декабря 2009 года"),
    (D(2018, 7, 2), "ar", "2 تموز/يوليه 2018"),
    (D(2018, 6, 26), "ar", "26 حزيران/يونيه 2018"),
    (D(2010, 1, 27), "ar", "27 كانون الثاني/يناير 2010"),
    (D(2015, 9, 25), "ar", "25 أيلول/سبتمبر 2015"),
]


@pytest.mark.parametrize(("d", "lang", "expected"), DATE_LONG)
def test_date_long_writes_the_date_in_un_style(d: date, lang: str, expected: str) -> None:
    assert fmt.date_long(d, lang) == expected


# --- weekday_date and day_heading --------------------------------------------------------------

WEEKDAY_DATE = [
    (D(2018, 7, 2), "en", "Monday, 2 July 2018"),
    (D(2015, 11, 1), "en", "Sunday, 1 November 2015"),
    (D(2018, 7, 2), "zh", "2018年7月2日星期一"),
    (D(2008, 10, 8), "zh", "2008年10月8日星期三"),
    (D(2018, 7, 2), "fr", "lundi 2 juillet 2018"),
    (D(2018, 7, 1), "fr", "dimanche 1er juillet 2018"),
    (D(2018, 7, 2), "es", "lunes 2 de julio de 2018"),
    (D(2018, 7, 2), "ru", "понедельник, 2 июля 2018 года"),
    (D(2018, 7, 2), "ar", "الاثنين، 2 تموز/يوليه 2018"),
]


@pytest.mark.parametrize(("d", "lang", "expected"), WEEKDAY_DATE)
def test_weekday_date_is_the_opening_sentence_form(d: date, lang: str, expected: str) -> None:
    assert fmt.weekday_date(d, lang) == expected


DAY_HEADING = [
    (D(2018, 7, 2), "en", "Monday, 2 July"),
    (D(2012, 10, 15), "en", "Monday, 15 October"),
    (D(2018, 7, 2), "zh", "7月2日，星期一"),
    (D(2018, 7, 3), "zh", "7月3日，星期二"),
    (D(2018, 7, 2), "fr", "Lundi 2 juillet"),
    (D(2018, 7, 1), "fr", "Dimanche 1er juillet"),
    (D(2018, 7, 2), "es", "Lunes 2 de julio"),
    (D(2018, 7, 4), "es", "Miércoles 4 de julio"),
    (D(2018, 7, 2), "ru", "Понедельник, 2 июля"),
    (D(2018, 7, 2), "ar", "الاثنين، 2 تموز/يوليه"),
]


@pytest.mark.parametrize(("d", "lang", "expected"), DAY_HEADING)
def test_day_heading_is_the_table_header_form(d: date, lang: str, expected: str) -> None:
    assert fmt.day_heading(d, lang) == expected


# --- date_span ---------------------------------------------------------------------------------

ONE = (D(2018, 7, 2), D(2018, 7, 2))
TWO = (D(2018, 7, 2), D(2018, 7, 3))
RANGE = (D(2010, 1, 27), D(2010, 1, 29))
TWO_ACROSS_MONTHS = (D(2008, 6, 30), D(2008, 7, 1))
RANGE_ACROSS_MONTHS = (D(2008, 6, 30), D(2008, 7, 2))
TWO_ACROSS_YEARS = (D(2018, 12, 31), D(2019, 1, 1))
RANGE_ACROSS_YEARS = (D(2018, 12, 30), D(2019, 1, 2))
FROM_THE_FIRST = (D(2018, 7, 1), D(2018, 7, 3))
TWO_FROM_THE_FIRST = (D(2018, 7, 1), D(2018, 7, 2))

DATE_SPAN = [
    (ONE, "en", "2 July 2018"),
    (TWO, "en", "2 and 3 July 2018"),
    (RANGE, "en", "27–29 January 2010"),
    (TWO_ACROSS_MONTHS, "en", "30 June and 1 July 2008"),
    (RANGE_ACROSS_MONTHS, "en", "30 June–2 July 2008"),
    (TWO_ACROSS_YEARS, "en", "31 December 2018 and 1 January 2019"),
    (RANGE_ACROSS_YEARS, "en", "30 December 2018–2 January 2019"),
    (ONE, "zh", "2018年7月2日"),
    (TWO, "zh", "2018年7月2日和3日"),
    ((D(2008, 10, 8), D(2008, 10, 17)), "zh", "2008年10月8日至17日"),
    (TWO_ACROSS_MONTHS, "zh", "2008年6月30日至7月1日"),
    (RANGE_ACROSS_MONTHS, "zh", "2008年6月30日至7月2日"),
    (TWO_ACROSS_YEARS, "zh", "2018年12月31日至2019年1月1日"),
    (RANGE_ACROSS_YEARS, "zh", "2018年12月30日至2019年1月2日"),
    (ONE, "fr", "2 juillet 2018"),
    (TWO, "fr", "2 et 3 juillet 2018"),
    (TWO_FROM_THE_FIRST, "fr", "1er et 2 juillet 2018"),
    (RANGE, "fr", "27–29 janvier 2010"),
    (FROM_THE_FIRST, "fr", "1er–3 juillet 2018"),
    (TWO_ACROSS_MONTHS, "fr", "30 juin et 1er juillet 2008"),
    (RANGE_ACROSS_MONTHS, "fr", "30 juin–2 juillet 2008"),
    (RANGE_ACROSS_YEARS, "fr", "30 décembre 2018–2 janvier 2019"),
    (ONE, "es", "2 de julio de 2018"),
    (TWO, "es", "2 y 3 de julio de 2018"),
    (RANGE, "es", "27 a 29 de enero de 2010"),
    (TWO_ACROSS_MONTHS, "es", "30 de junio y 1 de julio de 2008"),
    (RANGE_ACROSS_MONTHS, "es", "30 de junio a 2 de julio de 2008"),
    (RANGE_ACROSS_YEARS, "es", "30 de diciembre de 2018 a 2 de enero de 2019"),
    (ONE, "ru", "2 июля 2018 года"),
    (TWO, "ru", "2 и 3 июля 2018 года"),
    (RANGE, "ru", "27–29 января 2010 года"),
    (TWO_ACROSS_MONTHS, "ru", "30 июня и 1 июля 2008 года"),
    (RANGE_ACROSS_MONTHS, "ru", "30 июня – 2 июля 2008 года"),
    (RANGE_ACROSS_YEARS, "ru", "30 декабря 2018 года – 2 января 2019 года"),
    (ONE, "ar", "2 تموز/يوليه 2018"),
    (TWO, "ar", "2 و3 تموز/يوليه 2018"),
    (RANGE, "ar", "27–29 كانون الثاني/يناير 2010"),
    (TWO_ACROSS_MONTHS, "ar", "30 حزيران/يونيه و1 تموز/يوليه 2008"),
    (RANGE_ACROSS_MONTHS, "ar", "30 حزيران/يونيه – 2 تموز/يوليه 2008"),
    (RANGE_ACROSS_YEARS, "ar", "30 كانون الأول/ديسمبر 2018 – 2 كانون الثاني/يناير 2019"),
]


@pytest.mark.parametrize(("span", "lang", "expected"), DATE_SPAN)
def test_date_span_is_the_dateline_form(span: tuple[date, date], lang: str, expected: str) -> None:
    assert fmt.date_span(*span, lang) == expected


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru", "ar"])
def test_date_span_ranges_use_an_en_dash_or_a_word_never_a_hyphen(lang: str) -> None:
    text = fmt.date_span(*RANGE, lang)
    assert "-" not in text


DATE_SPAN_RUNNING = [
    (ONE, "en", "on 2 July 2018"),
    (TWO, "en", "on 2 and 3 July 2018"),
    (RANGE, "en", "from 27 to 29 January 2010"),
    (TWO_ACROSS_MONTHS, "en", "on 30 June and 1 July 2008"),
    (RANGE_ACROSS_MONTHS, "en", "from 30 June to 2 July 2008"),
    (RANGE_ACROSS_YEARS, "en", "from 30 December 2018 to 2 January 2019"),
    (ONE, "fr", "le 2 juillet 2018"),
    ((D(2018, 7, 1), D(2018, 7, 1)), "fr", "le 1er juillet 2018"),
    (TWO, "fr", "les 2 et 3 juillet 2018"),
    (RANGE, "fr", "du 27 au 29 janvier 2010"),
    (FROM_THE_FIRST, "fr", "du 1er au 3 juillet 2018"),
    (RANGE_ACROSS_YEARS, "fr", "du 30 décembre 2018 au 2 janvier 2019"),
    (ONE, "es", "el 2 de julio de 2018"),
    (TWO, "es", "los días 2 y 3 de julio de 2018"),
    (RANGE, "es", "del 27 al 29 de enero de 2010"),
    (RANGE_ACROSS_MONTHS, "es", "del 30 de junio al 2 de julio de 2008"),
    (ONE, "ru", "2 июля 2018 года"),
    (TWO, "ru", "2 и 3 июля 2018 года"),
    (RANGE, "ru", "27–29 января 2010 года"),
    (ONE, "ar", "في 2 تموز/يوليه 2018"),
    (TWO, "ar", "يومي 2 و3 تموز/يوليه 2018"),
    (RANGE, "ar", "في الفترة من 27 إلى 29 كانون الثاني/يناير 2010"),
]


@pytest.mark.parametrize(("span", "lang", "expected"), DATE_SPAN_RUNNING)
def test_date_span_running_carries_its_preposition(
    span: tuple[date, date], lang: str, expected: str
) -> None:
    assert fmt.date_span_running(*span, lang) == expected


@pytest.mark.parametrize(
    "span", [ONE, TWO, RANGE, TWO_ACROSS_MONTHS, RANGE_ACROSS_MONTHS, RANGE_ACROSS_YEARS]
)
def test_date_span_running_in_chinese_is_the_dateline_form(span: tuple[date, date]) -> None:
    assert fmt.date_span_running(*span, "zh") == fmt.date_span(*span, "zh")


@pytest.mark.parametrize("function", [fmt.date_span, fmt.date_span_running])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_date_spans_refuse_an_end_before_the_start(
    function: Callable[[date, date, str], str], lang: str
) -> None:
    with pytest.raises(ValueError, match="before it starts"):
        function(D(2018, 7, 3), D(2018, 7, 2), lang)


# --- time_of_day and time_range ----------------------------------------------------------------

TIME_OF_DAY = [
    (T(10), "en", "10 a.m."),
    (T(15), "en", "3 p.m."),
    (T(15, 30), "en", "3.30 p.m."),
    (T(9, 5), "en", "9.05 a.m."),
    (T(12), "en", "noon"),
    (T(0), "en", "midnight"),
    (T(12, 30), "en", "12.30 p.m."),
    (T(0, 30), "en", "12.30 a.m."),
    (T(10), "zh", "上午10时"),
    (T(15), "zh", "下午3时"),
    (T(15, 30), "zh", "下午3时30分"),
    (T(9, 45), "zh", "上午9时45分"),
    (T(12), "zh", "中午12时"),
    (T(0), "zh", "午夜12时"),
    (T(10), "fr", "10 heures"),
    (T(15, 30), "fr", "15 h 30"),
    (T(9, 5), "fr", "9 h 05"),
    (T(1), "fr", "1 heure"),
    (T(12), "fr", "12 heures"),
    (T(0), "fr", "minuit"),
    (T(10), "es", "10.00 horas"),
    (T(15, 30), "es", "15.30 horas"),
    (T(12), "es", "12.00 horas"),
    (T(0), "es", "0.00 horas"),
    (T(10), "ru", "10 ч. 00 м."),
    (T(15, 30), "ru", "15 ч. 30 м."),
    (T(9, 5), "ru", "9 ч. 05 м."),
    (T(10), "ar", "10:00"),
    (T(15, 30), "ar", "15:30"),
]


@pytest.mark.parametrize(("t", "lang", "expected"), TIME_OF_DAY)
def test_time_of_day_is_written_in_un_style(t: time, lang: str, expected: str) -> None:
    assert fmt.time_of_day(t, lang) == expected


TIME_RANGE = [
    (T(10), T(13), "en", "10 a.m.–1 p.m."),
    (T(15), T(18), "en", "3–6 p.m."),
    (T(9, 30), T(11), "en", "9.30–11 a.m."),
    (T(13, 15), T(14, 30), "en", "1.15–2.30 p.m."),
    (T(11), T(12), "en", "11 a.m.–noon"),
    (T(12), T(15), "en", "noon–3 p.m."),
    (T(22), T(0), "en", "10 p.m.–midnight"),
    (T(10), T(13), "zh", "上午10时至下午1时"),
    (T(15), T(18), "zh", "下午3时至6时"),
    (T(9, 30), T(11), "zh", "上午9时30分至11时"),
    (T(10), T(12), "zh", "上午10时至中午12时"),
    (T(12), T(15), "zh", "中午12时至下午3时"),
    (T(10), T(13), "fr", "10 heures–13 heures"),
    (T(15), T(18), "fr", "15 heures–18 heures"),
    (T(13, 15), T(14, 30), "fr", "13 h 15–14 h 30"),
    (T(10), T(13), "es", "10.00 a 13.00 horas"),
    (T(22), T(0), "es", "22.00 a 24.00 horas"),
    (T(10), T(13), "ru", "10 ч. 00 м. – 13 ч. 00 м."),
    (T(10), T(13), "ar", "10:00–13:00"),
    (T(22), T(0), "ar", "22:00–24:00"),
]


@pytest.mark.parametrize(("start", "end", "lang", "expected"), TIME_RANGE)
def test_time_range_is_the_meeting_slot_form(
    start: time, end: time, lang: str, expected: str
) -> None:
    assert fmt.time_range(start, end, lang) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("start", "end"), [(T(13), T(10)), (T(10), T(10)), (T(0), T(0))])
def test_time_range_refuses_a_range_that_does_not_run_forwards(
    start: time, end: time, lang: str
) -> None:
    with pytest.raises(ValueError, match="at or before it starts"):
        fmt.time_range(start, end, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_times_with_seconds_are_refused(lang: str) -> None:
    with pytest.raises(ValueError, match="whole minutes"):
        fmt.time_of_day(T(10, 0, 30), lang)


# --- cardinal and count_phrase -----------------------------------------------------------------

CARDINAL = [
    (4, "en", "four"),
    (2, "en", "two"),
    (0, "en", "zero"),
    (11, "en", "eleven"),
    (21, "en", "twenty-one"),
    (40, "en", "forty"),
    (99, "en", "ninety-nine"),
    (100, "en", "100"),
    (4, "zh", "四"),
    (2, "zh", "两"),
    (10, "zh", "十"),
    (12, "zh", "十二"),
    (21, "zh", "二十一"),
    (99, "zh", "九十九"),
    (100, "zh", "100"),
    (4, "fr", "quatre"),
    (21, "fr", "vingt et un"),
    (22, "fr", "vingt-deux"),
    (71, "fr", "soixante et onze"),
    (77, "fr", "soixante-dix-sept"),
    (80, "fr", "quatre-vingts"),
    (81, "fr", "quatre-vingt-un"),
    (91, "fr", "quatre-vingt-onze"),
    (4, "es", "cuatro"),
    (16, "es", "dieciséis"),
    (21, "es", "veintiuno"),
    (22, "es", "veintidós"),
    (31, "es", "treinta y uno"),
    (99, "es", "noventa y nueve"),
    (4, "ru", "четыре"),
    (2, "ru", "два"),
    (21, "ru", "двадцать один"),
    (40, "ru", "сорок"),
    (99, "ru", "девяносто девять"),
    (4, "ar", "أربعة"),
    (11, "ar", "أحد عشر"),
    (12, "ar", "اثنا عشر"),
    (13, "ar", "ثلاثة عشر"),
    (21, "ar", "واحد وعشرون"),
    (40, "ar", "أربعون"),
]


@pytest.mark.parametrize(("n", "lang", "expected"), CARDINAL)
def test_cardinal_spells_out_numbers_under_100(n: int, lang: str, expected: str) -> None:
    assert fmt.cardinal(n, lang) == expected


def test_cardinal_two_in_chinese_is_er_when_not_counting() -> None:
    assert fmt.cardinal(2, "zh", counting=False) == "二"


def test_cardinal_twelve_in_chinese_keeps_er_even_when_counting() -> None:
    assert fmt.cardinal(12, "zh", counting=True) == "十二"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cardinal_refuses_negative_numbers(lang: str) -> None:
    with pytest.raises(ValueError, match="at least 0"):
        fmt.cardinal(-1, lang)


COUNT_PHRASE = [
    (4, "plenary_meeting", "en", "four plenary meetings"),
    (1, "plenary_meeting", "en", "one plenary meeting"),
    (1, "day", "en", "one day"),
    (2, "day", "en", "two days"),
    (2, "session", "en", "two sessions"),
    (12, "meeting", "en", "12 meetings"),
    (4, "plenary_meeting", "zh", "四场全体会议"),
    (2, "plenary_meeting", "zh", "两场全体会议"),
    (2, "day", "zh", "两天"),
    (2, "meeting", "zh", "两次会议"),
    (2, "session", "zh", "两届会议"),
    (12, "day", "zh", "12天"),
    (4, "plenary_meeting", "fr", "quatre séances plénières"),
    (1, "plenary_meeting", "fr", "une séance plénière"),
    (2, "day", "fr", "deux jours"),
    (1, "day", "fr", "un jour"),
    (1, "meeting", "fr", "une réunion"),
    (4, "plenary_meeting", "es", "cuatro sesiones plenarias"),
    (1, "plenary_meeting", "es", "una sesión plenaria"),
    (2, "day", "es", "dos días"),
    (1, "day", "es", "un día"),
    (1, "session", "es", "un período de sesiones"),
    (3, "session", "es", "tres períodos de sesiones"),
    (4, "plenary_meeting", "ru", "четыре пленарных заседания"),
    (1, "plenary_meeting", "ru", "одно пленарное заседание"),
    (5, "plenary_meeting", "ru", "пять пленарных заседаний"),
    (2, "day", "ru", "два дня"),
    (5, "day", "ru", "пять дней"),
    (1, "day", "ru", "один день"),
    (2, "session", "ru", "две сессии"),
    (1, "session", "ru", "одна сессия"),
    (11, "day", "ru", "11 дней"),
    (12, "plenary_meeting", "ru", "12 пленарных заседаний"),
    (21, "plenary_meeting", "ru", "21 пленарное заседание"),
    (22, "day", "ru", "22 дня"),
    (4, "plenary_meeting", "ar", "أربع جلسات عامة"),
    (1, "plenary_meeting", "ar", "جلسة عامة واحدة"),
    (2, "plenary_meeting", "ar", "جلستين عامتين"),
    (2, "day", "ar", "يومين"),
    (3, "day", "ar", "ثلاثة أيام"),
    (8, "session", "ar", "ثماني دورات"),
    (12, "day", "ar", "12 يوما"),
    (10, "day", "ar", "10 أيام"),
]


@pytest.mark.parametrize(("n", "noun", "lang", "expected"), COUNT_PHRASE)
def test_count_phrase_agrees_number_and_noun(
    n: int, noun: fmt.CountNoun, lang: str, expected: str
) -> None:
    assert fmt.count_phrase(n, noun, lang) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_count_phrase_refuses_an_unknown_noun(lang: str) -> None:
    with pytest.raises(ValueError, match="unknown noun"):
        fmt.count_phrase(2, "week", lang)  # type: ignore[arg-type]


# --- ordinals ----------------------------------------------------------------------------------

ORDINAL_WORD = [
    (1, "en", "first"),
    (2, "en", "second"),
    (3, "en", "third"),
    (8, "en", "eighth"),
    (11, "en", "eleventh"),
    (12, "en", "twelfth"),
    (13, "en", "thirteenth"),
    (21, "en", "twenty-first"),
    (22, "en", "twenty-second"),
    (40, "en", "fortieth"),
    (99, "en", "ninety-ninth"),
    (101, "en", "101st"),
    (111, "en", "111th"),
    (8, "zh", "第八"),
    (2, "zh", "第二"),
    (21, "zh", "第二十一"),
    (1, "fr", "premier"),
    (8, "fr", "huitième"),
    (5, "fr", "cinquième"),
    (9, "fr", "neuvième"),
    (8, "es", "octavo"),
    (1, "es", "primero"),
    (11, "es", "11º"),
    (8, "ru", "восьмой"),
    (3, "ru", "третий"),
    (8, "ar", "الثامن"),
]


@pytest.mark.parametrize(("n", "lang", "expected"), ORDINAL_WORD)
def test_ordinal_word_stands_alone(n: int, lang: str, expected: str) -> None:
    assert fmt.ordinal_word(n, lang) == expected


ORDINAL = [
    (8, "en", "meeting", "eighth meeting"),
    (9, "en", "session", "ninth session"),
    (21, "en", "session", "twenty-first session"),
    (1, "en", "meeting", "first meeting"),
    (99, "en", "session", "ninety-ninth session"),
    (8, "zh", "meeting", "第八次会议"),
    (9, "zh", "session", "第九届会议"),
    (21, "zh", "session", "第二十一届会议"),
    (2, "zh", "meeting", "第二次会议"),
    (12, "zh", "meeting", "第十二次会议"),
    (40, "zh", "session", "第四十届会议"),
    (8, "fr", "meeting", "huitième réunion"),
    (9, "fr", "session", "neuvième session"),
    (1, "fr", "meeting", "première réunion"),
    (1, "fr", "session", "première session"),
    (2, "fr", "session", "deuxième session"),
    (3, "fr", "session", "troisième session"),
    (11, "fr", "meeting", "onzième réunion"),
    (12, "fr", "meeting", "douzième réunion"),
    (13, "fr", "meeting", "treizième réunion"),
    (21, "fr", "session", "vingt et unième session"),
    (22, "fr", "session", "vingt-deuxième session"),
    (40, "fr", "session", "quarantième session"),
    (71, "fr", "session", "soixante et onzième session"),
    (80, "fr", "session", "quatre-vingtième session"),
    (99, "fr", "session", "quatre-vingt-dix-neuvième session"),
    (8, "es", "meeting", "octava reunión"),
    (9, "es", "session", "noveno período de sesiones"),
    (1, "es", "session", "primer período de sesiones"),
    (1, "es", "meeting", "primera reunión"),
    (2, "es", "session", "segundo período de sesiones"),
    (3, "es", "session", "tercer período de sesiones"),
    (3, "es", "meeting", "tercera reunión"),
    (10, "es", "session", "décimo período de sesiones"),
    (11, "es", "meeting", "11ª reunión"),
    (12, "es", "session", "12º período de sesiones"),
    (21, "es", "session", "21º período de sesiones"),
    (99, "es", "meeting", "99ª reunión"),
    (8, "ru", "meeting", "восьмое совещание"),
    (9, "ru", "session", "девятая сессия"),
    (1, "ru", "meeting", "первое совещание"),
    (3, "ru", "session", "третья сессия"),
    (3, "ru", "meeting", "третье совещание"),
    (4, "ru", "session", "четвертая сессия"),
    (11, "ru", "session", "одиннадцатая сессия"),
    (13, "ru", "meeting", "тринадцатое совещание"),
    (21, "ru", "session", "двадцать первая сессия"),
    (22, "ru", "meeting", "двадцать второе совещание"),
    (40, "ru", "session", "сороковая сессия"),
    (99, "ru", "meeting", "девяносто девятое совещание"),
    (8, "ar", "meeting", "الاجتماع الثامن"),
    (9, "ar", "session", "الدورة التاسعة"),
    (1, "ar", "meeting", "الاجتماع الأول"),
    (1, "ar", "session", "الدورة الأولى"),
    (11, "ar", "meeting", "الاجتماع الحادي عشر"),
    (11, "ar", "session", "الدورة الحادية عشرة"),
    (12, "ar", "session", "الدورة الثانية عشرة"),
    (21, "ar", "session", "الدورة الحادية والعشرون"),
    (22, "ar", "meeting", "الاجتماع الثاني والعشرون"),
    (40, "ar", "session", "الدورة الأربعون"),
    (99, "ar", "meeting", "الاجتماع التاسع والتسعون"),
]


@pytest.mark.parametrize(("n", "lang", "noun", "expected"), ORDINAL)
def test_ordinal_agrees_with_its_noun(
    n: int, lang: str, noun: fmt.OrdinalNoun, expected: str
) -> None:
    assert fmt.ordinal(n, lang, noun) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ordinal_refuses_zero(lang: str) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        fmt.ordinal(0, lang, "meeting")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ordinal_refuses_an_unknown_noun(lang: str) -> None:
    with pytest.raises(ValueError, match="unknown noun"):
        fmt.ordinal(2, lang, "conference")  # type: ignore[arg-type]


# --- lists and language names ------------------------------------------------------------------

JOIN_LIST = [
    (["a"], "en", "a"),
    (["a", "b"], "en", "a and b"),
    (["a", "b", "c"], "en", "a, b and c"),
    (["甲", "乙"], "zh", "甲和乙"),
    (["甲", "乙", "丙"], "zh", "甲、乙和丙"),
    (["a", "b", "c"], "fr", "a, b et c"),
    (["a", "b", "c"], "es", "a, b y c"),
    (["francés", "inglés"], "es", "francés e inglés"),
    (["padres", "hijos"], "es", "padres e hijos"),
    (["agua", "hielo"], "es", "agua y hielo"),
    (["a", "b", "c"], "ru", "a, b и c"),
    (["أ", "ب", "ج"], "ar", "أ وب وج"),
]


@pytest.mark.parametrize(("items", "lang", "expected"), JOIN_LIST)
def test_join_list_has_no_serial_comma(items: list[str], lang: str, expected: str) -> None:
    assert fmt.join_list(items, lang) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_join_list_refuses_an_empty_list(lang: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        fmt.join_list([], lang)


LANGUAGE_NAMES = [
    (["ar", "en", "fr"], "en", "Arabic, English and French"),
    (["fr", "en", "ar"], "en", "Arabic, English and French"),
    (list(LANGUAGES), "en", "Arabic, Chinese, English, French, Russian and Spanish"),
    (["ar", "en", "fr"], "zh", "阿拉伯文、英文和法文"),
    (list(LANGUAGES), "zh", "阿拉伯文、中文、英文、法文、俄文和西班牙文"),
    (["ar", "en", "fr"], "fr", "anglais, arabe et français"),
    (list(LANGUAGES), "fr", "anglais, arabe, chinois, espagnol, français et russe"),
    (["ar", "en", "fr"], "es", "árabe, francés e inglés"),
    (list(LANGUAGES), "es", "árabe, chino, español, francés, inglés y ruso"),
    (["ar", "en", "fr"], "ru", "английский, арабский и французский"),
    (list(LANGUAGES), "ru", "английский, арабский, испанский, китайский, русский и французский"),
    (["ar", "en", "fr"], "ar", "الإنكليزية والعربية والفرنسية"),
    (list(LANGUAGES), "ar", "الإسبانية والإنكليزية والروسية والصينية والعربية والفرنسية"),
    (["en"], "en", "English"),
]


@pytest.mark.parametrize(("langs", "lang", "expected"), LANGUAGE_NAMES)
def test_language_names_are_listed_in_the_document_languages_order(
    langs: list[str], lang: str, expected: str
) -> None:
    assert fmt.language_names(langs, lang) == expected


def test_language_names_refuse_an_unknown_code_in_the_list() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        fmt.language_names(["en", "de"], "en")


def test_language_names_refuse_a_language_listed_twice() -> None:
    with pytest.raises(ValueError, match="twice"):
        fmt.language_names(["en", "en"], "en")


# --- agenda item numbers and labels ------------------------------------------------------------

ITEM_NUMBER = [
    ((1,), "en", "1"),
    ((1, 1), "en", "1 (a)"),
    ((2, 3), "en", "2 (c)"),
    ((1, 2, 1), "en", "1 (b) (i)"),
    ((1, 2, 4), "en", "1 (b) (iv)"),
    ((1,), "zh", "1"),
    ((1, 1), "zh", "1(a)"),
    ((2, 2), "zh", "2(b)"),
    ((1, 2, 1), "zh", "1(b)(i)"),
    ((1, 1), "fr", "1 a)"),
    ((1, 2, 1), "fr", "1 b) i)"),
    ((2, 3), "es", "2 c)"),
    ((1, 2, 9), "es", "1 b) ix)"),
    ((2, 3), "ru", "2 c)"),
    ((1, 1), "ar", "1 (أ)"),
    ((2, 3), "ar", "2 (ج)"),
    ((1, 5), "ar", "1 (هـ)"),
    ((1, 2, 1), "ar", "1 (ب) '1'"),
]


@pytest.mark.parametrize(("path", "lang", "expected"), ITEM_NUMBER)
def test_item_number_is_the_reference_form(path: tuple[int, ...], lang: str, expected: str) -> None:
    assert fmt.item_number(path, lang) == expected


ITEM_LABEL = [
    ((1,), "en", "1."),
    ((1, 1), "en", "(a)"),
    ((1, 2, 3), "en", "(iii)"),
    ((5,), "zh", "5."),
    ((1, 2), "zh", "(b)"),
    ((1, 1), "fr", "a)"),
    ((1, 1, 2), "fr", "ii)"),
    ((1, 2), "es", "b)"),
    ((1, 2), "ru", "b)"),
    ((1,), "ar", "1-"),
    ((1, 2), "ar", "(ب)"),
    ((1, 2, 2), "ar", "'2'"),
]


@pytest.mark.parametrize(("path", "lang", "expected"), ITEM_LABEL)
def test_item_label_is_the_agenda_list_form(
    path: tuple[int, ...], lang: str, expected: str
) -> None:
    assert fmt.item_label(path, lang) == expected


@pytest.mark.parametrize("function", [fmt.item_number, fmt.item_label])
@pytest.mark.parametrize("path", [(), (0,), (1, 0), (1, 1, 1, 1), (1, 27)])
def test_item_numbering_refuses_impossible_paths(
    function: Callable[[tuple[int, ...], str], str], path: tuple[int, ...]
) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each path fails for its own reason
        function(path, "en")


# --- every function refuses an unknown language ------------------------------------------------

CALLS: list[tuple[str, Callable[[str], object]]] = [
    ("date_long", lambda lang: fmt.date_long(D(2018, 7, 2), lang)),
    ("weekday_date", lambda lang: fmt.weekday_date(D(2018, 7, 2), lang)),
    ("day_heading", lambda lang: fmt.day_heading(D(2018, 7, 2), lang)),
    ("date_span", lambda lang: fmt.date_span(*TWO, lang)),
    ("date_span_running", lambda lang: fmt.date_span_running(*TWO, lang)),
    ("time_of_day", lambda lang: fmt.time_of_day(T(10), lang)),
    ("time_range", lambda lang: fmt.time_range(T(10), T(13), lang)),
    ("cardinal", lambda lang: fmt.cardinal(4, lang)),
    ("count_phrase", lambda lang: fmt.count_phrase(4, "day", lang)),
    ("ordinal", lambda lang: fmt.ordinal(8, lang, "meeting")),
    ("ordinal_word", lambda lang: fmt.ordinal_word(8, lang)),
    ("language_names", lambda lang: fmt.language_names(["en"], lang)),
    ("join_list", lambda lang: fmt.join_list(["a", "b"], lang)),
    ("item_number", lambda lang: fmt.item_number((1, 1), lang)),
    ("item_label", lambda lang: fmt.item_label((1, 1), lang)),
    ("figure_spacing", lambda lang: fmt.figure_spacing("2018年", lang)),
    ("exemplar_city", lambda lang: fmt.exemplar_city("Europe/Vienna", lang)),
    ("weekday_date_governed", lambda lang: fmt.weekday_date_governed(D(2018, 7, 4), lang)),
]


@pytest.mark.parametrize("bad", ["de", "EN", "", "zh-CN"])
@pytest.mark.parametrize(("name", "call"), CALLS, ids=[name for name, _ in CALLS])
def test_every_function_refuses_an_unknown_language(
    name: str, call: Callable[[str], object], bad: str
) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        call(bad)


def test_the_refusal_table_covers_every_public_function() -> None:
    public = {
        name
        for name in dir(fmt)
        if callable(getattr(fmt, name))
        and not name.startswith("_")
        and getattr(getattr(fmt, name), "__module__", None) == fmt.__name__
    }
    assert public == {name for name, _ in CALLS}


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[name for name, _ in CALLS])
def test_every_function_answers_in_all_six_languages(
    name: str, call: Callable[[str], object]
) -> None:
    for lang in LANGUAGES:
        result = call(lang)
        assert isinstance(result, str)
        assert result


# --- Babel, and purity -------------------------------------------------------------------------


def test_month_names_do_not_leak_between_languages_after_a_chinese_lookup() -> None:
    # Babel 2.18 answers zh stand-alone month names for fr once zh has been asked; the module
    # uses the format context, which must stay right whatever was looked up before.
    get_month_names("wide", "stand-alone", locale="zh")
    assert fmt.date_long(D(2018, 7, 2), "fr") == "2 juillet 2018"
    assert fmt.date_long(D(2018, 7, 2), "es") == "2 de julio de 2018"
    assert fmt.date_long(D(2018, 7, 2), "ar") == "2 تموز/يوليه 2018"


def test_the_module_imports_neither_flask_nor_sqlalchemy() -> None:
    tree = ast.parse(Path(fmt.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"flask", "flask_babel", "sqlalchemy", "flask_sqlalchemy"}
