"""How a table's rows are read where the text leaves room for doubt, each doubt flagged.

Rows with separators that hold fewer cells than their table's columns: in text (tabs, pipes) which end of the
row lost its cells is not printed: the row is read from the left, or from the right when its label follows a
blank cell (a browser's copy of a table whose label column is merged), and flagged short_row. An HTML row is a
grid: its cells sit where a browser shows them, and nothing is guessed. Also: a header's 总计 is no row label;
a header label the reader does not know leaves the values in the template's columns (unknown_column). Text
whose values stand under a header before any row label (a PDF's reading order), or that prints more values than
table 四 has cells with nothing to tell which are its own, is left blank and flagged rather than paired by guess.
A negative value reads the same whichever minus sign printed it."""

import pytest

from ingestion.canonical import APPLICATIONS
from tests.support.parsing import parse_bytes

HEAD = "某县财政局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
TAIL = "四、政府信息公开行政复议、行政诉讼情况\n"


def _values(result: dict, table: str, row: str) -> list[int | None]:
    return [(c or {}).get("value") for c in result["cells"][table][row].values()]


def _row(result: dict, row: str) -> list[int | None]:
    return _values(result, APPLICATIONS, row)


def _short_rows(result: dict) -> list[str]:
    return [i["message"] for i in result["issues"] if i["code"] == "short_row"]


def test_a_short_tab_row_after_a_blank_cell_is_read_from_the_right_and_flagged():
    text = HEAD + "\t（七）总计\t\t\t\t\t\t9\n" + "（一）予以公开\t1\t2\t3\t0\t0\t0\t6\n" + TAIL
    result = parse_bytes("short.txt", text.encode())
    assert _row(result, "total_processed") == [None, None, None, None, None, None, 9]
    assert _row(result, "granted") == [1, 2, 3, 0, 0, 0, 6]
    assert _short_rows(result) == ["table 三 row total_processed: 6 cells for 7 columns; "
                                   "read from the right (the label follows a blank cell)"]


def test_a_short_pipe_row_is_read_from_the_left_and_flagged():
    text = HEAD + "| （一）予以公开 | 1 | 2 |\n" + TAIL
    result = parse_bytes("short.txt", text.encode())
    assert _row(result, "granted") == [1, 2, None, None, None, None, None]
    assert _short_rows(result) == ["table 三 row granted: 2 cells for 7 columns; read from the left"]


def test_a_short_row_of_blank_cells_guesses_nothing():
    text = HEAD + "\t（七）总计\t\t\t\n" + "（一）予以公开\t1\t2\t3\t0\t0\t0\t6\n" + TAIL
    result = parse_bytes("short.txt", text.encode())
    assert _row(result, "total_processed") == [None] * 7
    assert _short_rows(result) == []


def test_a_short_html_row_is_read_as_the_browser_shows_it():
    html = ("<html><body><p>某县财政局2021年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p><table>"
            "<tr><td>（一）予以公开</td><td>1</td><td>2</td></tr></table>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>")
    result = parse_bytes("short.html", html.encode())
    assert _row(result, "granted") == [1, 2, None, None, None, None, None]
    assert _short_rows(result) == []


def test_the_headers_total_does_not_name_a_row_whose_own_label_is_broken():
    """A PDF's wrapped label (一、本 / 年新收…) leaves the first row without its keyword; the header's 总计 above it
    (followed by the applicant columns) is not the row's label (it was read as （七）总计, and the real 总计 row
    then 'printed twice'): the row takes its label's continuation, and （七）总计 keeps its own values."""
    header = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    text = HEAD + "\n".join([*header, "一、本  3  2  0  0  0  0  5", "年新收政府信息公开申请数量",
                             "（七）总计  1  1  0  0  0  0  2"]) + "\n" + TAIL
    result = parse_bytes("broken.txt", text.encode())
    assert _row(result, "total_processed") == [1, 1, 0, 0, 0, 0, 2]
    assert _row(result, "new_received") == [3, 2, 0, 0, 0, 0, 5]
    assert not {i["code"] for i in result["issues"]} & {"unknown_row", "duplicate_cell"}


