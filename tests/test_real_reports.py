"""The bundled real reports (data/reports/pingtan: a county site's crawled pages, cells run together on a few
long lines; four also as published pages) against their hand-checked values: every expected cell exact, every
metadata field exact, and no value anywhere that the expected files contradict."""

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from ingestion.canonical import APPLICANT_COLUMNS
from tests.conftest import ROOT
from tests.fixtures.real import prose_above_review
from tests.support.chromium import Browser, chromium_path
from tests.support.parsing import parse_bytes, parse_file

REAL = ROOT / "data" / "reports" / "pingtan"
EXPECTED = sorted((ROOT / "tests" / "expected" / "real").glob("*.json"))
META = ("agency_name", "report_year", "template_version", "region_code")


def _value(cell):
    return cell.get("value") if isinstance(cell, dict) else cell


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_real_report_reads_exactly(expected_path: Path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    got = parse_file(REAL / expected["file"])
    assert {k: got["metadata"][k] for k in META} == expected["metadata"]
    for table, rows in (expected.get("cells") or {}).items():
        for row, cols in rows.items():
            for col, value in cols.items():
                assert _value(got["cells"][table][row][col]) == value, (table, row, col)


def test_crawled_text_positions_point_at_the_crawled_line():
    """Re-lined text keeps each value's line in the file as crawled (the body's one long line)."""
    got = parse_file(REAL / "pingtan_gwhbgs_2023.txt")
    cell = got["cells"]["applications"]["new_received"]["total"]
    assert cell["value"] == 21 and cell["raw"] == "21" and cell["pos"]["source_line"] == 10
    codes = {i["code"] for i in got["issues"]}
    assert "split_concatenated" in codes


def test_crawled_table_three_splits_by_the_template_arithmetic():
    got = parse_file(REAL / "pingtan_gwhbgs_2023.txt")
    row = got["cells"]["applications"]["unavailable_not_held"]
    assert [_value(row[c]) for c in APPLICANT_COLUMNS] == [14, 0, 0, 0, 0, 0, 14]


PAGES = sorted(p for p in EXPECTED if p.stem.endswith("_html"))


@pytest.mark.e2e
@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
def test_real_pages_printed_to_pdf_by_chromium_read_exactly():
    """The site's pages as its print button gives them (site menus, breadcrumbs, the table on its own page): the
    title below the menus, a wrapped prose line listing the sections is no heading, no value invented."""
    pages = [REAL / json.loads(p.read_text(encoding="utf-8"))["file"] for p in PAGES]
    browser = Browser()
    try:
        pdfs = browser.print_pdfs(pages)
    finally:
        browser.close()
    for expected_path, data in zip(PAGES, pdfs, strict=True):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        got = parse_bytes(expected["file"].replace(".html", ".pdf"), data)
        assert got["metadata"]["source_format"] == "pdf"
        assert {k: got["metadata"][k] for k in META} == expected["metadata"], expected["file"]
        for table, rows in expected["cells"].items():
            for row, cols in rows.items():
                for col, value in cols.items():
                    assert _value(got["cells"][table][row][col]) == value, (expected["file"], table, row, col)


@pytest.mark.e2e
@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
def test_prose_above_a_wrapped_table_four_is_prose(tmp_path):
    """Section 四's sentence states review and litigation figures right above table 四, whose header wraps over
    six lines of narrow columns, on a page with a running title (a year) and page numbers: table 四 is what the
    table prints (all 0), never the prose's figures, and no year or page number is a cell."""
    page = tmp_path / "report.html"
    page.write_text(prose_above_review.page(), encoding="utf-8")
    browser = Browser()
    try:
        data = browser.print_pdfs([page], page_number="footer")[0]
    finally:
        browser.close()
    got = parse_bytes("report.pdf", data)
    assert got["metadata"]["report_year"] == 2023
    assert PdfReader(io.BytesIO(data)).get_num_pages() >= 3  # the tables cross pages: titles and numbers between rows
    review = {row: [_value(c) for c in cols.values()] for row, cols in got["cells"]["review_litigation"].items()}
    assert review == {row: [0] * 5 for row in ("administrative_review", "litigation_direct", "litigation_after_review")}
    apps = {row: _value(cols["total"]) for row, cols in got["cells"]["applications"].items()}
    assert apps == {row: prose_above_review.TOTALS.get(row, 0) for row in apps}
