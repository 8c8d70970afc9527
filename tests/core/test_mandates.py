"""Mandates in the pure core: the citations in six languages, the placeholders, the rules shared
by the meeting-file reader and the forms, and the mandates section of a meeting file."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from planner.core.citationcheck import check_citations, describe_citation
from planner.core.mandates import (
    BodyLinkData,
    MandateData,
    ParagraphData,
    adoption_order,
    after_de,
    citation_problems,
    citations,
    cite,
    mandate_problems,
    matches,
    resolve,
    with_article,
)
from planner.core.meetingfile import MeetingFileError, dump, parse
from planner.core.plain import ItemData
from planner.core.symbols import document_url
from tests.core.test_meetingfile import REFERENCE

COP_NAME = {
    "ar": "مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية",
    "zh": "联合国打击跨国有组织犯罪公约缔约方会议",
    "en": "Conference of the Parties to the United Nations Convention against Transnational "
    "Organized Crime",
    "fr": "Conférence des Parties à la Convention des Nations Unies contre la criminalité "
    "transnationale organisée",
    "ru": "Конференция участников Конвенции Организации Объединенных Наций против "
    "транснациональной организованной преступности",
    "es": "Conferencia de las Partes en la Convención de las Naciones Unidas contra la "
    "Delincuencia Organizada Transnacional",
}
COP_SHORT = {
    "ar": "المؤتمر",
    "zh": "缔约方会议",
    "en": "the Conference",
    "fr": "la Conférence",
    "ru": "Конференция",
    "es": "la Conferencia",
}
TITLE_7_1 = {
    "ar": "تعزيز تنفيذ اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية والبروتوكولات "
    "الملحقة بها",
    "zh": "加强《联合国打击跨国有组织犯罪公约》及其各项议定书的实施",
    "en": "Strengthening the implementation of the United Nations Convention against "
    "Transnational Organized Crime and the Protocols thereto",
    "fr": "Renforcement de l’application de la Convention des Nations Unies contre la criminalité "
    "transnationale organisée et des Protocoles s’y rapportant",
    "ru": "Укрепление осуществления Конвенции Организации Объединенных Наций против "
    "транснациональной организованной преступности и протоколов к ней",
    "es": "Fortalecimiento de la aplicación de la Convención de las Naciones Unidas contra la "
    "Delincuencia Organizada Transnacional y sus Protocolos",
}

R7_1 = MandateData(
    body="CTOC/COP",
    body_name=COP_NAME,
    body_short_name=COP_SHORT,
    kind="resolution",
    number="7/1",
    session=7,
    title=TITLE_7_1,
)
D4_4 = MandateData(
    body="CTOC/COP",
    body_name=COP_NAME,
    body_short_name=COP_SHORT,
    kind="decision",
    number="4/4",
    adopted=date(2008, 10, 17),
    title={"zh": "人口贩运活动", "en": "Trafficking in human beings"},
    links=(BodyLinkData("CTOC/COP/WG.4", "establishes"),),
)
DRAFT = MandateData(
    body="CTOC/COP",
    body_name=COP_NAME,
    body_short_name=COP_SHORT,
    kind="draft",
    symbol="CTOC/COP/2020/L.6/Rev.1",
    adopted=date(2020, 10, 15),
    links=(BodyLinkData("CTOC/COP/WG.4", "steers"),),
)
T = TITLE_7_1
N = COP_NAME
S = COP_SHORT

CITATIONS = [
    # Resolution 7/1 with its title, as the reference meeting cites it.
    ("en", R7_1, "full", None, f"In its resolution 7/1, entitled “{T['en']}”, the {N['en']}"),
    ("zh", R7_1, "full", None, f"{N['zh']}在其题为“{T['zh']}”的第 7/1 号决议中"),
    (
        "fr",
        R7_1,
        "full",
        None,
        f"Dans sa résolution 7/1, intitulée «\u00a0{T['fr']}\u00a0», la {N['fr']}",
    ),
    ("es", R7_1, "full", None, f"En su resolución 7/1, titulada “{T['es']}”, la {N['es']}"),
    ("ru", R7_1, "full", None, f"В своей резолюции 7/1, озаглавленной «{T['ru']}», {N['ru']}"),
    ("ar", R7_1, "full", None, f'{N["ar"]}، في قراره 7/1 المعنون "{T["ar"]}"،'),
    # Without the title.
    ("en", R7_1, "in", None, "In its resolution 7/1, the Conference"),
    ("zh", R7_1, "in", None, "缔约方会议在第 7/1 号决议中"),
    ("fr", R7_1, "in", None, "Dans sa résolution 7/1, la Conférence"),
    ("es", R7_1, "in", None, "En su resolución 7/1, la Conferencia"),
    ("ru", R7_1, "in", None, "В своей резолюции 7/1 Конференция"),
    ("ar", R7_1, "in", None, "المؤتمر، في قراره 7/1،"),
    # As a reference in running text.
    ("en", R7_1, "ref", None, "resolution 7/1 of the Conference"),
    ("zh", R7_1, "ref", None, "缔约方会议第 7/1 号决议"),
    ("fr", R7_1, "ref", None, "la résolution 7/1 de la Conférence"),
    ("es", R7_1, "ref", None, "la resolución 7/1 de la Conferencia"),
    ("ru", R7_1, "ref", None, "резолюции 7/1"),
    ("ar", R7_1, "ref", None, "القرار 7/1 الصادر عن المؤتمر"),
    # A paragraph of a decision.
    (
        "en",
        D4_4,
        "full",
        "9",
        "In paragraph 9 of its decision 4/4, entitled “Trafficking in "
        f"human beings”, the {N['en']}",
    ),
    ("zh", D4_4, "full", "9", f"{N['zh']}在其题为“人口贩运活动”的第 4/4 号决定第 9 段中"),
    ("fr", D4_4, "in", "9", "Au paragraphe 9 de sa décision 4/4, la Conférence"),
    ("es", D4_4, "in", "9", "En el párrafo 9 de su decisión 4/4, la Conferencia"),
    ("ru", D4_4, "in", "9", "В пункте 9 своего решения 4/4 Конференция"),
    ("ar", D4_4, "in", "9", "المؤتمر، في الفقرة 9 من مقرره 4/4،"),
    ("en", D4_4, "ref", "9", "paragraph 9 of decision 4/4 of the Conference"),
    ("zh", D4_4, "ref", "9", "缔约方会议第 4/4 号决定第 9 段"),
    ("fr", D4_4, "ref", None, "la décision 4/4 de la Conférence"),
    ("es", D4_4, "ref", "9", "el párrafo 9 de la decisión 4/4 de la Conferencia"),
    ("ru", D4_4, "ref", "9", "пункта 9 решения 4/4"),
    ("ru", D4_4, "ref", None, "решения 4/4"),
    ("ar", D4_4, "ref", None, "المقرر 4/4 الصادر عن المؤتمر"),
    # A draft, by its symbol.
    ("en", DRAFT, "ref", None, "draft resolution CTOC/COP/2020/L.6/Rev.1"),
    ("zh", DRAFT, "ref", "14", "CTOC/COP/2020/L.6/Rev.1 号文件所载决议草案第 14 段"),
    ("fr", DRAFT, "ref", None, "le projet de résolution CTOC/COP/2020/L.6/Rev.1"),
    ("es", DRAFT, "ref", "14", "el párrafo 14 del proyecto de resolución CTOC/COP/2020/L.6/Rev.1"),
    ("ru", DRAFT, "ref", None, "проекта резолюции CTOC/COP/2020/L.6/Rev.1"),
    ("ar", DRAFT, "ref", None, "مشروع القرار CTOC/COP/2020/L.6/Rev.1"),
]


@pytest.mark.parametrize(("lang", "mandate", "form", "paragraph", "expected"), CITATIONS)
def test_citation_in_each_language(
    lang: str, mandate: MandateData, form: str, paragraph: str | None, expected: str
) -> None:
    assert cite(mandate, lang, form, paragraph) == expected


@pytest.mark.parametrize(
    ("lang", "phrase", "expected"),
    [
        ("fr", "la Conférence", "de la Conférence"),
        ("fr", "le Conseil", "du Conseil"),
        ("fr", "l’Assemblée générale", "de l’Assemblée générale"),
        ("fr", "les États parties", "des États parties"),
        ("es", "el Consejo", "del Consejo"),
        ("es", "la Comisión", "de la Comisión"),
    ],
)
def test_de_contracts_with_the_article_as_french_and_spanish_write_it(
    lang: str, phrase: str, expected: str
) -> None:
    assert after_de(lang, phrase) == expected


@pytest.mark.parametrize(
    ("lang", "name", "short", "expected"),
    [
        ("fr", "Conseil économique et social", "le Conseil", "le Conseil économique et social"),
        ("fr", "Assemblée générale", "l’Assemblée", "l’Assemblée générale"),
        ("es", "Consejo Económico y Social", "el Consejo", "el Consejo Económico y Social"),
        ("es", "Comisión de Estupefacientes", "la Comisión", "la Comisión de Estupefacientes"),
        ("fr", "ONUDC", "ONUDC", "ONUDC"),
    ],
)
def test_a_full_french_or_spanish_citation_names_the_body_with_its_article(
    lang: str, name: str, short: str, expected: str
) -> None:
    assert with_article(lang, name, short) == expected


def test_a_full_french_citation_needs_the_short_name_for_its_article() -> None:
    no_short = replace(R7_1, body_short_name={"en": "the Conference"})
    assert cite(no_short, "fr", "full") is None
    problems = citation_problems([("1", {"fr": "{mandate:7/1} a décidé"})], [no_short])
    assert [p.code for p in problems] == ["missing_body_short_name"]


def test_a_draft_is_not_cited_with_a_title_clause() -> None:
    assert cite(DRAFT, "en", "full") is None


def test_the_citation_is_the_same_wherever_it_is_cited() -> None:
    texts = ["{mandate:7/1} decided", "Also: {mandate:7/1} requested"]
    written = [resolve(t, "en", [R7_1]) for t in texts]
    cited = cite(R7_1, "en")
    assert cited is not None and all(w.count(cited) == 1 for w in written)


def test_placeholders_are_read_with_key_paragraph_and_form() -> None:
    found = citations("a {mandate:decision 4/4 # 9 | ref} b {mandate:7/1} c")
    assert [(c.key, c.paragraph, c.form) for c in found] == [
        ("decision 4/4", "9", "ref"),
        ("7/1", None, "full"),
    ]


def test_a_full_citation_without_a_title_in_the_language_drops_the_title() -> None:
    untitled = replace(R7_1, title={"en": TITLE_7_1["en"]})
    assert resolve("{mandate:7/1}决定", "zh", [untitled]) == "缔约方会议在第 7/1 号决议中决定"


def test_an_unknown_or_ambiguous_placeholder_is_left_as_typed() -> None:
    other = replace(R7_1, body="E/CN.15", kind="resolution")
    assert resolve("{mandate:9/9} x", "en", [R7_1]) == "{mandate:9/9} x"
    assert resolve("{mandate:7/1} x", "en", [R7_1, other]) == "{mandate:7/1} x"
    assert resolve("{mandate:CTOC/COP resolution 7/1} x", "en", [R7_1, other]).startswith(
        "In its resolution 7/1"
    )


def test_keys_name_mandates_by_number_kind_body_or_symbol() -> None:
    resolution_4_4 = replace(D4_4, kind="resolution")
    everything = [R7_1, D4_4, resolution_4_4, DRAFT]
    assert matches("4/4", everything) == [D4_4, resolution_4_4]
    assert matches("decision 4/4", everything) == [D4_4]
    assert matches("CTOC/COP resolution 4/4", everything) == [resolution_4_4]
    assert matches("CTOC/COP/2020/L.6/Rev.1", everything) == [DRAFT]


RULES = [
    (replace(R7_1, number=None), "number", "number_required"),
    (replace(R7_1, number="VII/1"), "number", "number_format"),
    (replace(R7_1, kind="motion"), "kind", "kind"),
    (replace(DRAFT, number="10/3"), "number", "draft_number"),
    (replace(DRAFT, symbol=None), "symbol", "symbol_required"),
    (replace(R7_1, symbol="CTOC/COP/2014"), "symbol", "symbol"),
    (replace(R7_1, session=0), "session", "session"),
    (
        replace(R7_1, paragraphs=(ParagraphData("nine", {"en": "x"}),)),
        "paragraphs[0].number",
        "paragraph_format",
    ),
    (
        replace(
            R7_1, paragraphs=(ParagraphData("9", {"en": "x"}), ParagraphData("9", {"en": "y"}))
        ),
        "paragraphs[1].number",
        "paragraph_twice",
    ),
    (replace(R7_1, paragraphs=(ParagraphData("9", {}),)), "paragraphs[0].text", "paragraph_text"),
    (
        replace(R7_1, links=(BodyLinkData("CTOC/COP/WG.4", "chairs"),)),
        "bodies[0].relation",
        "relation",
    ),
    (
        replace(R7_1, links=(BodyLinkData("X", "steers"), BodyLinkData("X", "establishes"))),
        "bodies[1].body",
        "body_twice",
    ),
    (
        replace(DRAFT, links=(BodyLinkData("CTOC/COP/WG.4", "establishes"),)),
        "bodies[0].relation",
        "draft_establishes",
    ),
]


@pytest.mark.parametrize(("mandate", "where", "code"), RULES)
def test_each_rule_names_its_field(mandate: MandateData, where: str, code: str) -> None:
    assert [(p.where, p.code) for p in mandate_problems(mandate)] == [(where, code)]


def test_the_seed_mandates_satisfy_the_rules() -> None:
    assert mandate_problems(R7_1) == mandate_problems(D4_4) == mandate_problems(DRAFT) == []


def test_the_establishing_mandate_comes_first_then_the_order_of_adoption() -> None:
    later = replace(
        R7_1, adopted=date(2014, 10, 10), links=(BodyLinkData("CTOC/COP/WG.4", "steers"),)
    )
    ordered = sorted([DRAFT, later, D4_4], key=lambda m: adoption_order(m, "CTOC/COP/WG.4"))
    assert ordered == [D4_4, later, DRAFT]


def test_check_reports_a_missing_title_in_a_language_the_annotation_is_written_in() -> None:
    untitled = replace(R7_1, title={"zh": TITLE_7_1["zh"]})
    item = ItemData(
        public_id=uuid.uuid4(),
        standard=None,
        title={"en": "Adoption"},
        annotation={"zh": "{mandate:7/1}决定", "en": "{mandate:7/1} decided", "fr": "Rien."},
    )
    problems = check_citations((item,), [untitled])
    assert [(p.code, p.lang, p.where) for p in problems] == [("missing_title", "en", "1")]
    assert describe_citation(problems[0], "en") == (
        "Item 1, English annotation: {mandate:7/1} cites CTOC/COP resolution 7/1, which has no "
        "English title; add it to the mandate."
    )
    assert "没有英文标题" in describe_citation(problems[0], "zh")


def test_check_reports_unknown_ambiguous_and_misused_placeholders() -> None:
    found = citation_problems(
        [("2", {"en": "{mandate:9/9} {mandate:7/1|short} {mandate:CTOC/COP/2020/L.6/Rev.1}"})],
        [R7_1, DRAFT],
    )
    assert [p.code for p in found] == ["unknown", "form", "draft_form"]


def test_undocs_address_is_the_feeds_one() -> None:
    assert document_url("A/RES/64/178", "zh") == "https://undocs.org/zh/A/RES/64/178"
    assert document_url("CTOC/COP/2020/L.6/Rev.1", "fr") == (
        "https://undocs.org/fr/CTOC/COP/2020/L.6/Rev.1"
    )


# The mandates section of a meeting file -------------------------------------------------------

SECTION = """
mandates:
  - body: CTOC/COP
    kind: decision
    number: "4/4"
    session: 4
    adopted: 2008-10-17
    title: {en: Trafficking in human beings, zh: 人口贩运活动}
    paragraphs:
      - number: "9"
        text: {en: Decides to establish a working group}
      - text: {en: Recalling its decision 3/3,}
    bodies:
      - {body: CTOC/COP/WG.4, relation: establishes}
