"""Placing a table row's values by where they sit, when the text lost the row's blank cells.

A PDF's text keeps no trace of an empty cell: `规章 3 12` under three columns may be 3 | _ | 12, and neither
does layout-preserving text (pdftotext -layout), where the blank is only more spaces. The reader keeps each
table-like line's tokens with their horizontal extent (`Document.token_extents`: points on a PDF page,
character columns of a text line); a value is placed only where its position leaves one column possible.
Anything less certain returns None and the caller reads the row as it would without positions.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from operator import attrgetter

from ingestion.document import Cell, Extents
from ingestion.values import is_value_text

_LINE = attrgetter("line")

# Positions are in points (PDF) or characters (layout-preserving text); the tolerances suit both.
HEADER_TOLERANCE = 1.0  # a value's centre may lie this far outside its header label's extent
MIN_TOLERANCE = 1.5  # a value's edge may lie this far from its column's, at least (rendering jitter)
TEXT_TOLERANCE = 0.5  # text's columns are whole characters: no jitter


def _tokens(extents: Extents, line: int) -> list[tuple[str, float, float]]:
    """A line's tokens with their extents; none for a line the reader kept none for. (Indexing, not .get: a
    reader's extents may be computed on first use, through __missing__.)"""
    try:
        return extents[line]
    except KeyError:
        return []


def value_extents(values: list[Cell], extents: Extents, several_lines: bool = False) -> list[tuple[float, float]] | None:
    """The (left, right) of each value cell: the numbers among its line's tokens, in order, must be exactly
    the row's values on that line (all on one line, unless `several_lines`)."""
    groups = [(line, [v.text for v in group]) for line, group in groupby(values, key=_LINE)]
    if len(groups) > 1 and (not several_lines or any(a >= b for (a, _), (b, _) in pairwise(groups))):
        return None  # on several lines, or not in their lines' order
    found: list[tuple[float, float]] = []
    for line, texts in groups:
        tokens = [t for t in _tokens(extents, line) if is_value_text(t[0])]
        if [t[0] for t in tokens] != texts:
            return None
        found.extend((x0, x1) for _, x0, x1 in tokens)
    return found


def place_under_headers(values: list[Cell], columns: Sequence[re.Pattern], header_lines: set[int],
                        extents: Extents) -> list[Cell | None] | None:
    """Each value under the one column whose header label's extent holds its centre (`columns`: a pattern
    per column, found exactly once among the header lines' tokens), one value per column."""
    found = value_extents(values, extents)
    if found is None:
        return None
    spans = []
    for pattern in columns:
        labels = [(x0, x1) for ln in header_lines for text, x0, x1 in _tokens(extents, ln) if pattern.search(text)]
        if len(labels) != 1:
            return None
        spans.append(labels[0])
    placed: list[Cell | None] = [None] * len(columns)
    for value, (x0, x1) in zip(values, found, strict=True):
        centre = (x0 + x1) / 2
        hits = [i for i, (left, right) in enumerate(spans)
                if left - HEADER_TOLERANCE <= centre <= right + HEADER_TOLERANCE]
        if len(hits) != 1 or placed[hits[0]] is not None:
            return None
        placed[hits[0]] = value
    return placed


def fits_under_headers(values: list[Cell], columns: Sequence[re.Pattern], header_lines: set[int],
                       extents: Extents) -> bool:
    """A full row (a value per column) whose every value sits under its own column's header label: the
    evidence that the positions follow the columns, which `place_under_headers` relies on."""
    placed = place_under_headers(values, columns, header_lines, extents)
    return placed is not None and all(p is v for p, v in zip(placed, values, strict=True))


@dataclass(frozen=True)
class ColumnGrid:
    """Where a table's columns are, from its rows that print every column: the edge the cells align on
    (0 left, 1 centre, 2 right), that edge's median per column, its largest spread within a column, and where the
    first column's values begin (a row's label ends before it)."""

    edge: int
    anchors: tuple[float, ...]
    spread: float
    start: float
    rows: int  # the full rows it was drawn from

    def tolerance(self, measured: bool) -> float | None:
        """How far from its column's anchor a value may sit: the grid's spread, at least MIN_TOLERANCE on a page
        (TEXT_TOLERANCE in text), and under half the narrowest gap between columns; None when no tolerance is
        (the columns are too close for the grid's spread)."""
        tolerance = max(MIN_TOLERANCE if measured else TEXT_TOLERANCE, self.spread)
        gaps = [b - a for a, b in zip(self.anchors, self.anchors[1:], strict=False)]
        return tolerance if gaps and 2 * tolerance < min(gaps) else None


def _edge(extent: tuple[float, float], edge: int) -> float:
    left, right = extent
    return left if edge == 0 else right if edge == 2 else (left + right) / 2


def column_grid(full_rows: list[list[tuple[float, float]]]) -> ColumnGrid | None:
    """The grid of the rows that print every column (value extents, one list per row, all the same length):
    the edge whose spread within the columns is least is the one the cells align on. Rows off the columns'
    medians (a text dump of a page pushes a row's values right when its label overflows its column) are left
    out when most rows sit on them."""
    if not full_rows:
        return None
    best: ColumnGrid | None = None
    for edge in (0, 1, 2):
        rows = full_rows
        for _ in range(2):  # all rows; then the rows on the medians, when they are most
            columns = [sorted(_edge(e, edge) for e in column) for column in zip(*rows, strict=True)]
            anchors = tuple(c[len(c) // 2] for c in columns)
            grid = ColumnGrid(edge, anchors, max(c[-1] - c[0] for c in columns), min(row[0][0] for row in rows), len(rows))
            on = [row for row in rows
                  if all(abs(_edge(e, edge) - a) <= MIN_TOLERANCE for e, a in zip(row, anchors, strict=True))]
            if len(on) == len(rows) or len(on) < 2 or 2 * len(on) <= len(full_rows):
                break
            rows = on
        if best is None or grid.spread < best.spread:
            best = grid
    return best


def place_on_grid(values: list[Cell], extents: Extents, grid: ColumnGrid) -> list[Cell | None] | None:
    """Each value in the one column whose anchor its aligned edge is within the grid's tolerance of, one value
    per column; the row's label must end before the grid's first column (a label that overflowed pushed the
    values right). The values may stand on several lines of the row (a wrapped label's)."""
    found = value_extents(values, extents, several_lines=True)
    if found is None:
        return None
    tolerance = grid.tolerance(extents.measured)
    if tolerance is None:
        return None
    if any(x1 > grid.start for line in {v.line for v in values}
           for text, _x0, x1 in _tokens(extents, line) if not is_value_text(text)):
        return None
    placed: list[Cell | None] = [None] * len(grid.anchors)
    for value, extent in zip(values, found, strict=True):
        x = _edge(extent, grid.edge)
        hits = [i for i, anchor in enumerate(grid.anchors) if abs(x - anchor) <= tolerance]
        if len(hits) != 1 or placed[hits[0]] is not None:
            return None
        placed[hits[0]] = value
    return placed
