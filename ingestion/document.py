"""The intermediate form every reader produces: lines of cells, each with its source position."""

from dataclasses import dataclass, field

from ingestion.result import Issue


@dataclass(slots=True)
class Cell:
    text: str
    line: int  # 1-based line of the normalised text (or of the page text for PDFs)
    col: int = 0  # visual column for tables (HTML grid, tab/pipe position); 0 for plain lines
    page: int | None = None  # 1-based page for PDFs
    span_end: int | None = None  # last visual column covered (HTML colspan)
    inherited: bool = False  # a rowspan copy from the row above (HTML), context only
    glued: bool = False  # digits that were glued to their label (crawler text): may hold several cells


@dataclass(slots=True)
class Line:
    cells: list[Cell]
    structured: bool = False  # cells come from explicit separators (tab, pipe, HTML), blanks are real
    width: int | None = None  # the table's visual width for HTML rows

    @property
    def text(self) -> str:
        cells = self.cells
        return cells[0].text if len(cells) == 1 else " ".join([c.text for c in cells])


class Extents(dict[int, list[tuple[str, float, float]]]):
    """line -> its tokens with their left and right edges. `measured`: the edges were measured on a page (a
    PDF's points: a value sits where it was printed); otherwise they are character columns of text, which
    line up only in a column layout (pdftotext -layout), so placing by them needs a row that shows it."""

    measured = True

    def readings(self) -> "list[Extents]":
        """The ways these positions can be read: one for a page's points; for text, character columns and
        display columns (a CJK character two wide), since tools align text either way."""
        return [self]


@dataclass
class Document:
    lines: list[Line]
    text: str  # the normalised full text (prose), for metadata and narrative
    source_format: str
    encoding: str | None = None
    script: str = "simplified"
    issues: list[Issue] = field(default_factory=list)
    # where a line of `text` is not a line of the file (HTML): the line of the page source each line of `text`
    # comes from (a table row's <tr>, a paragraph's first element), None where the parser made the element
    source_lines: list[int | None] | None = None
    # for a line of `text` holding a table row or header, its whitespace-separated tokens (normalised) with their
    # horizontal extent: points on the page (PDF), character columns (text, computed when first asked for)
    token_extents: Extents | None = None


def source_line_of(source_lines: list[int | None], line: int) -> int | None:
    """The line of the file as published that a line of a reader's text comes from (`Document.source_lines`),
    None when the reader did not know it."""
    return source_lines[line - 1] if 0 < line <= len(source_lines) else None
