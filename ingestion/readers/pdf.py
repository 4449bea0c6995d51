"""PDFs with a text layer (pdfium): in the content stream's order, or by the characters' positions."""

import math
import re

from ingestion.document import Document, Extents
from ingestion.issue_codes import issue
from ingestion.normalize import normalize_fragment, normalize_text
from ingestion.readers.errors import UnreadableInput
from ingestion.readers.layout import TOKEN, blank_page_furniture, text_to_lines
from ingestion.readers.pdf_lines import lines_by_position
from ingestion.result import Issue


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


def _undecoded_pages(texts: list[str]) -> list[Issue]:
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
            tokens = list(TOKEN.finditer(raw, start, end))
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