def test_a_header_label_not_recognised_leaves_the_values_in_the_templates_columns():
    """本年新增件数 (for 本年制发件数) is no column label the reader knows: the header names two of the three
    columns, the row prints three values; they are the template's three, in its order (else the first value
    went under 本年废止件数), and the header is flagged."""
    text = ("某县财政局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容\t本年新增件数\t本年废止件数\t现行有效件数\n规章\t3\t1\t12\n" + "三、收到和处理政府信息公开申请情况\n")
    result = parse_bytes("typo.txt", text.encode())
    regulations = result["cells"]["active_disclosure"]["regulations"]
    assert {col: (cell or {}).get("value") for col, cell in regulations.items()} == {
        "issued_this_year": 3, "repealed_this_year": 1, "in_force": 12}
    assert [i["message"] for i in result["issues"] if i["code"] == "unknown_column"] == [
        "table 二 row regulations: the header names 2 of its 3 columns (not issued_this_year); its 3 values are read "
        "in the template's column order"]


def test_a_merged_cells_padding_is_not_taken_for_unknown_columns():
    """Word's merged cell (gridSpan 3) read as a cell and two blank ones: the header names one column, the row
    prints one value: it is that column's (本年处理决定数量), no unknown column."""
    text = ("某县财政局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n"
            "信息内容\t本年处理决定数量\t\t\n行政许可\t3\t\t\n三、收到和处理政府信息公开申请情况\n")
    result = parse_bytes("spans.txt", text.encode())
    assert (result["cells"]["active_disclosure"]["administrative_licensing"]["decisions"] or {}).get("value") == 3
    assert "unknown_column" not in {i["code"] for i in result["issues"]}


def test_wrapped_labels_whose_values_stand_on_their_first_line():
    """A PDF's cells aligned to the top (as Word prints them): each label wraps, its values stand on its first
    line, and the lines after them continue it. A row whose label names no row takes the fewest following lines
    that name one, as long as the next row still names its own row."""
    lines = ["一、本  3  2  0  0  0  0  5", "年新收政府信息", "公开申请数量",
             "二、上  0  0  0  0  0  0  0", "年结转政府信息公开申请数量",
             "（一）予以公开  1  0  0  0  0  0  1",
             "四、结  2  2  0  0  0  0  4", "转下年度继续办理"]
    result = parse_bytes("top.txt", (HEAD + "\n".join(lines) + "\n" + TAIL).encode())
    assert _row(result, "new_received") == [3, 2, 0, 0, 0, 0, 5]
    assert _row(result, "carried_over") == [0] * 7
    assert _row(result, "granted") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(result, "carried_forward") == [2, 2, 0, 0, 0, 0, 4]
    assert "unknown_row" not in {i["code"] for i in result["issues"]}


def test_a_group_labels_lines_among_its_last_items_lines():
    """Narrow columns printed top-aligned (LibreOffice's print of a Word report read by pdftotext -layout): the
    group label （六）其他处理 wraps beside its item 3.其他, and the lines after the item's values (其他处 / 理) end
    its label, not (七)'s. 3.其他 followed by its group's label still names the item; (七)总计 gets its own
    values, not 四、结转's (total_processed had taken carried_forward's zeros and sixes)."""
    lines = ["（六）   1.申请  0  0  0  0  0  0  0", "其他处   人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
             "（六）   2.申请  0  0  1  0  0  0  1", "其他处   人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
             "（六）   3.其他  0  0  0  0  0  0  0", "其他处", "理",
             "（七）  0  3  2  2  0  0  7", "总计",
             "四、结  0  2  1  3  0  0  6", "转下年", "度继续", "办理"]
    result = parse_bytes("top.txt", (HEAD + "\n".join(lines) + "\n" + TAIL).encode())
    assert _row(result, "other_unpaid_fee") == [0, 0, 1, 0, 0, 0, 1]
    assert _row(result, "other_other") == [0] * 7
    assert _row(result, "total_processed") == [0, 3, 2, 2, 0, 0, 7]
    assert _row(result, "carried_forward") == [0, 2, 1, 3, 0, 0, 6]


