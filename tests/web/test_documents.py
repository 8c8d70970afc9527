"""The provisional agenda as PDF and Word files: routes, file names, languages, and the content
of the Word document (read back with python-docx)."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.orm import Session

SYMBOL = "CTOC/COP/WG.4/2018/1"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: The annex of the seed (the UN's Chinese text), row by row: day headings, then time, item and
#: title (whitespace aside, which the seed's PDF extraction adds).
SEED_ANNEX_ZH = [
    ("日期和时间", "议程项目", "标题或说明"),
    ("7月 2日，星期一",),
    ("上午 10 时至下午 1 时", "1(a)", "会议开幕"),
    ("", "1(b)", "通过议程和工作安排"),
    ("", "2", "贩运人口案件中的国际合作：考虑受害者的需求和权利"),
    ("下午 3 时至 6 时", "2", "贩运人口案件中的国际合作：考虑受害者的需求和权利（续）"),
    ("", "3", "拟订用于审议《禁止贩运人口议定书》实施情况的调查问卷"),
    ("7月 3日，星期二",),
    ("上午 10 时至下午 1 时", "3", "拟订用于审议《禁止贩运人口议定书》实施情况的调查问卷（续）"),
    ("下午 3 时至 6 时", "4", "其他事项"),
    ("", "5", "通过报告"),
]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _url(kind: str, lang: str | None = None, symbol: str = SYMBOL) -> str:
    query = f"?lang={lang}" if lang else ""
    return f"/meetings/{symbol}/agenda.{kind}{query}"


def _word(client: FlaskClient, lang: str) -> DocxDocument:
    response = client.get(_url("docx", lang))
    assert response.status_code == 200
    return Document(BytesIO(response.data))


def _rows(table: Table) -> list[tuple[str, ...]]:
    """Each row's cell texts, a merged cell counted once."""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        rows.append(tuple(_squeeze(c.text) for c in cells))
    return rows


@pytest.mark.parametrize(
    ("kind", "content_type", "filename"),
    [
        ("pdf", PDF, "CTOC-COP-WG.4-2018-1-zh.pdf"),
        ("docx", DOCX, "CTOC-COP-WG.4-2018-1-zh.docx"),
    ],
)
def test_agenda_file_has_its_type_and_a_file_name_from_symbol_and_language(
    client: FlaskClient, reference: Session, kind: str, content_type: str, filename: str
) -> None:
    response = client.get(_url(kind, "zh"))
    assert response.status_code == 200
    assert response.mimetype == content_type
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_pdf_is_a_pdf_document(client: FlaskClient, reference: Session) -> None:
    response = client.get(_url("pdf", "en"))
    assert response.data.startswith(b"%PDF-")
    assert response.data.rstrip().endswith(b"%%EOF")


def test_word_document_lists_the_agenda_titles_in_chinese(
    client: FlaskClient, reference: Session
) -> None:
    doc = _word(client, "zh")
    paragraphs = [p.text for p in doc.paragraphs]
    assert "临时议程说明" in paragraphs
    for line in (
        "1.\t组织事项：",
        "(a)\t会议开幕；",
        "(b)\t通过议程和工作安排。",
        "2.\t贩运人口案件中的国际合作：考虑受害者的需求和权利。",
        "4.\t其他事项。",
        "5.\t通过报告。",
    ):
        assert line in paragraphs


def test_word_document_headings_are_word_headings(client: FlaskClient, reference: Session) -> None:
    doc = _word(client, "en")
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Head")]
    assert ("Heading 1", "Provisional agenda and annotations") in headings
    assert ("Heading 2", "Annotations") in headings
    assert ("Heading 3", "1.\tOrganizational matters") in headings
    assert ("Heading 4", "(a)\tOpening of the meeting") in headings


def test_word_document_numbers_paragraphs_with_a_hanging_indent(
    client: FlaskClient, reference: Session
) -> None:
    doc = _word(client, "en")
    numbered = [p for p in doc.paragraphs if p.style.name == "Numbered Paragraph"]
    assert numbered[0].text.startswith("1.\tThe eighth meeting of the Working Group")
    fmt = doc.styles["Numbered Paragraph"].paragraph_format
    assert fmt.first_line_indent is not None and fmt.first_line_indent < 0
    assert fmt.left_indent == -fmt.first_line_indent * 3  # 12.7 mm + 6.35 mm, hanging 6.35 mm


