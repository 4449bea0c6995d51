"""Word documents (.docx): paragraphs and tables, merged cells (gridSpan, vMerge) expanded."""

import io
import zipfile

from ingestion.document import Document
from ingestion.normalize import normalize_text
from ingestion.readers.errors import UnreadableInput
from ingestion.readers.html import span_count
from ingestion.readers.layout import text_to_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_BOX = f"{_W}txbxContent"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(data: bytes) -> Document:
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > 200 * 1024 * 1024:
                raise UnreadableInput("too_large", "word/document.xml expands beyond 200 MB")
            xml = zf.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise UnreadableInput("docx_corrupt", f"not a readable DOCX: {exc}") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableInput("docx_corrupt", f"word/document.xml is not well-formed XML: {exc}") from exc
    body = root.find(f"{_W}body")
    # what Word writes twice (a text box as a drawing, then as VML for older readers) is read once: the choice
    for fallback in list(root.iter(_MC_FALLBACK)):
        fallback.getparent().remove(fallback)
    out: list[str] = []
    if body is not None:
        _docx_lines(body, out)
    text, script = normalize_text("\n".join(out))
    return Document(text_to_lines(text), text, "docx", "utf-8", script)


def _docx_lines(container, out: list[str]) -> None:
    """The lines of a body, a table cell or a text box, in order: a paragraph is a line, followed by what the text
    boxes anchored in it hold; a table row is a line of tab-separated cells, its columns on the table's grid. A
    row whose cells hold tables (a layout table around the report, a table in a cell) is no row of figures:
    its cells are read in turn, as containers."""
    for block in _docx_blocks(container):
        if block.tag == f"{_W}p":
            boxes = list(block.iter(_TEXT_BOX))
            for box in boxes:  # read apart, after the paragraph's own text
                box.getparent().remove(box)
            out.append(_docx_paragraph(block))
            for box in boxes:
                _docx_lines(box, out)
            continue
        for tr in _docx_children(block, "tr"):
            tcs = list(_docx_children(tr, "tc"))
            if any(tc.find(f".//{_W}tbl") is not None for tc in tcs):
                for tc in tcs:
                    _docx_lines(tc, out)
                continue
            # Vertically merged cells (w:vMerge without val) continue the cell above: blank here. A row that
            # starts or ends off the table's grid (w:gridBefore/w:gridAfter) has blank cells there.
            cells = [""] * _grid_skip(tr, "gridBefore")
            for tc in tcs:
                span = tc.find(f"{_W}tcPr/{_W}gridSpan")
                n = span_count(span.get(f"{_W}val") if span is not None else None, 50)
                text = "".join(t.text or "" for t in tc.iter(f"{_W}t")).replace("\t", " ")
                cells.append(text)
                cells.extend([""] * (n - 1))
            cells.extend([""] * _grid_skip(tr, "gridAfter"))
            out.append("\t".join(cells))


def _grid_skip(tr, name: str) -> int:
    """The grid columns a Word table row leaves out before its first cell (gridBefore) or after its last
    (gridAfter); 0 when it prints none."""
    skip = tr.find(f"{_W}trPr/{_W}{name}")
    if skip is None:
        return 0
    try:
        return max(0, min(int(skip.get(f"{_W}val") or 0), 50))
    except ValueError:
        return 0


def _docx_blocks(container):
    """The paragraphs and tables of a document body (a cell, a text box) in order, with content controls
    (w:sdt) and custom XML opened up: Word templates wrap whole sections in them."""
    return _docx_children(container, "p", "tbl")


def _docx_children(container, *names: str):
    """The elements named (w:p and w:tbl of a body, w:tr of a table, w:tc of a row) among a container's
    children, through the content controls and custom XML that may wrap them."""
    tags = {f"{_W}{name}" for name in names}
    for el in container:
        tag = el.tag
        if tag in tags:
            yield el
        elif tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                yield from _docx_children(content, *names)
        elif tag == f"{_W}customXml":
            yield from _docx_children(el, *names)


def _docx_paragraph(p) -> str:
    """A paragraph's text; a run's tab is a tab (a table typed with tabs keeps its columns), a run's line break
    a space (the paragraph stays one line)."""
    parts = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if el.tag == f"{_W}t":
            parts.append(el.text or "")
        elif el.getparent().tag == f"{_W}r":  # not a tab stop of the paragraph's properties (w:pPr/w:tabs/w:tab)
            parts.append("\t" if el.tag == f"{_W}tab" else " ")
    return "".join(parts)