def test_a_label_whose_second_line_names_the_row_and_holds_most_values():
    """pdftotext -layout of a published page printed by a browser: 5.要求行政机关确认或重 0 / 新出具已获取信息 0 0 0 0 0 0.
    The second line names the row by itself (已获取信息) and held six values for seven columns: blank, flagged.
    The numbered first line begins the row: together they print its seven values. A line that ends the row
    before (取信息) does not begin the next one (申请人无正当理由逾期不补正、行 0 / 1. / 政机关不再处理…)."""
    lines = ["5.   要求行政机关确认或重 0", "新出具已获取信息                 0   0   0   0   0   0",
             "（六）其他处理                 0       0   0   0   0   0   0",
             "（七）总计                  3       1   2   6   3   0 15"]
    result = parse_bytes("top.txt", (HEAD.replace("2021", "2020") + "\n".join(lines) + "\n" + TAIL).encode())
    assert _row(result, "not_processed_confirmation") == [0] * 7
    assert "ambiguous_cells" not in {i["code"] for i in result["issues"]}
    lines = ["5.   要求行政机关确认或重新出具已获 0", "取信息                          0   0    0   0   0 0",
             "申请人无正当理由逾期不补正、行 0", "1.", "政机关不再处理其政府信息公开申请                        0   0    0   0   0 0"]
    result = parse_bytes("top.txt", (HEAD + "\n".join(lines) + "\n" + TAIL).encode())
    assert _row(result, "not_processed_confirmation") == [0] * 7
    assert _row(result, "other_no_correction") == [0] * 7


def test_a_group_label_wrapped_beside_its_items_a_piece_a_line():
    """（三）不予公开 printed in a narrow column beside its items, a piece at the start of each line: the items are
    read without the pieces (（三 1.属于国家 had named no row: blank, unknown_row)."""
    lines = ["（三 1.属于国家  4  0  0  1  0  0  5", "）不 秘密",
             "予公 2.其他法律  7  0  0  0  0  0  7", "开 行政法规禁", "止公开",
             "3.危及“三  2  0  0  0  0  0  2", "安全一稳", "定”",
             "4.保护第三  1  0  0  1  0  0  2", "方合法权益"]
    result = parse_bytes("top.txt", (HEAD + "\n".join(lines) + "\n" + TAIL).encode())
    assert _row(result, "denied_state_secret") == [4, 0, 0, 1, 0, 0, 5]
    assert _row(result, "denied_prohibited_by_law") == [7, 0, 0, 0, 0, 0, 7]
    assert _row(result, "denied_three_safeties") == [2, 0, 0, 0, 0, 0, 2]
    assert _row(result, "denied_third_party_rights") == [1, 0, 0, 1, 0, 0, 2]
    assert not {"unknown_row", "duplicate_cell"} & {i["code"] for i in result["issues"]}


def test_a_table_two_label_wrapped_around_its_values():
    """A narrow label column with the values centred: 行政 / 4 0 0 / 许可. The row whose label names no row takes
    the line after its values (许可), and the next row keeps its own label."""
    text = ("某县财政局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n"
            "信息内容  上一年项目数量  本年增/减  处理决定数量\n行政\n4  0  0\n许可\n其他对外管理服务事项\n0  0  7\n"
            "三、收到和处理政府信息公开申请情况\n")
    result = parse_bytes("wrapped.txt", text.encode())
    active = result["cells"]["active_disclosure"]
    assert [(c or {}).get("value") for c in active["administrative_licensing"].values()] == [4, 0, 0]
    assert [(c or {}).get("value") for c in active["other_external_services"].values()] == [0, 0, 7]
    assert "unknown_row" not in {i["code"] for i in result["issues"]}


