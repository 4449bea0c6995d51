"""Text extracted from a PDF keeps the pages' numbers and footers, between and inside the tables. They are
blanked (their lines stay, so every other line keeps its number) before the text is read as cells."""

import random

from benchmarks.accuracy import cell_mismatches
from benchmarks.synth import make_truth, render
from ingestion.layout import blank_page_furniture
from ingestion.parse import parse_bytes


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
