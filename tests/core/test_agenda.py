from __future__ import annotations

import pytest

from planner.core.agenda import (
    agenda_depth,
    agenda_punctuation,
    find_by_number,
    item_number,
    leaves,
    number_agenda,
    substantive_index,
    total_minutes,
    usual_index,
)
from planner.core.plain import ItemData
from tests.core.builders import item, reference_agenda, uid


@pytest.mark.parametrize(
    ("path", "number"),
    [
        ((1,), "1"),
        ((12,), "12"),
        ((1, 1), "1(a)"),
        ((1, 2), "1(b)"),
        ((3, 26), "3(z)"),
        ((3, 27), "3(aa)"),
        ((3, 28), "3(bb)"),
        ((3, 53), "3(aaa)"),
        ((2, 2, 1), "2(b)(i)"),
        ((2, 1, 4), "2(a)(iv)"),
        ((2, 1, 9), "2(a)(ix)"),
        ((2, 1, 14), "2(a)(xiv)"),
        ((2, 1, 40), "2(a)(xl)"),
    ],
)
def test_item_number(path: tuple[int, ...], number: str) -> None:
    assert item_number(path) == number


@pytest.mark.parametrize("path", [(), (1, 1, 1, 1), (0,), (1, 0)])
def test_item_number_refuses_paths_outside_the_numbering(path: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="agenda"):
        item_number(path)


def test_number_agenda_lists_headings_before_their_items() -> None:
    numbered = number_agenda(reference_agenda())
    assert [n.number for n in numbered] == ["1", "1(a)", "1(b)", "2", "3", "4", "5"]
    assert [n.item.public_id for n in numbered][:3] == [
        uid("organizational_matters"),
        uid("opening"),
        uid("adoption_of_agenda"),
    ]


def test_number_agenda_describes_each_place() -> None:
    numbered = number_agenda(reference_agenda())
    shape = [(n.path, n.depth, n.is_last_sibling, n.has_children, n.parent_id) for n in numbered]
    heading = uid("organizational_matters")
    assert shape == [
        ((1,), 0, False, True, None),
        ((1, 1), 1, False, False, heading),
        ((1, 2), 1, True, False, heading),
        ((2,), 0, False, False, None),
        ((3,), 0, False, False, None),
        ((4,), 0, False, False, None),
        ((5,), 0, True, False, None),
    ]


def test_number_agenda_numbers_three_levels() -> None:
    agenda = [item("1"), item("2", children=[item("2a"), item("2b", children=[item("2bi")])])]
    assert [n.number for n in number_agenda(agenda)] == ["1", "2", "2(a)", "2(b)", "2(b)(i)"]


def test_number_agenda_refuses_a_fourth_level() -> None:
    agenda = [item("1", children=[item("a", children=[item("i", children=[item("x")])])])]
    with pytest.raises(ValueError, match="at most 3 levels"):
        number_agenda(agenda)


@pytest.mark.parametrize(
    ("agenda", "depth"),
    [
        ([], 0),
        ([item("1")], 1),
        (list(reference_agenda()), 2),
        ([item("1", children=[item("a", children=[item("i", children=[item("x")])])])], 4),
    ],
)
def test_agenda_depth(agenda: list[ItemData], depth: int) -> None:
    assert agenda_depth(agenda) == depth


def test_leaves_are_the_items_taken_up_in_order() -> None:
    assert [n.number for n in leaves(reference_agenda())] == ["1(a)", "1(b)", "2", "3", "4", "5"]


@pytest.mark.parametrize(
    ("number", "name"),
    [
        ("1", "organizational_matters"),
        ("1(a)", "opening"),
        ("1 (b)", "adoption_of_agenda"),
        ("5", "adoption_of_report"),
    ],
)
def test_find_by_number(number: str, name: str) -> None:
    found = find_by_number(reference_agenda(), number)
    assert found is not None
    assert found.item.public_id == uid(name)


