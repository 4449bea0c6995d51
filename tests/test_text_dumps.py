"""Text that tools made of a published page: w3m and lynx dumps, pandoc's plain text and GitHub Markdown.

The fixtures are real outputs of those tools (w3m 0.5.3, lynx 2.9.0, pandoc 2.17) over a generated page in the
form sites publish the template (tests.support.synth `html_spans`: merged cells, Word's markup, blank cells),
made with the commands in benchmarks/extractors.py; `truth_*.json` is the generator's truth. Each form once
read wrong or blank:
- w3m draws the table with box drawing and wraps long cells over several lines between two rules;
- lynx prints Word's paragraphs in cells one per line, an empty cell as blank lines;
- pandoc's plain text draws an ASCII grid (+---+) with wrapped cells, or aligns columns by display width (a CJK
  character two columns wide), and writes &nbsp; as a no-break space;
- pandoc's Markdown writes a table with merged cells as HTML inside the Markdown, a heading as `#`, - as \\-.

`pdftotext_plain_*.txt` are pdftotext 22.12's default mode over a generated PDF (Chromium's print of the light
page): text in reading order, where a tall label cell follows its row's values and table 三's columns land among
table 四's. No label can be paired with its values there: the tables are left blank and flagged, never misread.
`pdftotext_layout_323.txt` is its -layout mode over a page printed with its page numbers, whose narrow columns
run together. `pdftotext_layout_libreoffice_104.txt` is -layout over LibreOffice 7.4's print of a Word report (the
template as Word saves it), whose cells align to the top: a wrapped label's values stand on its first line.
"""

import json
from pathlib import Path

import pytest

from ingestion.normalize import fold_width
from ingestion.readers.layout import text_to_lines
from tests.support.parsing import parse_bytes
from tests.support.scoring import cell_mismatches

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


@pytest.mark.parametrize("name", ["w3m_240", "lynx_240", "lynx_226", "pandoc_plain_240", "pandoc_gfm_240"])
def test_dump_reads_exactly(name):
    truth = json.loads((DUMPS / f"truth_{name.rsplit('_', 1)[1]}.json").read_text(encoding="utf-8"))
    result = parse_bytes(f"{name}.txt", (DUMPS / f"{name}.txt").read_bytes())
    assert cell_mismatches(truth["cells"], result["cells"]) == []
    assert {k: result["metadata"][k] for k in truth["metadata"]} == truth["metadata"]
    assert {i["code"] for i in result["issues"]} <= {"blank_cells", "cells_placed_by_blank_lines"}


def test_a_drawn_row_wrapped_over_lines_is_one_row():
    """w3m: a row's cells wrap between two rules; the lines are one row, each value at its own line."""
    text = "\n".join([
        "┌────────┬──────┬──┐",
        "│（六）其│2.申请人逾期未按收费│  │",
        "│他处理  │通知要求缴纳费用    │3 │",
        "├────────┼──────┼──┤",
        "│（七）总│      │5 │",
        "│计      │      │  │",
        "└────────┴──────┴──┘",
    ])
    lines = text_to_lines(fold_width(text))
    assert [[c.text for c in ln.cells] for ln in lines] == [
        ["(六)其他处理", "2.申请人逾期未按收费通知要求缴纳费用", "3"], ["(七)总计", "", "5"]]
    assert [c.line for c in lines[0].cells] == [2, 2, 3]


def test_rows_without_rules_between_are_not_joined():
    """Pipes and Markdown rows follow each other with no rule between: each stays a row."""
    lines = text_to_lines("| 规章 | 1 |\n|---|---|\n| 规范性文件 | 2 |\n| 行政许可 | 3 |\n")
    assert [[c.text for c in ln.cells] for ln in lines] == [["规章", "1"], ["规范性文件", "2"], ["行政许可", "3"]]
    grid = text_to_lines("+----+---+\n| 规章 | 1 |\n+----+---+\n| 规范性 | 2 |\n| 文件 |  |\n+----+---+\n")
    assert [[c.text for c in ln.cells] for ln in grid] == [["规章", "1"], ["规范性文件", "2"]]


