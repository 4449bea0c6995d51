"""Word attachments: what Word puts around and inside the template's paragraphs and tables."""

import io
import random
import zipfile

from benchmarks.accuracy import cell_mismatches
from benchmarks.synth import docx_package, make_truth, render
from ingestion.canonical import ACTIVE
from ingestion.parse import parse_bytes

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
