"""Table 三 (收到和处理政府信息公开申请情况): applicant columns x outcome rows; rows that lost blank cells placed on
the table's column grid, glued digits cut by the row total (and, when several cuts balance, by the column
totals)."""

from functools import cache

from ingestion.canonical import APPLICANT_COLUMNS, APPLICATIONS
from ingestion.document import Cell, Extents, Line
from ingestion.tables.blank_lines import BlankLineRows, note_placed
from ingestion.tables.positions import ColumnGrid, column_grid, place_on_grid, value_extents
from ingestion.tables.rows import (
    Row,
    TableResult,
    cells_of,
    fit,
    match_row,
    read_table_rows,
    split_squeezed,
    values_before_labels,
    wrapped_issue,
    wrapped_tail,
)
from ingestion.tables.splitting import settle_by_columns, split_digits, sums_to_last
from ingestion.values import parse_value


def read_applications(lines: list[Line], extents: Extents | None = None, end_line: int | None = None,
                      empty_cell_lines: int | None = None) -> TableResult:
    """Table 三's rows. `extents`: the positions of a PDF's (or layout text's) tokens; `end_line`: the line
    printed after the section; `empty_cell_lines`: what the document has shown of them."""
    result = TableResult(present={APPLICATIONS}, empty_cell_lines=empty_cell_lines)
    n = len(APPLICANT_COLUMNS)
    pending: dict[str, tuple[Cell, tuple[tuple[str, ...], ...]]] = {}  # digit runs that split several ways
    rows, reader = read_table_rows(APPLICATIONS, lines)
    grid_of = cache(lambda: _grid_of(rows, n, extents))  # the column grid, found when a row first needs it
    by_lines = cache(lambda: BlankLineRows(result, lines, rows, reader.trailing, end_line, n))  # one cell per line
    misread = values_before_labels(result, APPLICATIONS, rows)
    tails: set[int] = set()  # rows that are the wrapped tail of the row before (wrapped_tail)
    for i, (label, _labels, values, structured, shifted) in enumerate(rows):
        row = match_row(APPLICATIONS, label)
        if row is None:
            if not misread and i not in tails and any(v.text for v in values):
                result.unplaced("unknown_row",
                             f"table 三: values under an unrecognised label {label[:40]!r}",
                             table=APPLICATIONS, label=label[:80])
            continue
        result.present.add(APPLICATIONS)
        if structured:
            fitted = fit(values, n, shifted, result, APPLICATIONS, row)
        elif misread:
            fitted = [None] * n
        else:
            nums = [v for v in values if v.text]
            placed = None
            if 0 < len(nums) < n and not nums[0].glued:
                by_blank_lines = by_lines().place(i, nums, n)
                if by_blank_lines is not None:
                    note_placed(result, f"table 三 row {row}", len(nums), n, table=APPLICATIONS, row=row)
                    result.put(APPLICATIONS, row, APPLICANT_COLUMNS, by_blank_lines.cells)
                    continue
            squeezed = (split_squeezed(nums, n, sums_to_last, result, f"table 三 row {row}", table=APPLICATIONS, row=row)
                        if 1 < len(nums) < n else None)
            if squeezed is not None:  # layout text whose narrow columns ran together
                result.put(APPLICATIONS, row, APPLICANT_COLUMNS, squeezed)
                continue
            # a row whose values stand on two lines of its wrapped label (rows._continued_row): which line holds
            # which columns is where they stand, not their order
            two_lines = (len(nums) == n and nums[0].line != nums[-1].line
                         and (nums[0].line == nums[1].line or nums[-1].line == nums[-2].line))
            if extents is not None and (0 < len(nums) < n or two_lines) and not nums[0].glued:
                grid, grid_extents = grid_of()
                placed = place_on_grid(nums, grid_extents, grid) if grid is not None else None
            fitted = _fit_row(result, rows, i, row, nums, placed, two_lines, extents, pending, tails)
        result.put(APPLICATIONS, row, APPLICANT_COLUMNS, fitted)
    if pending:
        _settle_by_columns(pending, result)
    if any(r in result.cells.get(APPLICATIONS, {}) for r in ("other_no_correction", "other_unpaid_fee", "other_other")):
        result.template_hint = "2021"
    return result


def _fit_row(result: TableResult, rows: list[Row], i: int, row: str, nums: list[Cell], placed: list | None,
             two_lines: bool, extents: Extents | None, pending: dict, tails: set[int]) -> list:
    """The n cells of an unstructured row of table 三 from its values: as printed when it prints all n; placed
    by position; the glued run cut; a lone value as the 总计; else left blank, flagged."""
    n = len(APPLICANT_COLUMNS)
    tail = wrapped_tail(rows, i) if len(nums) == n else None
    if tail is not None:
        tails.add(i + 1)
        wrapped_issue(result, APPLICATIONS, row, nums, tail)
        fitted = [None] * n
    elif len(nums) == n and not two_lines:
        fitted = list(nums)
    elif two_lines and placed is None:
        ordered = _lines_in_order(nums, extents) if extents is not None else None
        if ordered is not None:
            fitted = ordered
            result.issue("cells_placed_by_position", "info",
                         f"table 三 row {row}: {n} values on two lines, the values of one line all beside the "
                         f"other's, read in their lines' order", table=APPLICATIONS, row=row)
        else:
            fitted = [None] * n
            result.unplaced("ambiguous_cells",
                         f"table 三 row {row}: {n} values on {len({v.line for v in nums})} lines of its label and "
                         f"no column positions; left blank: {' '.join(v.text for v in nums)!r}",
                         table=APPLICATIONS, row=row)
    elif placed is not None:
        fitted = placed
        result.issue("cells_placed_by_position", "info",
                     f"table 三 row {row}: {len(nums)} values for {n} columns, each placed in the column its "
                     f"position on the page lines up with (the rows that print all {n})", table=APPLICATIONS, row=row)
    elif len(nums) == 1 and nums[0].glued:
        fitted = _split_row(nums[0], n, row, result, pending)
    elif len(nums) == 1:
        fitted = [None] * (n - 1) + [nums[0]]
        result.issue("total_only", "info", f"table 三 row {row}: one value, read as the 总计 column",
                     table=APPLICATIONS, row=row)
    else:
        # which column each number belongs to is not printed: none is placed rather than one misplaced
        fitted = [None] * n
        result.unplaced("ambiguous_cells",
                     f"table 三 row {row}: {len(nums)} values for {n} columns and no column positions; left "
                     f"blank: {' '.join(v.text for v in nums)!r}", table=APPLICATIONS, row=row)
    return fitted


