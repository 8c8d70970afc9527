"""The six language versions of the provisional agenda: planner's own wording in each language
(never a foreign sentence or heading), UN forms where un-six-languages.md confirms them, author
texts missing in a language marked, city names from CLDR, Chinese figure spacing, and Arabic
runs in the order an Arabic reader sees them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any

import pytest
from bidi import get_display

from planner.core import formatting
from planner.core.checks import check_meeting, describe, missing_texts
from planner.core.document import AgendaDocument, build, city_name
from planner.core.feedtext import Links, meeting_events
from planner.core.languages import LANGUAGES, Phrase, is_marked, parts_of
from planner.core.runs import isolated, runs
from tests.core.builders import reference_meeting, six_language_meeting

NBSP = "\u00a0"
SIX = six_language_meeting()
EN_ZH = six_language_meeting(only=("en", "zh"))

# --- classifying strings by script and by each language's common words -----------------------


def _set(text: str) -> set[str]:
    return set(text.split())


#: Frequent words of each language that the other five do not write (checked both ways below).
COMMON_WORDS: dict[str, set[str]] = {
    "en": _set(
        "the of and will be with into over for on at by its this which entitled prepared "
        "meeting item agenda continued annex organization work time "
        "other matters report opening resources available allow "
        "interpretation official languages united nations secretariat paper background "
        "working group trafficking persons"
    ),
    "fr": _set(
        "le les du des et sera pour avec dans sur au aux une ordre jour point séance séances "
        "réunion suite annexe travaux questions rapport ouverture ressources disponibles "
        "permettront langues officielles nations unies secrétariat intitulé établi groupe "
        "travail traite personnes"
    ),
    "es": _set(
        "el los las del con para tema programa anexo trabajos cuestiones informe apertura "
        "recursos disponibles permitirán idiomas oficiales naciones unidas secretaría "
        "titulado preparado grupo trabajo trata personas reunión continuación sesiones"
    ),
}
SCRIPTS = {"LATIN": "latin", "CYRILLIC": "cyrillic", "ARABIC": "arabic", "CJK": "han"}
EXPECTED_SCRIPT = {
    "en": "latin",
    "fr": "latin",
    "es": "latin",
    "ru": "cyrillic",
    "ar": "arabic",
    "zh": "han",
}
#: Latin tokens any language version may hold: document symbols, sub-item letters ("a)" in
#: Russian, as the UN writes them), "(أ)" has none.
SYMBOL = re.compile(r"[A-Z]+(?:/[A-Za-z0-9.]+)+|\b[a-z]\)")


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for key, script in SCRIPTS.items():
        if name.startswith(key):
            return script
    return None


def foreign(text: str, lang: str) -> list[str]:
    """What in ``text`` is not in ``lang``: letters of another script, or common words of
    another language."""
    found = []
    bare = SYMBOL.sub(" ", re.sub(r"\{[a-z_]+\}", " ", text))  # templates' placeholders too
    scripts = {_script(c) for c in bare if c.isalpha()} - {None, EXPECTED_SCRIPT[lang]}
    found += [f"{script} letters" for script in sorted(s for s in scripts if s)]
    words = set(re.findall(r"[^\W\d_]+", bare.lower()))
    for other, common in COMMON_WORDS.items():
        if other != lang:
            found += sorted((words & common) - COMMON_WORDS.get(lang, set()))
    return found


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            if f.repr:
                yield from strings(getattr(value, f.name))


def generated_strings(doc: AgendaDocument) -> Iterator[str]:
    """Every string of the document model except the distribution block that Vienna's Russian,
    Arabic and Chinese documents keep in English, and the language codes of the model."""
    m = doc.masthead
    kept_in_english = {m.distribution, m.issued, m.language_version, m.original}
    for text in strings(replace(doc, words={**doc.words, "masthead": ""})):
        if text in (doc.lang, doc.direction, m.lang):
            continue
        if m.lang == "en" and doc.lang != "en" and text in kept_in_english:
            continue
        yield text


def test_the_classifier_catches_the_spliced_sentences_of_the_issue() -> None:
    assert foreign("The huitième réunion of the Working Group will be opened on lundi.", "fr")
    assert foreign("…will allow for четыре пленарных заседания over два дня…", "ru")
    assert foreign("Ordre du jour provisoire (suite)", "fr") == []
    assert foreign("Distr.: General", "fr") == []  # no common word: the masthead is checked below
    assert foreign("Организационные вопросы: a) Открытие совещания", "ru") == []
    assert "han letters" in foreign("جدول 议程", "ar")


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "ar", "zh", "en"])
def test_no_string_of_a_language_version_is_in_another_language(lang: str) -> None:
    doc = build(SIX, lang)
    problems = {text: found for text in generated_strings(doc) if (found := foreign(text, lang))}
    assert problems == {}


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "ar"])
def test_planners_own_wording_has_no_foreign_word_with_only_english_and_chinese_data(
    lang: str,
) -> None:
    # The author texts are missing and shown untranslated (in English); every other part of
    # every string is planner's own and must be in the language.
    doc = build(EN_ZH, lang)
    own = [
        "".join(t for t, source in parts_of(text) if source is None)
        for text in generated_strings(doc)
    ]
    assert {t: f for t in own if (f := foreign(t, lang))} == {}


# --- the UN's forms (un-six-languages.md) ------------------------------------------------------

UN_FORMS = {
    "fr": {
        "united_nations": "Nations Unies",
        "distribution": "Distr. générale",
        "issued": "21 mai 2018",
        "version": "Français",
        "original": f"Original{NBSP}: anglais",
        "dateline": "Vienne, 2 et 3 juillet 2018",
        "title": "Ordre du jour provisoire annoté",
        "agenda": "Ordre du jour provisoire",
        "standard": (
            "Questions d’organisation",
            "Ouverture de la réunion",
            "Adoption de l’ordre du jour et organisation des travaux",
            "Autres questions",
            "Adoption du rapport",
        ),
        "annex": "Annexe",
    },
    "es": {
        "united_nations": "Naciones Unidas",
        "distribution": "Distr. general",
        "issued": "21 de mayo de 2018",
        "version": "Español",
        "original": "Original: inglés",
        "dateline": "Viena, 2 y 3 de julio de 2018",
        "title": "Programa provisional y anotaciones",
        "agenda": "Programa provisional",
        "standard": (
            "Cuestiones de organización",
            "Apertura de la reunión",
            "Aprobación del programa y organización de los trabajos",
            "Otros asuntos",
            "Aprobación del informe",
        ),
        "annex": "Anexo",
    },
    "ru": {
        "united_nations": "Организация Объединенных Наций",
        "distribution": "Distr.: General",
        "issued": "21 May 2018",
        "version": "Russian",
        "original": "Original: English",
        "dateline": "Вена, 2 и 3 июля 2018 года",
        "title": "Предварительная повестка дня и аннотации",
        "agenda": "Предварительная повестка дня",
        "standard": (
            "Организационные вопросы",
            "Открытие совещания",
            "Утверждение повестки дня и организация работы",
            "Прочие вопросы",
            "Утверждение доклада",
        ),
        "annex": "Приложение",
    },
    "ar": {
        "united_nations": "الأمم المتحدة",
        "distribution": "Distr.: General",
        "issued": "21 May 2018",
        "version": "Arabic",
        "original": "Original: English",
        "dateline": "فيينا، 2 و3 تموز/يوليه 2018",
        "title": "جدول الأعمال المؤقت وشروحه",
        "agenda": "جدول الأعمال المؤقت",
        "standard": (
            "المسائل التنظيمية",
            "افتتاح الاجتماع",
            "إقرار جدول الأعمال وتنظيم الأعمال",
            "مسائل أخرى",
            "اعتماد التقرير",
        ),
        "annex": "المرفق",
    },
}


@pytest.mark.parametrize("lang", sorted(UN_FORMS))
def test_masthead_dateline_title_standard_items_and_annex_as_the_un_writes_them(
    lang: str,
) -> None:
    forms = UN_FORMS[lang]
    doc = build(SIX, lang)
    m = doc.masthead
    assert doc.words["united_nations"] == forms["united_nations"]
    assert (m.distribution, m.issued, m.language_version, m.original) == (
        forms["distribution"],
        forms["issued"],
        forms["version"],
        forms["original"],
    )
    assert doc.dateline == forms["dateline"]
    assert (doc.words["title"], doc.words["agenda"]) == (forms["title"], forms["agenda"])
    standard = tuple(
        line.title for line in doc.agenda if line.number in {"1", "1(a)", "1(b)", "4", "5"}
    )
    assert standard == forms["standard"]
    assert doc.words["annex"] == forms["annex"]


def test_french_dates_take_1er_and_the_dateline_spans_months_in_un_style() -> None:
    one = replace(SIX, start=date(2015, 6, 1), end=date(2015, 6, 1))
    assert build(one, "fr").dateline == "Vienne, 1er juin 2015"
    ranged = replace(SIX, start=date(2010, 1, 27), end=date(2010, 1, 29))
    assert build(ranged, "fr").dateline == "Vienne, 27–29 janvier 2010"
    assert build(ranged, "es").dateline == "Viena, 27 a 29 de enero de 2010"
    assert build(ranged, "ru").dateline == "Вена, 27–29 января 2010 года"
    months = replace(SIX, start=date(2008, 6, 30), end=date(2008, 7, 2))
    assert build(months, "ar").dateline == "فيينا، 30 حزيران/يونيه – 2 تموز/يوليه 2008"


OPENING = {
    "fr": "La huitième réunion du Groupe de travail sur la traite des personnes s’ouvrira le "
    "lundi 2 juillet 2018, à 10 heures.",
    "es": "La octava reunión del Grupo de trabajo sobre la trata de personas se inaugurará el "
    "lunes 2 de julio de 2018, a las 10.00 horas.",
    "ru": "Рабочая группа по торговле людьми откроет свое восьмое совещание в понедельник, "
    "2 июля 2018 года, в 10 ч. 00 м.",
    "ar": "سيُفتتح الاجتماع الثامن الذي يعقده الفريق العامل المعني بالاتجار بالأشخاص يوم "
    "الاثنين، 2 تموز/يوليه 2018، الساعة 10:00.",
}


@pytest.mark.parametrize("lang", sorted(OPENING))
def test_the_opening_sentence_is_one_sentence_of_the_language(lang: str) -> None:
    assert build(SIX, lang).annotations[1].paragraphs[0][1] == OPENING[lang]


def test_russian_weekdays_after_v_are_in_the_accusative() -> None:
    assert formatting.weekday_date_governed(date(2018, 7, 4), "ru") == "среду, 4 июля 2018 года"
    assert formatting.weekday_date_governed(date(2018, 7, 4), "fr") == "mercredi 4 juillet 2018"


def test_other_matters_refers_to_its_item_as_each_language_numbers_it() -> None:
    texts = {lang: build(SIX, lang).annotations[5].paragraphs[0][1] for lang in LANGUAGES}
    assert "au titre du point 4," in texts["fr"]
    assert "con el tema 4," in texts["es"]
    assert "по пункту 4," in texts["ru"]
    assert "في إطار البند 4،" in texts["ar"]
    assert "项目 4 下" in texts["zh"]


def test_arabic_numbers_paragraphs_with_a_hyphen_and_sub_items_with_letters() -> None:
    doc = build(SIX, "ar")
    assert doc.words["paragraph"].format(number=1) == "1-"
    assert [line.label for line in doc.agenda][:3] == ["1-", "(أ)", "(ب)"]
    assert [line.punctuation for line in doc.agenda][:3] == [":", "؛", "."]


def test_french_and_spanish_sub_items_take_a_closing_parenthesis_only() -> None:
    assert [line.label for line in build(SIX, "fr").agenda][1:3] == ["a)", "b)"]
    assert [line.label for line in build(SIX, "es").agenda][1:3] == ["a)", "b)"]
    assert build(SIX, "fr").agenda[1].punctuation == f"{NBSP};"


# --- city names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "city"),
    [("fr", "Vienne"), ("es", "Viena"), ("ru", "Вена"), ("ar", "فيينا"), ("zh", "维也纳")],
)
def test_a_city_the_file_gives_in_english_only_comes_from_cldr_when_it_is_the_zones_city(
    lang: str, city: str
) -> None:
    meeting = replace(reference_meeting(), city={"en": "Vienna"})
    assert city_name(meeting, lang) == city
    assert not is_marked(city_name(meeting, lang))


def test_the_files_own_city_name_wins_over_cldr() -> None:
    meeting = replace(reference_meeting(), city={"en": "Vienna", "fr": "Vienne (Autriche)"})
    assert city_name(meeting, "fr") == "Vienne (Autriche)"


def test_a_city_that_is_not_the_zones_exemplar_city_is_marked_untranslated_and_checked() -> None:
    meeting = replace(reference_meeting(), city={"en": "Baden"})  # time zone Europe/Vienna
    city = city_name(meeting, "fr")
    assert isinstance(city, Phrase) and city.parts == (("Baden", "en"),)
    assert "missing_text.city" in {p.message_key for p in missing_texts(meeting, "fr")}


# --- missing author texts ---------------------------------------------------------------------


def test_every_author_text_missing_in_french_is_marked_with_its_own_language() -> None:
    doc = build(EN_ZH, "fr")
    marked = [t for t in strings(doc) if is_marked(t)]
    sources = {source for t in marked for _, source in parts_of(t) if source}
    assert sources == {"en"}
    assert is_marked(doc.masthead.organ) and is_marked(doc.body_name)
    assert is_marked(doc.agenda[3].title) and is_marked(doc.agenda[4].title)
    assert all(is_marked(text) for _, text in doc.annotations[3].paragraphs)
    assert all(is_marked(entry) for note in doc.annotations for entry in note.documents)
    # planner's own wording is not marked
    assert not is_marked(doc.agenda[0].title) and not is_marked(doc.dateline)


def test_nothing_is_marked_when_every_text_is_there() -> None:
    for lang in LANGUAGES:
        assert [t for t in strings(build(SIX, lang)) if is_marked(t)] == []


def test_the_check_lists_each_missing_text_of_the_language_version_as_an_error() -> None:
    problems = check_meeting(EN_ZH, date(2018, 1, 1), "fr")
    missing = [describe(p, "en") for p in problems if p.code == "missing_text"]
    assert missing == [
        "The name of CTOC/COP has no French text.",
        "The name of CTOC/COP/WG.4 has no French text.",
        "The short name of CTOC/COP/WG.4 (as the annotations name it) has no French text.",
        "The annotation of item 1(b) has no French text.",
        "The title of item 2 has no French text.",
        "The annotation of item 2 has no French text.",
        "The title of item 3 has no French text.",
        "The annotation of item 3 has no French text.",
        "The title of document CTOC/COP/WG.4/2018/2 has no French text.",
        "The listing of document CTOC/COP/WG.4/2018/CRP.1 under its item has no French text.",
    ]
    assert all(p.severity == "error" for p in problems if p.code == "missing_text")
    assert missing_texts(SIX, "fr") == []
    assert missing_texts(EN_ZH, "zh") == []


# --- Chinese spacing --------------------------------------------------------------------------

HAN = "\u4e00-\u9fff"


@pytest.mark.parametrize(
    ("text", "spaced"),
    [
        ("2018年7月2日星期一上午10时", "2018 年 7 月 2 日星期一上午 10 时"),
        ("第7/1号决议（CTOC/COP/WG.4/2018/2）", "第 7/1 号决议（CTOC/COP/WG.4/2018/2）"),
        ("在 2018 年", "在 2018 年"),
        ("议程项目2(b)", "议程项目 2(b)"),
        ("项目1(b)和2", "项目 1(b) 和 2"),
    ],
)
def test_figures_and_latin_letters_are_spaced_from_chinese_characters(
    text: str, spaced: str
) -> None:
    assert formatting.figure_spacing(text, "zh") == spaced
    assert formatting.figure_spacing(text, "fr") == text


def test_the_chinese_document_has_no_tight_join_in_generated_or_typed_text() -> None:
    doc = build(SIX, "zh")
    tight = re.compile(f"[{HAN}][A-Za-z0-9]|[A-Za-z0-9][{HAN}]")
    assert [t for t in strings(doc) if tight.search(t)] == []
    assert doc.dateline == "2018 年 7 月 2 日和 3 日，维也纳"
    assert doc.orgwork[0].heading == "7 月 2 日，星期一"


# --- Arabic runs ------------------------------------------------------------------------------

ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")


def reading_tokens(run_text: str, isolate: bool) -> list[str]:
    """The strong pieces of a run as they must show: a Latin run whole, Arabic words and
    figures one by one."""
    if isolate:
        return [run_text]
    return re.findall(r"[\u0600-\u06ff]+|[0-9]+(?:[/.:][0-9]+)*", run_text)


def assert_reads_right_to_left(logical_runs: list[tuple[str, bool]], visual: str) -> None:
    """Each token of the logical text found in ``visual`` (a line laid out left to right),
    each to the left of the one before: the order an Arabic reader meets them."""
    position = len(visual)
    for text, isolate in logical_runs:
        for token in reading_tokens(text, isolate):
            shown = token if not ARABIC_WORD.fullmatch(token) else token[::-1]
            found = visual.rfind(shown, 0, position)
            assert found >= 0, f"{token!r} is not where a reader expects it in {visual!r}"
            position = found


def test_latin_runs_in_arabic_text_are_isolated_runs() -> None:
    entry = build(SIX, "ar").annotations[4].documents[0]
    pieces = runs(entry, "ar")
    assert [p.text for p in pieces if p.isolate] == ["CTOC/COP/WG.4/2018/CRP.1"]
    assert all(not ARABIC_WORD.search(p.text) for p in pieces if p.isolate)


def test_an_untranslated_english_sentence_keeps_its_full_stop_in_the_arabic_version() -> None:
    paragraph = build(EN_ZH, "ar").annotations[2].paragraphs[0][1]
    logical = "".join(isolated(r) for r in runs(paragraph, "ar"))
    visual = get_display(logical, base_dir="R")
    assert "use of resources." in visual and ".use of resources" not in visual
    assert_reads_right_to_left([(r.text, r.isolate) for r in runs(paragraph, "ar")], visual)


@pytest.mark.parametrize("which", ["dateline", "opening", "entry", "capacity"])
def test_arabic_lines_read_in_logical_order(which: str) -> None:
    doc = build(SIX, "ar")
    text = {
        "dateline": doc.dateline,
        "opening": doc.annotations[1].paragraphs[0][1],
        "entry": doc.annotations[3].documents[0],
        "capacity": doc.annotations[2].paragraphs[-1][1],
    }[which]
    pieces = runs(text, "ar")
    visual = get_display("".join(isolated(r) for r in pieces), base_dir="R")
    assert_reads_right_to_left([(r.text, r.isolate) for r in pieces], visual)


def test_chinese_calendar_events_take_the_same_spacing() -> None:
    links = Links(
        meeting_page=lambda meeting, lang: "https://example.org/m",
        document=lambda doc, lang: "https://example.org/d",
    )
    events = meeting_events(SIX, "zh", links, date(2018, 1, 1))
    tight = re.compile(f"[{HAN}][A-Za-z0-9]|[A-Za-z0-9)][{HAN}]")
    texts = [t for e in events for t in (e.summary, e.description, e.location)]
    assert [t for t in texts if tight.search(t)] == []
    assert any("项目 1(a)、1(b) 和 2" in e.summary for e in events)


def test_every_standard_title_and_annotation_exists_in_all_six_languages() -> None:
    from planner.core.standard import default_annotation, standard_title

    for kind in (
        "organizational_matters",
        "opening",
        "election_of_officers",
        "adoption_of_agenda",
        "other_matters",
        "adoption_of_report",
    ):
        for word in ("meeting", "session"):
            for lang in LANGUAGES:
                assert standard_title(kind, word, lang)
                if kind in (
                    "election_of_officers",
                    "adoption_of_agenda",
                    "other_matters",
                    "adoption_of_report",
                ):
                    assert default_annotation(kind, word, lang)


def test_calendar_events_name_the_city_as_the_documents_do() -> None:
    links = Links(
        meeting_page=lambda meeting, lang: "https://example.org/m",
        document=lambda doc, lang: "https://example.org/d",
    )
    events = meeting_events(EN_ZH, "fr", links, date(2018, 1, 1))
    assert {e.location.rsplit(", ", 1)[-1] for e in events} == {"Vienne"}
