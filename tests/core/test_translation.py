"""Translation units and their status (planner.core.translation): pure, no database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.core.translation import (
    TextField,
    decode,
    encode,
    fingerprint,
    fresh_stamp,
    meeting_fields,
    pieces,
    replace_piece,
    restamp,
    status_table,
    units,
)
from tests.core.builders import document, item, meeting, std, uid

ORIGINAL = {"en": "First paragraph.\n\nSecond paragraph."}


def _field(texts: dict[str, str], stamps: dict[str, list[dict[str, str]]]) -> TextField:
    return TextField("item", uid("2"), "annotation", "2", texts, stamps)


def _translated(texts: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """Stamps for every language as if each were written with the others as they are."""
    return {
        lang: [
            fresh_stamp("annotation", i, lang, texts) for i in range(len(pieces("annotation", t)))
        ]
        for lang, t in texts.items()
    }


def test_fingerprint_ignores_line_wrapping_but_not_words() -> None:
    assert fingerprint("the  Working\nGroup ") == fingerprint("the Working Group")
    assert fingerprint("the Working Group") != fingerprint("the working group")


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("annotation", "A.\n\nB.\n\n\n\nC.", ["A.", "B.", "C."]),
        ("annotation", "  ", []),
        ("title", "A.\n\nB.", ["A.\n\nB."]),  # only annotations are split into paragraphs
    ],
)
def test_pieces(field: str, text: str, expected: list[str]) -> None:
    assert pieces(field, text) == expected


def test_a_translation_made_from_the_current_original_is_up_to_date() -> None:
    texts = {**ORIGINAL, "fr": "Premier.\n\nDeuxième."}
    found = units([_field(texts, _translated(texts))], "en", "fr")
    assert [(u.paragraph, u.status) for u in found] == [(1, "up_to_date"), (2, "up_to_date")]


def test_a_changed_original_paragraph_makes_only_that_translation_out_of_date() -> None:
    texts = {**ORIGINAL, "fr": "Premier.\n\nDeuxième."}
    stamps = _translated(texts)
    changed = {**texts, "en": "First paragraph.\n\nSecond paragraph, amended."}
    found = units([_field(changed, stamps)], "en", "fr")
    assert [u.status for u in found] == ["up_to_date", "out_of_date"]


def test_a_paragraph_the_translation_lacks_is_missing() -> None:
    texts = {**ORIGINAL, "fr": "Premier."}
    found = units([_field(texts, _translated(texts))], "en", "fr")
    assert [(u.source, u.target, u.status) for u in found] == [
        ("First paragraph.", "Premier.", "up_to_date"),
        ("Second paragraph.", "", "missing"),
    ]


def test_a_paragraph_the_original_dropped_is_out_of_date_in_the_translation() -> None:
    texts = {"en": "First paragraph.", "fr": "Premier.\n\nDeuxième."}
    found = units([_field(texts, _translated(texts))], "en", "fr")
    assert [u.status for u in found] == ["up_to_date", "out_of_date"]
    assert found[1].source == ""


def test_the_original_language_is_never_out_of_date() -> None:
    texts = {**ORIGINAL, "fr": "Premier.\n\nDeuxième."}
    found = units([_field(texts, {})], "en", "en")
    assert {u.status for u in found} == {"up_to_date"}


def test_restamp_keeps_the_stamp_of_paragraphs_a_save_left_unchanged() -> None:
    before = {**ORIGINAL, "fr": "Premier.\n\nDeuxième."}
    stamps = _translated(before)["fr"]
    # The original's second paragraph changed; then a translator saves fr's first paragraph only.
    after = {"en": "First paragraph.\n\nSecond, amended.", "fr": "Premier (revu).\n\nDeuxième."}
    new = restamp("annotation", "fr", before["fr"], after, stamps)
    assert new[0] == fresh_stamp("annotation", 0, "fr", after)
    assert new[1] == stamps[1]  # still stamped against the old second paragraph: out of date
    found = units([_field(after, {"fr": new})], "en", "fr")
    assert [u.status for u in found] == ["up_to_date", "out_of_date"]


def test_stamps_encode_and_decode_to_the_same_data() -> None:
    stamps = {"annotation": [{"en": "ab", "zh": "cd"}, {"en": "ef"}], "title": [{"en": "01"}]}
    assert decode(encode(stamps)) == stamps
    assert encode({}) == ""
    assert decode("not json") == {}


@pytest.mark.parametrize(
    ("text", "index", "value", "expected"),
    [
        ("A\n\nB", 1, "B2", "A\n\nB2"),
        ("A", 1, "B", "A\n\nB"),  # the next paragraph
        ("A", 2, "C", None),  # a paragraph after a missing one
        ("A\n\nB", 0, "", None),  # emptying an inner paragraph would move the next one up
        ("A\n\nB", 1, "", "A"),  # the last may be emptied
        ("", 0, "A", "A"),
    ],
)
def test_replace_piece(text: str, index: int, value: str, expected: str | None) -> None:
    assert replace_piece("annotation", text, index, value) == expected


def test_meeting_fields_list_every_author_text_the_document_uses_once() -> None:
    doc = document("CTOC/COP/WG.4/2018/2")
    two = replace(item("2", documents=[doc]), annotation={"en": "One.\n\nTwo."})
    three = item("3", documents=[doc])  # the same document under two items: listed once
    data = meeting([std("opening"), two, three])
    fields = meeting_fields(data, {})
    assert [(f.kind, f.field, f.ref) for f in fields] == [
        ("body", "name", "CTOC/COP/WG.4"),
        ("body", "short_name", "CTOC/COP/WG.4"),
        ("item", "title", "2"),
        ("item", "annotation", "2"),
        ("item", "title", "3"),
        ("document", "title", "CTOC/COP/WG.4/2018/2"),
    ]  # the standard item has no title of its own: planner writes it in every language


def test_status_table_counts_missing_and_out_of_date_per_language() -> None:
    texts = {**ORIGINAL, "fr": "Premier.\n\nDeuxième.", "zh": "第一段。"}
    stamps = _translated(texts)
    changed = {**texts, "en": "First paragraph, amended.\n\nSecond paragraph."}
    table = {row.lang: row for row in status_table([_field(changed, stamps)], "en")}
    assert (table["en"].missing, table["en"].out_of_date, table["en"].complete) == (0, 0, True)
    assert (table["fr"].missing, table["fr"].out_of_date) == (0, 1)
    assert (table["zh"].missing, table["zh"].out_of_date) == (1, 1)
    assert (table["ar"].missing, table["ar"].out_of_date, table["ar"].total) == (2, 0, 2)
