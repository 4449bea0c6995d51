"""Text with one table cell per line: a row's empty cells are only blank lines (ingestion/blank_lines.py).

The real seed 000 prints each cell followed by one blank line and an empty cell as one blank line (a row of
seven empty cells is its label and eight blank lines). A row that prints some of its cells is placed from
those blank lines, exactly, or read as before and flagged when they do not give one reading.
"""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.canonical import ACTIVE, APPLICATIONS, REVIEW
from ingestion.document import Cell, Line
from ingestion.tables.blank_lines import place_by_blank_lines, separator_lines
from tests.conftest import SAMPLES
from tests.support.parsing import parse_bytes
from tests.support.scoring import cell_mismatches
from tests.support.synth import add_defects, make_truth, render

SEED = SAMPLES / "000_045206c6f1d6d38e.txt"


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def _replace_row(lines: list[str], label: str, new: list[str]) -> list[str]:
    """The seed with the all-empty row `label` (its label and eight blank lines) replaced by `new`."""
    i = lines.index(label)
    assert lines[i + 1:i + 9] == [""] * 8 and lines[i + 9] != ""
    return lines[:i] + new + lines[i + 9:]


def _values(result: dict, table: str, row: str) -> dict:
    return {col: cell["value"] if cell else None for col, cell in result["cells"][table][row].items()}


def _codes(result: dict, table: str, row: str | None = None) -> set[str]:
    return {i["code"] for i in result["issues"] if i.get("table") == table and (row is None or i.get("row") == row)}


def test_seed_row_with_empty_cells_is_placed_by_its_blank_lines():
    # (一)予以公开 prints 3 | _ | _ | 2 | _ | _ | 5: one blank line after each value, one more per empty cell
    lines = _replace_row(_seed_lines(), "(一)予以公开", ["(一)予以公开", "", "3", "", "", "", "2", "", "", "", "5", ""])
    result = parse_bytes("seed.txt", "\n".join(lines).encode("utf-8"))
    assert _values(result, APPLICATIONS, "granted") == {
        "natural_person": 3, "commercial_enterprise": None, "research_institution": None, "social_welfare_org": 2,
        "legal_service_org": None, "other_org": None, "total": 5}
    assert "cells_placed_by_blank_lines" in _codes(result, APPLICATIONS, "granted")
    assert "ambiguous_cells" not in _codes(result, APPLICATIONS)
    # the value keeps its own line: the 2 is on the seventh line after the label
    label_line = lines.index("(一)予以公开") + 1
    assert result["cells"][APPLICATIONS]["granted"]["social_welfare_org"]["pos"]["line"] == label_line + 6


def test_seed_row_without_its_empty_cells_is_not_placed():
    # the same three values where the text dropped the empty cells (nothing between them but the separator):
    # the row's lines do not add up to seven cells, so nothing is placed; read as before, flagged
    lines = _replace_row(_seed_lines(), "(一)予以公开", ["(一)予以公开", "", "3", "", "2", "", "5", "", "", "", "", "", ""])
    result = parse_bytes("seed.txt", "\n".join(lines).encode("utf-8"))
    assert "cells_placed_by_blank_lines" not in _codes(result, APPLICATIONS)
    assert "ambiguous_cells" in _codes(result, APPLICATIONS, "granted")


def test_seed_table_four_with_an_empty_cell():
    # table 四's fourth value (行政复议 尚未审结) printed empty: one blank line more before the fifth
    lines = _seed_lines()
    first = lines.index("复议后起诉") + 2 + 5 * 2 * 2  # the header's last leaf, then its second block's labels
    assert lines[first - 2] == "总计" and lines[first:first + 30:2] == ["0"] * 15
    lines = lines[:first + 6] + lines[first + 7:]  # the fourth value's line goes, its separator stays
    result = parse_bytes("seed.txt", "\n".join(lines).encode("utf-8"))
    assert _values(result, REVIEW, "administrative_review") == {
        "upheld": 0, "corrected": 0, "other_result": 0, "pending": None, "total": 0}
    assert _values(result, REVIEW, "litigation_after_review")["total"] == 0
    assert "cells_placed_by_blank_lines" in _codes(result, REVIEW)


