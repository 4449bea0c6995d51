"""Table 二 (主动公开政府信息情况): items per article of the regulation, their columns named by the headers the table
prints (else by the template); a row that lost blank cells placed under its headers by position."""

import re
from functools import cache, lru_cache

from ingestion.canonical import ACTIVE, ACTIVE_COLUMNS_2019, ACTIVE_COLUMNS_2021, keyword_patterns, spec
from ingestion.document import Cell, Extents, Line
from ingestion.tables.blank_lines import BlankLineRows, note_placed
from ingestion.tables.positions import fits_under_headers, place_under_headers
from ingestion.tables.rows import (
    TableResult,
    cells_of,
    fit,
    lost_character_patterns,
    match_row,
    read_table_rows,
    row_label_start,
    values_before_labels,
    with_lost_characters,
    wrapped_issue,
    wrapped_tail,
)
from ingestion.tables.splitting import split_digits, split_signed

ACTIVE_COLUMN_PATTERNS: list[tuple[str, re.Pattern]] = keyword_patterns(ACTIVE, "columns")  # canonical.yaml
_COLUMN_PATTERN = dict(ACTIVE_COLUMN_PATTERNS)
_LOST_COLUMN_PATTERNS = lost_character_patterns(ACTIVE_COLUMN_PATTERNS)  # 本年新?作数量: a character lost to ?
COLUMNS_2021 = frozenset(ACTIVE_COLUMNS_2021) - frozenset(ACTIVE_COLUMNS_2019)  # a header naming one is the 2021 table
AMOUNT_COLUMNS = ("fee_amount", "procurement_amount")  # the columns a header's unit (单位：万元) applies to


_UNIT = re.compile(r"单位[:：]?\s*(万元|元)")


@lru_cache(maxsize=4096)
def _header_columns(text: str) -> tuple[str, ...]:
    """The table 二 columns a header names, in printed order. Cached (shared result: a tuple)."""
    found = []
    named: set[str] = set()
    for code, pat in with_lost_characters(ACTIVE_COLUMN_PATTERNS, _LOST_COLUMN_PATTERNS, text):
        m = pat.search(text) if code not in named else None
        if m:
            found.append((m.start(), code))
            named.add(code)
    found.sort()
    cols = [c for _, c in found]
    if "procurement_amount" in cols and "procurement_items" not in cols:
        # 总金额 alone is the procurement amount only beside 采购项目.
        cols.remove("procurement_amount")
    return tuple(cols)


@lru_cache(maxsize=4096)
def _active_header(label: str, row: str | None) -> tuple[tuple[str, ...], str | None]:
    """The table 二 columns (and unit) a header printed before the row's own label names, if any.
    Cached: the labels repeat."""
    cut = label
    if row:
        cut = label[: row_label_start(ACTIVE, label, row)]
    cols = _header_columns(cut)
    if not cols:
        return (), None
    um = _UNIT.search(cut)
    return cols, um.group(1) if um else None


@lru_cache(maxsize=64)
def _active_columns(row: str, template: str) -> tuple[str, ...]:
    """The table 二 columns of a row in a template (else in the other one: a row of the other template)."""
    s = spec()
    return tuple(s.active_columns(row, template) or s.active_columns(row, "2019" if template == "2021" else "2021"))


