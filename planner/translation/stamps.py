"""Keep each text row's translation stamps (``sources``) as its texts are written.

Every path that writes texts goes through :func:`planner.services.sync.set_texts`, which calls
:func:`stamp_saved`: a paragraph written anew is stamped against the other languages as they now
are; a paragraph left as it was keeps its stamp. So when only the original changes, its
translations keep stamps that no longer match, and show as out of date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from planner.core.translation import decode, encode, fresh_stamp, pieces, restamp


def has_stamps(row: Any) -> bool:
    return hasattr(type(row), "sources")


def stamp_saved(
    row: Any,
    lang: str,
    before: Mapping[str, str],
    fields: Mapping[str, Mapping[str, str]],
) -> None:
    """Restamp ``row`` (language ``lang``) after a save that left every language's ``fields``
    as given; ``before`` holds the row's texts before the save."""
    stamps = decode(row.sources or "")
    for field, values in fields.items():
        texts = {code: text for code, text in values.items() if text}
        stamps[field] = restamp(field, lang, before.get(field, ""), texts, stamps.get(field, []))
    encoded = encode(stamps)
    if (row.sources or "") != encoded:
        row.sources = encoded


def stamp_consistent(rows: Mapping[str, Any], fields: Iterable[str]) -> None:
    """Stamp every paragraph of every language of one record against the others as they are:
    texts that arrive together (a meeting file) are taken to be translations of each other."""
    names = tuple(fields)
    for lang, row in rows.items():
        stamps = {}
        for field in names:
            texts = {code: getattr(other, field) or "" for code, other in rows.items()}
            count = len(pieces(field, texts[lang]))
            stamps[field] = [fresh_stamp(field, i, lang, texts) for i in range(count)]
        encoded = encode(stamps)
        if (row.sources or "") != encoded:
            row.sources = encoded
