"""Text extracted from a PDF keeps the pages' numbers and footers, between and inside the tables. They are
blanked (their lines stay, so every other line keeps its number) before the text is read as cells. A bare number
is told apart from a cell only beside a page break: the last or first line of a page (a form feed starts each
page, in pdftotext's text and in the PDF reader's)."""

import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from ingestion.readers.layout import blank_page_furniture
from tests.support.chromium import Browser, chromium_path
from tests.support.parsing import parse_bytes
from tests.support.scoring import cell_mismatches
from tests.support.synth import make_truth, render, render_html


def test_furniture_lines_are_blanked_and_nothing_else():
    text = "\n".join(["一、总体情况", "- 5 -", "— 12 —", "第 3 页 共 12 页", "共12页 第3页", "5/12", "Page 5 of 12",
                      "-5", "5", "—", "本年增/减", "第5页第6行", "2020-01-20", "（七）总计 5/12"])
    assert blank_page_furniture(text).split("\n") == [
        "一、总体情况", "", "", "", "", "", "", "-5", "5", "—", "本年增/减", "第5页第6行", "2020-01-20", "（七）总计 5/12"]


def test_a_title_printed_again_as_a_page_header_is_blanked_after_its_first_printing():
    title = "某县财政局 2021 年政府信息公开工作年度报告"
    text = "\n".join([title, "一、总体情况", "现将本局2021年政府信息公开工作年度报告如下。", "- 3 -", "\f" + title,
                     "规章\t0\t0\t5", title + "  第4页", "\f- 5 -"])
    assert blank_page_furniture(text).split("\n") == [
        title, "一、总体情况", "现将本局2021年政府信息公开工作年度报告如下。", "", "", "规章\t0\t0\t5", "", ""]


def test_page_numbers_inside_the_tables_are_not_read_as_cells():
    for seed, layout in ((3, "lines"), (4, "tabs"), (5, "pipes")):
        truth = make_truth(random.Random(seed), seed, "2021")
        name, data = render(truth, layout)
        lines = data.decode("utf-8").split("\n")
        # a page break inside each table, as pdftotext writes it: the footer of one page, a form feed, the
        # running header of the next (the title, its year a number of its own)
        header = f"{truth.metadata['agency_name']} {truth.metadata['report_year']} 年政府信息公开工作年度报告"
        for heading, footer in (("三、收到和处理政府信息公开申请情况", "- 7 -"), ("四、政府信息公开行政复议、行政诉讼情况", "第 8 页 共 9 页")):
            at = lines.index(heading) + 12
            lines[at:at] = ["", footer, "\f" + header, ""]
        result = parse_bytes(name, "\n".join(lines).encode("utf-8"))
        assert cell_mismatches(truth.cells, result["cells"]) == [], layout


def test_a_footer_centred_by_pdftotext_layout_is_blanked():
    """pdftotext -layout centres a footer on the page: dozens of spaces stand before - 3 -."""
    text = "\n".join(["规章  1  2  3", " " * 60 + "- 3 -", "\f规范性文件  4  5  6", " " * 60 + "第 4 页"])
    assert blank_page_furniture(text).split("\n") == ["规章  1  2  3", "", "\f规范性文件  4  5  6", ""]


def test_bare_numbers_that_count_the_pages_are_blanked_and_no_other():
    """A bare number is a page's only where it stands on the edge of every page (a form feed starts each) and counts
    them: 1, 2, _, 4 at the feet of four pages (the third's 5 counts nothing); a header 2, 3 after a cover. Cells
    at pages' edges (0, 1, 7) count no pages, and stay."""
    footers = ["规章  1  2  3", "  1", "\f规范性文件  4  5  6", "", "  2", "", "\f行政许可  7  8  9", "5", "\f（七）总计  5", "  4"]
    assert blank_page_furniture("\n".join(footers)).split("\n") == [
        "规章  1  2  3", "", "\f规范性文件  4  5  6", "", "", "", "\f行政许可  7  8  9", "5", "\f（七）总计  5", ""]
    headers = ["封面", "\f       2", "规章  1  2  3", "\f       3", "规范性文件  4  5  6"]
    assert blank_page_furniture("\n".join(headers)).split("\n") == ["封面", "", "规章  1  2  3", "", "规范性文件  4  5  6"]
    cells = ["规章", "0", "\f规范性文件", "1", "\f行政许可", "7"]
    assert blank_page_furniture("\n".join(cells)).split("\n") == cells


def test_a_page_break_inside_a_wrapped_label_of_layout_text():
    """A page of pdftotext -layout ends inside a label wrapped over two lines (2.其他法律行政法规禁 / 止公开): its
    footer, the bare page number, was read as the row's only value (1, as 总计)."""
    truth = make_truth(random.Random(8), 8, "2019")
    lines = render(truth, "aligned")[1].decode("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "2.其他法律行政法规禁止公开" in line)
    first, values = lines[at].split("禁止公开", 1)
    for footer in (" " * 40 + "{}", " " * 38 + "- {} -"):
        broken = (lines[:at] + [first + "禁", "", footer.format(1), "\f止公开" + values] + lines[at + 1:]
                  + ["", footer.format(2), "\f"])
        result = parse_bytes("layout.txt", "\n".join(broken).encode("utf-8"))
        assert cell_mismatches(truth.cells, result["cells"]) == [], footer


@pytest.mark.skipif(chromium_path() is None and not os.environ.get("CI"), reason="chromium is installed by `make setup`")
@pytest.mark.parametrize("where", ["footer", "header"])
def test_a_pdf_whose_pages_print_their_bare_number(where):
    """Reports printed with each page's number alone at its foot (or top): the number fell among the table rows
    it broke, and was read as a cell (234 wrong cells over 24 such PDFs, before this was blanked). The PDF's own
    text, and pdftotext's -layout and -raw text of it where that tool is installed, read exactly."""
    truths = [make_truth(random.Random(500 + i), 500 + i, template) for i, template in enumerate(("2019", "2021"))]
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for i, truth in enumerate(truths):
            page = Path(tmp) / f"report{i}.html"
            page.write_bytes(render_html(truth))
            pages.append(page)
        browser = Browser()
        try:
            pdfs = browser.print_pdfs(pages, page_number=where)
        finally:
            browser.close()
        for truth, data, page in zip(truths, pdfs, pages, strict=True):
            result = parse_bytes(truth.file + ".pdf", data)
            assert cell_mismatches(truth.cells, result["cells"]) == []
            if shutil.which("pdftotext"):
                path = page.with_suffix(".pdf")
                path.write_bytes(data)
                for mode in ("-layout", "-raw"):
                    text = subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True, check=True).stdout
                    assert cell_mismatches(truth.cells, parse_bytes(truth.file + ".txt", text)["cells"]) == [], mode
