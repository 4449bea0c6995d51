"""Text as extracted by someone else (plain, tabs, pipes, Markdown, layout text, a crawler's): decoded, normalised, lines of cells."""

from itertools import accumulate
from unicodedata import east_asian_width

from ingestion.document import Document, Extents
from ingestion.normalize import normalize_text
from ingestion.readers.decode import decode_bytes
from ingestion.readers.errors import UnreadableInput
from ingestion.readers.layout import TOKEN, blank_page_furniture, text_to_lines
from ingestion.readers.stream import reline


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
            tokens = [(m.group(), float(at[m.start()]), float(at[m.end()])) for m in TOKEN.finditer(line)]
        else:
            tokens = [(m.group(), float(m.start()), float(m.end())) for m in TOKEN.finditer(line)]
        self[lineno] = tokens
        return tokens
