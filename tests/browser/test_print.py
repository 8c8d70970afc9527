"""The print version of the reference meeting, in Chromium: what a reader sees, and what comes
out of the printer (A4 PDF, the annex on a page of its own)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SYMBOL = "CTOC/COP/WG.4/2018/1"


@dataclass(frozen=True)
class Expected:
    lang: str
    title: str
    annex: str
    orgwork: str
    col_when: str
    days: tuple[str, ...]
    items: tuple[str, ...]


ZH = Expected(
    lang="zh",
    title="临时议程说明",
    annex="附件",
    orgwork="拟议工作安排",
    col_when="日期和时间",
    days=("7 月 2 日，星期一", "7 月 3 日，星期二"),  # one spacing rule, the seed's
    items=("1(a)", "1(b)", "2", "2", "3", "3", "4", "5"),
)
EN = Expected(
    lang="en",
    title="Provisional agenda and annotations",
    annex="Annex",
    orgwork="Proposed organization of work",
    col_when="Date and time",
    days=("Monday, 2 July", "Tuesday, 3 July"),
    items=("1 (a)", "1 (b)", "2", "2", "3", "3", "4", "5"),
)
LANGUAGES = pytest.mark.parametrize("expected", [ZH, EN], ids=lambda e: e.lang)


def _open_print_version(page: Page, live_server: str, lang: str) -> None:
    response = page.goto(f"{live_server}/meetings/{SYMBOL}/print?lang={lang}")
    assert response is not None and response.ok


@LANGUAGES
def test_print_version_shows_masthead_title_and_annex_table(
    page: Page, live_server: str, expected: Expected
) -> None:
    _open_print_version(page, live_server, expected.lang)

    expect(page.locator(".masthead-symbol")).to_have_text(SYMBOL)
    expect(page.locator(".masthead-symbol")).to_be_visible()
    expect(page.locator("h1.doc-title")).to_have_text(expected.title)
    annex = page.locator("section.annex")
    expect(annex.locator(".annex-label")).to_have_text(expected.annex)
    expect(annex.locator("h2")).to_have_text(expected.orgwork)
    expect(annex.locator("h2")).to_be_visible()
    table = annex.locator("table.orgwork")
    expect(table.locator("thead th").first).to_have_text(expected.col_when)
    expect(table.locator("tr.day-heading")).to_have_text(list(expected.days))
    rows = table.locator("tbody tr:not(.day-heading)")
    expect(rows.locator("td.item")).to_have_text(list(expected.items))
    for index in range(rows.count()):
        expect(rows.nth(index)).to_be_visible()


def _page_texts(pdf: Path, poppler: dict[str, str]) -> list[str]:
    """The text of each page of ``pdf``, read by poppler's pdftotext one page at a time."""
    info = subprocess.run(
        [poppler["pdfinfo"], str(pdf)], capture_output=True, text=True, check=True
    )
    pages = next(
        int(line.split(":", 1)[1]) for line in info.stdout.splitlines() if line.startswith("Pages:")
    )
    return [
        subprocess.run(
            [poppler["pdftotext"], "-f", str(n), "-l", str(n), "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


@LANGUAGES
def test_printed_pdf_starts_the_annex_on_a_page_of_its_own(
    page: Page, live_server: str, poppler: dict[str, str], expected: Expected, tmp_path: Path
) -> None:
    _open_print_version(page, live_server, expected.lang)
    pdf = tmp_path / f"agenda-{expected.lang}.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True))

    texts = _page_texts(pdf, poppler)

    assert len(texts) >= 2
    lines = [[line.strip() for line in text.splitlines() if line.strip()] for text in texts]
    # The annex label stands alone on its line; running text only mentions it ("see annex").
    annex_pages = [n for n, page_lines in enumerate(lines) if expected.annex in page_lines]
    assert len(annex_pages) == 1, annex_pages
    annex = annex_pages[0]
    assert annex > 0, "the annex shares the first page"
    before_label = lines[annex][: lines[annex].index(expected.annex)]
    assert set(before_label) <= {SYMBOL}, f"text above the annex on its page: {before_label}"
    assert expected.col_when in texts[annex]
    assert expected.col_when not in texts[annex - 1]
    assert expected.orgwork not in lines[annex - 1]
