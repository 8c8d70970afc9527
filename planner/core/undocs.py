"""Where the UN publishes a document: its address on undocs.org, in a language.

One function for every page and feed that links to a document, so that all of them point at the
same address.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import quote

#: Where a document can be read; {lang} is the UN's language segment of the address.
DOCUMENT_URL: Final = "https://undocs.org/{lang}/{symbol}"
_UNDOCS_LANG: Final = {"zh": "zh", "ar": "ar", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def document_url(symbol: str, lang: str) -> str:
    """The undocs.org address of the document ``symbol`` in ``lang`` (English if unknown)."""
    return DOCUMENT_URL.format(lang=_UNDOCS_LANG.get(lang, "en"), symbol=quote(symbol, safe="/."))