def test_values_under_a_header_before_any_row_label_pair_with_no_label():
    """Text in a PDF's reading order writes a tall label cell after its row's values: 0 5 0 / 规章 / 1 2 4 / 规范性文件.
    Read as rows, 规章 would take 规范性文件's 1 2 4; no row of the table is placed, and the table says why."""
    text = ("某县财政局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n"
            "本年新制作数量 本年新公开数量 对外公开总数量\n0\n5\n0\n规章\n1\n2\n4\n规范性文件\n"
            "三、收到和处理政府信息公开申请情况\n")
    result = parse_bytes("order.txt", text.encode())
    assert _values(result, "active_disclosure", "regulations") == [None, None, None]
    assert _values(result, "active_disclosure", "normative_documents") == [None, None, None]
    assert [i["message"] for i in result["issues"] if i["code"] == "values_before_labels"] == [
        "table 二: values printed under the header '第二十条第(一)项信息内容本年新制作数量本年新公开数量对外公开总数量' before a row "
        "label names them (text in a PDF's reading order: each label follows its row's values); no label can be "
        "paired with its values, the rows are left blank"]
    assert "unknown_row" not in {i["code"] for i in result["issues"]}


def test_table_four_with_more_values_than_cells_and_no_separators_is_left_blank():
    """Which 15 of 16 values are table 四's is not printed in text without separators: none is placed. With tabs,
    the row's cells are its own: the first 15 are, and the 16th is flagged."""
    head = ("某县财政局2019年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n"
            "结果维持 结果纠正 其他结果 尚未审结 总计\n")
    values = [str(k % 3) for k in range(16)]
    spaced = parse_bytes("spaced.txt", (head + " ".join(values) + "\n五、存在的主要问题及改进情况\n").encode())
    assert _values(spaced, "review_litigation", "administrative_review") == [None] * 5
    assert _values(spaced, "review_litigation", "litigation_after_review") == [None] * 5
    assert [i["message"] for i in spaced["issues"] if i["code"] == "extra_cells"] == [
        "table 四: 16 values for 15 cells and no separators; left blank"]
    tabbed = parse_bytes("tabbed.txt", (head + "\t".join(values) + "\n五、存在的主要问题及改进情况\n").encode())
    assert _values(tabbed, "review_litigation", "administrative_review") == [0, 1, 2, 0, 1]
    assert _values(tabbed, "review_litigation", "litigation_after_review") == [1, 2, 0, 1, 2]
    assert [i["message"] for i in tabbed["issues"] if i["code"] == "extra_cells"] == ["table 四: 16 values for 15 cells"]


@pytest.mark.parametrize("minus", ["-", "\u2212", "\u2013", "\ufe63", "\uff0d", "\u2010"])
def test_a_negative_change_printed_with_any_minus_sign(minus):
    """本年增/减 is negative when the items fell: typesetters, Word and PDF fonts print its sign as the minus sign
    (−), an en dash, a small, full-width or plain hyphen. Each is the value -18, in text and in a page (&minus;);
    an en dash alone stays a cell's "no number"."""
    text = ("某县财政局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n"
            f"信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t20\t{minus}18\t7\n其他对外管理服务事项\t3\t\u2013\t1\n"
            "三、收到和处理政府信息公开申请情况\n")
    page = "<html><body>" + "".join(
        "<p>" + line + "</p>" if "\t" not in line else
        "<table><tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr></table>"
        for line in text.replace("\u2212", "&minus;").split("\n")) + "</body></html>"
    for name, data in (("minus.txt", text.encode()), ("minus.html", page.encode())):
        result = parse_bytes(name, data)
        assert _values(result, "active_disclosure", "administrative_licensing") == [20, -18, 7]
        assert [c["raw"] for c in result["cells"]["active_disclosure"]["other_external_services"].values()] == [
            "3", "\u2013", "1"]
        assert _values(result, "active_disclosure", "other_external_services") == [3, None, 1]


