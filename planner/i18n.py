"""Interface language (what the buttons say) — distinct from a document's language, which the
reader picks per page."""

from __future__ import annotations

from flask import Flask, Response, abort, has_request_context, redirect, request, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse

from planner.core.languages import LANGUAGES, RTL_LANGUAGES

#: Interface languages (planner/translations/<code>/LC_MESSAGES), in the UN order: all six
#: official languages, each catalog complete (tests/test_translations.py).
INTERFACE_LANGUAGES = LANGUAGES
COOKIE = "ui_lang"

#: Each language's name in itself, for the language menus.
AUTONYMS = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def select_locale() -> str:
    """The reader's choice (cookie), else their browser's preference, else English; English
    outside a request (command-line messages)."""
    if not has_request_context():
        return "en"
    chosen = request.cookies.get(COOKIE)
    if chosen in INTERFACE_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(INTERFACE_LANGUAGES) or "en"


def interface_language() -> str:
    """The language the buttons speak on this request: "en" or the code of a translated catalog."""
    return str(get_locale() or "en")


def document_language(default: str = "en") -> str:
    """The language the reader asked a document in (?lang=xx), else ``default``. A language
    that is not one of the six is a page that does not exist (404), as for the feeds, rather
    than a silent fallback."""
    lang = request.args.get("lang") or default
    if lang not in LANGUAGES:
        if request.args.get("lang"):
            abort(404)
        return "en"
    return lang


def _set_interface_language(code: str) -> BaseResponse:
    from planner.auth.access import is_safe_next

    target = request.args.get("next", "")
    if not is_safe_next(target):  # only a path of this site ("/%09/evil.example" is not)
        target = url_for("meetings.home")
    response: BaseResponse = redirect(target)
    if code in INTERFACE_LANGUAGES:
        response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def register(app: Flask) -> None:
    app.add_url_rule(
        "/interface/<code>", "set_interface_language", _set_interface_language, methods=["GET"]
    )

    @app.context_processor
    def _languages() -> dict[str, object]:
        return {
            "LANGUAGES": LANGUAGES,
            "AUTONYMS": AUTONYMS,
            "INTERFACE_LANGUAGES": INTERFACE_LANGUAGES,
            "INTERFACE_LANGUAGE": interface_language(),
            "RTL_LANGUAGES": RTL_LANGUAGES,
        }


__all__ = [
    "INTERFACE_LANGUAGES",
    "Response",
    "document_language",
    "interface_language",
    "register",
    "select_locale",
]
