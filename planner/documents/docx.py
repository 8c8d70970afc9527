"""The provisional agenda and annotations as a Word document, built from the AgendaDocument data
(not converted from HTML), so that an editor receives real styles, tables and page setup.

The layout follows the print version (documents/document.css): A4; the masthead as a table with
a thin and a thick rule; body text indented 12.7 mm from both sides of the frame with numbers
hanging 6.35 mm; headings as Word headings (navigation pane, table of contents); the annex on a
new page with the organization of work as a Word table whose header row repeats; the symbol and
the page number alone in the running heads of all pages but the first. Chinese text takes an East
Asian font (w:eastAsia). Arabic runs right to left throughout: the section (w:bidi, page numbers
on the mirrored side), every paragraph (w:bidi), every Arabic run (w:rtl, sizes and bold in the
complex-script properties w:szCs, w:bCs) and the tables (w:bidiVisual); Latin runs (symbols,
names) are runs of their own without w:rtl, so that Word keeps their order. An author's text the
data lacks in the document's language is a run of its own, in its own language and direction,
highlighted and preceded by a mark ("[non traduit]").
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Final

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run as Run_

from planner.core.document import AgendaDocument, words
from planner.core.languages import RTL_LANGUAGES, concat
from planner.core.pagetext import cancelled_mark, cancelled_notice
from planner.core.runs import Run, runs

#: The text frame: A4 less 20 mm on either side.
FRAME: Final = Mm(170)
INDENT: Final = Mm(12.7)  # body text from either side of the frame
HANG: Final = Mm(6.35)  # a number or label before its text

#: Word language tags for each document language.
_LANG_TAGS: Final = {
    "ar": "ar-SA",
    "zh": "zh-CN",
    "en": "en-GB",
    "fr": "fr-FR",
    "ru": "ru-RU",
    "es": "es-ES",
}

SERIF: Final = "Times New Roman"
SANS: Final = "Arial"
#: East Asian faces as UN Chinese documents use them: Song for text, Hei for headings.
SONG: Final = "SimSun"
HEI: Final = "SimHei"
ARABIC: Final = "Noto Naskh Arabic"  # Debian fonts-noto-core; one family for all Arabic text


class _Setup:
    """What differs by language: sizes, line pitch, faces and direction."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.zh = lang == "zh"
        self.rtl = lang == "ar"
        self.size = Pt(10.5) if self.zh else Pt(12) if self.rtl else Pt(10)
        self.line = Pt(16) if self.zh else Pt(18) if self.rtl else Pt(12)
        self.hang = Mm(7.5) if self.zh else HANG
        self.mark = words(lang)["untranslated"]  # before an author's text missing in ``lang``


# --- low-level XML helpers ---------------------------------------------------------------


