"""Read a form off a page as a browser would submit it, and find the errors shown at fields.

fields = form_fields(page)            # every input, select and textarea of the form
fields["number"] = "9"
client.post(url, data=fields)
assert "is not a whole number" in field_errors(page, "number")
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

Fields = dict[str, Any]  # name → value, or a list of values for a multiple choice


class _FormReader(HTMLParser):
    def __init__(self, index: int, css_class: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.index = index
        self.css_class = css_class
        self.seen = -1
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self.select: str | None = None
        self.select_values: list[str] = []
        self.select_first: str | None = None
        self.option: dict[str, str | None] | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            if self.css_class is None or self.css_class in a.get("class", "").split():
                self.seen += 1
                self.inside = self.seen == self.index
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on") or "on")
                return
            self._add(name, a.get("value", ""))
        elif tag == "select" and name:
            self.select, self.select_values, self.select_first = name, [], None
        elif tag == "option" and self.select is not None:
            value = a.get("value")
            if self.select_first is None:
                self.select_first = value or ""
            if "selected" in a:
                self.select_values.append(value or "")
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            values = self.select_values or (
                [self.select_first] if self.select_first is not None else []
            )
            for value in values:
                self._add(self.select, value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self._add(self.textarea, "".join(self.text).removeprefix("\n"))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)


def form_fields(page: str, index: int = 0, css_class: str | None = "manage") -> Fields:
    """The fields the ``index``-th form of ``page`` with the class ``css_class`` (the editing
    forms have the class "manage"; None for any form) would submit, without its buttons."""
    reader = _FormReader(index, css_class)
    reader.feed(page)
    return {
        name: values[0] if len(values) == 1 else values for name, values in reader.fields.items()
    }


def field_errors(page: str, field_id: str) -> str:
    """The text of the errors shown at the field ``field_id`` ("" when none)."""
    match = re.search(
        rf'<ul class="field-errors" id="{re.escape(field_id)}-errors">(.*?)</ul>', page, re.S
    )
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))) if match else ""


def all_errors(page: str) -> list[str]:
    """Every field id that shows an error."""
    return re.findall(r'<ul class="field-errors" id="([^"]+)-errors">', page)


def text_of(page: str) -> str:
    """The page's text, tags removed and entities decoded (for "is this said" checks)."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))
