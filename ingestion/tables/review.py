"""Table 四 (政府信息公开行政复议、行政诉讼情况): one row of 15 numbers under a three-level header."""

from ingestion.canonical import REVIEW, REVIEW_COLUMNS, REVIEW_ROWS, spec
from ingestion.document import Cell, Line
from ingestion.normalize import compact
from ingestion.tables.blank_lines import note_placed, place_by_blank_lines, separator_lines
from ingestion.tables.rows import TableResult, cells_of, split_squeezed, structured_split
from ingestion.tables.splitting import split_digits, sums_to_last
from ingestion.values import is_value_text

# the labels of the header's last level: the columns of each block (canonical.yaml)
REVIEW_LEAF_LABELS = frozenset(spec().label(REVIEW, "columns", c) for c in REVIEW_COLUMNS)


def read_review(lines: list[Line], end_line: int | None = None, empty_cell_lines: int | None = None) -> TableResult:
    """Table 四's 15 values. `end_line`: the line printed after the section; `empty_cell_lines`: what the
    document has shown of them."""
    result = TableResult(present={REVIEW}, empty_cell_lines=empty_cell_lines)
    values, header_leaves, structured = _printed_values(lines)
    n = len(REVIEW_ROWS) * len(REVIEW_COLUMNS)
    physical = len(values)  # cells the row really has, printed blanks included
    while values and not values[-1].text:
        values.pop()
    if len(values) == 1 and values[0].text.isdigit() and len(values[0].text) >= len(REVIEW_ROWS) * len(REVIEW_COLUMNS):
        # each of the three rows: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计
        candidates = split_digits(values[0].text, n, check=sums_to_last, block=len(REVIEW_COLUMNS))
        if candidates and len(candidates) == 1:
            values = cells_of(candidates[0], values[0])
            result.issue("split_concatenated", "info", "table 四 split by its totals", table=REVIEW)
        else:
            result.issue("ambiguous_split", "warning", f"table 四: {values[0].text!r} cannot be split uniquely",
                         table=REVIEW, raw=values[0].text)
            values = []
    elif 0 < len(values) < n and not structured:
        placed = _by_blank_lines(lines, values, end_line, n, result)
        if placed is not None:
            values = placed
        elif len(values) > 1:
            values = split_squeezed(values, n, _blocks_balance, result, "table 四", table=REVIEW) or values
    if not values:
        return result
    result.present.add(REVIEW)
    if len(values) > n:
        # text without separators: which of the values are the table's is not printed (a PDF's reading order writes
        # other tables' columns among them), so none is placed rather than the first 15 guessed
        result.unplaced("extra_cells", f"table 四: {len(values)} values for {n} cells"
                     + ("" if structured else " and no separators; left blank"), table=REVIEW)
        if not structured:
            values = [None] * n
    if physical == n - 1 and structured and header_leaves == n:
        # the header prints all 15 columns but the row has no 15th cell (not a blank one: none at all), as
        # ragged extractions lose a trailing cell; the lost 复议后起诉 总计 is its block's sum by definition.
        # When the header has no such column either, the table dropped it: the value stays null.
        last = REVIEW_ROWS[-1]
        result.derivable[(REVIEW, last, "total")] = [(REVIEW, last, c) for c in REVIEW_COLUMNS if c != "total"]
        result.unplaced("missing_cells",
                     f"table 四: {len(values)} of {n} values printed; the last column (复议后起诉 总计) is not printed",
                     table=REVIEW)
    elif len(values) < n:
        result.unplaced("missing_cells",
                     f"table 四: {len(values)} of {n} values printed; the rest are blank", table=REVIEW)
    width = len(REVIEW_COLUMNS)
    for k, row in enumerate(REVIEW_ROWS):
        if k * width < len(values):
            result.put(REVIEW, row, REVIEW_COLUMNS, values[k * width:(k + 1) * width])
    return result


def _printed_values(lines: list[Line]) -> tuple[list[Cell | None], int, bool]:
    """The section's value cells in order; how many of its labels are column labels of the header's last level
    (15 when the table prints every column); whether every value came from a line with separators."""
    values: list[Cell | None] = []
    header_leaves = 0
    structured = True
    for line in lines:
        if line.structured:
            labels, vals, _ = structured_split(line)
            if any(v.text for v in vals):
                values.extend(vals)
        else:
            labels = [c for c in line.cells if not is_value_text(c.text)]
            vals = [c for c in line.cells if is_value_text(c.text)]
            values.extend(vals)
            structured = structured and not vals
        header_leaves += sum(1 for c in labels if compact(c.text) in REVIEW_LEAF_LABELS)
    return values, header_leaves, structured


def _blocks_balance(parts: list[int]) -> bool:
    """Each of table 四's three blocks: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计."""
    width = len(REVIEW_COLUMNS)
    return all(sums_to_last(parts[i:i + width]) for i in range(0, len(parts), width))


def _by_blank_lines(lines: list[Line], values: list[Cell], end_line: int | None, n: int,
                    result: TableResult) -> list[Cell | None] | None:
    """Text with one cell per line: the row's values placed by the blank lines between them (blank_lines.py),
    from the header's last line on."""
    sep = separator_lines(lines)
    if sep is None:
        return None
    label_lines = [c.line for ln in lines for c in ln.cells if not is_value_text(c.text)]
    first, last = values[0].line, values[-1].line
    after = max((ln for ln in label_lines if ln < first), default=None)
    if after is None:
        return None
    before = min((ln for ln in label_lines if ln > last), default=None)
    placed = place_by_blank_lines(values, after, before, end_line, n, sep, result.empty_cell_lines)
    if placed is None:
        return None
    note_placed(result, "table 四", len(values), n, table=REVIEW)
    return placed.cells
