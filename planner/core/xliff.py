"""XLIFF 2.0 (OASIS, urn:oasis:names:tc:xliff:document:2.0): writing a language's units and
reading a translated file back.

Why not a library: translate-toolkit, the maintained Python localization toolkit, reads and
writes XLIFF 1.2 only; the PyPI packages that name XLIFF 2.0 are unmaintained, write only, or
tied to Django or a CMS. The part of XLIFF 2.0 planner needs (one <file>, <unit>s with notes and
segments of plain text) is small, so it is written here on lxml (already a dependency through
python-docx), with a parser that resolves no entities, loads no DTD and reaches no network.

Pure: bytes in and out, problems as data (codes and values) that the caller words in the
reader's language.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

NS = "urn:oasis:names:tc:xliff:document:2.0"
_X = f"{{{NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: planner's own sub-state for an out-of-date translation (XLIFF 2.0 §4.3.1.31: prefix:value).
OUT_OF_DATE = "planner:out_of_date"
#: Inline elements of XLIFF 2.0 that carry markup planner's plain texts never have.
_INLINE_CODES = {"ph", "pc", "sc", "ec", "cp", "sm", "em"}


@dataclass(frozen=True)
class ExportUnit:
    id: str
    note: str
    source: str
    target: str
    state: str  # "initial" (missing or out of date) or "final"
    out_of_date: bool = False


@dataclass(frozen=True)
class ImportedUnit:
    id: str
    line: int
    source: str
    target: str | None  # None: no <target> in any segment
    state: str


@dataclass(frozen=True)
class Problem:
    code: str
    unit: str | None = None
    line: int | None = None
    values: dict[str, str] = field(default_factory=dict)


class XliffError(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(p.code for p in problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class XliffFile:
    source_language: str
    target_language: str
    original: str
    units: tuple[ImportedUnit, ...]


def write(
    units: Sequence[ExportUnit], source_language: str, target_language: str, original: str
) -> bytes:
    """An XLIFF 2.0 document with one <file> (``original``: the meeting's symbol)."""
    root = etree.Element(
        _X + "xliff",
        nsmap={None: NS},
        attrib={"version": "2.0", "srcLang": source_language, "trgLang": target_language},
    )
    file_el = etree.SubElement(
        root, _X + "file", attrib={"id": "meeting", "original": original, "canResegment": "no"}
    )
    for unit in units:
        unit_el = etree.SubElement(file_el, _X + "unit", attrib={"id": unit.id})
        if unit.note:
            notes = etree.SubElement(unit_el, _X + "notes")
            etree.SubElement(notes, _X + "note", attrib={"category": "location"}).text = unit.note
        attrib = {"state": unit.state}
        if unit.out_of_date:
            attrib["subState"] = OUT_OF_DATE
        segment = etree.SubElement(unit_el, _X + "segment", attrib=attrib)
        source = etree.SubElement(segment, _X + "source", attrib={_XML_SPACE: "preserve"})
        source.text = unit.source
        if unit.target:
            target = etree.SubElement(segment, _X + "target", attrib={_XML_SPACE: "preserve"})
            target.text = unit.target
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def control_character(text: str) -> str | None:
    for ch in text:
        if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            return f"U+{ord(ch):04X}"
    return None


def _text(element: etree._Element, unit_id: str, problems: list[Problem]) -> str:
    """The plain text of a <source> or <target>; inline codes are refused, <mrk> is read
    through (a tool's comment or term mark around plain text)."""
    for child in element.iter():
        if child is element or not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if child.tag.startswith(_X) and local == "mrk":
            continue
        problems.append(
            Problem("inline_markup", unit_id, child.sourceline, {"element": f"<{local}>"})
        )
        break
    return "".join(element.itertext())


def read(data: bytes) -> XliffFile:
    """Read an XLIFF 2.0 file; raise XliffError with every problem found."""
    if b"<!DOCTYPE" in data:  # no DTD, hence no entity of any kind
        raise XliffError([Problem("doctype")])
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        raise XliffError([Problem("malformed", None, line, {"reason": str(error.msg)})]) from None
    if root.tag != _X + "xliff":
        raise XliffError([Problem("not_xliff", None, root.sourceline, {"root": str(root.tag)})])
    if root.get("version") != "2.0":
        raise XliffError(
            [Problem("version", None, root.sourceline, {"version": root.get("version") or ""})]
        )
    files = root.findall(_X + "file")
    if len(files) != 1:
        raise XliffError([Problem("files", None, root.sourceline, {"count": str(len(files))})])
    problems: list[Problem] = []
    units: list[ImportedUnit] = []
    seen: set[str] = set()
    for unit_el in files[0].iter(_X + "unit"):
        unit_id = unit_el.get("id") or ""
        if not unit_id:
            problems.append(Problem("unit_without_id", None, unit_el.sourceline))
            continue
        if unit_id in seen:
            problems.append(Problem("duplicate_unit", unit_id, unit_el.sourceline))
            continue
        seen.add(unit_id)
        sources: list[str] = []
        targets: list[str] = []
        has_target = False
        states = []
        for part in unit_el:
            if not isinstance(part.tag, str) or part.tag not in (_X + "segment", _X + "ignorable"):
                continue
            source_el = part.find(_X + "source")
            target_el = part.find(_X + "target")
            if source_el is None:
                problems.append(Problem("no_source", unit_id, part.sourceline))
                continue
            source = _text(source_el, unit_id, problems)
            sources.append(source)
            if target_el is not None:
                has_target = True
                targets.append(_text(target_el, unit_id, problems))
            else:
                targets.append(source if part.tag == _X + "ignorable" else "")
            if part.tag == _X + "segment":
                states.append(part.get("state", "initial"))
        target = "".join(targets) if has_target else None
        for text in (*sources, target or ""):
            bad = control_character(text)
            if bad:
                problems.append(
                    Problem("control_character", unit_id, unit_el.sourceline, {"char": bad})
                )
                break
        state = (
            "final"
            if states and all(s == "final" for s in states)
            else (
                "reviewed"
                if states and all(s in ("reviewed", "final") for s in states)
                else "initial"
            )
        )
        units.append(
            ImportedUnit(unit_id, unit_el.sourceline or 0, "".join(sources), target, state)
        )
    if problems:
        raise XliffError(problems)
    return XliffFile(
        source_language=root.get("srcLang") or "",
        target_language=root.get("trgLang") or "",
        original=files[0].get("original") or "",
        units=tuple(units),
    )
