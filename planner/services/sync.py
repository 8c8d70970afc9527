"""Update child rows in place, so that rows keyed by language or position are never deleted and
re-inserted in one flush (the unit of work inserts before it deletes, which would collide)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any, TypeVar

from planner.core.languages import LANGUAGES
from planner.translation.stamps import has_stamps, stamp_saved

T = TypeVar("T")


def set_texts(
    texts: MutableMapping[str, Any],
    make: Callable[[str], Any],
    fields: Mapping[str, Mapping[str, str]],
) -> None:
    """Make ``texts`` (language → text row) hold exactly ``fields`` (field → language → text).

    Rows that keep translation stamps are restamped (planner.translation.stamps): what the save
    wrote anew counts as translated from the other languages as they now are."""
    before = {
        lang: {field: getattr(row, field, "") or "" for field in fields}
        for lang, row in texts.items()
    }
    wanted = {lang for values in fields.values() for lang, text in values.items() if text}
    for lang in list(texts):
        if lang not in wanted:
            del texts[lang]
    for lang in LANGUAGES:
        if lang not in wanted:
            continue
        row = texts.get(lang)
        if row is None:
            row = make(lang)
            texts[lang] = row
        for field, values in fields.items():
            value = values.get(lang, "")
            if getattr(row, field, None) != value:
                setattr(row, field, value)
        if has_stamps(row):
            stamp_saved(row, lang, before.get(lang, {}), fields)


def set_languages(rows: list[Any], make: Callable[[str], Any], languages: Iterable[str]) -> None:
    """Make a list of (lang, position) rows hold ``languages`` in order."""
    order = {lang: i for i, lang in enumerate(languages)}
    for row in list(rows):
        if row.lang not in order:
            rows.remove(row)
    present = {row.lang for row in rows}
    for lang in order:
        if lang not in present:
            rows.append(make(lang))
    for row in rows:
        if row.position != order[row.lang]:
            row.position = order[row.lang]
    rows.sort(key=lambda r: r.position)
