"""Placing a row's values by the blank lines around them, in text that prints one table cell per line.

There an empty cell is blank lines where its text would be (`规章 / 3 / / / 12` under three columns is 3 | _ | 12).
A short row is placed only when exactly one reading of its gaps gives it its columns, and, after a table's
last row, only once the document has shown how many lines an empty cell takes (`TableResult.empty_cell_lines`).
Anything else returns None: the caller reads the row as it would without the blank lines.
"""

from collections import Counter
from dataclasses import dataclass

from ingestion.document import Cell, Line
from ingestion.tables.rows import Row, TableResult


def separator_lines(lines: list[Line]) -> int | None:
    """The blank lines a one-cell-per-line section prints after each cell: the commonest gap between its
    consecutive lines, when most of its lines hold one unseparated cell (else None: not that layout)."""
    single = [ln.cells[0].line for ln in lines if len(ln.cells) == 1 and not ln.structured]
    if len(single) < 4 or 2 * len(single) < len(lines):
        return None
    gaps = Counter(b - a - 1 for a, b in zip(single, single[1:], strict=False))
    gap, _ = gaps.most_common(1)[0]
    return gap if gap <= 2 else None


@dataclass(frozen=True, slots=True)
class Placement:
    cells: list[Cell | None]
    unit: int  # blank lines per empty cell
    exact: bool  # the gap after the row confirmed its count of empty cells


def place_by_blank_lines(values: list[Cell], after: int, before: int | None, end: int | None, n: int, sep: int,
                         unit: int | None = None) -> Placement | None:
    """`values` (each alone on its line) placed in n columns by the blank lines between `after` (the label's
    last line) and `before` (the next line printed in the table after the row; None after the table's last
    row, when `end` is the line printed after the table, if any). `unit`: the lines an empty cell takes, when
    a row of the document already showed it."""
    lines = [after, *(v.line for v in values)]
    if any(b <= a for a, b in zip(lines, lines[1:], strict=False)) or not 0 < len(values) < n:
        return None
    gaps = [b - a - 1 for a, b in zip(lines, lines[1:], strict=False)]
    found: list[Placement] = []
    for u in sorted({1, sep + 1} if unit is None else {unit}):
        columns = _columns(gaps, sep, u)
        if columns is None or columns[-1] > n - 1:
            continue
        rest = n - 1 - columns[-1]  # empty cells after the last value
        if before is not None:
            if before - lines[-1] - 1 == sep + rest * u:
                found.append(Placement(_placed(values, columns, n), u, True))
        elif (end is None or end - lines[-1] - 1 >= sep + rest * u) and (
                unit is not None or columns != list(range(len(values)))):
            # after a table's last row, where a section break can add lines, the empty cells at the end must only
            # fit; and the document must have shown that it prints its empty cells: a row did, or the gaps
            # show one before a value here
            found.append(Placement(_placed(values, columns, n), u, False))
    return found[0] if len(found) == 1 else None


def _columns(gaps: list[int], sep: int, unit: int) -> list[int] | None:
    """The column of each value: every gap is the separator plus `unit` lines per empty cell before it."""
    out: list[int] = []
    col = -1
    for gap in gaps:
        empty, odd = divmod(gap - sep, unit)
        if gap < sep or odd:
            return None
        col += 1 + empty
        out.append(col)
    return out


def _placed(values: list[Cell], columns: list[int], n: int) -> list[Cell | None]:
    row: list[Cell | None] = [None] * n
    for value, col in zip(values, columns, strict=True):
        row[col] = value
    return row


def unit_of_blank_rows(rows: list[Row], n: int, sep: int) -> int | None:
    """The lines an empty cell takes, shown by a row printed with every cell empty: a label, then the
    separator and n empty cells' lines before the next label (the reader joins such a row's label to the next
    row's: the gap is inside one row's label cells). None when no gap says it, or two say different things."""
    seen = set()
    for _label, labels, *_ in rows:
        for a, b in zip(labels, labels[1:], strict=False):
            gap = b.line - a.line - 1
            if gap >= sep + n:
                seen.update(u for u in {1, sep + 1} if gap == sep + n * u)
    return seen.pop() if len(seen) == 1 else None


def note_placed(result: TableResult, name: str, printed: int, n: int, **where: str) -> None:
    """Flag a row placed by its blank lines (`name`: the row, for the message; `where`: its table and row)."""
    result.issue("cells_placed_by_blank_lines", "info", f"{name}: {printed} values for {n} columns, each placed in "
                 f"the column the blank lines before it leave (text with one cell per line)", **where)


class BlankLineRows:
    """A one-cell-per-line table section's rows, placed by their blank lines on request (the section's
    separator is measured on the first request: most sections never ask). The lines an empty cell takes, once a
    row shows them, are the document's (`TableResult.empty_cell_lines`), for the rows and tables after it."""

    def __init__(self, result: TableResult, lines: list[Line], rows: list[Row], trailing: list[Cell],
                 end: int | None, blank_row_width: int | None = None) -> None:
        self.result = result
        self.lines = lines
        self.rows = rows
        self.trailing = trailing
        self.end = end  # the line printed after the section
        self.blank_row_width = blank_row_width  # the row width that a row printed all empty shows (table 三's)
        self.sep: int | None = None
        self.measured = False

    def place(self, i: int, values: list[Cell], n: int) -> Placement | None:
        """Row i's printed `values` in n columns, or None (see the module's docstring)."""
        result = self.result
        if not self.measured:
            self.measured = True
            self.sep = separator_lines(self.lines)
            if self.sep is not None and result.empty_cell_lines is None and self.blank_row_width:
                result.empty_cell_lines = unit_of_blank_rows([*self.rows, ("", self.trailing)], self.blank_row_width,
                                                             self.sep)
        if self.sep is None:
            return None
        labels = self.rows[i][1]
        if not labels:
            return None
        after = max(c.line for c in labels)
        # the next line printed in the section: the next row's, or a label after the last row's values
        following = (self.rows[i + 1][1] or self.rows[i + 1][2]) if i + 1 < len(self.rows) else self.trailing
        before = min(c.line for c in following) if following else None
        placed = place_by_blank_lines(values, after, before, self.end, n, self.sep, result.empty_cell_lines)
        if placed is not None and placed.exact and result.empty_cell_lines is None:
            result.empty_cell_lines = placed.unit
        return placed
