"""Rows that lost their blank cells (a PDF's text layer, layout-preserving text): values placed by where they
sit, under the header or on the table's column grid, or not placed by position at all."""

import os
import random
import tempfile
from pathlib import Path

import pytest

from ingestion.canonical import ACTIVE, APPLICATIONS
from ingestion.document import Cell, Extents
from ingestion.readers import read_text
from ingestion.tables.active import ACTIVE_COLUMN_PATTERNS
from ingestion.tables.positions import column_grid, place_on_grid, place_under_headers
from tests.support.chromium import Browser, chromium_path
from tests.support.parsing import parse_bytes
from tests.support.synth import make_truth, render, render_html

COLUMNS = [dict(ACTIVE_COLUMN_PATTERNS)[c] for c in ("issued_this_year", "repealed_this_year", "in_force")]
# a header line (line 5) and a row (line 6) as a PDF's text layer gives them: tokens and their extents (points)
EXTENTS = {
    5: [("信息内容", 40.0, 90.0), ("本年制发件数", 150.0, 210.0), ("本年废止件数", 260.0, 320.0),
        ("现行有效件数", 370.0, 430.0)],
    6: [("规章", 40.0, 60.0), ("3", 151.0, 156.0), ("12", 371.0, 381.0)],
}


def _row(texts: list[str]) -> list[Cell]:
    return [Cell(t, 6, i) for i, t in enumerate(texts)]


def test_values_go_under_the_header_they_sit_in():
    placed = place_under_headers(_row(["3", "12"]), COLUMNS, {5}, EXTENTS)
    assert [None if c is None else c.text for c in placed] == ["3", None, "12"]


def test_no_placement_without_certainty():
    between = {**EXTENTS, 6: [("规章", 40.0, 60.0), ("3", 151.0, 156.0), ("12", 330.0, 340.0)]}
    assert place_under_headers(_row(["3", "12"]), COLUMNS, {5}, between) is None  # 12 sits between two headers
    assert place_under_headers(_row(["3", "7"]), COLUMNS, {5}, EXTENTS) is None  # the tokens are not these values
    no_header = {6: EXTENTS[6]}
    assert place_under_headers(_row(["3", "12"]), COLUMNS, {5}, no_header) is None


def test_values_go_to_the_columns_of_the_rows_that_print_them_all():
    """Table 三's columns from its full rows: left-aligned cells (left edges agree, centres do not: 12 is
    wider than 0); a row missing its second value is placed by its values' left edges."""
    lefts = [100.0, 140.0, 180.0]
    full = [[(x, x + 5.0) for x in lefts], [(100.2, 110.2), (140.0, 145.0), (179.9, 184.9)]]
    grid = column_grid(full)
    assert (grid.edge, grid.anchors) == (0, (100.2, 140.0, 180.0))
    extents = Extents({6: [("(一)予以公开", 40.0, 90.0), ("12", 100.1, 110.1), ("4", 180.0, 185.0)]})
    placed = place_on_grid(_row(["12", "4"]), extents, grid)
    assert [None if c is None else c.text for c in placed] == ["12", None, "4"]
    off_grid = Extents({6: [("(一)予以公开", 40.0, 90.0), ("12", 120.0, 130.0), ("4", 180.0, 185.0)]})
    assert place_on_grid(_row(["12", "4"]), off_grid, grid) is None
    # a label reaching into the first column (it overflowed, and pushed the values right): not placed
    overflow = Extents({6: [("(二)部分公开(区分处理的)", 40.0, 130.0), ("12", 140.0, 150.0), ("4", 180.0, 185.0)]})
    assert place_on_grid(_row(["12", "4"]), overflow, grid) is None


def test_rows_pushed_off_the_grid_are_left_out_of_it():
    """A text dump of a page pushes a full row's values right when its label overflows: the grid is drawn from
    the rows on the columns' medians, when they are most."""
    on = [[(59.0, 60.0), (66.0, 67.0), (73.0, 74.0)]] * 4
    pushed = [[(62.0, 63.0), (69.0, 70.0), (76.0, 77.0)]]
    grid = column_grid(on + pushed)
    assert (grid.anchors, grid.spread, grid.start, grid.rows) == ((59.0, 66.0, 73.0), 0.0, 59.0, 4)
    further = [[(64.0, 65.0), (71.0, 72.0), (78.0, 79.0)]]
    assert column_grid(on[:1] + pushed + further).spread == 5.0  # no majority on the medians: every row counts


