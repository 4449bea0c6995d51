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


def test_page_numbers_inside_the_tables_are_not_read_as_cells():
    for seed, layout in ((3, "lines"), (4, "tabs"), (5, "pipes")):
        truth = make_truth(random.Random(seed), seed, "2021")
        name, data = render(truth, layout)
        lines = data.decode("utf-8").split("\n")
        # a page break inside each table: the footer of one page, the header of the next
        for heading, footer in (("三、收到和处理政府信息公开申请情况", "- 7 -"), ("四、政府信息公开行政复议、行政诉讼情况", "第 8 页 共 9 页")):
            at = lines.index(heading) + 12
            lines[at:at] = ["", footer, ""]
        result = parse_bytes(name, "\n".join(lines).encode("utf-8"))
        assert cell_mismatches(truth.cells, result["cells"]) == [], layout
