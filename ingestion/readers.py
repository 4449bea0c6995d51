"""Readers: one per source format, each producing a `Document` of normalised lines and cells."""

import io
import math
import re
import threading
import zipfile
from collections.abc import Callable
from functools import partial
from itertools import accumulate
from pathlib import Path
from unicodedata import east_asian_width

from ingestion.decode import decode_bytes
from ingestion.document import Cell, Document, Extents, Line
from ingestion.issue_codes import issue
from ingestion.layout import blank_page_furniture, text_to_lines
from ingestion.normalize import normalize_fragment, normalize_text, traditional_ratio
from ingestion.pdf_lines import lines_by_position
from ingestion.stream import reline


class UnreadableInput(Exception):
    """The input cannot be read as a report; `code` is a stable quarantine reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def sniff_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in head[:1024]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix in (".docx", "") or b"word/" in head[:4000] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    for magic in (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf"):
        if head.startswith(magic):
            return "binary"
    lower = head[:4096].lower()
    if b"\x00" in lower:  # UTF-16: each ASCII character of the markup has a NUL beside it
        lower = lower.replace(b"\x00", b"")
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or b"<html" in lower or b"<table" in lower or b"<!doctype" in lower:
        return "html"
    return "text"


# --- text -------------------------------------------------------------------------------------

def read_text(data: bytes, fmt: str = "text") -> Document:
    decoded = decode_bytes(data)
    if decoded.encoding == "unknown":
        raise UnreadableInput("undecodable", "the bytes do not decode as UTF-8, UTF-16, GB18030 or Big5")
    if "\x00" in decoded.text[:2000]:
        raise UnreadableInput("binary", "the file holds binary data, not text")
    text, script = normalize_text(decoded.text)
    text = blank_page_furniture(text)  # text extracted from a PDF keeps its page numbers and footers
    relined = reline(text)  # a crawler's text: the tables on one long line, put back one row per line
    if relined is not None:
        return Document(text_to_lines(relined.text), relined.text, fmt, decoded.encoding, script,
                        source_lines=relined.source_lines, token_extents=_TextColumns(relined.text))
    return Document(text_to_lines(text), text, fmt, decoded.encoding, script, token_extents=_TextColumns(text))


class _TextColumns(Extents):
    """Extents of a text's lines in character columns, computed for a line when first asked for (only rows that
    lost a blank cell, and the rows that place them, are): layout-preserving text (pdftotext -layout) keeps a
    table's columns at the same character positions, as a PDF page keeps them at the same points. Text dumps of
    pages (lynx, pandoc) align by display width instead, a CJK character two columns wide: `display` measures
    so (`readings` offers both; the tables choose the one their full rows line up in)."""

    __slots__ = ("text", "lines", "display", "_other")
    measured = False

    def __init__(self, text: str, display: bool = False, lines: list[str] | None = None) -> None:
        super().__init__()
        self.text = text
        self.lines = lines  # split when first needed: most reports never need it
        self.display = display
        self._other: _TextColumns | None = None

    def readings(self) -> list[Extents]:
        if self._other is None:
            if self.lines is None:
                self.lines = self.text.split("\n")
            self._other = _TextColumns(self.text, not self.display, self.lines)
        return [self, self._other]

    def __missing__(self, lineno: int) -> list[tuple[str, float, float]]:
        if self.lines is None:
            self.lines = self.text.split("\n")
        if not 0 < lineno <= len(self.lines):
            raise KeyError(lineno)
        line = self.lines[lineno - 1]
        if self.display:
            at = list(accumulate((2 if east_asian_width(ch) in "WF" else 1 for ch in line), initial=0))
            tokens = [(m.group(), float(at[m.start()]), float(at[m.end()])) for m in _TOKEN.finditer(line)]
        else:
            tokens = [(m.group(), float(m.start()), float(m.end())) for m in _TOKEN.finditer(line)]
        self[lineno] = tokens
        return tokens


# --- HTML -------------------------------------------------------------------------------------

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


def _span(value: str | None, limit: int) -> int:
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
    every <tr> below it is its own.

    The loop runs for every table cell of every page (~300 a page): lxml is asked only what it must be (the
    span attributes only of a cell that has attributes, the markup only of a cell with child elements), and an
    attribute is read as a number only when it is not absent or 1 (Word's cells all carry attributes, and
    few of them spans)."""
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
                colspan = 1 if colspan is None or colspan == "1" else _span(colspan, 50)
                rowspan = 1 if rowspan is None or rowspan == "1" else _span(rowspan, 200)
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


# --- PDF --------------------------------------------------------------------------------------

