"""Split a text line into cells, whatever the extractor did: tabs, pipes, Markdown, aligned spaces."""

import re
from collections.abc import Iterator

from ingestion.document import Cell, Line
from ingestion.normalize import RULE
from ingestion.values import is_value_text

# a table's rule drawn in text: an ASCII grid's (+-----+====+), a plain-text table's (------ ---- ---, as pandoc
# writes one; at least one run of four, so that - - - or -- -- are cells printed "no number", not a rule)
_TEXT_RULE = re.compile(r"^\+(?:[-=:]+\+)+$|^(?=.*(?:----|====))[-=\s]+$")
_MD_ESCAPE = re.compile(r"\\([-\\`*_{}\[\]()#+.!|<>~])")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_WS = re.compile(r"[ \u3000]+")
TOKEN = re.compile(r"\S+")  # a whitespace-separated token of a line (its extent is where it stands)
# A label with its numbers glued on, as crawlers write table rows: 行政许可396442278.
_GLUED = re.compile(r"^(.*[\u4e00-\u9fff）)”])([-+]?\d[\d.,\-+]*)$")
_NUMBER_END = frozenset("0123456789.,-+")


# A page's number or footer on a line of its own, as a PDF prints it between (and inside) the tables: - 5 -,
# — 5 —, 第5页, 第5页 共12页, 共12页 第5页, 5/12, Page 5 of 12 (after pdftotext's form feed, too). A bare number
# is not told apart from a cell.
_DASH = "-—–―─‒"
_PAGE_SPACE = "[ \\t\\u3000\\f\\v]*"
PAGE_FURNITURE = re.compile(
    rf"{_PAGE_SPACE}(?:[{_DASH}] *\d+ *[{_DASH}]|第 *\d+ *页(?: *[,，/]? *共 *\d+ *页)?|共 *\d+ *页 *[,，/]? *第 *\d+ *页"
    rf"|\d+ */ *\d+|[Pp]age *\d+(?: *(?:of|/) *\d+)?){_PAGE_SPACE}")
_BARE_PAGE_NUMBER = re.compile(r"[ \t\u3000\f]*(\d{1,4})[ \t\u3000]*")
# what a furniture line holds, found with str.find (C speed; the rarer dashes ―─‒ come with - or — in practice)
_FURNITURE_HINTS = ("页", "/", "P", "p", "-", "—", "–")
_FURNITURE_LONGEST = 40  # characters: a longer line is not page furniture
# the report's title as a page header: a year, then 报告 at the line's end (2019 年 … 工作年度报告); printed again
# on every page, it falls inside the tables, and its year would be read as a cell
RUNNING_TITLE = re.compile(rf"{_PAGE_SPACE}([^\n]{{0,40}}(?:19|20)\d\d *年[^\n]{{0,30}}报告)(?: +{PAGE_FURNITURE.pattern})?")


