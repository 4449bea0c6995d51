"""Property: random canonical tables rendered into every layout parse back identically.

Crawler text (cells glued together) is the exception the spec names: a cell there is either exact or
blank with an `ambiguous_split` issue on its row, never a wrong number.
"""

import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.canonical import APPLICATIONS, REVIEW
from tests.support.parsing import parse_bytes
from tests.support.scoring import cell_mismatches
from tests.support.synth import LAYOUTS, make_truth, render


def _diff(truth, result):
    return cell_mismatches(truth.cells, result["cells"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), template=st.sampled_from(["2019", "2021"]))
def test_layouts_round_trip(seed, template):
    truth = make_truth(random.Random(seed), seed % 1000, template)
    for layout in LAYOUTS:
        name, data = render(truth, layout)
        result = parse_bytes(name, data)
        meta = result["metadata"]
        assert (meta["report_year"], meta["template_version"], meta["region_code"]) == (
            truth.metadata["report_year"], truth.metadata["template_version"], truth.metadata["region_code"]), layout
        wrong = _diff(truth, result)
        if layout != "concat":
            assert wrong == [], layout
            continue
        flagged = {(i.get("table"), i.get("row")) for i in result["issues"] if i["code"] == "ambiguous_split"}
        for table, row, _col, _expected, got in wrong:
            assert got is None, (table, row)
            assert (table, row) in flagged or (table, None) in flagged, (table, row)


def test_html_with_site_chrome_exact():
    truth = make_truth(random.Random(7), 7, "2021")
    _name, data = render(truth, "html")
    result = parse_bytes("r.html", data)
    assert _diff(truth, result) == []
    assert result["metadata"]["source_format"] == "html"
    assert result["metadata"]["agency_name"] == truth.metadata["agency_name"]


def test_gbk_html_with_wrong_declared_charset():
    truth = make_truth(random.Random(11), 11, "2019")
    html = render(truth, "html")[1].decode("utf-8").replace('charset="utf-8"', 'charset="utf-8"')
    data = html.encode("gb18030")  # declared utf-8, actually GB18030
    result = parse_bytes("r.html", data)
    assert result["metadata"]["encoding"] == "gb18030"
    assert _diff(truth, result) == []


def test_big5_and_utf16_text():
    truth = make_truth(random.Random(12), 12, "2019")
    text = render(truth, "tabs")[1].decode("utf-8")
    import opencc

    traditional = opencc.OpenCC("s2t").convert(text)
    for data, encoding in ((traditional.encode("big5", errors="replace"), "big5"),
                           (text.encode("utf-16"), "utf-16"),
                           (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig")):
        result = parse_bytes("r.txt", data)
        assert result["metadata"]["encoding"] == encoding
        assert _diff(truth, result) == [], encoding


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_page_saved_without_an_html_name_is_read_as_a_page(encoding):
    """A page saved as UTF-16 (with or without a byte-order mark) under a name that does not say HTML: its markup
    is found between the NULs of the code units, and the page is read as HTML, not as text with tags."""
    truth = make_truth(random.Random(14), 14, "2021")
    page = render(truth, "html_spans")[1].decode("utf-8")
    result = parse_bytes("report.txt", page.encode(encoding))
    assert result["metadata"]["source_format"] == "html"
    assert _diff(truth, result) == []


def test_docx_tables():
    truth = make_truth(random.Random(13), 13, "2021")
    result = parse_bytes("r.docx", render(truth, "docx")[1])
    assert result["metadata"]["source_format"] == "docx"
    assert _diff(truth, result) == []


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_docx_as_word_saves_the_template(template):
    """The template as a Word attachment: merged cells as gridSpan and vMerge (a continuation cell in every
    row a group label spans), text split over runs with proofing marks and line breaks."""
    truth = make_truth(random.Random(14), 14, template)
    name, data = render(truth, "docx_spans")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode()
    assert '<w:vMerge w:val="restart"/>' in xml and "<w:vMerge/>" in xml and '<w:gridSpan w:val="3"/>' in xml
    result = parse_bytes(name, data)
    assert _diff(truth, result) == []
    # table 三's values start after its three label columns (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密)
    assert result["cells"][APPLICATIONS]["denied_state_secret"]["natural_person"]["pos"]["col"] == 3


@pytest.mark.parametrize(("layout", "variant"), [
    ("tabs", "lost"), ("pipes", "lost"), ("tabs", "blank"), ("pipes", "blank"), ("html", "blank"),
    ("tabs", "dropped"), ("pipes", "dropped"), ("html", "dropped"),
])
def test_review_last_column_lost_blank_or_dropped(layout, variant):
    """Table 四's last column: a cell a ragged row lost (header has the column) is derived from its block and
    flagged; a printed blank and a column the table does not have stay null."""
    truth = make_truth(random.Random(21), 21, "2021")
    after = truth.cells[REVIEW]["litigation_after_review"]
    after.update(upheld=2, corrected=1, other_result=0, pending=4, total=7)
    truth.review_last = variant
    if variant != "lost":
        after["total"] = None
    result = parse_bytes(*render(truth, layout))
    assert _diff(truth, result) == []
    derived = [i for i in result["issues"] if i["code"] == "derived_cell"]
    assert len(derived) == (variant == "lost")
    total = result["cells"][REVIEW]["litigation_after_review"]["total"]
    if variant == "lost":
        assert (total["value"], total["raw"], total["pos"]) == (7, None, None)