def _cells(*lines: int) -> list[Cell]:
    return [Cell("1", line) for line in lines]


@pytest.mark.parametrize(("after", "values", "before", "sep", "columns", "unit"), [
    (10, (12, 16, 20), 22, 1, [0, 3, 6], 1),  # one line per empty cell (the seed's)
    (10, (12, 18, 24), 26, 1, [0, 3, 6], 2),  # two lines per empty cell (an empty text line and its separator)
    (10, (11, 14, 17), 18, 0, [0, 3, 6], 1),  # no separator: a blank line is an empty cell
    (10, (12, 14), 14 + 1 + 1 + 5, 1, [0, 1], 1),  # the separator and five empty cells before the next row
])
def test_place_by_blank_lines(after, values, before, sep, columns, unit):
    placed = place_by_blank_lines(_cells(*values), after, before, None, 7, sep)
    assert placed is not None and placed.unit == unit and placed.exact
    assert [k for k, c in enumerate(placed.cells) if c is not None] == columns


def test_place_by_blank_lines_refuses_what_does_not_add_up():
    assert place_by_blank_lines(_cells(12, 14, 16), 10, 18, None, 7, 1) is None  # three cells of seven, none empty
    assert place_by_blank_lines(_cells(12, 13), 10, 20, None, 7, 1) is None  # no separator between the values
    assert place_by_blank_lines(_cells(12, 12), 10, 20, None, 7, 1) is None  # two values on one line
    assert place_by_blank_lines(_cells(12, 30), 10, 32, None, 7, 1) is None  # more empty cells than columns
    # after a table's last row: the gaps must show an empty cell, and the rest fit before the next section
    assert place_by_blank_lines(_cells(12, 14), 10, None, 40, 3, 1) is None
    assert place_by_blank_lines(_cells(12, 15), 10, None, 17, 3, 1).cells[1] is None
    assert place_by_blank_lines(_cells(12, 15), 10, None, 16, 3, 1, unit=1) is None
    assert place_by_blank_lines(_cells(12, 14), 10, None, 17, 3, 1, unit=1).cells[2] is None
    # two blank lines between two values: two empty cells of one line, or one of two; nothing after says which
    assert place_by_blank_lines(_cells(12, 16), 10, None, None, 7, 1) is None
    assert [c is None for c in place_by_blank_lines(_cells(12, 16), 10, None, None, 7, 1, unit=2).cells[:3]] == [
        False, True, False]


def test_separator_lines():
    one = [Line([Cell("x", k)]) for k in (1, 3, 5, 7, 9, 13)]
    assert separator_lines(one) == 1
    assert separator_lines([Line([Cell("x", k)]) for k in range(1, 9)]) == 0
    assert separator_lines([Line([Cell("x", k), Cell("1", k)]) for k in range(1, 9)]) is None  # cells side by side


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), template=st.sampled_from(["2019", "2021"]),
       cell_lines=st.sampled_from([(1, 1), (0, 1), (1, 2)]))
def test_one_cell_per_line_with_empty_cells_round_trip(seed, template, cell_lines):
    """Random tables with empty cells in tables 二, 三 and 四, one cell per line: each cell is read exactly, or
    left blank on a row flagged as read without positions."""
    rng = random.Random(seed)
    truth = add_defects(make_truth(rng, seed % 1000, template), rng, "lines")
    truth.cell_lines = cell_lines
    for table in (ACTIVE, APPLICATIONS, REVIEW):
        rows = [(row, col) for row, cols in truth.cells[table].items() for col in cols]
        for row, col in rng.sample(rows, k=2):
            truth.cells[table][row][col] = None
    name, data = render(truth, "lines")
    result = parse_bytes(name, data)
    flagged = {(i.get("table"), i.get("row")) for i in result["issues"] if i["code"] in ("ambiguous_cells", "missing_cells")}
    for table, row, _col, _expected, got in cell_mismatches(truth.cells, result["cells"]):
        assert got is None and ((table, row) in flagged or (table, None) in flagged), (table, row, _col, _expected, got)
