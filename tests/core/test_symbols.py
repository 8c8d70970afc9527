"""UN document symbols: which strings are symbols, what their parts are, and why others are not."""

from __future__ import annotations

import pytest

from planner.core.symbols import (
    DocumentSymbol,
    SymbolError,
    is_body_prefix,
    parse_body_prefix,
    parse_symbol,
    symbol_starts_with,
)

# symbol, organ, bodies, year, session, nature, number, modifiers
VALID = [
    ("CTOC/COP/WG.4/2018/1", "CTOC", ("COP", "WG.4"), 2018, None, None, 1, ()),
    ("CTOC/COP/WG.4/2018/CRP.1", "CTOC", ("COP", "WG.4"), 2018, None, "CRP", 1, ()),
    ("CTOC/COP/2020/L.6/Rev.1", "CTOC", ("COP",), 2020, None, "L", 6, ("Rev.1",)),
    ("CTOC/COP/WG.8/2016/2", "CTOC", ("COP", "WG.8"), 2016, None, None, 2, ()),
    ("CAC/COSP/WG.2/2018/6", "CAC", ("COSP", "WG.2"), 2018, None, None, 6, ()),
    ("A/RES/64/178", "A", (), None, 64, "RES", 178, ()),
    ("E/CN.15/2018/15", "E", ("CN.15",), 2018, None, None, 15, ()),
    ("CTOC/COP/2008/INF/1", "CTOC", ("COP",), 2008, None, "INF", 1, ()),
    ("A/64/440", "A", (), None, 64, None, 440, ()),
    ("A/64/440/Corr.1", "A", (), None, 64, None, 440, ("Corr.1",)),
    ("A/HRC/29/38/Add.2", "A", ("HRC",), None, 29, None, 38, ("Add.2",)),
    ("A/C.3/64/L.5", "A", ("C.3",), None, 64, "L", 5, ()),
    ("A/AC.2/2019/SR.3", "A", ("AC.2",), 2019, None, "SR", 3, ()),
    ("S/2009/PV.5", "S", (), 2009, None, "PV", 5, ()),
    ("E/CN.15/2018/WP.2", "E", ("CN.15",), 2018, None, "WP", 2, ()),
    ("ECE/TRANS/WP.29/2020/1", "ECE", ("TRANS", "WP.29"), 2020, None, None, 1, ()),
    ("E/2018/30", "E", (), 2018, None, None, 30, ()),
    ("CTOC/COP/2010/6/Add.1/Corr.1", "CTOC", ("COP",), 2010, None, None, 6, ("Add.1", "Corr.1")),
    ("CTOC/COP/2012/L.2/Amend.1", "CTOC", ("COP",), 2012, None, "L", 2, ("Amend.1",)),
    ("A/64/440/Summary", "A", (), None, 64, None, 440, ("Summary",)),
]


@pytest.mark.parametrize(
    ("text", "organ", "bodies", "year", "session", "nature", "number", "modifiers"), VALID
)
def test_valid_symbols_parse_into_their_parts(
    text: str,
    organ: str,
    bodies: tuple[str, ...],
    year: int | None,
    session: int | None,
    nature: str | None,
    number: int,
    modifiers: tuple[str, ...],
) -> None:
    assert parse_symbol(text) == DocumentSymbol(
        text=text,
        organ=organ,
        bodies=bodies,
        year=year,
        session=session,
        nature=nature,
        number=number,
        modifiers=modifiers,
    )


@pytest.mark.parametrize("text", [row[0] for row in VALID])
def test_a_parsed_symbol_prints_as_written(text: str) -> None:
    assert str(parse_symbol(text)) == text


def test_prefix_is_the_issuing_bodys_symbol() -> None:
    assert parse_symbol("CTOC/COP/WG.4/2018/CRP.1").prefix == "CTOC/COP/WG.4"


