"""Pre-2019 reports: the old national statistics table (政府信息公开情况统计表) states the year's figures in rows of
统计指标 | 单位 | 统计数 (or 本年 and 累计 columns, in either order). Its figures join the prose's in `narrative`, each
with its cell's position; where the prose states a figure differently, the table's is kept and the difference
flagged."""

import random

import pytest

from tests.support.parsing import parse_bytes
from tests.support.synth import make_truth, render

PROSE = ["某县财政局2016年政府信息公开工作年度报告", "一、概述", "2016年，全年共主动公开政府信息120条。",
         "附表：政府信息公开情况统计表"]
ROWS = [["统计指标", "单位", "本年", "累计"], ["一、主动公开情况", "", "", ""],
        ["（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "120", "3400"],
        ["其中：主动公开规范性文件数", "条", "12", "80"], ["三、依申请公开情况", "", "", ""],
        ["（一）收到申请数", "件", "10", "95"], ["1.当面申请数", "件", "2", "30"], ["2.同意公开答复数", "件", "5", "60"],
        ["3.同意部分公开答复数", "件", "1", "9"], ["4.不同意公开答复数", "件", "", "7"], ["四、行政复议数量", "件", "2", "4"],
        ["五、行政诉讼数量", "件", "0", "1"]]
FIGURES = {"proactive_items_published": 120, "applications_received": 10, "applications_granted": 5,
           "applications_partially_granted": 1, "administrative_review": 2, "litigation": 0}


def _values(result: dict) -> dict:
    return {code: figure["value"] for code, figure in result["narrative"].items()}


def test_tab_table_figures_with_their_cells_positions():
    text = "\n".join(PROSE + ["\t".join(row) for row in ROWS]) + "\n"
    result = parse_bytes("old.txt", text.encode())
    assert _values(result) == FIGURES  # 不同意公开 is blank this year: no figure (its 累计 is not this year's)
    received = result["narrative"]["applications_received"]
    assert received["raw"] == "10"
    assert received["pos"] == {"offset": text.index("（一）收到申请数\t件\t10") + len("（一）收到申请数\t件\t"), "line": 10, "col": 2}
    assert not [i for i in result["issues"] if i["code"] == "prose_table_mismatch"]


def test_cumulative_column_first_one_cell_per_line():
    rows = [[row[0], row[1], row[3], row[2]] for row in ROWS]  # 累计 printed before 本年
    text = "\n".join(PROSE + [cell for row in rows for cell in (*row, "") if cell != ""]) + "\n"
    result = parse_bytes("old.txt", text.encode())
    # one cell per line drops blank cells: 不同意公开's lone 7 could be either column, so it is not read
    assert _values(result) == FIGURES


def test_html_table_figures_carry_their_page_source_line():
    rows = "\n".join("<tr>" + "".join(f"<td>{c or '&nbsp;'}</td>" for c in row) + "</tr>" for row in ROWS)
    html = "<html><body>\n" + "\n".join(f"<p>{p}</p>" for p in PROSE) + f"\n<table>\n{rows}\n</table></body></html>"
    result = parse_bytes("old.html", html.encode())
    assert _values(result) == FIGURES
    assert result["narrative"]["litigation"]["pos"]["source_line"] == 7 + len(ROWS) - 1


def test_prose_that_differs_from_the_table_is_flagged_and_the_table_kept():
    prose = [*PROSE[:2], "2016年，全年共主动公开政府信息150条。", PROSE[3]]
    result = parse_bytes("old.txt", ("\n".join(prose + ["\t".join(row) for row in ROWS]) + "\n").encode())
    assert result["narrative"]["proactive_items_published"]["value"] == 120
    assert [(i["left"], i["right"]) for i in result["issues"] if i["code"] == "prose_table_mismatch"] == [(150, 120)]


def test_last_years_column_printed_first():
    rows = [[row[0], row[1], row[3], row[2]] for row in ROWS]
    rows[0] = ["指标名称", "计量单位", "上年数", "本年数"]
    result = parse_bytes("old.txt", ("\n".join(PROSE + ["\t".join(row) for row in rows]) + "\n").encode())
    assert _values(result) == FIGURES


def test_an_older_table_with_brief_row_names():
    rows = [["指标", "单位", "统计数"], ["（一）主动公开信息数", "条", "88"], ["（一）受理申请总数", "件", "6"],
            ["（二）申请答复情况", "", ""], ["1.同意公开", "件", "3"], ["2.部分公开", "件", "1"], ["3.不予公开", "件", "2"],
            ["三、行政复议", "件", "0"], ["四、行政诉讼", "件", "1"]]
    result = parse_bytes("old.txt", ("\n".join(PROSE[:2] + [" | ".join(row) for row in rows]) + "\n").encode())
    assert _values(result) == {"proactive_items_published": 88, "applications_received": 6, "applications_granted": 3,
                               "applications_partially_granted": 1, "applications_denied": 2,
                               "administrative_review": 0, "litigation": 1}


@pytest.mark.parametrize("layout", ["lines", "tabs", "pipes", "markdown", "spaces", "aligned", "html"])
def test_generated_statistics_tables_read_back_exactly(layout):
    checked = 0
    for i in range(60):
        truth = make_truth(random.Random(i), i, "pre2019")
        if truth.statistics_table is None:
            continue
        checked += 1
        name, data = render(truth, layout, "traditional" if i % 3 == 0 else "simplified")
        assert _values(parse_bytes(name, data)) == truth.narrative, (i, truth.statistics_table)
    assert checked >= 20
