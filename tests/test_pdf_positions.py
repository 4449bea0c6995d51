"""PDF rows that lost their blank cells: values placed by where they sit under the header, or left blank."""

import os
import random
import tempfile
from pathlib import Path

import pytest

from benchmarks.chromium import Browser, chromium_path
from benchmarks.synth import make_truth, render_html
from ingestion.canonical import ACTIVE
from ingestion.document import Cell
from ingestion.parse import parse_bytes
from ingestion.tables import _place_by_position

COLUMNS = ("issued_this_year", "repealed_this_year", "in_force")
# a header line (line 5) and a row (line 6) as a PDF's text layer gives them: tokens and their extents (points)
EXTENTS = {
    5: [("信息内容", 40.0, 90.0), ("本年制发件数", 150.0, 210.0), ("本年废止件数", 260.0, 320.0),
        ("现行有效件数", 370.0, 430.0)],
    6: [("规章", 40.0, 60.0), ("3", 151.0, 156.0), ("12", 371.0, 381.0)],
}


def _row(texts: list[str]) -> list[Cell]:
    return [Cell(t, 6, i) for i, t in enumerate(texts)]


def test_values_go_under_the_header_they_sit_in():
    placed = _place_by_position(_row(["3", "12"]), COLUMNS, {5}, EXTENTS)
    assert [None if c is None else c.text for c in placed] == ["3", None, "12"]


def test_no_placement_without_certainty():
    between = {**EXTENTS, 6: [("规章", 40.0, 60.0), ("3", 151.0, 156.0), ("12", 330.0, 340.0)]}
    assert _place_by_position(_row(["3", "12"]), COLUMNS, {5}, between) is None  # 12 sits between two headers
    assert _place_by_position(_row(["3", "7"]), COLUMNS, {5}, EXTENTS) is None  # the tokens are not these values
    no_header = {6: EXTENTS[6]}
    assert _place_by_position(_row(["3", "12"]), COLUMNS, {5}, no_header) is None


@pytest.mark.skipif(chromium_path() is None and not os.environ.get("CI"), reason="chromium is installed by `make setup`")
def test_printed_pdf_with_blank_cells_reads_exactly():
    """A report printed to PDF by Chromium with blank cells in table 二: the text layer drops them; each value
    comes back in its column, the blanks as null."""
    truth = make_truth(random.Random(5), 5, "2021")
    truth.cells[ACTIVE]["regulations"].update(issued_this_year=3, repealed_this_year=None, in_force=12)
    truth.cells[ACTIVE]["normative_documents"].update(issued_this_year=None, repealed_this_year=2, in_force=40)
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
    placed = {i["row"] for i in result["issues"] if i["code"] == "cells_placed_by_position"}
    assert placed == {"regulations", "normative_documents"}
    assert result["cells"][ACTIVE]["regulations"]["in_force"]["pos"]["page"] == 1
