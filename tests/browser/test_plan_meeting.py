"""Issue 5: the reference meeting, built in Chromium through the forms alone, from an empty
database, renders exactly as the reference file imported through the CLI.

An admin is created with the CLI, as an operator would; everything else is typed, chosen and
dragged in the browser: the two bodies, the two documents, the meeting, its agenda (standard
items, two titled items added in the wrong order and put right with drag and drop and the
keyboard buttons, annotations, minutes, documents), then the organization of work and the
meeting page in Chinese and English with its subscribe link. The texts typed come from the
reference file, read with the project's own parser.

The meeting built that way is then compared with the reference imported into a second app on
its own SQLite file: the JSON rendering (agenda numbers and titles, organization of work) and
the print version's HTML in Chinese and English, the meeting file each exports (identifiers
aside), and what Chromium shows of the organization of work, the meeting page and the print
version on both servers.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, Locator, Page, expect

from planner.core.meetingfile import (
    BodySpec,
    DocumentSpec,
    ItemSpec,
    MandateSpec,
    MeetingSpec,
    parse,
)
from planner.core.standard import standard_title
from planner.i18n import AUTONYMS
from tests.browser.conftest import REFERENCE, dispose, make_app, serving

pytestmark = pytest.mark.browser

EMAIL = "planner-admin@un.org"
PASSWORD = "a passphrase for the forms"
REF = parse(REFERENCE.read_text(encoding="utf-8"), str(REFERENCE))
MEETING: MeetingSpec = REF.meetings[0]
SYMBOL = MEETING.symbol
#: The agenda numbers and, per half-day meeting, the items of the reference's organization of work.
AGENDA_NUMBERS = ["1", "1(a)", "1(b)", "2", "3", "4", "5"]
ORGWORK_NUMBERS = [["1(a)", "1(b)", "2"], ["2", "3"], ["3"], ["4", "5"]]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


# -- the apps ------------------------------------------------------------------------------------


def _create_user(app: Flask, email: str = EMAIL, role: str = "admin", *bodies: str) -> None:
    """An account made with the CLI, as an operator makes the first admin."""
    options = [arg for body in bodies for arg in ("--body", body)]
    result = app.test_cli_runner().invoke(
        args=["planner", "create-user", email, "--role", role, *options],
        env={"PLANNER_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def reference_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The reference file imported with the CLI into an app of its own (own SQLite file)."""
    app = make_app(tmp_path_factory.mktemp("reference"), reference=True)
    _create_user(app)
    yield app
    dispose(app)


@pytest.fixture(scope="module")
def reference_server(reference_app: Flask) -> Iterator[str]:
    with serving(reference_app) as base:
        yield base


