"""The provisional agenda and annotations of the reference meeting, as planner renders it,
against the UN's own Chinese text of it (the seed)."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy.orm import Session

SYMBOL = "CTOC/COP/WG.4/2018/1"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "004_62747d1c53040ac2.txt"


class _Text(HTMLParser):
    """The text a reader sees, in document order (no styles or scripts)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._hidden += tag in ("style", "script", "head")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script", "head")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _render(runner: FlaskCliRunner, *args: str) -> str:
    result = runner.invoke(args=["planner", "render", SYMBOL, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def seed_lines() -> list[str]:
    if not SEED.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the seed text is missing at {SEED}")
        pytest.skip(f"the seed text is not beside the project ({SEED})")
    return [
        _squeeze(line) for line in SEED.read_text(encoding="utf-8").splitlines() if _squeeze(line)
    ]


def test_chinese_rendering_contains_every_seed_line_in_order(
    runner: FlaskCliRunner, reference: Session, seed_lines: list[str]
) -> None:
    text = _squeeze(visible_text(_render(runner, "--lang", "zh", "--format", "html")))
    position = 0
    for line in seed_lines:
        found = text.find(line, position)
        assert found >= 0, f"seed line not found after position {position}: {line}"
        position = found + len(line)


def test_english_rendering_has_the_same_structure_in_un_english(
    runner: FlaskCliRunner, reference: Session
) -> None:
    text = re.sub(r"\s+", " ", visible_text(_render(runner, "--lang", "en", "--format", "html")))
    expected_in_order = [
        "United Nations",
        SYMBOL,
        "Conference of the Parties to the United Nations Convention against Transnational "
        "Organized Crime",
        "Distr.: General",
        "Original: English",
        "Working Group on Trafficking in Persons",
        "Vienna, 2 and 3 July 2018",
        "Provisional agenda and annotations",
        "Provisional agenda",
        "1. Organizational matters:",
        "(a) Opening of the meeting;",
        "(b) Adoption of the agenda and organization of work.",
        "2. International cooperation in trafficking in persons cases: taking into account "
        "the needs and rights of victims.",
        "4. Other matters.",
        "5. Adoption of the report.",
        "Annotations",
        "The eighth meeting of the Working Group on Trafficking in Persons will be opened on "
        "Monday, 2 July 2018, at 10 a.m.",
        "The resources available will allow for four plenary meetings over two days, with "
        "interpretation into all six official languages of the United Nations.",
        "Documentation",
        "Background paper prepared by the Secretariat entitled “International cooperation in "
        "trafficking in persons cases: taking into account the needs and rights of victims” "
        "(CTOC/COP/WG.4/2018/2)",
        "under item 4",
        "The Working Group will adopt a report on its meeting",
        "Annex",
        "Proposed organization of work",
        "Date and time",
        "Monday, 2 July",
        "10 a.m.–1 p.m.",
        "1 (a)",
        "Opening of the meeting",
        "3–6 p.m.",
        "(continued)",
        "Tuesday, 3 July",
        "Adoption of the report",
    ]
    position = 0
    for fragment in expected_in_order:
        found = text.find(fragment, position)
        assert found >= 0, f"not found after {position}: {fragment!r}"
        position = found + len(fragment)
    assert "a.m.." not in text


def test_organization_of_work_equals_the_seed_annex(
    runner: FlaskCliRunner, reference: Session
) -> None:
    rendered = json.loads(_render(runner, "--lang", "zh", "--format", "json"))
    table = [
        (
            s["date"],
            s["start"],
            s["end"],
            s["interpreted"],
            [(i["number"], i["continued"]) for i in s["items"]],
        )
        for s in rendered["organization_of_work"]
    ]
    assert table == [
        ("2018-07-02", "10:00", "13:00", True, [("1(a)", False), ("1(b)", False), ("2", False)]),
        ("2018-07-02", "15:00", "18:00", True, [("2", True), ("3", False)]),
        ("2018-07-03", "10:00", "13:00", True, [("3", True)]),
        ("2018-07-03", "15:00", "18:00", True, [("4", False), ("5", False)]),
    ]
    assert rendered["organization_of_work"][0]["items"][0]["title"] == "会议开幕"


def test_json_lists_the_agenda_and_the_feed_addresses(
    runner: FlaskCliRunner, reference: Session
) -> None:
    rendered = json.loads(_render(runner, "--lang", "en", "--format", "json"))
    assert [(a["number"], a["title"]) for a in rendered["agenda"]][:3] == [
        ("1", "Organizational matters"),
        ("1(a)", "Opening of the meeting"),
        ("1(b)", "Adoption of the agenda and organization of work"),
    ]
    assert rendered["feeds"]["ics"].startswith("/feeds/meetings/")
    assert rendered["feeds"]["webcal"].startswith("webcal://")


def test_render_writes_to_a_file(
    runner: FlaskCliRunner, reference: Session, tmp_path: Path
) -> None:
    out = tmp_path / "agenda.html"
    result = runner.invoke(args=["planner", "render", SYMBOL, "--lang", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "临时议程说明" in out.read_text(encoding="utf-8")


def test_check_reports_problems_and_exits_by_severity(
    runner: FlaskCliRunner, reference: Session
) -> None:
    result = runner.invoke(args=["planner", "check", SYMBOL])
    # The reference's documents carry no issue date: warnings, not errors.
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stdout and "0 error(s)" in result.stdout


_COP = {
    "en": "the Conference of the Parties to the United Nations Convention against Transnational "
    "Organized Crime",
    "zh": "联合国打击跨国有组织犯罪公约缔约方会议",
    "fr": "la Conférence des Parties à la Convention des Nations Unies contre la criminalité "
    "transnationale organisée",
    "es": "la Conferencia de las Partes en la Convención de las Naciones Unidas contra la "
    "Delincuencia Organizada Transnacional",
    "ru": "Конференция участников Конвенции Организации Объединенных Наций против "
    "транснациональной организованной преступности",
    "ar": "مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية",
}
_TITLE_7_1 = {
    "en": "“Strengthening the implementation of the United Nations Convention against "
    "Transnational Organized Crime and the Protocols thereto”",
    "zh": "“加强《联合国打击跨国有组织犯罪公约》及其各项议定书的实施”",
    "fr": "« Renforcement de l’application de la Convention des Nations Unies contre la "
    "criminalité transnationale organisée et des Protocoles s’y rapportant »",
    "es": "“Fortalecimiento de la aplicación de la Convención de las Naciones Unidas contra la "
    "Delincuencia Organizada Transnacional y sus Protocolos”",
    "ru": "«Укрепление осуществления Конвенции Организации Объединенных Наций против "
    "транснациональной организованной преступности и протоколов к ней»",
    "ar": '"تعزيز تنفيذ اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية والبروتوكولات '
    'الملحقة بها"',
}
#: The reference meeting's citations as each language version reads them, in document order:
#: 7/1 with its title, 7/1 as a reference, 8/2 without its title, 5/5 as a reference, 8/2
#: again, and 8/2 twice as a reference.
REFERENCE_CITATIONS = {
    "en": [
        f"In its resolution 7/1, entitled {_TITLE_7_1['en']}, {_COP['en']} decided, inter alia,",
        "in accordance with resolution 7/1 of the Conference, in order",
        "In its resolution 8/2, the Conference decided, on the basis",
        "set out in resolution 5/5 of the Conference, for consideration",
        "In its resolution 8/2, the Conference further decided",
        "pursuant to resolution 8/2 of the Conference (see CTOC/COP/WG.4/2017/3)",
        "pursuant to resolution 8/2 of the Conference (CTOC/COP/WG.4/2018/CRP.1)",
    ],
    "zh": [
        f"{_COP['zh']}在其题为{_TITLE_7_1['zh']}的第 7/1 号决议中决定，除其他外，",
        "是根据缔约方会议第 7/1 号决议拟定的",
        "缔约方会议在第 8/2 号决议中决定，",
        "以缔约方会议第 5/5 号决议所列的原则",
        "缔约方会议在第 8/2 号决议中还决定，",
        "秘书处依照缔约方会议第 8/2 号决议编写的",
        "其中载有依照缔约方会议第 8/2 号决议编拟的",
    ],
    "fr": [
        f"Dans sa résolution 7/1, intitulée {_TITLE_7_1['fr']}, {_COP['fr']} a notamment décidé",
        "conformément à la résolution 7/1 de la Conférence, afin de",
        "Dans sa résolution 8/2, la Conférence a décidé, sur la base",
        "énoncés dans la résolution 5/5 de la Conférence, afin qu’elle",
        "Dans sa résolution 8/2, la Conférence a en outre décidé",
        "en application de la résolution 8/2 de la Conférence (voir CTOC/COP/WG.4/2017/3)",
        "en application de la résolution 8/2 de la Conférence (CTOC/COP/WG.4/2018/CRP.1)",
    ],
    "es": [
        f"En su resolución 7/1, titulada {_TITLE_7_1['es']}, {_COP['es']} decidió, entre otras",
        "de conformidad con la resolución 7/1 de la Conferencia, a fin de",
        "En su resolución 8/2, la Conferencia decidió, sobre la base",
        "enunciados en la resolución 5/5 de la Conferencia, para que",
        "En su resolución 8/2, la Conferencia decidió además",
        "de conformidad con la resolución 8/2 de la Conferencia (véase CTOC/COP/WG.4/2017/3)",
        "de conformidad con la resolución 8/2 de la Conferencia (CTOC/COP/WG.4/2018/CRP.1)",
    ],
    "ru": [
        f"В своей резолюции 7/1, озаглавленной {_TITLE_7_1['ru']}, {_COP['ru']} постановила,",
        "в соответствии с положениями резолюции 7/1 Конференции, с тем чтобы",
        "В своей резолюции 8/2 Конференция постановила на основе",
        "изложенными в резолюции 5/5 Конференции, для их",
        "В своей резолюции 8/2 Конференция постановила далее",
        "во исполнение резолюции 8/2 Конференции (см. CTOC/COP/WG.4/2017/3)",
        "во исполнение резолюции 8/2 Конференции (CTOC/COP/WG.4/2018/CRP.1)",
    ],
    "ar": [
        f"قرر {_COP['ar']}، في قراره 7/1 المعنون {_TITLE_7_1['ar']}، في جملة أمور،",
        "وفقاً لأحكام القرار 7/1 الصادر عن المؤتمر، لتمكين",
        "قرر المؤتمر، في قراره 8/2، استناداً إلى",
        "المبينة في القرار 5/5 الصادر عن المؤتمر، لكي",
        "كما قرر المؤتمر، في قراره 8/2، أن تتناول",
        "بموجب القرار 8/2 الصادر عن المؤتمر (انظر CTOC/COP/WG.4/2017/3)",
        "بموجب القرار 8/2 الصادر عن المؤتمر (CTOC/COP/WG.4/2018/CRP.1)",
    ],
}
#: Marks that isolate or orient runs of text (Arabic), which a reader does not see.
_BIDI_MARKS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))


def _reading(text: str) -> str:
    """Text as compared: invisible direction marks left out, every run of spaces (no-break
    spaces too) one space."""
    return re.sub(r"\s+", " ", text.translate(_BIDI_MARKS))


@pytest.mark.parametrize("lang", list(REFERENCE_CITATIONS))
def test_the_reference_citations_are_written_out_in_each_language(
    runner: FlaskCliRunner, reference: Session, lang: str
) -> None:
    text = _reading(visible_text(_render(runner, "--lang", lang, "--format", "html")))
    assert "{mandate" not in text
    position = 0
    for citation in REFERENCE_CITATIONS[lang]:
        found = text.find(_reading(citation), position)
        assert found >= 0, f"{lang}: not found after {position}: {citation!r}"
        position = found + len(_reading(citation))


@pytest.mark.parametrize("lang", list(REFERENCE_CITATIONS))
def test_the_reference_passes_check_in_each_language(
    runner: FlaskCliRunner, reference: Session, lang: str
) -> None:
    result = runner.invoke(args=["planner", "check", SYMBOL, "--lang", lang])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.stdout
