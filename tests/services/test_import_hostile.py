"""`planner import` answers hostile files with the file, the line and what is wrong: never a
traceback (issue 11: deeply nested YAML and a 5,000-digit number did)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner

from tests.conftest import REFERENCE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 64 levels deep"),
        (
            re.sub(r"number: \d+", "number: " + "9" * 5000, REFERENCE.read_text(), count=1),
            "too many digits",
        ),
    ],
    ids=["nested", "digits"],
)
def test_import_of_a_hostile_file_says_where_and_imports_nothing(
    runner: FlaskCliRunner, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["planner", "import", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{path}, line " in result.output and message in result.output
    assert "Traceback" not in result.output
    assert "Nothing was imported" in result.output