def _lines_holding(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of `text` that holds `needle`, once per line (found with str.find)."""
    i = text.find(needle)
    while i >= 0:
        end = text.find("\n", i)
        if end < 0:
            end = len(text)
        yield text.rfind("\n", 0, i) + 1, end
        i = text.find(needle, end)


def _at_most(text: str, start: int, end: int, limit: int) -> bool:
    """Whether a line holds at most `limit` characters without the spaces around it (a footer centred on a page by
    pdftotext -layout stands after dozens of spaces); the raw length answers first, without a copy."""
    return end - start <= limit or len(text[start:end].strip()) <= limit


def _bare_page_numbers(text: str) -> dict[int, int]:
    """The lines (start -> end) holding a page's number alone. A bare number is told apart from a cell only by
    where it stands and what it counts: the first (or last) printed line of every page but one at most (a cover
    left unnumbered), in text whose pages start with a form feed (pdftotext's, the PDF reader's), holding the
    page's index plus one offset, the same on every such page, two at least. Cells at pages' edges count no
    pages, or not on every page."""
    starts = [0]
    at = text.find("\f")
    while at >= 0:
        starts.append(at)
        at = text.find("\f", at + 1)
    starts.append(len(text))
    found: dict[tuple[str, int], dict[int, int]] = {}  # (header or footer, number - page index) -> lines
    pages = 0
    for index, (begin, stop) in enumerate(zip(starts, starts[1:], strict=False), start=1):
        printed = [(s, e) for s, e in _line_spans(text, begin, stop) if text[s:e].strip(" \t\u3000\f")]
        pages += bool(printed)
        for edge, (s, e) in (("header", printed[0]), ("footer", printed[-1])) if printed else ():
            m = _BARE_PAGE_NUMBER.fullmatch(text, s, e)
            if m and m.group(1) != "0":
                found.setdefault((edge, int(m.group(1)) - index), {})[s] = e
    return {s: e for lines in found.values() if len(lines) >= max(2, pages - 1) for s, e in lines.items()}


def _line_spans(text: str, begin: int, stop: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of text[begin:stop]."""
    while begin < stop:
        end = text.find("\n", begin, stop)
        if end < 0:
            end = stop
        yield begin, end
        begin = end + 1


def blank_page_furniture(text: str) -> str:
    """The text with each page-furniture line left empty (PAGE_FURNITURE; and a title line printed again, as a
    page header does: every printing after the first). The other lines keep their numbers."""
    cuts: dict[int, int] = {}  # start -> end of each line to blank
    seen: set[int] = set()  # lines already looked at
    for hint in _FURNITURE_HINTS:
        for start, end in _lines_holding(text, hint):
            if start not in seen:
                seen.add(start)
                if _at_most(text, start, end, _FURNITURE_LONGEST) and PAGE_FURNITURE.fullmatch(text, start, end):
                    cuts[start] = end
    if "\f" in text:
        cuts.update(_bare_page_numbers(text))
    titles: set[str] = set()
    for start, end in _lines_holding(text, "报告"):
        m = RUNNING_TITLE.fullmatch(text, start, end) if _at_most(text, start, end, 2 * _FURNITURE_LONGEST + 40) else None
        if m:
            title = "".join(m.group(1).split())
            if title in titles:
                cuts[start] = end
            titles.add(title)
    if not cuts:
        return text
    parts, prev = [], 0
    for start in sorted(cuts):
        parts.append(text[prev:start])
        prev = cuts[start]
    parts.append(text[prev:])
    return "".join(parts)




def _space_cells(stripped: str, lineno: int) -> list[Cell]:
    """Split a stripped line on whitespace; runs of non-numeric pieces are one label (labels contain spaces)."""
    pieces = _WS.split(stripped) if " " in stripped or "\u3000" in stripped else [stripped]
    cells: list[Cell] = []
    label: list[str] = []
    col = 0
    for piece in pieces:
        if not piece:
            continue
        # a glued number ends the piece: test the last character before the (backtracking) regex
        glued = _GLUED.match(piece) if piece[-1] in _NUMBER_END and not is_value_text(piece) else None
        if glued and not _looks_like_item(glued.group(1)):
            label.append(glued.group(1))
            piece = glued.group(2)
        if glued or is_value_text(piece):
            if label:
                cells.append(Cell("".join(label), lineno, col))
                col += 1
                label = []
            cells.append(Cell(piece, lineno, col, glued=bool(glued)))
            col += 1
        else:
            label.append(piece)
    if label:
        cells.append(Cell("".join(label), lineno, col))
    return cells


def _looks_like_item(text: str) -> bool:
    """Text that ends a label with a number of its own (第二十条第（一）项 does not, 2019年 is prose)."""
    return text.endswith(("第", "年", "月", "号"))


def split_line(raw: str, lineno: int) -> Line | None:
    """One text line to a Line of cells, or None for a blank line or a Markdown rule."""
    stripped = raw.strip()
    if not stripped:
        return None
    if "\t" in raw:
        parts = raw.split("\t")
        return Line([Cell(p.strip(), lineno, i) for i, p in enumerate(parts)], structured=True)
    if "|" in raw:
        if "--" in raw and _MD_RULE.match(raw):  # a Markdown rule holds dashes
            return None
        if stripped.startswith("|"):
            stripped = stripped[1:]
        parts = stripped.split("|")
        # Ragged pipes: empty fields at the end ("0 |", "| |||") are terminators and padding, not data; a
        # field holding only spaces ("0 |  |") is a printed blank cell and keeps its place.
        while parts and not parts[-1]:
            parts.pop()
        if RULE in raw:  # a table drawn in text: a rule between rows, or beside a merged cell's text (w3m)
            parts = ["" if _is_rule_field(p) else p for p in parts]
        if "\\" in raw:  # Markdown's escapes (\- for a cell printed -)
            parts = [_MD_ESCAPE.sub(r"\1", p) for p in parts]
        if not "".join(parts).strip():  # nothing but separators and rules (or no fields left)
            return None
        return Line([Cell(p.strip(), lineno, i) for i, p in enumerate(parts)], structured=True)
    if stripped[0] in "+-=" and _TEXT_RULE.match(stripped):  # a rule of a table drawn in text
        return None
    return Line(_space_cells(stripped, lineno))


def text_to_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    append = lines.append
    raws = text.split("\n")
    rules: set[int] = set()  # the lines that are a drawn table's rules (none, in most texts)
    for i, raw in enumerate(raws, start=1):
        if not raw or raw.isspace():  # blank lines (half of a one-cell-per-line text) need no call
            continue
        if "\t" not in raw and "|" not in raw:
            # the commonest line (prose, one cell per line): one piece with no separator and no number glued
            # to its end is one cell (split_line would say the same, at the cost of its calls)
            stripped = raw.strip()
            if " " not in stripped and "\u3000" not in stripped and (
                    stripped[-1] not in _NUMBER_END or is_value_text(stripped)):
                append(Line([Cell(stripped, i, 0)]))
                continue
        line = split_line(raw, i)
        if line is not None:
            append(line)
        elif RULE in raw or (raw.lstrip()[0] == "+" and "|" not in raw):
            rules.add(i)  # a whole rule of a drawn table: box drawing's, or an ASCII grid's (split_line's _TEXT_RULE)
    return _join_drawn_rows(lines, raws, rules) if rules else lines


def _is_rule_field(field: str) -> bool:
    """A field of a drawn table's line that is a piece of rule (box drawing's strokes, folded to RULE)."""
    return bool(field) and not field.strip(RULE + " ")


def _join_drawn_rows(lines: list[Line], raws: list[str], rules: set[int]) -> list[Line]:
    """A table drawn in text (box drawing, an ASCII grid) wraps a row's long cells over several lines between
    two rules: the lines of such a row become one row, each column's texts joined (a wrapped label is whole,
    each value keeps its own line). Only lines with a rule right above and right below are joined. `rules`: the
    whole rules; a rule beside a merged cell's text (w3m) is a line of cells too, and a rule as well."""
    rules = rules | {ln.cells[0].line for ln in lines
                     if ln.structured and RULE in (raw := raws[ln.cells[0].line - 1])
                     and any(_is_rule_field(field) for field in raw.strip().split("|"))}
    out: list[Line] = []
    run: list[Line] = []

    def flush() -> None:
        first, last = run[0].cells[0].line, run[-1].cells[0].line
        width = len(run[0].cells)
        if len(run) > 1 and first - 1 in rules and last + 1 in rules and all(len(ln.cells) == width for ln in run):
            out.append(Line([_joined([ln.cells[k] for ln in run], k) for k in range(width)], structured=True))
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        lineno = line.cells[0].line
        if run and (not line.structured or lineno != run[-1].cells[0].line + 1 or lineno in rules):
            flush()
        if line.structured and lineno not in rules:
            run.append(line)
        else:
            out.append(line)
    if run:
        flush()
    return out


def _joined(cells: list[Cell], col: int) -> Cell:
    """One cell of a drawn row from its lines' cells in a column: the texts joined, at the first line printed."""
    printed = [c for c in cells if c.text]
    if len(printed) == 1:
        return printed[0]
    return Cell("".join(c.text for c in printed), printed[0].line if printed else cells[0].line, col)