def test_a_wrapped_label_whose_values_stand_on_two_of_its_lines():
    """pdftotext -layout of a printed page: one column's value beside the label's first line, the rest beside its
    second (5.要求行政机关确认或重新出具已 12 / 获取信息 0 0 0 0 0 12). The second line continues the row; it had taken
    the next row's first label line (申请人无正当理由逾期不补正) and every row after it took its successor's values."""
    lines = ["（五）不予处理 4.无正当理由大量反复申请      9   0   0   0   0   0   9",
             "           5.要求行政机关确认或重新出具已 12",
             "                  获取信息                  0   0   0   0   0  12",
             "            申请人无正当理由逾期不补正、",
             "           1.",
             "           行政机关不再处理其政府信息公开 8       0   0   0   0   0   8",
             "                  申请",
             "    （六）其 2.申请人逾期未按收费通知要求缴",
             "     他处理 纳费用、行政机关不再处理其政府 7         1   0   0   0   0   8",
             "               信息公开申请",
             "                                3.   其他          5    1   0    0   0   0   6"]
    head = HEAD.replace("2021年", "2022年")
    result = parse_bytes("layout.txt", (head + "\n".join(lines) + "\n" + TAIL).encode())
    assert _row(result, "not_processed_confirmation") == [12, 0, 0, 0, 0, 0, 12]
    assert _row(result, "other_no_correction") == [8, 0, 0, 0, 0, 0, 8]
    assert _row(result, "other_unpaid_fee") == [7, 1, 0, 0, 0, 0, 8]
    assert _row(result, "other_other") == [5, 1, 0, 0, 0, 0, 6]


def test_values_on_two_lines_that_interleave_are_left_blank():
    """The first line's values (0 … 无 0: 自然人, 其他组织, 总计) stand among the second line's (0 0 0 0): read in
    order they would shift; with no full rows to place them by, the row is left blank and flagged."""
    lines = ["   （四）无法 2.没有现成信息需要另行 0                               无 0",
             "     提供        制作                     0   0   0   0"]
    result = parse_bytes("layout.txt", (HEAD + "\n".join(lines) + "\n" + TAIL).encode())
    assert _row(result, "unavailable_needs_creation") == [None] * 7
    assert [i["message"] for i in result["issues"] if i["code"] == "ambiguous_cells"] == [
        "table 三 row unavailable_needs_creation: 7 values on 2 lines of its label and no column positions; left "
        "blank: '0 无 0 0 0 0 0'"]


def test_a_long_row_wrapped_onto_a_second_line_is_read_in_order():
    """Text wrapped at a width: the row's last values start the next line, left of its first ones. They are read
    in order, as printed (3 2 0 0 / 0 0 5), not placed by where they stand."""
    lines = ["一、本年新收政府信息公开申请数量  3  2  0  0", "0  0  5", "（一）予以公开  1  0  0  0  0  0  1"]
    result = parse_bytes("wrapped.txt", (HEAD + "\n".join(lines) + "\n" + TAIL).encode())
    assert _row(result, "new_received") == [3, 2, 0, 0, 0, 0, 5]
    assert _row(result, "granted") == [1, 0, 0, 0, 0, 0, 1]


ACTIVE_HEAD = ("某县财政局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（六）项\n信息内容 本年处理决定数量\n"
               "行政强制 195\n第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n")