def read_pdf(data: bytes, by_position: bool = False) -> Document:
    """A PDF's text layer, page by page, in the order its content stream writes it (pdfium's text), or
    `by_position`: each page's lines as its characters stand (ingestion/pdf_lines.py), for a stream that does not
    write the text in reading order."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise UnreadableInput("pdf_encrypted", "the PDF is encrypted and needs a password") from exc
        raise UnreadableInput("pdf_corrupt", f"the PDF cannot be opened: {exc}") from exc
    try:
        texts: list[str] = []
        extents = Extents()
        first_line = 1
        for pageno in range(len(pdf)):
            page = pdf[pageno]
            textpage = _upright_textpage(page)
            if by_position:
                raw, first_line = _lines_by_position(textpage, first_line, extents)
            else:
                raw = textpage.get_text_range()
                first_line = _token_extents(textpage, raw, first_line, extents)
            textpage.close()
            page.close()
            texts.append(raw)
        full = "\n\f".join(texts)  # each page after the first starts with a form feed, as pdftotext writes it
        if len(re.sub(r"\s|-\s*\d+\s*-", "", full)) < 20:
            raise UnreadableInput("pdf_no_text", f"the PDF has {len(pdf)} page(s) but no text layer (scanned?); OCR is needed")
        issues = _undecoded_pages(texts)
        text, script = normalize_text(full)
        page_of_line: list[int] = []
        for pageno, raw in enumerate(texts, start=1):
            page_of_line.extend([pageno] * (raw.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1))
        text = blank_page_furniture(text)
        lines = text_to_lines(text)
        for line in lines:
            for cell in line.cells:
                cell.page = page_of_line[cell.line - 1] if cell.line - 1 < len(page_of_line) else None
        traditional = script == "traditional"
        for tokens in extents.values():
            tokens[:] = [(normalize_fragment(t, traditional), x0, x1) for t, x0, x1 in tokens]
        return Document(lines, text, "pdf", None, script, issues=issues, token_extents=extents)
    finally:
        pdf.close()


# What a report's text layer holds: ASCII, Latin-1, general punctuation, letterlike and number forms, arrows,
# mathematical operators, enclosed numbers (①), box drawing, shapes, symbols and dingbats, CJK punctuation, ideographs,
# compatibility ideographs and forms, full-width forms; private-use characters (a Word bullet from a symbol
# font) are let pass. A font without a Unicode map gives its glyph numbers instead: control characters (its
# digits, low numbers) and characters of unrelated scripts (its ideographs).
_NOT_TEXT = re.compile(r"[^\s!-~\u00a0-\u00ff\u2000-\u22ff\u2460-\u27bf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
                       r"\ue000-\uf8ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_UNDECODED_SHARE = 0.01  # of a page's characters (3 at least), beyond which the page is flagged
_UNREADABLE_SHARE = 0.5  # of the document's characters, beyond which it is not read at all


def _undecoded_pages(texts: list[str]) -> list[dict]:
    """Pages whose text layer does not decode to text (fonts printed without a Unicode map: copying their
    text gives 乱码). With most of the document so, it is quarantined like a scan (OCR is needed); else the pages
    are flagged: a number printed in such a font is lost (its cell null), never read as another number."""
    pages = []
    undecoded = total = 0
    for pageno, text in enumerate(texts, start=1):
        printed = len(text) - text.count(" ") - text.count("\r") - text.count("\n")
        bad = len(_NOT_TEXT.findall(text))
        undecoded += bad
        total += printed
        if (bad >= 3 and bad > _UNDECODED_SHARE * printed) or len(_CONTROL.findall(text)) >= 3:
            pages.append(pageno)
    if total and undecoded > _UNREADABLE_SHARE * total:
        raise UnreadableInput("pdf_text_undecodable", f"{undecoded} of the PDF's {total} characters decode to no "
                              "text (fonts without a Unicode map); OCR is needed")
    if not pages:
        return []
    listed = ", ".join(map(str, pages))
    return [issue("text_undecodable", "warning", f"the text layer of page(s) {listed} does not decode to text (a "
                  "font without a Unicode map): what it prints there is lost, numbers included", pages=pages)]


_ANGLE_SAMPLES = 24  # characters whose angle is read to tell which way a page's text runs


def _quarter_turns(textpage) -> int:
    """Which way most of a page's text runs, in quarter turns (0 upright; pdfium measures the angle in page
    space, clockwise): a landscape table drawn turned on a portrait page, shown upright by the page's /Rotate
    or read by turning the page. Read on about _ANGLE_SAMPLES printed characters spread over the page (of twice
    as many sampled: pdfium's own spaces and line breaks are left out)."""
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    turns = [0, 0, 0, 0]
    for i in range(0, count, max(1, count // (2 * _ANGLE_SAMPLES))):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
            continue  # a space or line break pdfium inserted: no angle of its own (0), on every page
        angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, i)
        if angle >= 0:  # -1: no angle (an error)
            turns[round(angle / (math.pi / 2)) % 4] += 1
    return max(range(4), key=turns.__getitem__)


def _upright_textpage(page):
    """The page's text layer read as its characters stand. pdfium orders text as the page is shown, so a page
    shown turned (/Rotate) is read without its turn; and when most characters are drawn turned (a landscape
    table page whose content stream draws it sideways), the page's objects are turned back in memory and the
    text layer is read again. pdfium lays out lines along the x axis: text drawn sideways came out as one line
    per page with every cell lost. Upright pages (almost all) cost only the angle sample."""
    if page.get_rotation():
        page.set_rotation(0)
    textpage = page.get_textpage()
    turns = _quarter_turns(textpage)
    if not turns:
        return textpage
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = page.get_mediabox()
    matrix = {1: (0, 1, -1, 0, bottom + top, 0),  # drawn a quarter turn clockwise: turn it back
              2: (-1, 0, 0, -1, left + right, bottom + top),
              3: (0, -1, 1, 0, 0, left + right)}[turns]
    for obj in page.get_objects(max_depth=1):
        pdfium_c.FPDFPageObj_Transform(obj.raw, *matrix)
    if turns % 2:  # the page's box turns with its content (text outside the box is read apart)
        page.set_mediabox(bottom, left, top, right)
        page.set_cropbox(bottom, left, top, right)
    textpage.close()
    return page.get_textpage()


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TOKEN = re.compile(r"\S+")
_ROW_TOKENS = range(2, 41)  # tokens on a line whose extents are kept: table rows and their headers


def _token_extents(textpage, raw: str, first_line: int, out: Extents) -> int:
    """Add, for each line of a page's text that holds 2 to 40 whitespace-separated tokens (table rows and
    their headers), the tokens with their horizontal extent on the page (the first character's left edge,
    the last one's right edge, in points) to `out`, keyed by the line's number in the document's text (the
    page's first line is `first_line`). Two character boxes are read per token. Returns the next page's
    first line."""
    lineno = first_line
    start = 0
    # a character outside the BMP is two code units here and one character in the text layer: no extents
    aligned = textpage.count_chars() == len(raw)
    for brk in [*_LINE_BREAK.finditer(raw), None]:
        end = brk.start() if brk is not None else len(raw)
        if aligned:
            tokens = list(_TOKEN.finditer(raw, start, end))
            if len(tokens) in _ROW_TOKENS:
                out[lineno] = [(m.group(), textpage.get_charbox(m.start())[0], textpage.get_charbox(m.end() - 1)[2])
                               for m in tokens]
        if brk is None:
            break
        start = brk.end()
        lineno += 1
    return lineno + 1


def _lines_by_position(textpage, first_line: int, out: Extents) -> tuple[str, int]:
    """The page's text read by position, and its lines' token extents added to `out` as _token_extents adds
    them. Returns the text and the next page's first line."""
    lines = lines_by_position(textpage)
    for k, tokens in enumerate(lines):
        if len(tokens) in _ROW_TOKENS:
            out[first_line + k] = list(tokens)
    return "\n".join(" ".join([t for t, _, _ in tokens]) for tokens in lines), first_line + max(1, len(lines))


# --- DOCX -------------------------------------------------------------------------------------

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
                n = _span(span.get(f"{_W}val") if span is not None else None, 50)
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


def read_document(path: Path, data: bytes) -> Document:
    fmt = sniff_format(path, data[:8192])
    if not data.strip():
        raise UnreadableInput("empty", "the file is empty or holds only whitespace")
    if fmt == "pdf":
        return read_pdf(data)
    if fmt == "docx":
        return read_docx(data)
    if fmt == "html" or (fmt == "text" and _holds_html_table(data)):
        return read_html(data)
    if fmt in ("binary", "zip", "ole"):
        raise UnreadableInput("unsupported_format", f"{fmt} data is not a report format gongkai reads")
    return read_text(data)


def _holds_html_table(data: bytes) -> bool:
    """Text holding an HTML table further down (Markdown from a converter writes a table with merged cells as
    HTML): read as a page, whose text outside the table is read as text."""
    return b"<" in data and (b"<table" in data or b"<TABLE" in data) and (b"<td" in data or b"<TD" in data)