def read_active(lines: list[Line], fallback_template: str, extents: Extents | None = None,
                end_line: int | None = None, empty_cell_lines: int | None = None) -> TableResult:
    """Table 二's rows under their headers. `extents`: the positions of a PDF's (or layout text's) tokens;
    `end_line`: the line printed after the section; `empty_cell_lines`: what the document has shown of them."""
    result = TableResult(present={ACTIVE}, empty_cell_lines=empty_cell_lines)
    header: tuple[str, ...] = ()
    header_lines: set[int] = set()  # the lines the current header is printed on
    seen_columns: set[str] = set()  # every header of the table: one 2021 column anywhere makes it the 2021 table
    unit: str | None = None  # the current header's (单位：万元)
    deferred: list[tuple[str, list[str] | tuple[str, ...], list[Cell], str | None, set[int]]] = []  # short rows
    full_rows: list[tuple[list[str] | tuple[str, ...], list[Cell], set[int]]] = []  # a value in every column
    rows, reader = read_table_rows(ACTIVE, lines)
    by_lines = cache(lambda: BlankLineRows(result, lines, rows, reader.trailing, end_line))  # one cell per line
    misread = values_before_labels(result, ACTIVE, rows)
    tails: set[int] = set()  # rows that are the wrapped tail of the row before (wrapped_tail)
    for i, (label, labels, values, structured, _shifted) in enumerate(rows):
        row = match_row(ACTIVE, label)
        cols, header_unit = _active_header(label, row)
        if cols:  # a header: the rows below it have its columns (and its unit)
            header, header_lines, unit = cols, {c.line for c in labels}, header_unit
            seen_columns.update(cols)
        if row is None:
            nums = [v for v in values if v.text]
            if nums and not misread and i not in tails:
                result.unplaced("unknown_row", f"table 二: values under an unrecognised label {label[:40]!r}",
                             table=ACTIVE, label=label[:80])
            continue
        allowed, columns = _row_columns(header, row, fallback_template)
        if misread and not structured:
            _place_active_row(result, row, columns, [], unit, False)
            continue
        vals = values if structured else [v for v in values if v.text]
        if header:
            columns = _unnamed_columns(result, row, columns, allowed, vals)
        if not structured and len(vals) == 1 and len(columns) > 1 and vals[0].glued:
            vals = _split_glued(result, row, columns, vals[0])
        tail = wrapped_tail(rows, i) if not structured and len(vals) == len(columns) else None
        if tail is not None:
            tails.add(i + 1)
            wrapped_issue(result, ACTIVE, row, vals, tail)
            _place_active_row(result, row, columns, [], unit, False)
            continue
        short = not structured and 0 < len(vals) < len(columns)
        if short and not vals[0].glued:
            by_blank_lines = by_lines().place(i, vals, len(columns))
            if by_blank_lines is not None:
                note_placed(result, f"table 二 row {row}", len(vals), len(columns), table=ACTIVE, row=row)
                _place_active_row(result, row, columns, by_blank_lines.cells, unit, False)
                continue
        if extents is not None and header and not structured and len(vals) == len(columns) > 1:
            full_rows.append((columns, vals, header_lines))
        if short and extents is not None and header:
            deferred.append((row, columns, vals, unit, header_lines))  # placed once the whole table is read
            continue
        _place_active_row(result, row, columns, vals, unit, short)
    if deferred:
        _place_short_rows(result, deferred, _witnessed_reading(extents, full_rows))
    if seen_columns:
        result.template_hint = "2021" if seen_columns & COLUMNS_2021 else "2019"
    return result


def _row_columns(header: tuple[str, ...], row: str, fallback_template: str
                 ) -> tuple[tuple[str, ...], list[str] | tuple[str, ...]]:
    """A row's columns in its template (that of the header, else `fallback_template`), and those of them the
    header names (all of them when it names none, or there is no header)."""
    template = "2021" if set(header) & COLUMNS_2021 else "2019" if header else fallback_template
    allowed = _active_columns(row, template)
    columns = [c for c in header if c in allowed] if header else allowed
    return allowed, columns or allowed