@pytest.mark.parametrize(("text", "table", "row", "message"), [
    # a fee amount wrapped in its narrow cell: 7730.2 / 8 is 7730.28, or 7730.2 and a stray 8
    (ACTIVE_HEAD + "行政事业性收费 7730.2\n8\n三、收到和处理政府信息公开申请情况\n", "active_disclosure", "administrative_fees",
     "table 二 row administrative_fees: '8' stands alone on the line after its values '7730.2'"),
    (HEAD + "（一）予以公开 0 0 0 0 0 0 1\n2\n（二）部分公开 0 0 0 0 0 0 0\n" + TAIL, APPLICATIONS, "granted",
     "table 三 row granted: '2' stands alone on the line after its values '0 0 0 0 0 0 1'"),
])
def test_a_number_alone_on_the_line_after_a_row_leaves_the_row_blank(text, table, row, message):
    """Text without separators: a number alone under no label on the line after a row that printed all its
    values is the tail of a value its cell wrapped, or stray. The row's values were read cut short (7730.2 for
    7730.28, with the table flagged only for the unlabelled number); now the row is left blank and flagged."""
    result = parse_bytes("wrapped.txt", text.encode())
    assert set(_values(result, table, row)) == {None}
    assert [i["message"] for i in result["issues"] if i["code"] in ("ambiguous_cells", "unknown_row")] == [
        message + ": a value its cell wrapped, or a stray number; left blank"]
    if table == APPLICATIONS:
        assert _row(result, "partially_granted") == [0] * 7


@pytest.mark.parametrize(("label", "row"), [
    ("（一）予以公?", "granted"),
    ("二、上年结?政府信息公开申请数量", "carried_over"),
    ("（三）不予公开\t1.属于国家?密", "denied_state_secret"),
])
def test_a_row_label_with_a_character_lost_to_a_question_mark(label, row):
    """A conversion that cannot encode a character prints ? (Big5 has no 丢): the label still names its row when
    one character of a keyword of 3 or more is lost. Before, the row was an unknown_row and its values blank."""
    text = HEAD + "（二）部分公开\t0\t0\t0\t0\t0\t0\t0\n" + label + "\t1\t0\t0\t0\t0\t0\t1\n" + TAIL
    result = parse_bytes("lost.txt", text.encode())
    assert _row(result, row) == [1, 0, 0, 0, 0, 0, 1]
    assert _row(result, "partially_granted") == [0] * 7
    assert "unknown_row" not in {i["code"] for i in result["issues"]}


def test_a_table_two_header_with_a_character_lost_to_a_question_mark():
    """本年新?作数量 still names its column: the row's three values stay under their three headers (with the
    header naming two columns, the row's 3 values were read in the template's column order and flagged)."""
    text = ("某县财政局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容\t本年新?作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t2\t3\n三、收到和处理政府信息公开申请情况\n")
    result = parse_bytes("lost.txt", text.encode())
    assert _values(result, "active_disclosure", "regulations") == [1, 2, 3]
    assert not {"unknown_column", "unknown_row"} & {i["code"] for i in result["issues"]}


@pytest.mark.parametrize("heading", ["四、政府信息公开?政复议、行政诉讼情况", "四、政府信息公开行政复?、行政诉讼情况", ""])
def test_table_four_is_found_by_a_garbled_heading_or_by_its_header(heading):
    """Table 四's section heading with a character lost to ?, or not printed at all: the table is found by its
    heading's remaining words, or by its header (结果维持 is printed nowhere else), and its 15 values read.
    Before, the table was missing (its values row, under table 三, was an unknown row)."""
    review = ("行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
              + "\t".join(str(v) for v in range(1, 16)) + "\n")
    text = HEAD + "（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n" + (heading + "\n" if heading else "") + review
    text += "五、存在的主要问题及改进情况\n无。\n"
    result = parse_bytes("review.txt", text.encode())
    assert _values(result, "review_litigation", "administrative_review") == [1, 2, 3, 4, 5]
    assert [c["value"] for row in list(result["cells"]["review_litigation"].values())[1:] for c in row.values()] == \
        list(range(6, 16))
    assert _row(result, "granted") == [1, 0, 0, 0, 0, 0, 1]
    assert [(i["code"], i.get("table")) for i in result["issues"] if i["code"] in ("table_missing", "unknown_row")] \
        == [("table_missing", "active_disclosure")]  # this text prints no table 二