def test_word_masthead_is_a_table_with_the_symbol_and_distribution(
    client: FlaskClient, reference: Session
) -> None:
    masthead = _word(client, "zh").tables[0]
    assert _rows(masthead) == [
        ("联合国", SYMBOL),
        (
            _squeeze("联合国打击跨国有组织犯罪公约缔约方会议"),
            _squeeze("Distr.: General\n21 May 2018\nChinese\nOriginal: English"),
        ),
    ]


def test_word_annex_table_has_the_rows_of_the_seed_on_a_new_page(
    client: FlaskClient, reference: Session
) -> None:
    doc = _word(client, "zh")
    annex = next(p for p in doc.paragraphs if p.text == "附件")
    assert annex.paragraph_format.page_break_before
    table = doc.tables[1]
    assert _rows(table) == [tuple(_squeeze(c) for c in row) for row in SEED_ANNEX_ZH]
    header = table.rows[0]._tr
    assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None


def test_word_chinese_runs_name_an_east_asian_font(client: FlaskClient, reference: Session) -> None:
    doc = _word(client, "zh")
    run = next(r for p in doc.paragraphs for r in p.runs if r.text.startswith("贩运人口问题工作组"))
    fonts = run._r.rPr.find(qn("w:rFonts"))
    assert fonts is not None and fonts.get(qn("w:eastAsia")) in ("SimSun", "SimHei")
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "SimSun"


def test_word_arabic_paragraphs_run_right_to_left(client: FlaskClient, reference: Session) -> None:
    doc = _word(client, "ar")
    ppr = doc.styles["Normal"].element.pPr
    assert ppr is not None and ppr.find(qn("w:bidi")) is not None
    body = [p for p in doc.paragraphs if p.style.name == "Numbered Paragraph"]
    assert all(p._p.pPr.find(qn("w:bidi")) is not None for p in body)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_unknown_meeting_is_404(client: FlaskClient, reference: Session, kind: str) -> None:
    assert client.get(_url(kind, "en", symbol="CTOC/COP/WG.4/2099/1")).status_code == 404


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en", "CTOC-COP-WG.4-2018-1-en.docx"), ("zh", "CTOC-COP-WG.4-2018-1-zh.docx")],
)
def test_no_language_asked_falls_back_to_the_interface_language(
    client: FlaskClient, reference: Session, accept_language: str, expected: str
) -> None:
    response = client.get(_url("docx"), headers={"Accept-Language": accept_language})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{expected}"'


@pytest.mark.parametrize(
    "path",
    [f"/meetings/{SYMBOL}", f"/meetings/{SYMBOL}/print", _url("pdf"), _url("docx")],
)
def test_an_unknown_language_is_404_as_for_the_feeds(
    client: FlaskClient, reference: Session, path: str
) -> None:
    assert client.get(path, query_string={"lang": "xx"}).status_code == 404


def test_meeting_page_links_to_pdf_and_word(client: FlaskClient, reference: Session) -> None:
    page = client.get(f"/meetings/{SYMBOL}?lang=zh").get_data(as_text=True)
    assert f'href="/meetings/{SYMBOL}/agenda.pdf?lang=zh"' in page
    assert f'href="/meetings/{SYMBOL}/agenda.docx?lang=zh"' in page


def test_render_writes_a_word_file(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    out = tmp_path / "agenda.docx"
    result = runner.invoke(
        args=["planner", "render", SYMBOL, "--lang", "zh", "--format", "docx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "临时议程说明" in [p.text for p in Document(str(out)).paragraphs]


def test_render_refuses_to_write_a_pdf_to_a_terminal(
    runner: FlaskCliRunner, reference: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner import cli

    monkeypatch.setattr(cli, "_stdout_is_terminal", lambda: True)
    result = runner.invoke(args=["planner", "render", SYMBOL, "--format", "pdf"])
    assert result.exit_code == 2
    assert "-o FILE" in result.output
    assert "%PDF" not in result.output