def _element(tag: str, **attrs: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


#: Word reads the children of these elements only in the order of the schema (ECMA-376).
_ORDER: Final = {
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish "
    "oMath",
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "w:pBdr": "top left bottom right between bar",
    "w:sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi "
    "rtlGutter docGrid printerSettings sectPrChange",
    "w:tcBorders": "top left bottom right insideH insideV tl2br tr2bl",
}
_RANKS: Final = {
    qn(parent): {qn(f"w:{name}"): rank for rank, name in enumerate(names.split())}
    for parent, names in _ORDER.items()
}


def _replace(parent: BaseOxmlElement, child: BaseOxmlElement) -> BaseOxmlElement:
    """Put ``child`` in ``parent`` where the schema wants it, in place of any element with the
    same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    ranks = _RANKS.get(parent.tag)
    if ranks is not None and child.tag in ranks:
        rank = ranks[child.tag]
        for index, sibling in enumerate(parent):
            if ranks.get(sibling.tag, -1) > rank:
                parent.insert(index, child)
                return child
    parent.append(child)
    return child


def _fonts(rpr: BaseOxmlElement, latin: str, east_asia: str, complex_script: str) -> None:
    """Name the faces outright: theme fonts (w:asciiTheme...) would win over them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = _replace(rpr, _element("w:rFonts"))
    for name in list(rfonts.attrib):
        del rfonts.attrib[name]
    for attr, face in (
        ("ascii", latin),
        ("hAnsi", latin),
        ("eastAsia", east_asia),
        ("cs", complex_script),
    ):
        rfonts.set(qn(f"w:{attr}"), face)


def _border(parent: BaseOxmlElement, side: str, eighths: int, space: int = 0) -> None:
    """A single black rule ``eighths`` of a point thick on ``side`` of a cell or paragraph."""
    _replace(
        parent,
        _element(f"w:{side}", val="single", sz=str(eighths), space=str(space), color="000000"),
    )


def _no_borders(parent_tag: str, sides: tuple[str, ...]) -> BaseOxmlElement:
    borders = _element(parent_tag)
    for side in sides:
        borders.append(_element(f"w:{side}", val="nil"))
    return borders


# --- styles ------------------------------------------------------------------------------


def _style_rpr(style: ParagraphStyle) -> BaseOxmlElement:
    rpr: BaseOxmlElement = style.element.get_or_add_rPr()
    return rpr


def _reset(style: ParagraphStyle) -> None:
    """Strip a built-in style of the default template's colours, theme fonts and spacing."""
    rpr = style.element.rPr
    if rpr is not None:
        style.element.remove(rpr)
    ppr = style.element.pPr
    if ppr is not None:
        for child in list(ppr):
            if child.tag != qn("w:outlineLvl"):
                ppr.remove(child)


def _paragraph_style(
    doc: DocxDocument,
    name: str,
    setup: _Setup,
    *,
    base: str = "Normal",
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    line: float | None = None,
    heading_face: bool = False,
    start: int = 0,
    end: int = 0,
    hang: int = 0,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
    justify: bool = False,
    exact: bool = True,
) -> ParagraphStyle:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
        _reset(style)
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    font = style.font
    font.bold = bold
    font.italic = italic
    font.size = Pt(size) if size else setup.size
    font.color.rgb = None
    # Arabic is set with the complex-script size and weight.
    rpr = _style_rpr(style)
    _replace(rpr, _element("w:szCs", val=str(int((size or setup.size.pt) * 2))))
    if bold:
        _replace(rpr, _element("w:bCs"))
    if heading_face:
        latin = SANS if setup.zh else SERIF
        _fonts(_style_rpr(style), latin, HEI, ARABIC if setup.rtl else latin)
    fmt = style.paragraph_format
    fmt.left_indent = start
    fmt.right_indent = end
    fmt.first_line_indent = -hang if hang else 0
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY if exact else WD_LINE_SPACING.AT_LEAST
    fmt.line_spacing = Pt(line) if line else setup.line
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justify else None
    if hang:
        fmt.tab_stops.add_tab_stop(start)
    return style


def _styles(doc: DocxDocument, setup: _Setup) -> None:
    normal = doc.styles["Normal"]
    _reset(normal)
    normal.font.size = setup.size
    _fonts(_style_rpr(normal), SERIF, SONG, ARABIC if setup.rtl else SERIF)
    rpr = _style_rpr(normal)
    _replace(rpr, _element("w:szCs", val=str(int(setup.size.pt * 2))))
    _replace(
        rpr,
        _element(
            "w:lang",
            val="en-GB" if setup.zh else _LANG_TAGS[setup.lang],
            eastAsia=_LANG_TAGS["zh"],
            bidi=_LANG_TAGS["ar"],
        ),
    )
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = setup.line
    # The document defaults name the theme's fonts; a reader opening the file sees ours.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if default_rpr is not None:
            _fonts(default_rpr, SERIF, SONG, ARABIC if setup.rtl else SERIF)
    if setup.rtl:
        _replace(normal.element.get_or_add_pPr(), _element("w:bidi"))
        _replace(rpr, _element("w:rtl"))

    big = 15 if setup.zh else 16 if setup.rtl else 14
    mid = 12.5 if setup.zh else 14 if setup.rtl else 12
    _paragraph_style(
        doc,
        "Heading 1",
        setup,
        bold=True,
        size=big,
        line=big + 4,
        heading_face=True,
        start=INDENT,
        before=24,
        after=12,
        keep_next=True,
    )
    _paragraph_style(
        doc,
        "Heading 2",
        setup,
        bold=True,
        size=mid,
        line=mid + 4,
        heading_face=True,
        start=INDENT,
        before=12,
        after=12,
        keep_next=True,
    )
    for level in ("Heading 3", "Heading 4"):
        _paragraph_style(
            doc,
            level,
            setup,
            bold=True,
            heading_face=True,
            start=INDENT,
            end=INDENT,
            hang=setup.hang,
            before=12,
            after=6,
            keep_next=True,
        )
    _paragraph_style(
        doc,
        "Documentation Heading",
        setup,
        bold=True,
        heading_face=True,
        start=INDENT,
        before=6,
        after=6,
        keep_next=True,
    )
    _paragraph_style(
        doc, "Agenda Item", setup, start=INDENT + setup.hang, end=INDENT, hang=setup.hang, after=6
    )
    _paragraph_style(
        doc,
        "Agenda Subitem",
        setup,
        start=INDENT + 2 * setup.hang,
        end=INDENT,
        hang=setup.hang,
        after=6,
    )
    _paragraph_style(
        doc,
        "Agenda Subsubitem",
        setup,
        start=INDENT + 3 * setup.hang,
        end=INDENT,
        hang=setup.hang,
        after=6,
    )
    _paragraph_style(
        doc,
        "Numbered Paragraph",
        setup,
        start=INDENT + setup.hang,
        end=INDENT,
        hang=setup.hang,
        after=6,
        justify=True,
    )
    _paragraph_style(doc, "Single Text", setup, start=INDENT, end=INDENT, after=6)
    _paragraph_style(doc, "Masthead", setup, exact=False)
    _paragraph_style(doc, "Table Text", setup, before=3, after=3)
    _paragraph_style(
        doc,
        "Table Heading",
        setup,
        italic=not (setup.zh or setup.rtl),
        bold=setup.rtl,
        size=9 if setup.zh else 12 if setup.rtl else 8,
        line=12 if setup.zh else 16 if setup.rtl else 10,
        before=3,
        after=3,
        heading_face=setup.zh,
    )
    _paragraph_style(doc, "Running Head", setup, bold=True, size=8, line=10)
    _fonts(_style_rpr(doc.styles["Running Head"]), SANS, HEI, SANS)


# --- paragraphs and runs -----------------------------------------------------------------


def _para(
    container: DocxDocument | _Cell,
    style: str,
    setup: _Setup,
    *texts: str,
    heading: bool = False,
    bold: bool | None = None,
    italic: bool | None = None,
    size: float | None = None,
    face: str | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    rtl: bool | None = None,
) -> Paragraph:
    """One paragraph; its texts joined by tabs (label, tab, text), each text cut into runs
    (planner.core.runs): the document's own text, Latin runs of an Arabic text, and an author's
    text missing in this language, marked with ``mark``."""
    paragraph = container.add_paragraph(style=style)
    right_to_left = setup.rtl if rtl is None else rtl
    if right_to_left:
        _replace(paragraph._p.get_or_add_pPr(), _element("w:bidi"))
    elif setup.rtl:  # a left-to-right paragraph in an Arabic document
        _replace(paragraph._p.get_or_add_pPr(), _element("w:bidi", val="0"))
    if align is not None:
        paragraph.alignment = align
    for index, text in enumerate(texts):
        if index:
            paragraph.add_run().add_tab()
        pieces = (
            runs(text, setup.lang)
            if right_to_left or not setup.rtl
            else (Run(text, None, True, False),)
        )
        for piece in pieces:
            if piece.source is not None:
                _run(
                    paragraph,
                    f"[{setup.mark}] ",
                    setup,
                    heading,
                    bold,
                    None,
                    size,
                    face,
                    right_to_left,
                )
            run = _run(
                paragraph,
                piece.text,
                setup,
                heading,
                bold,
                italic,
                size,
                face,
                piece.rtl,
                source=piece.source,
            )
            if piece.isolate and piece.source is None:
                _replace(run._r.get_or_add_rPr(), _element("w:lang", val="en-GB"))
    return paragraph


def _run(
    paragraph: Paragraph,
    text: str,
    setup: _Setup,
    heading: bool,
    bold: bool | None,
    italic: bool | None,
    size: float | None,
    face: str | None,
    right_to_left: bool,
    source: str | None = None,
) -> Run_:
    run = paragraph.add_run(text)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if size is not None:
        run.font.size = Pt(size)
    rpr = run._r.get_or_add_rPr()
    if bold and setup.rtl:
        _replace(rpr, _element("w:bCs"))
    if size is not None and setup.rtl:
        _replace(rpr, _element("w:szCs", val=str(int(size * 2))))
    if face is not None:
        _fonts(rpr, face, HEI if setup.zh else face, ARABIC if setup.rtl else face)
    elif setup.zh:
        latin = SANS if heading else SERIF
        _fonts(rpr, latin, HEI if heading else SONG, latin)
        _replace(rpr, _element("w:lang", val="en-GB", eastAsia="zh-CN"))
    if right_to_left:
        _replace(rpr, _element("w:rtl"))
    elif setup.rtl:
        _replace(rpr, _element("w:rtl", val="0"))
    if source is not None:
        # The untranslated original: its own language and direction, highlighted.
        _replace(rpr, _element("w:highlight", val="yellow"))
        tag = _LANG_TAGS[source]
        attrs = {"bidi": tag} if source in RTL_LANGUAGES else {"val": tag}
        if source == "zh":
            attrs = {"eastAsia": tag}
        _replace(rpr, _element("w:lang", **attrs))
    return run


# --- page setup and running heads ---------------------------------------------------------


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    field = _element("w:fldSimple", instr=f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_setup(doc: DocxDocument, agenda: AgendaDocument, setup: _Setup) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)
    section.left_margin = section.right_margin = Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True  # the masthead page has no running heads
    doc.settings.odd_and_even_pages_header_footer = True
    if setup.rtl:  # a right-to-left section: columns, page numbers and gutter mirrored
        _replace(section._sectPr, _element("w:bidi"))
    symbol = agenda.masthead.symbol
    outer = {"odd": WD_ALIGN_PARAGRAPH.RIGHT, "even": WD_ALIGN_PARAGRAPH.LEFT}
    if setup.rtl:  # pages turn the other way: the outer side of an odd page is its left
        outer = {"odd": WD_ALIGN_PARAGRAPH.LEFT, "even": WD_ALIGN_PARAGRAPH.RIGHT}
    for side, header, footer in (
        ("odd", section.header, section.footer),
        ("even", section.even_page_header, section.even_page_footer),
    ):
        head = header.paragraphs[0]
        head.style = doc.styles["Running Head"]
        head.alignment = outer[side]
        head.add_run(symbol)
        rule = _replace(head._p.get_or_add_pPr(), _element("w:pBdr"))
        _border(rule, "bottom", 4, space=1)
        foot = footer.paragraphs[0]
        foot.style = doc.styles["Running Head"]
        foot.alignment = outer[side]
        _field(foot, "PAGE", "1")  # the page number alone, as UN documents print it


# --- the document's parts -----------------------------------------------------------------


def _table_layout(table: Table, widths: list[int], *, indent: int = 0) -> None:
    """Fixed column widths, no cell borders, text flush with the cell edges, optional indent."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _replace(tbl_pr, _element("w:tblW", w=str(sum(widths) // 635), type="dxa"))
    _replace(tbl_pr, _element("w:tblLayout", type="fixed"))
    _replace(tbl_pr, _element("w:tblInd", w=str(indent // 635), type="dxa"))
    _replace(
        tbl_pr,
        _no_borders("w:tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV")),
    )
    margins = _element("w:tblCellMar")
    margins.append(_element("w:left", w="0", type="dxa"))
    margins.append(_element("w:right", w="80", type="dxa"))
    _replace(tbl_pr, margins)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _cell_rule(cell: _Cell, side: str, eighths: int) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = _replace(tc_pr, _element("w:tcBorders"))
    _border(borders, side, eighths)


def _first_paragraph(cell: _Cell, style: str, setup: _Setup, text: str, **kwargs: object) -> None:
    """Fill the empty paragraph a new cell comes with, then remove it from the end if unused."""
    paragraph = _para(cell, style, setup, text, **kwargs)  # type: ignore[arg-type]
    empty = cell.paragraphs[0]
    if empty._p is not paragraph._p and not empty.text:
        cell._tc.remove(empty._p)


def _masthead(doc: DocxDocument, agenda: AgendaDocument, setup: _Setup) -> None:
    m = agenda.masthead
    # Three grid columns: the symbol takes the last two, the organ the first two.
    table = doc.add_table(rows=2, cols=3)
    if setup.rtl:
        _replace(table._tbl.tblPr, _element("w:bidiVisual"))
    widths = [FRAME - Mm(80), Mm(80 - 44), Mm(44)]
    _table_layout(table, widths)
    un, distribution = table.cell(0, 0), table.cell(1, 2)
    symbol = table.cell(0, 1).merge(table.cell(0, 2))
    organ = table.cell(1, 0).merge(table.cell(1, 1))
    symbol.width = widths[1] + widths[2]
    organ.width = widths[0] + widths[1]
    _first_paragraph(
        un, "Masthead", setup, agenda.words["united_nations"], size=12, heading=setup.zh
    )
    outer = WD_ALIGN_PARAGRAPH.LEFT if setup.rtl else WD_ALIGN_PARAGRAPH.RIGHT
    _first_paragraph(
        symbol, "Masthead", setup, m.symbol, bold=True, size=17, face=SANS, align=outer, rtl=False
    )
    for cell in (un, symbol):
        _cell_rule(cell, "bottom", 6)
    _first_paragraph(
        organ,
        "Masthead",
        setup,
        m.organ,
        bold=True,
        size=15 if setup.zh else 14,
        face=None if setup.zh else SANS,
        heading=True,
    )
    for paragraph in organ.paragraphs:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        paragraph.paragraph_format.space_before = Pt(5)
    # The distribution block, left to right: in French and Spanish, otherwise in English.
    lines: list[tuple[str, bool]] = [(m.distribution, False), (m.issued, m.issued_is_deadline)]
    if m.language_version:
        lines.append((m.language_version, False))
    else:
        lines.append(("", False))  # the blank line of originals
    lines.append((m.original, False))
    for index, (text, italic) in enumerate(lines):
        paragraph = _para(
            distribution, "Masthead", setup, text, italic=italic or None, face=SERIF, rtl=False
        )
        paragraph.paragraph_format.space_before = Pt(5) if index == 0 else Pt(0)
        for run in paragraph.runs:  # in English in the Russian, Arabic and Chinese versions
            _replace(run._r.get_or_add_rPr(), _element("w:lang", val=_LANG_TAGS[m.lang]))
    distribution._tc.remove(distribution.paragraphs[0]._p)
    organ.paragraphs[-1].paragraph_format.space_after = Pt(8)
    for cell in (organ, distribution):
        _cell_rule(cell, "bottom", 24)


def _front(doc: DocxDocument, agenda: AgendaDocument, setup: _Setup) -> None:
    first = True
    for text in (agenda.session_line, agenda.body_name if agenda.show_body_name else None):
        if text:
            paragraph = _para(doc, "Normal", setup, text, bold=True, heading=True)
            if first:
                paragraph.paragraph_format.space_before = Pt(6)
                first = False
    _para(doc, "Normal", setup, agenda.dateline)
    _para(doc, "Heading 1", setup, agenda.words["title"], heading=True)


_AGENDA_STYLES: Final = ("Agenda Item", "Agenda Subitem", "Agenda Subsubitem")


def _agenda(doc: DocxDocument, agenda: AgendaDocument, setup: _Setup) -> None:
    _para(doc, "Heading 2", setup, agenda.words["agenda"], heading=True)
    for line in agenda.agenda:
        style = _AGENDA_STYLES[min(line.depth, len(_AGENDA_STYLES) - 1)]
        paragraph = _para(doc, style, setup, line.label, concat(line.title, line.punctuation))
        paragraph.paragraph_format.keep_together = True


def _annotations(doc: DocxDocument, agenda: AgendaDocument, setup: _Setup) -> None:
    _para(doc, "Heading 2", setup, agenda.words["annotations"], heading=True)
    for note in agenda.annotations:
        level = "Heading 3" if note.depth == 0 else "Heading 4"
        _para(doc, level, setup, note.label, note.title, heading=True)
        for number, text in note.paragraphs:
            _para(
                doc,
                "Numbered Paragraph",
                setup,
                agenda.words["paragraph"].format(number=number),
                text,
            )
        if note.documents:
            _para(doc, "Documentation Heading", setup, agenda.words["documentation"], heading=True)
            for entry in note.documents:
                _para(doc, "Single Text", setup, entry)


def _keep_row(row_tr: BaseOxmlElement, *, header: bool = False) -> None:
    tr_pr = row_tr.get_or_add_trPr()
    _replace(tr_pr, _element("w:cantSplit"))
    if header:
        _replace(tr_pr, _element("w:tblHeader"))


def _annex(doc: DocxDocument, agenda: AgendaDocument, setup: _Setup) -> None:
    label = _para(doc, "Heading 1", setup, agenda.words["annex"], heading=True)
    label.paragraph_format.page_break_before = True
    label.paragraph_format.left_indent = 0
    label.paragraph_format.space_before = Pt(18)
    _para(doc, "Heading 1", setup, agenda.words["orgwork"], heading=True)

    width = FRAME - 2 * INDENT
    widths = [int(width * 0.34), int(width * 0.14)]
    widths.append(width - sum(widths))
    table = doc.add_table(rows=1, cols=3)
    if setup.rtl:
        _replace(table._tbl.tblPr, _element("w:bidiVisual"))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    head = table.rows[0]
    _keep_row(head._tr, header=True)
    for cell, key in zip(head.cells, ("col_when", "col_item", "col_title"), strict=True):
        _first_paragraph(cell, "Table Heading", setup, agenda.words[key], heading=setup.zh)
        _cell_rule(cell, "bottom", 6)
    last_row = head
    day_cells: list[_Cell] = []
    for day in agenda.orgwork:
        row = table.add_row()
        _keep_row(row._tr)
        merged = row.cells[0].merge(row.cells[2])
        day_cells.append(merged)
        _first_paragraph(merged, "Table Text", setup, day.heading, bold=True)
        merged.paragraphs[0].paragraph_format.space_before = Pt(9)
        merged.paragraphs[0].paragraph_format.keep_with_next = True
        for sitting in day.sittings:
            rows = sitting.rows or ()
            if sitting.note or not rows:
                row = table.add_row()
                _keep_row(row._tr)
                _first_paragraph(row.cells[0], "Table Text", setup, sitting.time)
                if sitting.note:
                    _first_paragraph(row.cells[2], "Table Text", setup, sitting.note)
                last_row = row
            for index, entry in enumerate(rows):
                row = table.add_row()
                _keep_row(row._tr)
                first = index == 0 and not sitting.note
                texts = (sitting.time if first else "", entry.number, entry.display)
                for cell, text in zip(row.cells, texts, strict=True):
                    _first_paragraph(cell, "Table Text", setup, text)
                last_row = row
    _table_layout(table, widths, indent=INDENT)
    for merged in day_cells:
        merged.width = width
    for cell in last_row.cells:
        _cell_rule(cell, "bottom", 12)


def _properties(doc: DocxDocument, agenda: AgendaDocument) -> None:
    props = doc.core_properties
    props.title = f"{agenda.masthead.symbol} — {agenda.words['title']}"
    props.subject = agenda.body_name
    props.language = _LANG_TAGS[agenda.lang]
    props.author = props.last_modified_by = "United Nations"
    props.keywords = agenda.masthead.symbol
    props.comments = ""
    props.revision = 1
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)


def render_docx(agenda: AgendaDocument, *, cancelled: bool = False) -> bytes:
    """The whole document (masthead, agenda, annotations, annex) as .docx bytes; a cancelled
    meeting's opens with the cancelled mark and notice."""
    setup = _Setup(agenda.lang)
    doc = Document()
    _styles(doc, setup)
    _page_setup(doc, agenda, setup)
    body = doc.element.body
    for paragraph in list(doc.paragraphs):  # the template's empty first paragraph
        body.remove(paragraph._p)
    if cancelled:
        notice = _para(
            doc,
            "Normal",
            setup,
            cancelled_mark(agenda.lang),
            cancelled_notice(agenda.lang),
            bold=True,
        )
        notice.paragraph_format.space_after = Pt(12)
        for run in notice.runs:
            run.font.color.rgb = RGBColor(0xAA, 0x11, 0x11)
    _masthead(doc, agenda, setup)
    _front(doc, agenda, setup)
    _agenda(doc, agenda, setup)
    _annotations(doc, agenda, setup)
    _annex(doc, agenda, setup)
    _properties(doc, agenda)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
