"""Layout-preserving text of a PDF whose narrow columns ran together (pdftotext -layout of a generated report,
tests/fixtures/pdftotext_layout_squeezed.txt): 0 0 0 0055 is 0|0|0|0|0|5|5. Each printed number is cut into
the numbers of neighbouring columns where the row's arithmetic (or, for a run that is no number such as 0004,
its digits alone) allows one cut only."""

import json

from ingestion.canonical import APPLICATIONS
from ingestion.tables.splitting import split_runs, sums_to_last
from tests.conftest import ROOT
from tests.support.parsing import parse_bytes
from tests.support.scoring import cell_mismatches

FIXTURE = ROOT / "tests" / "fixtures" / "pdftotext_layout_squeezed"


def test_a_squeezed_report_reads_exactly():
    truth = json.loads(FIXTURE.with_suffix(".json").read_text(encoding="utf-8"))
    result = parse_bytes("squeezed.txt", FIXTURE.with_suffix(".txt").read_bytes())
    assert cell_mismatches(truth["cells"], result["cells"]) == []
    assert result["metadata"]["agency_name"] == truth["metadata"]["agency_name"]
    cuts = [i["message"] for i in result["issues"] if i["code"] == "split_concatenated"]
    assert "table 四: '0 2 5 0 7 2 0 0 2 4 03003' holds the digits of 15 columns run together; cut as " \
           "0|2|5|0|7|2|0|0|2|4|0|3|0|0|3, the one way the totals allow" in cuts
    # the wrapped labels of （六）其他处理's items read as the items, not the group
    assert "other_handling" not in result["cells"][APPLICATIONS]
    # the table 二 headers printed once per item are not a duplicated section
    assert "duplicated_section" not in {i["code"] for i in result["issues"]}


def test_runs_are_cut_only_where_one_cut_fits():
    assert split_runs(("0", "5", "0", "4009"), 7, sums_to_last) == (("0", "5", "0", "4", "0", "0", "9"),)
    # whole numbers of a row that lost blank cells: no cut gives 7 numbers that balance
    assert split_runs(("120", "30", "150"), 7, sums_to_last) == ()
    assert split_runs(("10", "0", "0", "0", "0", "0"), 7, sums_to_last) == ()
    # without the arithmetic, 8 digits for 7 numbers leave a two-digit number in any of five places
    assert split_runs(("123", "45", "678"), 7, None) == (
        ("1", "23", "4", "5", "6", "7", "8"), ("12", "3", "4", "5", "6", "7", "8"), ("1", "2", "3", "45", "6", "7", "8"),
        ("1", "2", "3", "4", "5", "6", "78"), ("1", "2", "3", "4", "5", "67", "8"))


def test_a_row_that_does_not_balance_is_cut_only_where_its_digits_force_it():
    text = ("某县财政局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "（七）总计                     0   0   3 0004\n"  # 0004 is no number: 0|0|0|4, though 3 != 4
            "四、结转下年度继续办理              0   0   3 4009\n"  # 4009 could be a number: 4 values, none placed
            "四、政府信息公开行政复议、行政诉讼情况\n")
    result = parse_bytes("unbalanced.txt", text.encode())
    values = {row: [(c or {}).get("value") for c in cols.values()] for row, cols in result["cells"][APPLICATIONS].items()}
    assert values["total_processed"] == [0, 0, 3, 0, 0, 0, 4]
    assert values["carried_forward"] == [None] * 7
    codes = {(i["code"], i.get("row")) for i in result["issues"]}
    assert ("ambiguous_cells", "carried_forward") in codes