@pytest.mark.parametrize("number", ["6", "1(c)", "2(a)", ""])
def test_find_by_number_is_none_for_a_number_not_on_the_agenda(number: str) -> None:
    assert find_by_number(reference_agenda(), number) is None


@pytest.mark.parametrize(
    ("agenda_item", "minutes"),
    [
        (item("leaf", 45), 45),
        (item("leaf"), None),
        (item("leaf", 0), 0),
        (item("heading", children=[item("a", 10), item("b", 20)]), 30),
        (item("heading with its own", 99, children=[item("a", 10), item("b", 20)]), 30),
        (item("heading", children=[item("a", 10), item("b")]), 10),
        (item("heading", children=[item("a"), item("b")]), None),
        (item("deep", children=[item("a", 5), item("b", children=[item("i", 7)])]), 12),
    ],
)
def test_total_minutes(agenda_item: ItemData, minutes: int | None) -> None:
    assert total_minutes(agenda_item) == minutes


def test_agenda_punctuation_follows_the_un_list_in_english() -> None:
    marks = [agenda_punctuation(n) for n in number_agenda(reference_agenda())]
    assert marks == [":", ";", ".", ".", ".", ".", "."]


def test_agenda_punctuation_on_three_levels() -> None:
    agenda = [item("1", children=[item("a", children=[item("i"), item("ii")]), item("b")])]
    marks = {n.number: agenda_punctuation(n) for n in number_agenda(agenda)}
    assert marks == {"1": ":", "1(a)": ":", "1(a)(i)": ";", "1(a)(ii)": ".", "1(b)": "."}


def test_agenda_punctuation_reproduces_the_chinese_provisional_agenda() -> None:
    titles = {
        "organizational_matters": "组织事项",
        "opening": "会议开幕",
        "adoption_of_agenda": "通过议程和工作安排",
        "2": "贩运人口案件中的国际合作：考虑受害者的需求和权利",
        "3": "拟订用于审议《禁止贩运人口议定书》实施情况的调查问卷",
        "other_matters": "其他事项",
        "adoption_of_report": "通过报告",
    }
    by_id = {uid(name): title for name, title in titles.items()}
    lines = []
    for n in number_agenda(reference_agenda()):
        label = f"{n.number}." if n.depth == 0 else f"({n.number.rsplit('(', 1)[1]}"
        lines.append(f"{label} {by_id[n.item.public_id]}{agenda_punctuation(n, 'zh')}")
    assert lines == [
        "1. 组织事项：",
        "(a) 会议开幕；",
        "(b) 通过议程和工作安排。",
        "2. 贩运人口案件中的国际合作：考虑受害者的需求和权利。",
        "3. 拟订用于审议《禁止贩运人口议定书》实施情况的调查问卷。",
        "4. 其他事项。",
        "5. 通过报告。",
    ]


@pytest.mark.parametrize(
    ("siblings", "expected"),
    [
        ([], 0),
        (["organizational_matters", None, None], 3),
        (["organizational_matters", None, "other_matters", "adoption_of_report"], 2),
        (["organizational_matters", None, "adoption_of_report"], 2),
        (["organizational_matters", "other_matters", "adoption_of_report"], 1),
        # "Other matters" moved up on purpose stays where it is; only the closing run counts.
        (["organizational_matters", "other_matters", None], 3),
    ],
)
def test_a_new_substantive_item_goes_before_the_closing_standard_items(
    siblings: list[str | None], expected: int
) -> None:
    assert substantive_index(siblings) == expected


@pytest.mark.parametrize(
    ("kind", "siblings", "expected"),
    [
        ("other_matters", ["organizational_matters", None, "adoption_of_report"], 2),
        ("adoption_of_report", ["organizational_matters", None, "other_matters"], 3),
        ("organizational_matters", [None, "other_matters"], 0),
    ],
)
def test_a_standard_item_goes_where_it_usually_goes(
    kind: str, siblings: list[str | None], expected: int
) -> None:
    assert usual_index(kind, siblings) == expected
