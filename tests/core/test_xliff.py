"""XLIFF 2.0 writing and reading (planner.core.xliff): pure, no database."""

from __future__ import annotations

import pytest

from planner.core import xliff

UNITS = [
    xliff.ExportUnit("item.1.title", "Item 2, title", "Trafficking in persons", "Traite", "final"),
    xliff.ExportUnit("item.1.annotation.1", "Item 2, annotation", "A & <b>", "", "initial"),
    xliff.ExportUnit(
        "item.1.annotation.2", "Item 2", "Line one\nline two", "Ligne\nune", "initial", True
    ),
]


def _codes(data: bytes) -> list[tuple[str, str | None]]:
    with pytest.raises(xliff.XliffError) as caught:
        xliff.read(data)
    return [(p.code, p.unit) for p in caught.value.problems]


def test_written_units_read_back_unchanged() -> None:
    data = xliff.write(UNITS, "en", "fr", "CTOC/COP/WG.4/2018/1")
    parsed = xliff.read(data)
    assert (parsed.source_language, parsed.target_language, parsed.original) == (
        "en",
        "fr",
        "CTOC/COP/WG.4/2018/1",
    )
    assert [(u.id, u.source, u.target, u.state) for u in parsed.units] == [
        ("item.1.title", "Trafficking in persons", "Traite", "final"),
        ("item.1.annotation.1", "A & <b>", None, "initial"),
        ("item.1.annotation.2", "Line one\nline two", "Ligne\nune", "initial"),
    ]


def test_the_file_is_xliff_2_0_with_an_out_of_date_sub_state() -> None:
    text = xliff.write(UNITS, "en", "fr", "X").decode()
    assert 'xmlns="urn:oasis:names:tc:xliff:document:2.0"' in text
    assert 'version="2.0" srcLang="en" trgLang="fr"' in text
    assert 'subState="planner:out_of_date"' in text


def _file(body: str, version: str = "2.0") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="{version}" '
        'srcLang="en" trgLang="fr"><file id="f" original="X">'
        f"{body}</file></xliff>"
    ).encode()


def _unit(uid: str, target: str, source: str = "Source") -> str:
    segment = f"<segment><source>{source}</source><target>{target}</target></segment>"
    return f'<unit id="{uid}">{segment}</unit>'


def test_segments_of_a_unit_are_joined() -> None:
    body = (
        '<unit id="u"><segment><source>One. </source><target>Un. </target></segment>'
        "<ignorable><source> </source></ignorable>"
        "<segment><source>Two.</source><target>Deux.</target></segment></unit>"
    )
    (unit,) = xliff.read(_file(body)).units
    assert (unit.source, unit.target) == ("One.  Two.", "Un.  Deux.")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<xliff><file>", [("malformed", None)]),
        (_file(_unit("u", "a")).replace(b"</xliff>", b""), [("malformed", None)]),
        (_file(_unit("u", "bell &#7; here")), [("malformed", None)]),  # not allowed in XML 1.0
        (_file(_unit("u", "next line \u0085 here")), [("control_character", "u")]),
        (_file(_unit("u", "a"), version="1.2"), [("version", None)]),
        (b'<?xml version="1.0"?><root/>', [("not_xliff", None)]),
        (_file(_unit("u", "a") + _unit("u", "b")), [("duplicate_unit", "u")]),
        (_file(_unit("u", 'a <ph id="1"/> b')), [("inline_markup", "u")]),
        (_file('<unit id="u"><segment><target>a</target></segment></unit>'), [("no_source", "u")]),
        (_file("<unit><segment><source>a</source></segment></unit>"), [("unit_without_id", None)]),
    ],
    ids=[
        "truncated",
        "unclosed root",
        "C0 control",
        "C1 control",
        "XLIFF 1.2",
        "not XLIFF",
        "duplicate unit",
        "inline code",
        "no source",
        "no id",
    ],
)
def test_broken_files_are_refused_with_the_unit_and_the_problem(
    data: bytes, expected: list[tuple[str, str | None]]
) -> None:
    assert _codes(data) == expected


def test_entities_and_doctypes_are_never_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + _file(_unit("u", "&b;")).split(b"?>", 1)[1]
    )
    assert _codes(bomb) == [("doctype", None)]
    external = b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.org/x.dtd"><x/>'
    assert _codes(external) == [("doctype", None)]


def test_a_mrk_around_text_is_read_through() -> None:
    (unit,) = xliff.read(_file(_unit("u", 'la <mrk id="m" type="term">traite</mrk>'))).units
    assert unit.target == "la traite"