def _unnamed_columns(result: TableResult, row: str, columns: list[str] | tuple[str, ...],
                     allowed: tuple[str, ...], vals: list[Cell]) -> list[str] | tuple[str, ...]:
    """The header names fewer of the row's columns than the row prints values: a label it does not know (a
    typo, a wrapped word); the values are the template's columns, in its order. (A row whose extra cells are
    blank, a merged cell's padding, keeps the header's columns as named.)"""
    if not (len(columns) < len(allowed) == len(vals) and sum(1 for v in vals if v.text) > len(columns)):
        return columns
    missing = [c for c in allowed if c not in columns]
    result.issue("unknown_column", "warning",
                 f"table 二 row {row}: the header names {len(columns)} of its {len(allowed)} columns (not "
                 f"{', '.join(missing)}); its {len(vals)} values are read in the template's column order",
                 table=ACTIVE, row=row)
    return list(allowed)


def _split_glued(result: TableResult, row: str, columns: list[str] | tuple[str, ...], glued: Cell) -> list[Cell]:
    """One run of glued digits for a row of several columns: its cells when it cuts one way only, else none."""
    run = glued.text
    if "change_this_year" in columns and ("-" in run or "+" in run):  # 本年增/减 printed with its sign
        parts = split_signed(run, len(columns), columns.index("change_this_year"))
    else:
        parts = split_digits(run, len(columns))
    if parts is not None and len(parts) == 1:
        result.issue("split_concatenated", "info", f"table 二 row {row}: {run!r} split uniquely",
                     table=ACTIVE, row=row)
        return cells_of(parts[0], glued)
    result.issue("ambiguous_split", "warning",
                 f"table 二 row {row}: {run!r} can be cut into {len(columns)} numbers in "
                 f"{'many' if parts is None else len(parts)} ways; left blank", table=ACTIVE, row=row, raw=run)
    return []


def _place_short_rows(result: TableResult, deferred: list, witness: Extents | None) -> None:
    """Rows that printed fewer values than columns, each value under the header its position falls in.
    Character columns place a row only when a full row of the table sits under its header labels the same
    way (`witness`: the text is laid out in columns, not spaced by chance); a page's points need no witness."""
    for row, columns, vals, row_unit, row_header in deferred:
        placed = (place_under_headers(vals, [_COLUMN_PATTERN[c] for c in columns], row_header, witness)
                  if witness is not None else None)
        if placed is not None:
            result.issue("cells_placed_by_position", "info",
                         f"table 二 row {row}: {len(vals)} values for {len(columns)} columns, each placed under the "
                         f"header its position on the page falls in", table=ACTIVE, row=row)
        _place_active_row(result, row, columns, placed if placed is not None else vals, row_unit, placed is None)


def _witnessed_reading(extents: Extents | None,
                       full_rows: list[tuple[list[str] | tuple[str, ...], list[Cell], set[int]]]) -> Extents | None:
    """The reading of the positions (Extents.readings) that places the table's short rows: a page's measured
    points; of text's character or display columns, the first in which a full row of the table sits under its
    header labels (the text is laid out in columns, not spaced by chance)."""
    if extents is None:
        return None
    if extents.measured:
        return extents
    for reading in extents.readings():
        if any(fits_under_headers(vals, [_COLUMN_PATTERN[c] for c in columns], row_header, reading)
               for columns, vals, row_header in full_rows):
            return reading
    return None


def _place_active_row(result: TableResult, row: str, columns: list[str] | tuple[str, ...],
                      vals: list[Cell | None], unit: str | None, short: bool) -> None:
    """Put a table 二 row's values under its columns. A short row (fewer values than columns, no separators,
    not placed by position) is left blank: which column each number belongs to is unknown, so none is placed
    rather than one misplaced."""
    if short:
        result.unplaced("ambiguous_cells",
                     f"table 二 row {row}: {len(vals)} values for {len(columns)} columns and no column positions; "
                     f"left blank: {' '.join(v.text for v in vals if v is not None)!r}", table=ACTIVE, row=row)
        vals = []
    fitted = fit(vals, len(columns), False, result, ACTIVE, row)
    result.put(ACTIVE, row, columns, fitted, dict.fromkeys(AMOUNT_COLUMNS, unit) if unit else None)
    result.present.add(ACTIVE)