# pdftotext's reading order, per fixture: the cells it still reads exactly (table 四's rows of a 2019 report, whose
# values stand in order after its header), and the tables it leaves blank with their issue
READING_ORDER = {
    "025": (6, {("values_before_labels", "active_disclosure"), ("values_before_labels", "applications"),
                ("missing_cells", "review_litigation")}),
    "061": (0, {("values_before_labels", "active_disclosure"), ("values_before_labels", "applications"),
                ("extra_cells", "review_litigation")}),
}


@pytest.mark.parametrize("number", sorted(READING_ORDER))
def test_text_in_a_pdfs_reading_order_is_left_blank_not_misread(number):
    """Each label stands before the next row's values: read as rows, every table 二 and 三 row took another
    row's values (450 wrong cells over 24 such files, before values_before_labels)."""
    truth = json.loads((DUMPS / f"truth_{number}.json").read_text(encoding="utf-8"))
    result = parse_bytes(f"pdftotext_plain_{number}.txt", (DUMPS / f"pdftotext_plain_{number}.txt").read_bytes())
    misread = [m for m in cell_mismatches(truth["cells"], result["cells"]) if m[-1] is not None]
    assert misread == []
    read = [c for rows in result["cells"].values() for cols in rows.values() for c in cols.values()
            if c is not None and c["value"] is not None]
    expected_read, expected_flags = READING_ORDER[number]
    assert len(read) == expected_read
    assert {(i["code"], i.get("table")) for i in result["issues"] if i["severity"] == "warning"} >= expected_flags
    assert {k: result["metadata"][k] for k in truth["metadata"]} == truth["metadata"]


def test_columns_run_together_are_no_one_number():
    """pdftotext -layout of a printed light page (page numbers at the foot): table 三's narrow last columns run
    together (0 0001) and a row has a blank cell, so the runs cannot be cut. 0001 had been read as the number 1,
    placed by its position in one column: a wrong cell. A number has no leading zero: it is kept, null, flagged."""
    truth = json.loads((DUMPS / "truth_323.json").read_text(encoding="utf-8"))
    result = parse_bytes("pdftotext_layout_323.txt", (DUMPS / "pdftotext_layout_323.txt").read_bytes())
    assert [m for m in cell_mismatches(truth["cells"], result["cells"]) if m[-1] is not None] == []
    row = result["cells"]["applications"]["unavailable_not_held"]
    assert [(c or {}).get("value") for c in row.values()] == [None, 1, 0, None, None, None, None]
    assert row["social_welfare_org"]["raw"] == "0001"
    assert any(i["code"] == "unreadable_number" and i.get("row") == "unavailable_not_held" for i in result["issues"])


def test_a_label_wrapped_below_its_values_stays_with_its_row():
    """Word's cells align to the top: 3.危及“三 0 1 0 0 0 0 1 / 安全一稳 / 定” / 4.保护第三 0 0 … The lines after a row's
    values end its label; the next row's numbered label begins beside its own values. They had been read as the
    start of the next row's label (安全一稳定”4.保护第三 named 三安全一稳定, 4.保护第三's zeros went there, and
    3.危及's values to the row above it, printed twice): 2 wrong cells here, 52 over 24 such reports. A group label
    wraps beside its first item, a piece at the start of each line ((三 1.属于国家 / )不 秘密 / 予公 2.其他法律): the
    item is read without the pieces (those rows had been left blank)."""
    truth = json.loads((DUMPS / "truth_104.json").read_text(encoding="utf-8"))
    result = parse_bytes("pdftotext_layout_libreoffice_104.txt",
                         (DUMPS / "pdftotext_layout_libreoffice_104.txt").read_bytes())
    assert cell_mismatches(truth["cells"], result["cells"]) == []
    for row in ("denied_prohibited_by_law", "denied_three_safeties", "denied_third_party_rights"):
        assert ([(c or {}).get("value") for c in result["cells"]["applications"][row].values()]
                == list(truth["cells"]["applications"][row].values()))
    assert not any(i["code"] == "duplicate_cell" for i in result["issues"])
    assert {k: result["metadata"][k] for k in truth["metadata"]} == truth["metadata"]