def _grid_of(rows: list[Row], n: int, extents: Extents) -> tuple[ColumnGrid | None, Extents | None]:
    """Where table 三's columns are on the page, from its rows that print all n values, in the best reading of
    the positions (Extents.readings; _rank)."""
    best: tuple[ColumnGrid | None, Extents | None] = (None, None)
    for reading in extents.readings():
        full = []
        for _label, _labels, values, structured, _shifted in rows:
            nums = [v for v in values if v.text]
            if not structured and len(nums) == n and not any(v.glued for v in nums):
                found = value_extents(nums, reading)
                if found is not None:
                    full.append(found)
        grid = column_grid(full)
        if grid is not None and (best[0] is None or _rank(grid, reading) > _rank(best[0], best[1])):
            best = (grid, reading)
    return best


def _lines_in_order(values: list[Cell], extents: Extents) -> list[Cell | None] | None:
    """A row's values on two lines, in reading order, when the lines' values do not interleave: every value of
    one line stands left of every value of the other (in the positions as the extractor wrote them). The first
    line's values left of the second's: a wrapped label's first line beside the first column; right of them: a
    long row wrapped, the rest of it at the line's start. None when they interleave."""
    lines = sorted({v.line for v in values})
    if len(lines) != 2:
        return None
    first = [v for v in values if v.line == lines[0]]
    second = [v for v in values if v.line == lines[1]]
    a, b = value_extents(first, extents), value_extents(second, extents)
    if a is None or b is None:
        return None
    if max(x1 for _, x1 in a) < min(x0 for x0, _ in b) or max(x1 for _, x1 in b) < min(x0 for x0, _ in a):
        return [*first, *second]
    return None


def _rank(grid: ColumnGrid, reading: Extents | None) -> tuple[bool, int, float]:
    """A reading's grid is better when it places values at all, then when more full rows are on it, then when
    they are closer to it."""
    return grid.tolerance(reading is not None and reading.measured) is not None, grid.rows, -grid.spread


def _split_row(cell: Cell, n: int, row: str, result: TableResult,
               pending: dict[str, tuple[Cell, tuple[tuple[str, ...], ...]]]) -> list[Cell | None]:
    """A row printed as one digit run: split it so that the six applicant columns sum to 总计. A run that
    splits several ways is left blank here and added to `pending`, for the column totals to settle."""
    candidates = split_digits(cell.text, n, check=sums_to_last)
    if candidates and len(candidates) == 1:
        result.issue("split_concatenated", "info",
                     f"table 三 row {row}: {cell.text!r} split by the row total", table=APPLICATIONS, row=row)
        return cells_of(candidates[0], cell)
    if candidates:
        pending[row] = (cell, candidates)
    else:
        _ambiguous_row(result, row, cell, candidates)
    return [None] * n


def _ambiguous_row(result: TableResult, row: str, cell: Cell, candidates: tuple | None) -> None:
    result.issue("ambiguous_split", "warning",
                 f"table 三 row {row}: {cell.text!r} has {len(candidates or ())} possible splits; left blank",
                 table=APPLICATIONS, row=row, raw=cell.text)


def _settle_by_columns(pending: dict[str, tuple[Cell, tuple[tuple[str, ...], ...]]], result: TableResult) -> None:
    """Rows whose digit run balances its own total in several ways: the column identities choose, with every
    other row as printed (splitting.settle_by_columns); the choice is flagged (split_by_column_totals).
    Otherwise each row stays blank and is flagged ambiguous."""
    known: dict[tuple[str, str], float | int | None] = {}
    for row, cols in result.cells.get(APPLICATIONS, {}).items():
        if row not in pending:
            for col, cell in cols.items():
                known[(row, col)] = parse_value(cell.text).value if cell is not None else None
    chosen = settle_by_columns({row: candidates for row, (_, candidates) in pending.items()}, known)
    if chosen is None:
        for row, (cell, candidates) in pending.items():
            _ambiguous_row(result, row, cell, candidates)
        return
    for row, parts in chosen.items():
        cell, candidates = pending[row]
        result.put(APPLICATIONS, row, APPLICANT_COLUMNS, cells_of(parts, cell))
        result.issue("split_by_column_totals", "warning",
                     f"table 三 row {row}: {cell.text!r} balances its row total in {len(candidates)} ways; "
                     f"split as {'|'.join(parts)}, the one that the column totals agree with",
                     table=APPLICATIONS, row=row, raw=cell.text)
