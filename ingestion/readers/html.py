"""HTML pages: the report inside a site's page, tables read as grids (rowspan/colspan expanded), page-source lines kept."""

import re
import threading
from collections.abc import Callable
from functools import partial

from ingestion.document import Cell, Document, Line
from ingestion.normalize import normalize_fragment, traditional_ratio
from ingestion.readers.decode import decode_bytes
from ingestion.readers.errors import UnreadableInput
from ingestion.readers.layout import text_to_lines

_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
          "ul", "ol", "dd", "dt", "pre", "blockquote", "center", "header", "footer", "nav"}
_SKIP = {"script", "style", "noscript", "iframe", "head", "title", "select", "button", "svg", "template"}


def _clean_cell(raw: str, traditional: bool) -> str:
    """A cell's text: a label wrapped with <br> is one label, &nbsp; is blank; then normalised."""
    text = "".join(raw.split()) if _looks_cjk(raw) else " ".join(raw.split())
    return normalize_fragment(text, traditional)


_HAS_CJK = re.compile("[\u4e00-\u9fff]")


def _looks_cjk(text: str) -> bool:
    return _HAS_CJK.search(text) is not None


_CACHED_BELOW = 200  # texts shorter than this are remembered: cells and labels repeat across pages, prose does not
_MEMO_SIZE = 16384


class _ShortTextMemo(dict):
    """text -> fn(text), remembering the results for short texts. A hit is a plain dict lookup with no Python
    call (it runs for every table cell of every page); a miss computes, through `__missing__`. The memo is
    emptied when it holds _MEMO_SIZE texts."""

    __slots__ = ("fn",)

    def __init__(self, fn: Callable[[str], str]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, text: str) -> str:
        value = self.fn(text)
        if len(text) < _CACHED_BELOW:
            if len(self) >= _MEMO_SIZE:
                self.clear()
            self[text] = value
        return value


# per script (traditional or not): (a text node normalised, a cell's text cleaned and normalised)
_MEMOS = {
    traditional: (_ShortTextMemo(partial(normalize_fragment, traditional=traditional)),
                  _ShortTextMemo(partial(_clean_cell, traditional=traditional)))
    for traditional in (False, True)
}


def _etree():
    from lxml import etree

    return etree


_PARSERS = threading.local()


def _html_parser():
    """One HTML parser per thread (an lxml parser is not shared between threads; building one costs ~20 µs)."""
    parser = getattr(_PARSERS, "html", None)
    if parser is None:
        parser = _PARSERS.html = _etree().HTMLParser(encoding="utf-8", huge_tree=False)
    return parser


def span_count(value: str | None, limit: int) -> int:
    """A rowspan/colspan attribute as printed: 1 when absent or unreadable, capped (hostile pages)."""
    if not value or value == "1":
        return 1
    try:
        return max(1, min(int(value), limit))
    except ValueError:
        return 1


def _table_lines(table, lineno: int, clean: _ShortTextMemo) -> tuple[list[Line], list[str], list[int | None]]:
    """Expand rowspan/colspan into a grid; one Line per <tr>, cells at their visual columns. Also returns each
    row's text (cells joined by tabs) and the page-source line of its <tr>. `table` holds no nested table:
    every <tr> below it is its own. It runs for every cell of every page, so lxml is asked only what a cell has
    (spans only where there are attributes, markup only where there are child elements)."""
    tostring = _etree().tostring
    covered: dict[tuple[int, int], str] = {}  # positions a span from the left or above covers: its text
    lines: list[Line] = []
    texts: list[str] = []
    source_lines: list[int | None] = []
    width = 0
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        cells: list[Cell] = []
        row_texts: list[str] = []  # the cells' texts, as they are placed
        line = lineno + r
        for td in tr:
            tag = td.tag
            if tag != "td" and tag != "th":
                continue
            if covered and (r, c) in covered:
                c = _inherit(covered, r, c, line, cells, row_texts)
            colspan = rowspan = 1
            if td.values():
                colspan = td.get("colspan")
                rowspan = td.get("rowspan")
                colspan = 1 if colspan is None or colspan == "1" else span_count(colspan, 50)
                rowspan = 1 if rowspan is None or rowspan == "1" else span_count(rowspan, 200)
            # the cell's text as printed: its text node, or everything inside it (<p><span>…, <br>)
            text = clean[(td.text or "") if len(td) == 0 else tostring(td, method="text", encoding=str, with_tail=False)]
            if colspan > 1 or rowspan > 1:
                for dr in range(rowspan):
                    for dc in range(colspan):
                        if dr or dc:
                            covered[(r + dr, c + dc)] = text if dc == 0 else ""
            end = c + colspan
            cells.append(Cell(text, line, c, None, end - 1))
            row_texts.append(text)
            c = end
        if covered and (r, c) in covered:
            c = _inherit(covered, r, c, line, cells, row_texts)
        if c > width:
            width = c
        lines.append(Line(cells, True))
        texts.append("\t".join(row_texts))
        source_lines.append(tr.sourceline)
    for line in lines:
        line.width = width
    return lines, texts, source_lines