def _cli(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["planner", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _without_nonce(html: str) -> str:
    return re.sub(r' nonce="[^"]*"', "", html)


def _rendered_json(app: Flask, lang: str) -> dict[str, Any]:
    """`planner render SYMBOL --format json`, without the feed addresses (their identifiers
    differ from one database to the other)."""
    rendered = json.loads(_cli(app, "render", SYMBOL, "--format", "json", "--lang", lang))
    assert UUID.search(json.dumps(rendered["feeds"]))
    del rendered["feeds"]
    return rendered


def _exported(app: Flask) -> str:
    """`planner export SYMBOL` with the lines of public identifiers left out."""
    text = _cli(app, "export", SYMBOL)
    return "\n".join(line for line in text.splitlines() if not UUID.search(line))


# -- browser steps ---------------------------------------------------------------------------------


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/sign-in")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(EMAIL)


def _fill_texts(group: Locator, texts: dict[str, str]) -> None:
    """Type ``texts`` into a fieldset of six language inputs, one language at a time."""
    for lang, text in texts.items():
        group.get_by_label(AUTONYMS[lang], exact=True).fill(text)


def _group(page: Page, legend: str) -> Locator:
    return page.get_by_role("group", name=legend, exact=True)


def _save(page: Page) -> None:
    page.locator(".actions").get_by_role("button", name="Save").click()


def _flash(page: Page, text: str) -> None:
    expect(page.locator(".flash-success")).to_contain_text(text)


def _create_body(page: Page, base: str, body: BodySpec) -> None:
    page.goto(base)
    page.get_by_role("link", name="New body").click()
    page.get_by_label("Symbol").fill(body.symbol)
    if body.parent:
        page.get_by_label("Reports to").select_option(label=body.parent)
    _fill_texts(_group(page, "Name"), body.name)
    _fill_texts(_group(page, "Short name"), body.short_name)
    page.get_by_label("Its gatherings are called").select_option(body.meeting_word)
    _save(page)
    _flash(page, f"The body {body.symbol} was created.")


def _create_document(page: Page, base: str, doc: DocumentSpec) -> None:
    page.goto(base)
    page.locator("p.manage-links").first.get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="New document").click()
    page.get_by_label("Symbol").fill(doc.symbol)
    page.get_by_label("Kind").select_option(doc.kind)
    _fill_texts(_group(page, "Title"), doc.title)
    _fill_texts(_group(page, "Listing"), doc.listing)
    _save(page)
    _flash(page, f"The document {doc.symbol} was created.")


def _create_mandate(page: Page, base: str, mandate: MandateSpec) -> None:
    """A resolution the annotations cite, through the mandate form."""
    page.goto(f"{base}/manage/mandates/new")
    page.locator('select[name="body"]').select_option(mandate.body)
    page.locator('select[name="kind"]').select_option(mandate.kind)
    page.locator('input[name="number"]').fill(mandate.number or "")
    page.locator('input[name="session"]').fill(str(mandate.session or ""))
    page.locator('input[name="symbol"]').fill(mandate.symbol or "")
    _fill_texts(_group(page, "Title"), mandate.title)
    for link in mandate.bodies:
        page.locator(f'input[name="{link.relation}"][value="{link.body}"]').check()
    _save(page)
    _flash(page, "The mandate was created.")


def _body_section(page: Page, symbol: str) -> Locator:
    exactly = re.compile(f"^{re.escape(symbol)}$")
    return page.locator("section.body").filter(
        has=page.get_by_role("heading").locator(".symbol", has_text=exactly)
    )


def _create_meeting(page: Page, base: str, spec: MeetingSpec) -> None:
    page.goto(base)
    _body_section(page, spec.body).get_by_role("link", name="New meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"New meeting of {spec.body}")
    page.get_by_label("Symbol").fill(spec.symbol)
    page.get_by_label("Number").fill(str(spec.number))
    page.get_by_label("Original language").select_option(spec.original_language)
    page.get_by_label("First day").fill(spec.start.isoformat())
    page.get_by_label("Last day").fill(spec.end.isoformat())
    page.get_by_label("Time zone").fill(spec.timezone)
    page.get_by_label("Format").select_option(spec.format)
    _fill_texts(_group(page, "City"), spec.city)
    _fill_texts(_group(page, "Venue"), spec.venue)
    rows = page.locator("#daily_meetings .slot-row")
    while rows.count() < len(spec.daily_meetings):
        page.get_by_role("button", name="Add a half-day meeting", exact=True).click()
    expect(rows).to_have_count(len(spec.daily_meetings))
    for row, slot in zip(rows.all(), spec.daily_meetings, strict=True):
        row.get_by_label("From").fill(f"{slot.start:%H:%M}")
        row.get_by_label("To").fill(f"{slot.end:%H:%M}")
    assert not spec.days  # the reference has no day with other hours
    page.get_by_label("Meetings with interpretation").fill(str(spec.interpretation_meetings))
    languages = _group(page, "Interpretation into")
    for lang in spec.interpretation_languages:
        languages.get_by_label(AUTONYMS[lang], exact=True).check()
    _save(page)
    _flash(page, f"The meeting {spec.symbol} was created.")
    expect(page.locator(".meeting-summary .symbol")).to_have_text(spec.symbol)


# -- the agenda editor ---------------------------------------------------------------------------


def _numbers(page: Page) -> list[str]:
    return page.locator(".agenda-tree .item-row .number").all_inner_texts()


def _edit_item(page: Page, number: str, item: ItemSpec) -> None:
    """Open item ``number`` from the tree, type its title (unless standard), annotation and
    minutes, save, and list its documents."""
    page.get_by_role("link", name=f"Edit item {number}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Agenda item {number}")
    if item.standard is None:
        _fill_texts(_group(page, "Title"), item.title)
    _fill_texts(_group(page, "Annotation"), item.annotation)
    if item.minutes is not None:
        page.get_by_label("Estimated time, in minutes").fill(str(item.minutes))
    page.get_by_role("button", name="Save").click()
    _flash(page, f"Item {number} saved.")
    if item.documents:
        page.get_by_role("link", name=f"Edit item {number}", exact=True).click()
        for symbol in item.documents:
            picker = page.get_by_label("Document", exact=True)
            value = picker.locator("option", has_text=symbol).first.get_attribute("value")
            picker.select_option(value=value)
            page.get_by_role("button", name="List under this item").click()
            expect(page.locator(".document-links .symbol").last).to_have_text(symbol)
        expect(page.locator(".document-links .symbol")).to_have_text(list(item.documents))
        page.locator("nav.breadcrumbs").get_by_role("link", name="Agenda").click()


def _add_item(page: Page, item: ItemSpec, number: str) -> None:
    """Add a titled item: it goes before the closing items and becomes item ``number``."""
    page.get_by_role("link", name="Add an agenda item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New agenda item")
    _fill_texts(_group(page, "Title"), item.title)
    page.get_by_role("button", name="Save").click()
    _flash(page, f"Item {number} added.")
    _edit_item(page, number, item)


def _row(page: Page, number: str) -> Locator:
    return page.locator(".item-row").filter(
        has=page.locator(".number", has_text=re.compile(f"^{re.escape(number)}$"))
    )


def _build_agenda(page: Page, agenda: tuple[ItemSpec, ...]) -> None:
    organizational, substantive_2, substantive_3, other, report = agenda
    opening, adoption = organizational.items
    word = REF.bodies[1].meeting_word
    # A new meeting starts with the standard items; substantive items go between them.
    expect(page.locator(".agenda-tree .item-row .title")).to_have_text(
        [
            standard_title(kind, word, "en")
            for kind in (
                "organizational_matters",
                "opening",
                "adoption_of_agenda",
                "other_matters",
                "adoption_of_report",
            )
        ]
    )
    assert _numbers(page) == ["1", "1(a)", "1(b)", "2", "3"]
    for number, item in (("1(a)", opening), ("1(b)", adoption), ("2", other), ("3", report)):
        _edit_item(page, number, item)

    # Item 3 of the reference first, then item 2: each goes before "Other matters", so they
    # stand in the wrong order.
    _add_item(page, substantive_3, "2")
    _add_item(page, substantive_2, "3")

    # Drag item 3 onto the upper edge of item 2: it goes before it.
    source, target = _row(page, "3"), _row(page, "2")
    box = target.bounding_box()
    assert box is not None
    with page.expect_navigation():
        source.drag_to(target, target_position={"x": box["width"] / 2, "y": 2})
    _flash(page, "The item is now item 2.")
    # The keyboard moves: item 2 down and back up.
    for name in ("Move down: item 2", "Move up: item 3"):
        button = page.get_by_role("button", name=name, exact=True)
        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
    _flash(page, "The item is now item 2.")

    assert _numbers(page) == AGENDA_NUMBERS
    expect(page.locator(".agenda-tree .item-row .title")).to_have_text(
        [
            standard_title("organizational_matters", word, "en"),
            standard_title("opening", word, "en"),
            standard_title("adoption_of_agenda", word, "en"),
            substantive_2.title["en"],
            substantive_3.title["en"],
            standard_title("other_matters", word, "en"),
            standard_title("adoption_of_report", word, "en"),
        ]
    )
    expect(_row(page, "2").locator(".facts .symbol")).to_have_text(
        ", ".join(substantive_2.documents)
    )
    expect(_row(page, "3").locator(".facts .symbol")).to_have_text(
        ", ".join(substantive_3.documents)
    )


# -- what both servers show ------------------------------------------------------------------------


def _orgwork_text(page: Page) -> str:
    page.get_by_role("link", name="Organization of work").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Organization of work of {SYMBOL}")
    expect(page.locator("section.orgwork-day")).to_have_count(
        (MEETING.end - MEETING.start).days + 1
    )
    return "\n\n".join(page.locator("section.orgwork-day").all_inner_texts())


def _meeting_page_text(page: Page, base: str, lang: str) -> str:
    response = page.goto(f"{base}/meetings/{SYMBOL}?lang={lang}")
    assert response is not None and response.ok
    document = page.locator("article.un-document")
    expect(document).to_have_attribute("lang", lang)
    webcal = page.locator('a[href^="webcal://"]')
    expect(webcal).to_have_count(1)
    expect(webcal).to_be_visible()
    expect(webcal).to_have_attribute(
        "href", re.compile(rf"^webcal://127\.0\.0\.1:[0-9]+/feeds/meetings/{UUID.pattern}\.ics")
    )
    return document.inner_text()


def _print_text(page: Page, base: str, lang: str) -> str:
    response = page.goto(f"{base}/meetings/{SYMBOL}/print?lang={lang}")
    assert response is not None and response.ok
    return page.locator("body").inner_text()


# -- the test ------------------------------------------------------------------------------------


def test_the_reference_meeting_built_through_the_forms_renders_as_the_reference(
    browser: Browser,
    page: Page,
    empty_app: Flask,
    empty_server: str,
    reference_app: Flask,
    reference_server: str,
) -> None:
    base = empty_server
    _create_user(empty_app)
    _sign_in(page, base)
    expect(page.locator("main")).to_contain_text("No body has been set up yet.")

    for body in REF.bodies:
        _create_body(page, base, body)
    for mandate in REF.mandates:  # cited by the annotations through {mandate:...}
        _create_mandate(page, base, mandate)
    for doc in REF.documents:
        _create_document(page, base, doc)
    _create_meeting(page, base, MEETING)

    page.get_by_role("link", name="Edit the agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Agenda of {SYMBOL}")
    _build_agenda(page, MEETING.agenda)
    # Published, as the reference meeting is (make run imports it with --publish).
    page.goto(f"{base}/meetings/{SYMBOL}")
    page.get_by_role("button", name="Publish the meeting").click()
    expect(page.locator(".flash-success")).to_be_visible()
    built_orgwork = _orgwork_text(page)

    built_pages = {lang: _meeting_page_text(page, base, lang) for lang in ("zh", "en")}
    built_prints = {lang: _print_text(page, base, lang) for lang in ("zh", "en")}
    assert "拟议工作安排" in built_prints["zh"]

    # The same pages on the server of the imported reference.
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    try:
        other = context.new_page()
        _sign_in(other, reference_server)
        other.goto(f"{reference_server}/meetings/{SYMBOL}")
        reference_orgwork = _orgwork_text(other)
        reference_pages = {
            lang: _meeting_page_text(other, reference_server, lang) for lang in ("zh", "en")
        }
        reference_prints = {
            lang: _print_text(other, reference_server, lang) for lang in ("zh", "en")
        }
    finally:
        context.close()
    assert built_orgwork == reference_orgwork
    assert built_pages == reference_pages
    assert built_prints == reference_prints

    # The renderings themselves, through the CLI of each app.
    for lang in ("zh", "en"):
        built = _rendered_json(empty_app, lang)
        assert built == _rendered_json(reference_app, lang), lang
        assert [line["number"] for line in built["agenda"]] == AGENDA_NUMBERS
        assert [
            [row["number"] for row in sitting["items"]] for sitting in built["organization_of_work"]
        ] == ORGWORK_NUMBERS
        html = _cli(empty_app, "render", SYMBOL, "--format", "html", "--lang", lang)
        # The same file, but for the nonce of its <style> elements (new at every rendering).
        assert _without_nonce(html) == _without_nonce(
            _cli(reference_app, "render", SYMBOL, "--format", "html", "--lang", lang)
        )
    # And what the meeting is: the meeting file each database exports, identifiers aside.
    assert _exported(empty_app) == _exported(reference_app)


def test_reference_file_is_what_the_test_types() -> None:
    """The test above types the reference's texts; make sure it types all of them."""
    assert Path(REFERENCE).is_file()
    assert [b.symbol for b in REF.bodies] == ["CTOC/COP", "CTOC/COP/WG.4"]
    assert [d.symbol for d in REF.documents] == [
        "CTOC/COP/WG.4/2018/2",
        "CTOC/COP/WG.4/2018/CRP.1",
    ]
    assert len(REF.meetings) == 1 and MEETING.organization_of_work is None
    assert [item.standard for item in MEETING.agenda] == [
        "organizational_matters",
        None,
        None,
        "other_matters",
        "adoption_of_report",
    ]
    assert [item.standard for item in MEETING.agenda[0].items] == ["opening", "adoption_of_agenda"]
    assert not MEETING.agenda[0].annotation and MEETING.agenda[0].minutes is None


# -- screenshots ---------------------------------------------------------------------------------

#: Where `test_screenshots_of_the_main_pages` writes (docs/screenshots of the repository, say);
#: the test is skipped when it is not set, so that a test run leaves the repository as it was.
SCREENSHOTS = "PLANNER_SCREENSHOTS"
MAX_BYTES = 200_000


def test_screenshots_of_the_main_pages(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`PLANNER_SCREENSHOTS=docs/screenshots pytest tests/browser -k screenshots` writes a PNG
    of each main page (viewport 1280×900), on an app of its own with the reference imported."""
    folder = os.environ.get(SCREENSHOTS)
    if not folder:
        pytest.skip(f"set {SCREENSHOTS} to the folder to write the screenshots into")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    app = make_app(tmp_path_factory.mktemp("screenshots"), reference=True)
    _create_user(app)
    _create_user(app, "wg4-secretary@un.org", "editor", MEETING.body)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    try:
        with serving(app) as base:
            page = context.new_page()

            def shot(name: str) -> None:
                path = out / f"{name}.png"
                page.screenshot(path=str(path), animations="disabled", caret="hide")
                assert path.stat().st_size <= MAX_BYTES, (name, path.stat().st_size)

            page.goto(f"{base}/sign-in")
            page.get_by_label("Email").fill(EMAIL)
            shot("sign-in")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("navigation", name="Account")).to_contain_text(EMAIL)
            shot("home")

            for lang in ("en", "zh"):
                page.goto(f"{base}/meetings/{SYMBOL}?lang={lang}")
                expect(page.locator("article.un-document")).to_have_attribute("lang", lang)
                shot(f"meeting-page-{lang}")

            page.get_by_role("link", name="Edit the agenda").click()
            expect(page.locator(".agenda-tree")).to_be_visible()
            shot("agenda-editor")

            page.get_by_role("link", name="Organization of work").first.click()
            expect(page.locator("section.orgwork-day").first).to_be_visible()
            shot("organization-of-work")

            # A change through the forms, for the history to offer its undo.
            page.get_by_role("link", name="Agenda", exact=True).first.click()
            page.get_by_role("link", name="Edit item 4", exact=True).click()
            page.get_by_label("Estimated time, in minutes").fill("45")
            page.get_by_role("button", name="Save").click()
            _flash(page, "Item 4 saved.")
            with page.expect_navigation():
                page.get_by_role("button", name="Move down: item 4", exact=True).click()
            _flash(page, "The item is now item 5.")

            page.goto(f"{base}/meetings/{SYMBOL}")
            page.locator("p.manage-links").get_by_role("link", name="Edit meeting").click()
            page.get_by_label("Symbol").fill("CTOC/COP/WG.5/2018/1")
            page.get_by_label("Number").fill("0")
            _save(page)
            expect(page.locator(".form-invalid")).to_be_visible()
            expect(page.locator(".field.has-error")).to_have_count(2)
            shot("meeting-form-error")

            page.goto(base)
            _body_section(page, MEETING.body).get_by_role("link", name="History").click()
            expect(page.get_by_role("button", name="Undo", exact=True).first).to_be_visible()
            shot("history-undo")

            page.goto(f"{base}/bodies/{MEETING.body}")
            expect(page.locator('a[href^="webcal://"]')).to_be_visible()
            shot("body-page")

            page.goto(f"{base}/admin/users")
            expect(page.get_by_role("cell", name=EMAIL)).to_be_visible()
            shot("admin-users")
    finally:
        context.close()
        dispose(app)
