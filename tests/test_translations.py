"""Interface translations: every catalog compiles, the catalogs of the five official languages
besides English are complete and up to date with the code, the language switcher offers the six,
and the pages speak the language the reader picked or their browser prefers (Arabic right to
left).

After adding or changing an interface string: `make messages`, translate the new or fuzzy
entries of each planner/translations/<lang>/LC_MESSAGES/messages.po, then `make catalogs`.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy.orm import Session

from planner.i18n import INTERFACE_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "planner" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
CATALOGS = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
#: The official languages besides English, the source language.
TRANSLATED = ("ar", "zh", "fr", "ru", "es")
#: The extraction keywords besides gettext's own: the same as the Makefile's EXTRACT.
KEYWORDS = ("_l", "lazy_gettext", "lazy_ngettext:1,2")
#: flask_babel's translating functions, which code may import under another name.
GETTEXT_FUNCTIONS = {
    "gettext",
    "ngettext",
    "pgettext",
    "npgettext",
    "lazy_gettext",
    "lazy_ngettext",
    "lazy_pgettext",
    "lazy_npgettext",
}
HOST = "planner.example.org"


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


def _language(path: Path) -> str:
    return path.parent.parent.name


# --- The catalogs ------------------------------------------------------------------------------


def test_every_official_language_has_a_catalog() -> None:
    assert TEMPLATE.is_file(), "no messages.pot: run `make messages`"
    assert {_language(p) for p in CATALOGS} >= set(TRANSLATED)
    assert set(INTERFACE_LANGUAGES) - {"en"} <= {_language(p) for p in CATALOGS}


def test_the_interface_speaks_the_six_official_languages_in_the_un_order() -> None:
    assert INTERFACE_LANGUAGES == ("ar", "zh", "en", "fr", "ru", "es")


@pytest.mark.parametrize("path", CATALOGS, ids=_language)
def test_catalog_compiles_without_errors(path: Path) -> None:
    catalog = _read(path)
    assert str(catalog.locale) == _language(path)
    problems = [
        f"{path.name}:{message.lineno}: {message.id!r}: {error}"
        for message, errors in catalog.check()
        for error in errors
    ]
    assert not problems, "\n".join(problems)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    assert read_mo(compiled).num_plurals == catalog.num_plurals


@pytest.mark.parametrize("path", CATALOGS, ids=_language)
def test_catalog_has_every_message_of_the_template(path: Path) -> None:
    """`make messages` merged the template into every catalog."""
    assert _ids(_read(path)) == _ids(_read(TEMPLATE)), "run `make messages`"


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_is_complete(code: str) -> None:
    catalog = _read(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po")
    assert not catalog.fuzzy
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    untranslated = [
        m.id
        for m in catalog
        if m.id and not (all(m.string) if isinstance(m.string, tuple | list) else m.string)
    ]
    assert not fuzzy, f"fuzzy (check and clear the flag): {fuzzy}"
    assert not untranslated, f"untranslated: {untranslated}"
    assert len(catalog) > 400


@pytest.mark.parametrize("code", TRANSLATED)
def test_translated_placeholders_are_those_of_the_message(code: str) -> None:
    """Every placeholder of a translation comes from the message; Python formatting ones all
    appear, except that a plural form may leave out the number (Chinese has one form; Arabic
    and Russian say "one" and "two" in words)."""
    catalog = _read(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po")
    named = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = {a or b for msgid in ids for a, b in named.findall(msgid)}
        for text in strings:
            if not text:
                continue  # untranslated: test_catalog_is_complete reports it
            found = {a or b for a, b in named.findall(text)}
            assert found <= wanted, (message.id, text)
            if not message.pluralizable:
                assert found == wanted, (message.id, text)


# --- The template is up to date with the code --------------------------------------------------


def test_code_imports_translating_functions_under_extracted_names() -> None:
    """A string marked with a name pybabel does not know would never reach a catalog."""
    known = set(DEFAULT_KEYWORDS) | {k.split(":")[0] for k in KEYWORDS}
    unknown = []
    for path in sorted((ROOT / "planner").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "flask_babel":
                unknown += [
                    f"{path.relative_to(ROOT)}: {alias.asname or alias.name}"
                    for alias in node.names
                    if alias.name in GETTEXT_FUNCTIONS and (alias.asname or alias.name) not in known
                ]
    assert not unknown, f"add these to KEYWORDS here and EXTRACT in the Makefile: {unknown}"


def test_template_and_catalogs_are_up_to_date_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "--quiet",
            "extract",
            "-F",
            "babel.cfg",
            *(f"--keywords={k}" for k in KEYWORDS),
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    in_code = _ids(_read(fresh))
    assert in_code, "pybabel found no interface strings"
    template = _ids(_read(TEMPLATE))
    hint = "run `make messages` and translate the new entries"
    assert sorted(map(str, in_code - template)) == [], f"not in messages.pot: {hint}"
    assert sorted(map(str, template - in_code)) == [], f"gone from the code: {hint}"
    for code in TRANSLATED:
        catalog = _ids(_read(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"))
        assert sorted(map(str, in_code - catalog)) == [], f"not in the {code} catalog: {hint}"


# --- The pages ---------------------------------------------------------------------------------


def _compiled(code: str) -> None:
    po = TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        pytest.fail(f"{mo.relative_to(ROOT)} is missing or older than its .po: run `make catalogs`")


def _page(client: FlaskClient, url: str, **headers: str) -> str:
    refresh()  # the test's requests share one application context, where the locale is cached
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_browser_preference_picks_chinese(client: FlaskClient, reference: Session) -> None:
    _compiled("zh")
    home = _page(client, "/", **{"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert '<html lang="zh" dir="ltr">' in home
    assert "<h1>机构和会议</h1>" in home
    assert "政府间工作组会议" in home and "秘书处规划工具" in home
    assert ">登录</a>" in home
    assert "Bodies and meetings" not in home and "Sign in" not in home
    sign_in = _page(client, "/sign-in", **{"Accept-Language": "zh-CN"})
    assert "<h1>登录</h1>" in sign_in
    assert "电子邮件" in sign_in and "密码" in sign_in  # the form's labels
    assert "工作人员登录后可规划会议并查阅非公开会议。" in sign_in


def test_english_is_the_default(client: FlaskClient, reference: Session) -> None:
    for headers in ({}, {"Accept-Language": "de-CH, it;q=0.5"}):
        home = _page(client, "/", **headers)
        assert '<html lang="en" dir="ltr">' in home
        assert "<h1>Bodies and meetings</h1>" in home


def test_the_reader_choice_overrides_the_browser(client: FlaskClient, reference: Session) -> None:
    _compiled("zh")
    client.set_cookie("ui_lang", "en", domain=HOST)
    home = _page(client, "/", **{"Accept-Language": "zh-CN"})
    assert '<html lang="en"' in home and "<h1>Bodies and meetings</h1>" in home
    sign_in = _page(client, "/sign-in", **{"Accept-Language": "zh-CN"})
    assert "<h1>Sign in</h1>" in sign_in and "登录" not in sign_in


def test_the_interface_switch_sets_the_cookie(client: FlaskClient, reference: Session) -> None:
    _compiled("zh")
    response = client.get("/interface/zh?next=/sign-in")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sign-in")
    cookie = client.get_cookie("ui_lang", domain=HOST)
    assert cookie is not None and cookie.value == "zh"
    assert "<h1>登录</h1>" in _page(client, "/sign-in", **{"Accept-Language": "en"})
    home = _page(client, "/")
    assert '<a href="/interface/zh?next=' in home and 'aria-current="true">中文</a>' in home
    client.get("/interface/en")
    assert "<h1>Bodies and meetings</h1>" in _page(client, "/")


def test_the_switch_refuses_unknown_languages_and_other_sites(client: FlaskClient) -> None:
    response = client.get("/interface/xx?next=//example.com/")
    assert response.status_code == 302
    assert response.headers["Location"] in ("/", f"http://{HOST}/")
    assert client.get_cookie("ui_lang", domain=HOST) is None


def test_the_switcher_offers_the_six_languages_each_in_its_own_name(
    client: FlaskClient, reference: Session
) -> None:
    home = _page(client, "/")
    switcher = home.split('class="interface-language"', 1)[1].split("</nav>", 1)[0]
    offered = re.findall(r'lang="(\w\w)" hreflang="\w\w"[^>]*>([^<]+)</a>', switcher)
    assert offered == [
        ("ar", "العربية"),
        ("zh", "中文"),
        ("en", "English"),
        ("fr", "Français"),
        ("ru", "Русский"),
        ("es", "Español"),
    ]


@pytest.mark.parametrize("code", ["ar", "fr", "ru", "es"])
def test_each_interface_language_speaks_its_own_language(
    client: FlaskClient, reference: Session, code: str
) -> None:
    _compiled(code)
    client.get(f"/interface/{code}")
    home = _page(client, "/")
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in home
    assert "Bodies and meetings" not in home


def test_the_arabic_interface_is_right_to_left(client: FlaskClient, reference: Session) -> None:
    _compiled("ar")
    home = _page(client, "/", **{"Accept-Language": "ar-EG,ar;q=0.9"})
    assert '<html lang="ar" dir="rtl">' in home
    # The style sheets lay the page out with logical properties only, so that it mirrors.
    sheets = sorted((ROOT / "planner" / "static").glob("*.css"))
    physical = re.compile(
        r"\b(margin|padding|border)-(left|right)\b|\b(left|right):"
        r"|float: *(left|right)|text-align: *(left|right)"
    )
    offending = [
        f"{p.name}: {m.group(0)}" for p in sheets for m in physical.finditer(p.read_text())
    ]
    assert sheets and not offending, offending


def test_a_right_to_left_page_is_marked_so(app: Flask) -> None:
    with app.test_request_context("/"):
        html = render_template_string('{% extends "base.html" %}', html_lang="ar")
    assert '<html lang="ar" dir="rtl">' in html