def _inherit(covered: dict[tuple[int, int], str], r: int, c: int, line: int, cells: list[Cell],
             texts: list[str]) -> int:
    """Step over the positions at row r from column c that a span covers; a rowspan's label comes along as
    context (an inherited cell, its text added to the row's texts), its number does not. Returns the next free
    column."""
    while (r, c) in covered:
        text = covered[(r, c)]
        if text and not text.replace(".", "").isdigit():
            cells.append(Cell(text, line, c, inherited=True))
            texts.append(text)
        c += 1
    return c


def _drop_tree(el) -> None:
    """Remove an element and its content, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def read_html(data: bytes) -> Document:
    etree = _etree()

    m = _CHARSET.search(data[:4096])
    decoded = decode_bytes(data, declared=m.group(1).decode("ascii", "replace") if m else None)
    if decoded.encoding == "unknown":
        raise UnreadableInput("undecodable", "the page does not decode in any supported charset")
    # strict UTF-8 decoded the bytes as they are: libxml2 is given them, not the text encoded again
    markup = data if decoded.encoding == "utf-8" else decoded.text.encode("utf-8")
    try:
        # lxml.etree's parser, not lxml.html's: that one makes a Python call for every element it hands out
        root = etree.fromstring(markup, parser=_html_parser())
    except Exception as exc:  # lxml raises several types for broken markup
        raise UnreadableInput("html_unparseable", f"the HTML cannot be parsed: {exc}") from exc
    if root is None:
        raise UnreadableInput("html_unparseable", "the HTML cannot be parsed: the document is empty")
    for bad in list(root.iter("script", "style", "noscript", "iframe", "template")):
        _drop_tree(bad)
    body = root.find("body")
    if body is None:
        body = root
    # the script of the page's own text (markup, scripts and styles left out)
    page_text = etree.tostring(body, method="text", encoding=str)
    script = "traditional" if traditional_ratio(page_text) > 0.03 else "simplified"

    traditional = script == "traditional"

    norm_memo, clean_memo = _MEMOS[traditional]
    norm = norm_memo.__getitem__

    page = _PageText(norm, clean_memo)
    page.walk(body)
    page.end_paragraph()
    return Document(page.lines, "\n".join(page.text_parts), "html", decoded.encoding, script,
                    source_lines=page.source_lines)


class _PageText:
    """A page's body read in document order: each table without a nested table as its grid's rows (one Line
    per <tr>), every other text as paragraphs (block elements break them), with each line's page-source line.
    (A class, not nested functions: a recursive closure is a reference cycle that would keep every page's
    lines alive until the cyclic collector ran.)"""

    def __init__(self, norm: Callable[[str], str], clean: _ShortTextMemo) -> None:
        self.norm = norm
        self.clean = clean
        self.lines: list[Line] = []
        self.text_parts: list[str] = []
        self.source_lines: list[int | None] = []  # the page-source line of each text part
        self.lineno = 1
        self.buf: list[str] = []
        self.buf_source: int | None = None  # the page-source line where the buffered paragraph starts

    def walk(self, el) -> None:
        if el.tag == "table" and el.find(".//table") is None:
            tlines, ttexts, tsource = _table_lines(el, self.lineno, self.clean)
            self.lines.extend(tlines)
            self.text_parts.extend(ttexts)
            self.source_lines.extend(tsource)
            self.lineno += len(tlines)
            return
        norm, emit = self.norm, self.emit
        if el.text and el.text.strip():
            emit(norm(el.text), el)
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag not in _SKIP:
                block = tag in _BLOCK
                if block:
                    self.end_paragraph()
                self.walk(child)
                if block:
                    self.end_paragraph()
            if child.tail and child.tail.strip():
                emit(norm(child.tail), child)

    def emit(self, s: str, el) -> None:
        """Buffer a text of the current paragraph; `el` is the element it is the text (or the tail) of."""
        if not self.buf:
            self.buf_source = el.sourceline
        self.buf.append(s)

    def end_paragraph(self) -> None:
        buf = self.buf
        if not buf:
            return
        line_text = " ".join(x.strip() for x in buf if x.strip())
        buf.clear()
        if line_text:
            # a text node can hold newlines (a pretty-printed page, a report pasted into <pre>): each is a line
            # of `text`, numbered as such; its page-source line is counted from the paragraph's start
            base = self.lineno - 1
            for ln in text_to_lines(line_text):
                for c in ln.cells:
                    c.line += base
                self.lines.append(ln)
            count = line_text.count("\n") + 1
            self.text_parts.append(line_text)
            start = self.buf_source
            self.source_lines.extend(range(start, start + count) if start else [None] * count)
            self.lineno += count
