"""The meeting-file reader refuses hostile files with a message at a file and line (issue 11):
deep nesting, huge numbers, huge files and control characters in texts; never an exception of
its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.core.meetingfile import MeetingFileError, parse

#: The limits of planner.core.meetingfile (MAX_FILE_BYTES, MAX_NESTING), as the messages say.
MAX_FILE_BYTES = 5_000_000
MAX_NESTING = 64

REFERENCE = (Path(__file__).resolve().parents[2] / "planner/data/wg4-2018.yaml").read_text()


def _problems(text: str) -> list[str]:
    with pytest.raises(MeetingFileError) as refused:
        parse(text, "hostile.yaml")
    return [str(problem) for problem in refused.value.problems]


@pytest.mark.parametrize(
    "text",
    [
        "format: " + "[" * 5000 + "]" * 5000,
        "format: 1\nmeetings:\n" + "".join("  " * i + "- x:\n" for i in range(300)),
        "format: " + "{a: " * 2000 + "1" + "}" * 2000,
    ],
)
def test_deep_nesting_is_refused_at_its_line(text: str) -> None:
    problems = _problems(text)
    assert any(f"nested more than {MAX_NESTING} levels deep" in p for p in problems), problems
    assert all(p.startswith("hostile.yaml, line ") for p in problems)


def test_a_number_of_5000_digits_is_refused_at_its_field() -> None:
    text = re.sub(r"number: \d+", "number: " + "9" * 5000, REFERENCE, count=1)
    problems = _problems(text)
    assert any("(meetings[0].number)" in p and "too many digits" in p for p in problems)


def test_the_limits_are_those_of_the_reader() -> None:
    from planner.core import meetingfile

    assert (meetingfile.MAX_FILE_BYTES, meetingfile.MAX_NESTING) == (MAX_FILE_BYTES, MAX_NESTING)


def test_a_file_too_large_is_refused_before_it_is_read() -> None:
    problems = _problems("# " + "x" * MAX_FILE_BYTES + "\nformat: 1\n")
    assert problems == [
        "hostile.yaml: The file is 5.0 MB; a meeting file is at most 5 MB. Is it the right file?"
    ]


@pytest.mark.parametrize("escape", ["\\0", "\\x1b", "\\x7f", "\\u0085", "\\uffff"])
def test_a_control_character_in_a_text_is_refused_at_its_line(escape: str) -> None:
    text = REFERENCE.replace("      en: Vienna\n", f'      en: "Vienna{escape}"\n', 1)
    assert text != REFERENCE
    problems = _problems(text)
    assert len(problems) == 1 and "invisible control character" in problems[0]
    line = REFERENCE[: REFERENCE.index("      en: Vienna\n")].count("\n") + 1
    assert problems[0].startswith(f"hostile.yaml, line {line} (meetings[0].city.en)")


@pytest.mark.parametrize(
    ("text", "multiline", "refused"),
    [
        ("plain", False, None),
        ("two\nlines", False, "\n"),
        ("two\nlines\tand a tab", True, None),
        ("NUL\x00", True, "\x00"),
        ("C1\x85", True, "\x85"),
        ("العربية\u200f", False, None),  # a right-to-left mark is a format character, kept
        ("中文", False, None),
    ],
)
def test_the_rule_on_characters(text: str, multiline: bool, refused: str | None) -> None:
    from planner.core.text import refused_character

    assert refused_character(text, multiline=multiline) == refused


def test_refused_characters_are_taken_out() -> None:
    from planner.core.text import without_refused

    assert without_refused("a\x00b\nc", multiline=False) == "ab c"
    assert without_refused("a\x00b\nc", multiline=True) == "ab\nc"
