"""The six language versions as readers get them: the meeting page, the print version, the PDF
(text read back by poppler's pdftotext) and the Word file (read back by python-docx). For a
meeting with texts in all six languages, planner's own wording is the UN's; for the reference
meeting with English and Chinese texts only, every missing author text is marked in the French
version and listed by `planner check --lang fr`; the Arabic version reads right to left."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from bidi import get_display
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.orm import Session

from planner.core.document import build
from planner.core.languages import LANGUAGES, parts_of
from planner.core.runs import LRI, PDI, runs
from tests.core.builders import six_language_meeting
from tests.core.test_six_languages import UN_FORMS, strings
from tests.services.test_render import visible_text

SYMBOL = "CTOC/COP/WG.4/2018/1"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wg4-2018-six.yaml"
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")
#: Strong pieces of a line: an Arabic word, or a run of Latin letters and figures.
TOKEN = re.compile(r"[\u0620-\u065f\u066e-\u06d3]+|[A-Za-z0-9](?:[A-Za-z0-9/.:\- ]*[A-Za-z0-9])?")


@pytest.fixture
def six(runner: FlaskCliRunner, session: Session) -> Session:
    """The reference meeting with French, Spanish, Russian and Arabic author texts (published:
    these tests read the public page and documents)."""
    result = runner.invoke(args=["planner", "import", "--publish", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    return session


@pytest.fixture
def en_zh(runner: FlaskCliRunner, session: Session, tmp_path: Path) -> Session:
    """The reference meeting with English and Chinese texts only (as planner/data/wg4-2018.yaml
    has them before its other four languages are written), from the six-language fixture."""

    def keep(value: object) -> object:
        if isinstance(value, dict):
            if set(value) <= set(LANGUAGES) and value:
                return {k: v for k, v in value.items() if k in ("en", "zh")}
            return {k: keep(v) for k, v in value.items()}
        if isinstance(value, list):
            return [keep(v) for v in value]
        return value

    data = keep(yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))
    path = tmp_path / "wg4-2018-en-zh.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = runner.invoke(args=["planner", "import", "--publish", str(path)])
    assert result.exit_code == 0, result.output
    return session


def pdf_text(data: bytes, *, first: int | None = None, last: int | None = None) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian: poppler-utils)")
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = subprocess.run(
        [tool, *pages, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    # pdftotext marks directions with embeddings (U+202A-U+202E): keep them for the bidi test,
    # drop them for the text checks.
    return done.stdout.decode()


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub("[\u202a-\u202e\u2066-\u2069]", "", text))


def word_text(document: DocxDocument) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        cells = {id(cell._tc): cell for row in table.rows for cell in row.cells}  # merged: once
        parts += [cell.text for cell in cells.values()]
    return plain("\n".join(parts))


def get(client: FlaskClient, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.data


def article(page: bytes) -> str:
    """The document in a page (not the interface around it, which speaks the reader's
    interface language)."""
    html = page.decode()
    return html[html.index('<article class="un-document"') : html.index("</article>")]


def expected_forms(lang: str) -> list[str]:
    forms = UN_FORMS[lang]
    return [
        forms["united_nations"],
        forms["distribution"],
        forms["issued"],
        forms["version"],
        forms["original"],
        forms["dateline"],
        forms["title"],
        forms["agenda"],
        *forms["standard"],
        forms["annex"],
    ]


@pytest.mark.parametrize("lang", sorted(UN_FORMS))
def test_page_pdf_and_word_show_the_un_forms_and_no_foreign_wording(
    client: FlaskClient, six: Session, lang: str
) -> None:
    doc = build(six_language_meeting(), lang)
    own = [doc.words[k] for k in ("orgwork", "col_when", "col_item", "col_title", "documentation")]
    outputs = {
        "page": plain(visible_text(article(get(client, f"/meetings/{SYMBOL}?lang={lang}")))),
        "print": plain(visible_text(get(client, f"/meetings/{SYMBOL}/print?lang={lang}").decode())),
        "pdf": plain(pdf_text(get(client, f"/meetings/{SYMBOL}/agenda.pdf?lang={lang}"))),
        "word": word_text(
            Document(BytesIO(get(client, f"/meetings/{SYMBOL}/agenda.docx?lang={lang}")))
        ),
    }
    for name, text in outputs.items():
        missing = [form for form in [*expected_forms(lang), *own] if plain(form) not in text]
        if name == "pdf" and lang == "ar":
            # poppler rebuilds Arabic lines from glyph positions; the dateline and other mixed
            # lines are checked by the bidi test below, the Arabic-only forms here.
            missing = [f for f in missing if LATIN.search(f) or re.search("[0-9]", f)]
            missing = [f for f in missing if not ARABIC.search(f)]
        assert missing == [], name
        for english in ("Provisional agenda", "Proposed organization of work", "Date and time"):
            assert english not in text or lang == "en", (name, english)


def test_the_french_version_of_english_and_chinese_data_marks_every_missing_text(
    client: FlaskClient, en_zh: Session
) -> None:
    page = get(client, f"/meetings/{SYMBOL}/print?lang=fr").decode()
    gaps = re.findall(
        r'<span class="gap"><span class="gap-mark">\[non traduit\]</span> '
        r'<bdi class="untranslated" lang="en" dir="ltr">([^<]*)</bdi>',
        page,
    )
    doc = build(six_language_meeting(only=("en", "zh")), "fr")
    # each part of the document model that is an untranslated author's text is one marked gap:
    # organ, body, titles (agenda, annotations, annex rows), the body in the opening sentence,
    # the annotation paragraphs, the document title and listing
    expected = {t for text in strings(doc) for t, source in parts_of(text) if source}
    assert {html.unescape(re.sub("[\u2066-\u2069]", "", g)) for g in gaps} == expected
    assert len(gaps) == 23  # some texts show more than once (titles in the annex)
    assert 'lang="fr"' in page and "Vienne, 2 et 3 juillet 2018" in page
    meeting_page = get(client, f"/meetings/{SYMBOL}?lang=fr").decode()
    heading = meeting_page[meeting_page.index("<h1") : meeting_page.index("</h1>")]
    assert '<span class="gap"><span class="gap-mark">[non traduit]</span>' in heading
    assert article(meeting_page.encode()).count('class="gap-mark"') == len(gaps)
    pdf = plain(pdf_text(get(client, f"/meetings/{SYMBOL}/agenda.pdf?lang=fr")))
    assert pdf.count("[non traduit]") == len(gaps)
    word = Document(BytesIO(get(client, f"/meetings/{SYMBOL}/agenda.docx?lang=fr")))
    marked = [
        run
        for paragraph in word.paragraphs
        for run in paragraph.runs
        if run._r.rPr is not None and run._r.rPr.find(qn("w:highlight")) is not None
    ]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    marked += [
                        r
                        for r in paragraph.runs
                        if r._r.rPr is not None and r._r.rPr.find(qn("w:highlight")) is not None
                    ]
    langs = {r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in marked}
    assert langs == {"en-GB"}
    assert word_text(word).count("[non traduit]") == len(gaps)


def test_check_lists_every_missing_french_text_and_exits_1(
    runner: FlaskCliRunner, en_zh: Session
) -> None:
    result = runner.invoke(args=["planner", "check", SYMBOL, "--lang", "fr"])
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    assert len(errors) == 10
    assert "error: The title of item 2 has no French text." in errors
    assert result.stdout.rstrip().endswith("10 error(s), 2 warning(s)")


def test_check_of_a_complete_language_version_lists_no_missing_text(
    runner: FlaskCliRunner, six: Session
) -> None:
    result = runner.invoke(args=["planner", "check", SYMBOL, "--lang", "ar"])
    assert result.exit_code == 0, result.output
    assert not re.search(r"has no \w+ (text|name)", result.stdout)


# --- Arabic: the order a reader sees ----------------------------------------------------------


def reading_order(visual: str) -> list[str]:
    """The strong pieces of a line laid out left to right, in the order an Arabic reader meets
    them (right to left; a Latin run read left to right within)."""
    return [t[::-1] if ARABIC.match(t) else t for t in TOKEN.findall(visual)][::-1]


def logical_tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def is_sublist(part: list[str], whole: list[str]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def test_arabic_pdf_lines_read_right_to_left(client: FlaskClient, six: Session) -> None:
    doc = build(six_language_meeting(), "ar")
    text = pdf_text(get(client, f"/meetings/{SYMBOL}/agenda.pdf?lang=ar"))
    paragraphs = [
        doc.dateline,
        doc.annotations[1].paragraphs[0][1],
        doc.annotations[4].documents[0],
        doc.annotations[4].paragraphs[-1][1],
    ]
    wanted = [logical_tokens(p) for p in paragraphs]
    checked = 0
    for line in text.splitlines():
        visual = get_display(line, base_dir="R")
        seen = reading_order(plain(visual))
        # the mixed lines (figures or Latin runs among Arabic words) of the paragraphs above
        if len(seen) < 3 or not re.search("[0-9A-Za-z]", line):
            continue
        if not any(is_sublist(seen[:3], w) for w in wanted):
            continue
        assert any(is_sublist(seen, w) for w in wanted), (line, seen)
        checked += 1
    assert checked >= 4  # the dateline, two lines of the opening, the entry's lines


def test_arabic_page_reads_right_to_left_with_latin_runs_isolated(
    client: FlaskClient, six: Session
) -> None:
    page = get(client, f"/meetings/{SYMBOL}/print?lang=ar").decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<bdi dir="ltr">\u2066CTOC/COP/WG.4/2018/CRP.1\u2069</bdi>' in page
    doc = build(six_language_meeting(), "ar")
    for paragraph in (doc.dateline, doc.annotations[4].documents[0]):
        shown = plain(visible_text(page))
        assert plain(paragraph) in re.sub("[\u2066-\u2069]", "", shown)
        logical = "".join(
            f"{LRI}{r.text}{PDI}" if r.isolate and not r.rtl else r.text
            for r in runs(paragraph, "ar")
        )
        assert reading_order(get_display(logical, base_dir="R")) == logical_tokens(paragraph)


def _rtl(run_element: object) -> bool:
    rpr = run_element.find(qn("w:rPr"))  # type: ignore[attr-defined]
    flag = None if rpr is None else rpr.find(qn("w:rtl"))
    return flag is not None and flag.get(qn("w:val")) not in ("0", "false")


def test_arabic_word_file_is_right_to_left_with_latin_runs_apart(
    client: FlaskClient, six: Session
) -> None:
    word = Document(BytesIO(get(client, f"/meetings/{SYMBOL}/agenda.docx?lang=ar")))
    body = word.element.body
    sect = body.find(qn("w:sectPr"))
    tags = [child.tag for child in sect]
    # a right-to-left section, where the schema puts it (Word refuses elements out of order)
    assert qn("w:bidi") in tags and tags.index(qn("w:bidi")) < tags.index(qn("w:docGrid"))
    for table in word.tables:
        assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    paragraphs = body.iter(qn("w:p"))
    checked = 0
    for p in paragraphs:
        texts = [(r, "".join(t.text or "" for t in r.iter(qn("w:t")))) for r in p.iter(qn("w:r"))]
        if not any(ARABIC.search(t) for _, t in texts):
            continue
        ppr = p.find(qn("w:pPr"))
        assert ppr is not None and ppr.find(qn("w:bidi")) is not None
        logical = ""
        for run, text in texts:
            assert not (ARABIC.search(text) and LATIN.search(text)), text  # one script a run
            if ARABIC.search(text):
                assert _rtl(run), text
            if LATIN.search(text):
                assert not _rtl(run), text
            logical += text if _rtl(run) or not LATIN.search(text) else f"{LRI}{text}{PDI}"
        shown = reading_order(get_display(logical.replace("\t", " "), base_dir="R"))
        assert shown == logical_tokens(logical.replace(LRI, "").replace(PDI, "")), logical
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footers_print_the_page_number_alone(client: FlaskClient, six: Session, lang: str) -> None:
    pdf = get(client, f"/meetings/{SYMBOL}/agenda.pdf?lang={lang}")
    page_two = [plain(line).strip() for line in pdf_text(pdf, first=2, last=2).splitlines()]
    assert "2" in page_two and not any(re.fullmatch(r"2\s*/\s*\d+", x) for x in page_two)
    word = Document(BytesIO(get(client, f"/meetings/{SYMBOL}/agenda.docx?lang={lang}")))
    section = word.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "NUMPAGES" not in xml and "/" not in footer.paragraphs[0].text


def test_arabic_pdf_sets_arabic_in_one_family(client: FlaskClient, six: Session) -> None:
    tool = shutil.which("pdffonts")
    if tool is None:
        pytest.skip("pdffonts is not installed (Debian: poppler-utils)")
    pdf = get(client, f"/meetings/{SYMBOL}/agenda.pdf?lang=ar")
    listing = subprocess.run([tool, "-"], input=pdf, capture_output=True, check=True)
    names = {line.split()[0].split("+")[-1] for line in listing.stdout.decode().splitlines()[2:]}
    # Arabic glyphs from Noto Naskh Arabic alone (regular and bold); Latin runs from the Latin
    # serif, the symbol and running heads from the sans, as in the other language versions
    assert {n for n in names if "Arabic" in n} == {"Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Bold"}
