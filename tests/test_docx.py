"""Word attachments: what Word puts around and inside the template's paragraphs and tables."""

import io
import random
import zipfile

from ingestion.canonical import ACTIVE
from tests.support.parsing import parse_bytes
from tests.support.scoring import cell_mismatches
from tests.support.synth import docx_package, make_truth, render

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml").decode()


def test_tables_inside_content_controls_are_read():
    """A template that wraps each table in a content control (w:sdt): every cell is still read."""
    truth = make_truth(random.Random(15), 15, "2021")
    name, data = render(truth, "docx_spans")
    xml = _document_xml(data)
    xml = xml.replace("<w:tbl>", "<w:sdt><w:sdtPr><w:alias w:val=\"表格\"/></w:sdtPr><w:sdtContent><w:tbl>")
    xml = xml.replace("</w:tbl>", "</w:tbl></w:sdtContent></w:sdt>")
    assert xml.count("<w:sdtContent>") == 3
    result = parse_bytes(name, docx_package(xml))
    assert cell_mismatches(truth.cells, result["cells"]) == []


def test_a_table_typed_with_tabs_keeps_its_blank_cell():
    """Paragraphs whose cells are separated by tab characters (w:tab in the runs; the paragraph's own tab
    stops are not tabs): the blank between two tabs stays a blank cell in its column."""

    def para(*runs: str) -> str:
        body = "".join("<w:r><w:tab/></w:r>" if r == "\t" else f"<w:r><w:t>{r}</w:t></w:r>" for r in runs)
        return f'<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr>{body}</w:p>'

    xml = (f"<w:document {W}><w:body>" + para("某县财政局2021年政府信息公开工作年度报告")
           + para("二、主动公开政府信息情况") + para("第二十条第（一）项")
           + para("信息内容", "\t", "本年制发件数", "\t", "本年废止件数", "\t", "现行有效件数")
           + para("规章", "\t", "3", "\t", "\t", "12")
           + para("三、收到和处理政府信息公开申请情况") + "</w:body></w:document>")
    result = parse_bytes("tabs.docx", docx_package(xml))
    assert [(c or {}).get("value") for c in result["cells"][ACTIVE]["regulations"].values()] == [3, None, 12]
    assert result["metadata"]["agency_name"] == "某县财政局"


def test_malformed_document_xml_is_quarantined_with_its_reason():
    result = parse_bytes("broken.docx", docx_package(f"<w:document {W}><w:body><w:p>"))
    assert result["quarantined"] is True
    assert [i["code"] for i in result["issues"]] == ["docx_corrupt"]


def test_a_row_that_starts_off_the_grid_keeps_its_columns():
    """Word rows may skip grid columns before their first cell (w:gridBefore) or after their last (w:gridAfter):
    the skipped columns are blank cells, so the row's values stay under their headers (table 四's values row
    here skips its first column: read without the skip, every value would move one column left)."""

    def row(cells: list[str], before: int = 0, after: int = 0) -> str:
        props = (f'<w:gridBefore w:val="{before}"/>' if before else "") + (f'<w:gridAfter w:val="{after}"/>' if after else "")
        tcs = "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells)
        return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{tcs}</w:tr>"

    def para(text: str) -> str:
        return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"

    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    values = [str(v) for v in range(2, 16)]  # 14 values: the first column is skipped
    table = ("<w:tbl>" + row(["行政复议", "行政诉讼"], after=9)
             + row(leaves + ["未经复议直接起诉", "复议后起诉"], after=8)
             + row(leaves + leaves + leaves) + row(values, before=1) + "</w:tbl>")
    xml = (f"<w:document {W}><w:body>" + para("某县财政局2021年政府信息公开工作年度报告")
           + para("四、政府信息公开行政复议、行政诉讼情况") + table + para("五、存在的主要问题及改进情况")
           + "</w:body></w:document>")
    result = parse_bytes("grid.docx", docx_package(xml))
    review = result["cells"]["review_litigation"]
    got = [(c or {}).get("value") for cols in review.values() for c in cols.values()]
    assert got == [None, *range(2, 16)]


_DRAWING_NS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
               'xmlns:v="urn:schemas-microsoft-com:vml" '
               'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def _text_box(content: str) -> str:
    """A paragraph anchoring a text box that holds `content`, as Word saves it: the drawing (mc:Choice), then the
    same box again as VML for older readers (mc:Fallback)."""
    box = f"<w:txbxContent>{content}</w:txbxContent>"
    return ('<w:p><w:r><w:t>见下表</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            f'<a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic>'
            f'</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox>'
            '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')


def _body(xml: str) -> tuple[str, str, str]:
    """(what stands before the body's content, the content, what follows it) of a document.xml."""
    start = xml.index("<w:body>") + len("<w:body>")
    end = xml.rindex("</w:body>")
    return xml[:start].replace("<w:document ", f"<w:document {_DRAWING_NS} ", 1), xml[start:end], xml[end:]


def test_a_table_in_a_text_box_is_read_once():
    """Table 三 placed in a text box: its rows are read (they were lost: 150 cells blank), and once, not again
    from the box's VML copy."""
    truth = make_truth(random.Random(16), 16, "2021")
    name, data = render(truth, "docx_spans")
    head, body, tail = _body(_document_xml(data))
    start = body.index("<w:tbl>", body.index("<w:tbl>") + 1)  # table 三, the second table
    end = body.index("</w:tbl>", start) + len("</w:tbl>")
    xml = head + body[:start] + _text_box(body[start:end] + "<w:p/>") + body[end:] + tail
    assert xml.count("<w:tbl>") == 4  # table 三 twice: in the drawing and in its fallback
    result = parse_bytes(name, docx_package(xml))
    assert cell_mismatches(truth.cells, result["cells"]) == []
    assert "duplicated_section" not in {i["code"] for i in result["issues"]}


def test_tables_nested_in_a_layout_table_are_read():
    """The whole report inside a one-cell table (a layout table): its paragraphs and tables are read as they
    stand, not as one row of the outer table."""
    truth = make_truth(random.Random(17), 17, "2019")
    name, data = render(truth, "docx")
    head, body, tail = _body(_document_xml(data))
    xml = head + "<w:tbl><w:tr><w:tc>" + body + "</w:tc></w:tr></w:tbl>" + tail
    result = parse_bytes(name, docx_package(xml))
    assert cell_mismatches(truth.cells, result["cells"]) == []
    assert result["metadata"]["agency_name"] == truth.metadata["agency_name"]
