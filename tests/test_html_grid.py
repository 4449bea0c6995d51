"""HTML tables as sites publish them: rowspan/colspan expanded into a grid, cells mapped by visual column."""

import random
from pathlib import Path

from ingestion.canonical import ACTIVE, APPLICATIONS, REVIEW
from tests.support.parsing import parse_bytes, parse_file
from tests.support.scoring import cell_mismatches
from tests.support.synth import make_truth, render

FIXTURES = Path(__file__).parent / "fixtures"


def _cell(result: dict, table: str, row: str, col: str) -> tuple | None:
    c = result["cells"][table][row][col]
    return None if c is None else (c["value"], c["raw"], c.get("unit"), c["pos"]["line"], c["pos"]["col"])


def test_header_and_data_rows_span_different_cells():
    """A GBK page whose header row spans the label columns (信息内容 colspan=2) while data rows split them
    (a rowspan group cell + the item), single-value rows span three columns, labels wrap with <br/>,
    blanks are &nbsp; (also inside <p><span>), and a marker and a thousands separator are printed."""
    result = parse_file(FIXTURES / "html_misaligned_spans.html")
    meta = result["metadata"]
    assert (meta["agency_name"], meta["report_year"], meta["template_version"], meta["encoding"]) == (
        "岳阳市君山区教育局", 2021, "2021", "gb18030")
    assert meta["region_code"] == "430611"
    assert _cell(result, ACTIVE, "regulations", "issued_this_year") == (0, "0", None, 9, 2)
    assert result["cells"][ACTIVE]["regulations"]["repealed_this_year"] is None  # &nbsp;
    assert _cell(result, ACTIVE, "regulations", "in_force") == (3, "3", None, 9, 4)
    assert _cell(result, ACTIVE, "normative_documents", "repealed_this_year") == (1, "1", None, 10, 3)
    assert _cell(result, ACTIVE, "administrative_licensing", "decisions") == (1234, "1,234", None, 13, 2)
    assert _cell(result, ACTIVE, "administrative_penalty", "decisions") == (None, "/", None, 16, 2)
    assert result["cells"][ACTIVE]["administrative_coercion"]["decisions"] is None
    assert _cell(result, ACTIVE, "administrative_fees", "fee_amount") == (12.5, "12.50", "万元", 20, 2)
    # where each row is in the page source (the reader's own text numbers its lines differently)
    assert [result["cells"][ACTIVE][row]["in_force"]["pos"]["source_line"]
            for row in ("regulations", "normative_documents")] == [10, 11]
    assert result["cells"][ACTIVE]["administrative_fees"]["fee_amount"]["pos"]["source_line"] == 21
    assert result["narrative"]["proactive_items_published"]["pos"]["source_line"] == 5
    codes = [(i["code"], i.get("table")) for i in result["issues"]]
    assert ("blank_cells", ACTIVE) in codes
    assert ("table_missing", APPLICATIONS) in codes and ("table_missing", REVIEW) in codes


def test_published_template_grid_round_trips():
    """The national template as sites print it (merged headers, 三、本年度办理结果 and （三）不予公开 as
    rowspan groups, Word's <p><span> cell markup): every cell back exactly, at its visual column."""
    for seed, template in ((7, "2021"), (8, "2019")):
        truth = make_truth(random.Random(seed), seed, template)
        result = parse_bytes(*render(truth, "html_spans"))
        assert cell_mismatches(truth.cells, result["cells"]) == [], template
        assert result["metadata"]["source_format"] == "html"
        assert result["metadata"]["agency_name"] == truth.metadata["agency_name"]
        # table 三's value columns start after the three label columns; table 四's row is 15 columns wide
        first = result["cells"][APPLICATIONS]["denied_state_secret"]["natural_person"]["pos"]["col"]
        last = result["cells"][REVIEW]["litigation_after_review"]["total"]["pos"]["col"]
        assert (first, last) == (3, 14)


PRETTY_PRINTED = """<html><body>
<p>一、总体情况
2021年，本局主动公开政府信息56条，
收到政府信息公开申请3件。</p>
<p>二、主动公开政府信息情况</p>
<table>
<tr>
  <td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td>
</tr>
<tr>
  <td>规章</td>
  <td>4</td>
  <td>0</td>
  <td>9</td>
</tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
</body></html>"""


def test_text_nodes_spanning_lines_keep_every_position():
    """A pretty-printed page: a paragraph's text node holds newlines. Each is a line of the reader's text,
    so the table's lines stay those of the text and the prose before the tables is read whole (the figure on
    the paragraph's third line was lost when a paragraph counted as one line); positions in the page source
    are those of the <tr> and of the paragraph's lines."""
    result = parse_bytes("pretty.html", PRETTY_PRINTED.encode())
    assert result["narrative"]["proactive_items_published"]["value"] == 56
    received = result["narrative"]["applications_received"]
    assert (received["value"], received["pos"]["line"], received["pos"]["source_line"]) == (3, 3, 4)
    cell = result["cells"][ACTIVE]["regulations"]["in_force"]
    assert (cell["value"], cell["pos"]) == (9, {"line": 6, "col": 3, "source_line": 10})


def test_warehouse_keeps_the_page_source_line(tmp_path):
    """The warehouse's source_line of an HTML value is the line of the page source, not of the reader's text."""
    import shutil

    from orchestration.warehouse import connect, ingest

    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(FIXTURES / "html_misaligned_spans.html", reports / "page.html")
    con = connect(tmp_path / "w.duckdb")
    ingest(con, reports)
    cells = con.execute("select row_code, source_line, source_col from raw.parsed_cells "
                        "where column_code = 'in_force' and value is not null order by source_line").fetchall()
    figures = con.execute("select figure_code, source_line from raw.narrative_figures").fetchall()
    con.close()
    assert cells == [("regulations", 10, 4), ("normative_documents", 11, 4)]
    assert figures == [("proactive_items_published", 5)]