INVALID = [
    ("", "The document symbol is empty."),
    (
        "ctoc/cop/1",
        '"ctoc/cop/1" is not a UN document symbol: symbols are written in capital letters '
        '("CTOC", not "ctoc").',
    ),
    (
        "CTOC//2018/1",
        '"CTOC//2018/1" is not a UN document symbol: it has an empty part between two slashes '
        '("//").',
    ),
    (
        "CTOC/COP/WG.4/2018/ 1",
        '"CTOC/COP/WG.4/2018/ 1" is not a UN document symbol: symbols are written without spaces.',
    ),
    ("CTOC COP", '"CTOC COP" is not a UN document symbol: symbols are written without spaces.'),
    (
        "CTOC/COP/WG.4/2018/CRP.",
        '"CTOC/COP/WG.4/2018/CRP." is not a UN document symbol: "CRP." must be followed by its '
        "number, such as CRP.1.",
    ),
    (
        "CTOC/COP/WG.4",
        '"CTOC/COP/WG.4" is not a UN document symbol: it ends with "WG.4", not with a document '
        "number; a document symbol ends with a number, such as CTOC/COP/WG.4/2018/1.",
    ),
    (
        "CTOC/COP/WG.4/2018",
        '"CTOC/COP/WG.4/2018" is not a UN document symbol: it ends with a year (2018); the '
        "document's number must follow, such as CTOC/COP/WG.4/2018/1.",
    ),
    (
        "CTOC",
        '"CTOC" is not a UN document symbol: it names an organ, not a document; a document symbol '
        "ends with a number.",
    ),
    ("/CTOC/1", '"/CTOC/1" is not a UN document symbol: it starts with "/".'),
    ("CTOC/1/", '"CTOC/1/" is not a UN document symbol: it ends with "/".'),
    (
        "CTOC/COP/2018/CRP/1",
        '"CTOC/COP/2018/CRP/1" is not a UN document symbol: "CRP" is written with its number, '
        "such as CRP.1.",
    ),
    (
        "CTOC/COP/WG.4/2018/crp.1",
        '"CTOC/COP/WG.4/2018/crp.1" is not a UN document symbol: "crp.1" is not written as '
        "symbols are (mind the capitals).",
    ),
    (
        "CTOC/COP/2020/L.6/rev.1",
        '"CTOC/COP/2020/L.6/rev.1" is not a UN document symbol: "rev.1" is written "Rev.1".',
    ),
    (
        "CTOC/COP/Rev.1/2018/1",
        '"CTOC/COP/Rev.1/2018/1" is not a UN document symbol: "Rev.1" can only come at the end '
        "of the symbol.",
    ),
    (
        "CTOC/COP/L.6/2018/1",
        '"CTOC/COP/L.6/2018/1" is not a UN document symbol: "L.6" can only come last, before any '
        "Rev., Add. or Corr.",
    ),
    (
        "CTOC/2018/COP/1",
        '"CTOC/2018/COP/1" is not a UN document symbol: the body "COP" must come before the year '
        "and the series.",
    ),
    (
        "CTOC/COP/2018/1/2",
        '"CTOC/COP/2018/1/2" is not a UN document symbol: it has one number too many ("1").',
    ),
    (
        "CTOC/COP/2018/INF/L.1",
        '"CTOC/COP/2018/INF/L.1" is not a UN document symbol: it has two natures ("INF" and '
        '"L.1").',
    ),
    (
        "CTOC-COP/1",
        '"CTOC-COP/1" is not a UN document symbol: the first part, "CTOC-COP", should name an '
        "organ or series in capital letters, such as A, E, S or CTOC.",
    ),
    (
        "A/63/965-S/2009/514",
        '"A/63/965-S/2009/514" is not a UN document symbol: "965-S" is not a part of a UN '
        "document symbol.",
    ),
]


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_invalid_symbols_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(SymbolError) as caught:
        parse_symbol(text)
    assert caught.value.message == message
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text", ["CTOC/COP/WG.4", "CTOC/COP", "CTOC", "A", "E/CN.15", "A/AC.2", "ECE/TRANS/WP.29"]
)
def test_body_symbols_are_body_prefixes(text: str) -> None:
    assert is_body_prefix(text)
    assert parse_body_prefix(text) == tuple(text.split("/"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ctoc/cop",
        "CTOC/COP/2018",
        "CTOC/COP/WG.4/2018/1",
        "CTOC/COP/CRP.1",
        "CTOC/INF",
        "CTOC/COP/",
        "CTOC /COP",
    ],
)
def test_document_symbols_and_malformed_text_are_not_body_prefixes(text: str) -> None:
    assert not is_body_prefix(text)


def test_parse_body_prefix_explains_a_year() -> None:
    with pytest.raises(SymbolError) as caught:
        parse_body_prefix("CTOC/COP/2018")
    assert caught.value.message == (
        '"CTOC/COP/2018" is not the symbol of a body: a body symbol has no year or number '
        "(such as CTOC/COP/WG.4)."
    )


@pytest.mark.parametrize(
    ("symbol", "prefix", "expected"),
    [
        ("CTOC/COP/WG.4/2018/1", "CTOC/COP/WG.4", True),
        ("CTOC/COP/WG.4/2018/1", "CTOC/COP", True),
        ("CTOC/COP/WG.4/2018/1", "CTOC/COP/WG.4/2018/1", True),
        ("CTOC/COP/WG.4/2018/1", "CTOC/COP/WG.40", False),
        ("CTOC/COP/WG.40/2018/1", "CTOC/COP/WG.4", False),
        ("CTOC/COP/WG.4/2018/1", "CTOC/CO", False),
        ("CTOC/COP/WG.4", "CTOC/COP/WG.4/2018", False),
        ("CTOC/COP/WG.4/2018/1", "", False),
    ],
)
def test_symbol_starts_with_compares_whole_components(
    symbol: str, prefix: str, expected: bool
) -> None:
    assert symbol_starts_with(symbol, prefix) is expected