"""


def test_the_reference_cites_its_mandates_through_records() -> None:
    mf = parse(REFERENCE, "wg4-2018.yaml")
    assert [(m.kind, m.number) for m in mf.mandates] == [
        ("resolution", "7/1"),
        ("resolution", "8/2"),
        ("resolution", "5/5"),
    ]
    annotation = mf.meetings[0].agenda[0].items[1].annotation
    assert annotation["zh"].startswith("{mandate:7/1}决定")


def test_a_mandates_section_is_read_and_written_back_the_same() -> None:
    text = REFERENCE.split("\nmandates:")[0] + "\n" + SECTION
    mf = parse(text, "f.yaml")
    (decision,) = mf.mandates
    assert decision.adopted == date(2008, 10, 17) and decision.session == 4
    assert [p.number for p in decision.paragraphs] == ["9", None]
    assert decision.bodies[0].relation == "establishes"
    again = parse(dump(mf), "again.yaml")
    assert again == mf and dump(again) == dump(mf)


BAD = [
    ('number: "4/4"', 'number: "IV/4"', "mandates[0].number", "not a resolution or decision"),
    ("kind: decision", "kind: motion", "mandates[0].kind", '"motion" is not a kind of mandate'),
    ('- number: "9"', '- number: "9 b"', "mandates[0].paragraphs[0].number", "not a paragraph"),
    ("relation: establishes", "relation: chairs", "mandates[0].bodies[0].relation", "relation"),
    ("session: 4", "session: fourth", "mandates[0].session", "whole number"),
    ("    title:", "    titel:", "mandates[0].titel", "did you mean"),
]


@pytest.mark.parametrize(("old", "new", "path", "message"), BAD)
def test_a_bad_mandate_entry_is_reported_with_file_line_and_key_path(
    old: str, new: str, path: str, message: str
) -> None:
    head = REFERENCE.split("\nmandates:")[0] + "\n"
    text = head + SECTION.replace(old, new, 1)
    with pytest.raises(MeetingFileError) as raised:
        parse(text, "bad.yaml")
    (problem,) = raised.value.problems
    assert problem.file == "bad.yaml" and problem.path == path
    assert message in problem.message
    line = next(i for i, line in enumerate(text.splitlines(), 1) if new.strip() in line)
    assert problem.line == line


def test_a_mandate_listed_twice_is_refused() -> None:
    head = REFERENCE.split("\nmandates:")[0] + "\n"
    text = head + SECTION + SECTION.replace("mandates:\n", "")
    with pytest.raises(MeetingFileError) as raised:
        parse(text, "twice.yaml")
    assert "listed twice" in raised.value.problems[0].message