def test_text_is_measured_in_characters_and_in_display_columns():
    """lynx and pandoc align a table by display width (a CJK character two columns wide), pdftotext -layout by
    characters: text offers both readings."""
    doc = read_text("规章      3\nabc       4\n".encode())
    chars, display = doc.token_extents.readings()
    assert chars[1] == [("规章", 0.0, 2.0), ("3", 8.0, 9.0)] and chars[2][1] == ("4", 10.0, 11.0)
    assert display[1] == [("规章", 0.0, 4.0), ("3", 10.0, 11.0)] and display[2][1] == ("4", 10.0, 11.0)


@pytest.mark.skipif(chromium_path() is None and not os.environ.get("CI"), reason="chromium is installed by `make setup`")
def test_printed_pdf_with_blank_cells_reads_exactly():
    """A report printed to PDF by Chromium with blank cells in table 二: the text layer drops them; each value
    comes back in its column, the blanks as null."""
    truth = make_truth(random.Random(5), 5, "2021")
    truth.cells[ACTIVE]["regulations"].update(issued_this_year=3, repealed_this_year=None, in_force=12)
    truth.cells[ACTIVE]["normative_documents"].update(issued_this_year=None, repealed_this_year=2, in_force=40)
    # table 三: a blank inside a row (left to right would shift 4 and 6 one column left), a blank 总计
    granted = dict(zip(truth.cells[APPLICATIONS]["granted"], [2, None, 4, 0, 0, 0, 6], strict=True))
    truth.cells[APPLICATIONS]["granted"].update(granted)
    truth.cells[APPLICATIONS]["carried_over"].update(natural_person=1, total=None)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_bytes(render_html(truth))
        browser = Browser()
        try:
            data = browser.print_pdfs([page])[0]
        finally:
            browser.close()
    result = parse_bytes("report.pdf", data)
    values = {row: {c: (v or {}).get("value") for c, v in result["cells"][ACTIVE][row].items()}
              for row in ("regulations", "normative_documents")}
    assert values == {"regulations": {"issued_this_year": 3, "repealed_this_year": None, "in_force": 12},
                      "normative_documents": {"issued_this_year": None, "repealed_this_year": 2, "in_force": 40}}
    row = result["cells"][APPLICATIONS]["granted"]
    assert [(c or {}).get("value") for c in row.values()] == [2, None, 4, 0, 0, 0, 6]
    carried = result["cells"][APPLICATIONS]["carried_over"]
    assert (carried["natural_person"]["value"], carried["total"]) == (1, None)
    placed = {i["row"] for i in result["issues"] if i["code"] == "cells_placed_by_position"}
    assert {"regulations", "normative_documents", "granted", "carried_over"} <= placed
    assert result["cells"][ACTIVE]["regulations"]["in_force"]["pos"]["page"] == 1


def test_layout_preserving_text_with_blank_cells_reads_exactly():
    """pdftotext -layout keeps columns at the same character positions; a blank cell is only spaces. Table 二's
    values go under their header labels, table 三's onto the columns of its full rows."""
    truth = make_truth(random.Random(6), 6, "2021")
    truth.cells[ACTIVE]["regulations"].update(issued_this_year=3, repealed_this_year=None, in_force=12)
    truth.cells[APPLICATIONS]["granted"].update(
        dict(zip(truth.cells[APPLICATIONS]["granted"], [2, None, 4, 0, 0, 0, 6], strict=True)))
    name, data = render(truth, "aligned")
    result = parse_bytes(name, data)
    assert [(c or {}).get("value") for c in result["cells"][ACTIVE]["regulations"].values()] == [3, None, 12]
    assert [(c or {}).get("value") for c in result["cells"][APPLICATIONS]["granted"].values()] == [2, None, 4, 0, 0, 0, 6]
    placed = {(i["table"], i["row"]) for i in result["issues"] if i["code"] == "cells_placed_by_position"}
    assert placed == {(ACTIVE, "regulations"), (APPLICATIONS, "granted")}


def test_text_spaced_by_chance_is_not_placed():
    """Plain text whose values merely happen to fall under header labels: 3 and 12 would land under 本年制发件数
    and 本年废止件数, but no full row of the table lines up with the header (5 and 4 both sit under the first
    label), so the text is not laid out in columns and the short row stays blank and flagged."""
    text = ("某县财政局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章    3      12\n行政规范性文件 5 4 0\n"
            "三、收到和处理政府信息公开申请情况\n")
    result = parse_bytes("spaced.txt", text.encode())
    assert [c for c in result["cells"][ACTIVE]["regulations"].values()] == [None, None, None]
    assert ("ambiguous_cells", "regulations") in {(i["code"], i.get("row")) for i in result["issues"]}
