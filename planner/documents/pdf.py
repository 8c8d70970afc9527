"""The print version as a PDF file, laid out by WeasyPrint from the same HTML and styles.

WeasyPrint is imported when a PDF is asked for, so the rest of the app starts (and its tests run)
on a machine without Pango; it needs Debian's libpango-1.0-0 and libpangoft2-1.0-0.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

#: Local files a document may load: the system fonts its @font-face rules name with local().
_FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2"})


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the libraries it needs are not installed."""


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class DocumentFetcher(URLFetcher):  # type: ignore[misc]
        """Nothing from the network: inline data, and font files found by fontconfig."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            path = PurePosixPath(unquote(parts.path))
            if parts.scheme == "file" and path.suffix.lower() in _FONT_SUFFIXES:
                return super().fetch(url, headers)
            raise ValueError(f"documents load no outside resources: {url}")

    return DocumentFetcher()


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """``html`` (a whole page, styles inline) as PDF bytes; ``base_url`` resolves its links."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango's shared libraries are missing
        raise PdfUnavailable(
            "PDF output needs WeasyPrint and Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0): "
            f"{error}"
        ) from error
    pdf = HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf()
    assert pdf is not None  # no target: the bytes are returned
    return bytes(pdf)
