"""A PDF whose content stream does not write its text in reading order: a generator that writes a table column by
column, or its text objects in any order. pdfium's text follows the stream (one cell per line, labels far from their
values), so such a PDF is read again by where its characters stand (ingestion/pdf_lines.py), and that reading is
kept when it gives more values: the same cells as the PDF written in order, flagged pdf_read_by_position."""

from pathlib import Path

import pytest

from ingestion.issue_codes import issue
from ingestion.parse import _keeps_by_position
from ingestion.readers.pdf_lines import lines_by_position
from ingestion.result import CellValue, Check, Metadata, ParseResult
from tests.conftest import SAMPLES
from tests.support.parsing import parse_bytes
from tests.support.pdf_order import written_out_of_order

PDF = SAMPLES / "jiangsu_huaian_hongze_2023.pdf"
NARROW = Path(__file__).parent / "fixtures" / "pdf" / "libreoffice_120.pdf"


def _reordered(pdf: Path, order: str, seed: int = 0) -> bytes:
    return written_out_of_order(pdf.read_bytes(), order, seed)


def _values(parse: dict) -> dict:
    """Every cell's value and printed text."""
    return {(t, r, c): (v["value"], v["raw"]) if v else None
            for t, rows in parse["cells"].items() for r, cols in rows.items() for c, v in cols.items()}


@pytest.fixture(scope="module")
def in_order() -> dict:
    return parse_bytes(PDF.name, PDF.read_bytes())


@pytest.mark.parametrize(("order", "seed"), [("columns", 0), ("shuffled", 0), ("shuffled", 1)])
def test_a_pdf_written_out_of_order_reads_as_written_in_order(in_order: dict, order: str, seed: int) -> None:
    parse = parse_bytes(PDF.name, _reordered(PDF, order, seed))
    assert sum(v is not None for v in _values(in_order).values()) == 186
    assert _values(parse) == _values(in_order)
    for field in ("agency_name", "report_year", "region_code", "template_version"):
        assert parse["metadata"][field] == in_order["metadata"][field]
    flag = next(i for i in parse["issues"] if i["code"] == "pdf_read_by_position")
    assert flag["right"] == 186 and flag["left"] < 20
    # the template's identities that the report itself breaks are reported as in order
    assert ([i["message"] for i in parse["issues"] if i["code"] == "arithmetic_violation"]
            == [i["message"] for i in in_order["issues"] if i["code"] == "arithmetic_violation"])


def test_a_pdf_written_in_order_is_read_in_order(in_order: dict) -> None:
    assert "pdf_read_by_position" not in {i["code"] for i in in_order["issues"]}


def test_a_narrow_table_written_by_columns_reads_by_position() -> None:
    """LibreOffice's print of a Word report, its labels wrapped over several lines of narrow columns (each group's
    label beside its items, a piece a line), written by columns: read by position, every value as printed."""
    in_order = _values(parse_bytes(NARROW.name, NARROW.read_bytes()))
    parse = parse_bytes(NARROW.name, _reordered(NARROW, "columns"))
    flag = next(i for i in parse["issues"] if i["code"] == "pdf_read_by_position")
    assert (flag["left"], flag["right"]) == (0, 198)
    assert sum(v is not None for v in in_order.values()) == 198
    assert _values(parse) == in_order


def _parse(values: int, violations: int, *codes: str, first: int = 0) -> ParseResult:
    """A parse holding `values` cells with values (cell k holds k, the first `first`), `violations` broken
    identities and issues of `codes`."""
    cells = {"t": {"r": {f"c{k}": CellValue(first if k == 0 else k, None, None) for k in range(values)}}}
    checks = (Check("rule", "", 1, 2, False),) * violations
    return ParseResult("f.pdf", "0", Metadata(), cells, checks=checks, issues=tuple(issue(c, "warning", "") for c in codes))


@pytest.mark.parametrize(("stream", "by_position", "kept"), [
    (_parse(0, 0, "table_empty"), _parse(186, 2), True),  # the stream's reading lost its values
    (_parse(150, 0, "blank_cells"), _parse(186, 0), True),
    (_parse(150, 1, "blank_cells"), _parse(186, 2), False),  # more values, more identities broken
    (_parse(80, 0, "blank_cells"), _parse(186, 3), True),  # twice the values: the stream's tested few identities
    (_parse(186, 0, "blank_cells"), _parse(186, 0), False),  # no more values
    (_parse(0, 0, "table_empty"), _parse(186, 0, "duplicate_cell"), False),  # two rows named one
    (_parse(150, 0, "blank_cells"), _parse(186, 0, first=7), False),  # a value the stream read otherwise
    (_parse(80, 0, "blank_cells"), _parse(186, 0, first=7), True),  # the stream's reading lost most values
])
def test_which_reading_is_kept(stream: ParseResult, by_position: ParseResult, kept: bool) -> None:
    assert _keeps_by_position(stream, by_position) is kept


def test_lines_by_position_read_a_row_left_to_right() -> None:
    """The sample's table 二 page: a row's label and value on one line, tokens left to right with their edges."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(PDF.read_bytes())
    try:
        textpage = pdf[2].get_textpage()
        lines = lines_by_position(textpage)
        texts = [" ".join(t for t, _, _ in line) for line in lines]
        assert "行政处罚 4119" in texts and "行政强制 195" in texts
        row = lines[texts.index("行政处罚 4119")]
        assert row[0][1] < row[0][2] < row[1][1] < row[1][2]
        textpage.close()
    finally:
        pdf.close()


def test_lines_by_position_read_each_character_by_its_own_index() -> None:
    """Chromium's print of <p>𠀀𠀁甲 12345</p><p>乙 67890</p> with no font for the first two characters: their glyphs
    carry no character (0), which pdfium's text leaves out, so that text and the text layer's indices differ by
    one. Each character is read by its own index: the digits stay as printed (read from pdfium's text by index,
    12345 would have come out shifted)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument((Path(__file__).parent / "fixtures" / "pdf" / "glyph_without_character.pdf").read_bytes())
    try:
        textpage = pdf[0].get_textpage()
        assert textpage.count_chars() == len(textpage.get_text_range()) + 1
        assert [[t for t, _, _ in line] for line in lines_by_position(textpage)] == [["甲", "12345"], ["乙", "67890"]]
        textpage.close()
    finally:
        pdf.close()
