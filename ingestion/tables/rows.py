"""A table section's rows: label cells paired with their value cells, labels matched to the template's row codes,
structured rows (separators, HTML grids) fitted to their columns. Shared by the readers of tables 二, 三 and 四
(table_active.py, table_applications.py, table_review.py) and the pre-2019 statistics table (narrative.py)."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from ingestion.canonical import ACTIVE, APPLICANT_COLUMNS, APPLICATIONS, OUTCOME_ROWS_2021, keyword_patterns, spec
from ingestion.document import Cell, Line
from ingestion.issue_codes import issue as new_issue
from ingestion.normalize import compact, fold_width
from ingestion.result import Issue
from ingestion.tables.splitting import cut_squeezed
from ingestion.values import is_label_text, is_value_text

# Row keywords per table (canonical.yaml), in template order: the row whose keyword ends last in the
# accumulated label text wins.
ROW_PATTERNS: dict[str, list[tuple[str, re.Pattern]]] = {table: keyword_patterns(table, "rows")
                                                         for table in (ACTIVE, APPLICATIONS)}


def lost_character_patterns(patterns: list[tuple[str, re.Pattern]]) -> list[tuple[str, re.Pattern]]:
    """Keywords (a row's, a column's) with any one character lost to ? (a conversion that could not encode it:
    Big5 has no 丢): 行?许可 still names administrative_licensing. Only keywords of plain characters, 3 or more
    of them: a 2-character keyword with one lost says too little."""
    out = []
    for code, pat in patterns:
        words = [w for w in pat.pattern.split("|") if len(w) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", w)]
        variants = [re.escape(w[:i]) + r"\?" + re.escape(w[i + 1:]) for w in words for i in range(len(w))]
        if variants:
            out.append((code, re.compile("|".join(variants))))
    return out


LOST_CHARACTER_PATTERNS = {table: lost_character_patterns(patterns) for table, patterns in ROW_PATTERNS.items()}
_HEADER_WORDS = re.compile(r"自然人|商业企业|申请人情况|信息内容|结果维持|本年新制作|本年制发")
_NUMERAL = {ACTIVE: "二", APPLICATIONS: "三"}  # a table's number, as messages name it


@dataclass
class TableResult:
    cells: dict[str, dict[str, dict[str, Cell | None]]] = field(default_factory=dict)
    units: dict[tuple[str, str, str], str] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)  # tables whose section or rows were found
    template_hint: str | None = None  # "2019"/"2021" from the table's own columns
    issues: list[Issue] = field(default_factory=list)
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)  # line ranges of the table sections
    # cells the source did not print but its template defines exactly: (table, row, col) -> the cells they sum
    derivable: dict[tuple[str, str, str], list[tuple[str, str, str]]] = field(default_factory=dict)
    # one-cell-per-line text: the blank lines an empty cell takes, once a row has shown it (blank_lines.py)
    empty_cell_lines: int | None = None
    # values printed that no cell took (a row not recognised, values not placeable, a table short of cells):
    # a PDF read in stream order is then read again by position
    values_unplaced: bool = False

    def merge(self, other: "TableResult") -> None:
        """Take in the result of the next table read: its cells, issues and findings; a template hint or an
        empty cell's lines already found stay."""
        self.cells.update(other.cells)
        self.units.update(other.units)
        self.present |= other.present
        self.template_hint = self.template_hint or other.template_hint
        self.issues.extend(other.issues)
        self.derivable.update(other.derivable)
        if self.empty_cell_lines is None:
            self.empty_cell_lines = other.empty_cell_lines
        self.values_unplaced = self.values_unplaced or other.values_unplaced

    def put(self, table: str, row: str, columns: Iterable[str], cells: Iterable[Cell | None],
            units: dict[str, str] | None = None) -> None:
        """Place a row's cells under its columns (pairs up to the shorter). A cell printed twice keeps the
        first printing; a different second printing is an issue."""
        rows = self.cells.setdefault(table, {})
        cols = rows.get(row)
        if cols is None:  # the row's first printing (the common case): every pair is placed
            cols = rows[row] = dict(zip(columns, cells, strict=False))
            if units:
                for col in cols:
                    if units.get(col):
                        self.units[(table, row, col)] = units[col]
            return
        for col, cell in zip(columns, cells, strict=False):
            old = cols.get(col)
            if old is not None and cell is not None:
                if old.text != cell.text:
                    self.issue("duplicate_cell", "warning",
                               f"{table}.{row}.{col} printed twice ({old.text!r} and {cell.text!r}); kept the first",
                               table=table, row=row, column=col)
                continue
            cols[col] = cell
            unit = units.get(col) if units else None
            if unit:
                self.units[(table, row, col)] = unit

    def issue(self, code: str, severity: str, message: str, **extra) -> None:
        self.issues.append(new_issue(code, severity, message, **extra))

    def unplaced(self, code: str, message: str, **extra) -> None:
        """A warning that printed values were left out of the grid (values_unplaced)."""
        self.values_unplaced = True
        self.issue(code, "warning", message, **extra)


@lru_cache(maxsize=4096)
def match_row(table: str, label: str) -> str | None:
    """The row code whose label pattern ends last (then longest) in the label; but an item of （六）其他处理
    (2021) wins over the group's own label wherever it stands (a wrapped item label's first line can come
    before the group's label in text read line by line). A label holding ? (a character lost in conversion) is
    also matched by the keywords with one character lost. Cached: labels repeat."""
    best: tuple[int, int, str] | None = None
    best_item: tuple[int, int, str] | None = None
    for code, pat in _patterns(table, label):
        for m in pat.finditer(label):
            key = (m.end(), m.end() - m.start(), code)
            if best is None or key[:2] > best[:2]:
                best = key
            if code in OUTCOME_ROWS_2021 and (best_item is None or key[:2] > best_item[:2]):
                best_item = key
    if best is not None and best[2] == "other_handling" and best_item is not None:
        return best_item[2]
    return best[2] if best else None


def with_lost_characters(patterns: list[tuple[str, re.Pattern]], lost: list[tuple[str, re.Pattern]],
                         text: str) -> list[tuple[str, re.Pattern]]:
    """The keywords a text is matched with: with one character lost too (`lost`, lost_character_patterns) where
    it holds ? (a character lost in conversion)."""
    return patterns + lost if "?" in text else patterns


def _patterns(table: str, label: str) -> list[tuple[str, re.Pattern]]:
    """The row keywords a label is matched with (with_lost_characters)."""
    return with_lost_characters(ROW_PATTERNS[table], LOST_CHARACTER_PATTERNS[table], label)


def row_label_start(table: str, label: str, row: str) -> int:
    """Where, in `label`, the last keyword of `row` (which match_row found in it) starts: what stands before it
    is printed before the row's own label (a header, a group label)."""
    return [m for code, p in _patterns(table, label) if code == row for m in p.finditer(label)][-1].start()


_INHERITED = attrgetter("inherited")
_TEXT = attrgetter("text")


def structured_split(line: Line) -> tuple[list[Cell], list[Cell], bool]:
    """Label cells, value cells (with blanks), and whether the label sat after a leading blank."""
    cells = line.cells
    is_label = list(map(is_label_text, map(_TEXT, cells)))
    if True not in is_label:
        return [], [c for c in cells if not c.inherited] if any(map(_INHERITED, cells)) else list(cells), False
    first_label = is_label.index(True)
    if is_label.count(True) == 1:  # one label cell (the common row): no search from the right
        last_label = first_label
        labels = [cells[first_label]]
    else:
        last_label = len(cells) - 1 - is_label[::-1].index(True)
        labels = list(compress(cells[: last_label + 1], is_label))
    if cells[last_label].inherited:  # a rowspan copy (HTML) is context: the values follow the last own label
        last_label = next((i for i in range(last_label - 1, -1, -1) if is_label[i] and not cells[i].inherited), -1)
        labels = list(compress(cells[: last_label + 1], is_label))
    values = cells[last_label + 1:]
    if any(map(_INHERITED, values)):
        values = [c for c in values if not c.inherited]
    return labels, values, first_label > 0


def fit(values: list[Cell], n: int, right_align: bool, result: TableResult, table: str, row: str) -> list[Cell | None]:
    """Fit a structured row's value cells to n columns, flagging what the fit dropped or guessed: extra_cells
    (more cells than columns: the extra ones are not placed); short_row (text with separators, fewer cells than
    columns and a value printed: which end of the row lost its cells is not printed; read from the left, or
    from the right when the label followed a blank cell). A grid's row (HTML: cells at their visual columns) is
    read as a browser shows it, from the left."""
    if len(values) == n:
        return list(values)
    vals = list(values)
    while len(vals) > n and not vals[-1].text:
        vals.pop()
    while len(vals) > n and not vals[0].text:
        vals.pop(0)
    name = _NUMERAL[table]
    if len(vals) > n:
        result.unplaced("extra_cells", f"table {name} row {row}: {len(vals)} value cells for {n} columns",
                     table=table, row=row)
        return list(vals[:n])
    if len(vals) < n:
        if vals and vals[0] is not None and vals[0].span_end is None and any(v.text for v in vals):
            side = "right (the label follows a blank cell)" if right_align else "left"
            result.issue("short_row", "warning", f"table {name} row {row}: {len(vals)} cells for {n} columns; "
                         f"read from the {side}", table=table, row=row)
        pad: list[Cell | None] = [None] * (n - len(vals))
        return pad + list(vals) if right_align else list(vals) + pad
    return list(vals)


class Row(NamedTuple):
    """A table row as the reader pairs it: its label, the cells that print it, its value cells, whether the line had
    separators (blank cells keep their places), whether the label followed a blank cell (read from the right)."""

    label: str
    labels: list[Cell]
    values: list[Cell]
    structured: bool
    shifted: bool


def wrapped_tail(rows: list[Row], i: int) -> Cell | None:
    """The number that stands alone, under no label, on the line right after row i's last value, in text without
    separators: the tail of a number its narrow cell wrapped (7730.2 / 8, 411 / 9), or a stray number. Row i's
    values cannot then be trusted: its last may be cut short. None when the next row is no such line."""
    if i + 1 >= len(rows):
        return None
    label, _labels, values, structured, _shifted = rows[i + 1]
    _label, _labels, prev_values, prev_structured, _shifted = rows[i]
    if label or structured or prev_structured:
        return None
    nums = [v for v in values if v.text]
    printed = [v for v in prev_values if v.text]
    if len(nums) != 1 or not printed or nums[0].line != printed[-1].line + 1 or not nums[0].text[:1].isdigit():
        return None
    return nums[0]


def wrapped_issue(result: TableResult, table: str, row: str, values: list[Cell], tail: Cell) -> None:
    """Flag row `row` left blank: a number stands alone on the line after its values (wrapped_tail)."""
    result.unplaced("ambiguous_cells",
                 f"table {_NUMERAL[table]} row {row}: {tail.text!r} stands alone on the line after its values "
                 f"{' '.join(v.text for v in values if v.text)!r}: a value its cell wrapped, or a stray number; left "
                 f"blank", table=table, row=row)


def values_before_labels(result: TableResult, table: str, rows: list[Row]) -> bool:
    """Whether a table in text without separators prints values under its header, before any row label names
    them, as text read in a PDF's reading order (pdftotext's default mode) does: it writes a tall label cell
    after its row's values, so each label stands before the next row's values and no pairing of labels and
    values can be trusted. Flagged here (values_before_labels); the caller leaves such rows blank."""
    for label, _labels, values, structured, _shifted in rows:
        if match_row(table, label) is not None:
            return False  # a row label came first: values stand after their labels
        if not structured and any(map(_TEXT, values)) and _HEADER_WORDS.search(label):
            result.unplaced("values_before_labels",
                         f"table {_NUMERAL[table]}: values printed under the header {label[:40]!r} before a row label names them "
                         f"(text in a PDF's reading order: each label follows its row's values); no label can be "
                         f"paired with its values, the rows are left blank", table=table)
            return True
    return False


class RowReader:
    """Walks one table section and yields (label text, label cells, value cells, structured, shifted). `table`
    None: a table outside the template (a row of blank cells is then no row)."""

    def __init__(self, table: str | None) -> None:
        self.table = table
        self.pending: list[Cell] = []
        self.values: list[Cell] = []
        self.rows: list[Row] = []
        self.trailing: list[Cell] = []

    def _flush(self, structured: bool = False, shifted: bool = False) -> None:
        if self.values:
            label = compact("".join([c.text for c in self.pending]))
            self.rows.append(Row(label, self.pending, self.values, structured, shifted))
            self.pending = []
            self.values = []

    def feed(self, line: Line) -> None:
        if line.structured:
            self._flush()
            labels, values, shifted = structured_split(line)
            self.pending.extend(labels)
            printed = any(map(_TEXT, values))
            if values and not printed and labels and self.table is not None:
                # a row of blank cells still names a row: it is read (as blanks) unless it is a header
                own = compact("".join([c.text for c in labels]))
                printed = match_row(self.table, own) is not None and not _HEADER_WORDS.search(own)
            if values and printed:
                self.values = values
                self._flush(structured=True, shifted=shifted)
            return
        count = 0
        for cell in line.cells:
            if cell.glued or is_value_text(cell.text):
                self.values.append(cell)
                count += 1
            else:
                if self.values:
                    self._flush()
                self.pending.append(cell)
        if len(line.cells) >= 2 and count:
            self._flush()

    def finish(self) -> list[Row]:
        self._flush()
        self.trailing = self.pending  # label text after the last row's values
        return self.rows


_CONTINUATION_LINES = 12  # lines a wrapped label can continue over after its row's values
# an item's number, where a row's label begins: 3.危及…, （三）不予公开 (or its first line, （三), 一、本年…
_ITEM_NUMBER = re.compile(r"(?<!\d)\d{1,2}[.．、]|[（(][一二三四五六七八九十]|(?<![一二三四五六七八九十第])[一二三四五六七八九十]、")


# table 三's group labels (（三）不予公开 …, from the canonical labels, and 三、本年度办理结果, the column beside them),
# as the text prints them: in narrow columns they wrap beside their items, a piece a line at the line's start
_GROUP_LABELS = tuple(sorted({fold_width(spec().label(APPLICATIONS, "rows", row).split()[0])
                              for row in spec().rows(APPLICATIONS) if " " in spec().label(APPLICATIONS, "rows", row)}
                             | {"三、本年度办理结果"}))
_GROUP_PIECE = 4  # characters a piece of a group label holds at most, on its line


def _label_of(table: str, cells: list[Cell]) -> str:
    """The label that `cells` print, for matching. When it names no row but does with each line's leading piece of
    a group label left out (a narrow column's lines: (三 1.属于国家 / )不 秘密 / 予公 2.其他法律), it is read so."""
    label = compact("".join([c.text for c in cells]))
    if table != APPLICATIONS or match_row(table, label) is not None:
        return label
    without = "".join([_without_group_piece(compact(c.text)) for c in cells])
    return without if without != label and match_row(table, without) is not None else label


def _without_group_piece(text: str) -> str:
    """`text` without the longest piece of a group label it begins with (not the whole text)."""
    for n in range(min(_GROUP_PIECE, len(text) - 1), 0, -1):
        if any(text[:n] in group for group in _GROUP_LABELS):
            return text[n:]
    return text


def _tails_above(table: str, rows: list[Row]) -> list[Row]:
    """Give the lines above a row whose values line begins a numbered label (3.危及“三 0 1 0 … / 安全一稳 / 定” /
    4.保护第三 0 0 …) back to the row before: they are its label's last lines (values on a label's first line, as
    Word prints a top-aligned cell), when the row before still names its row (or comes to name one)."""
    out = list(rows)
    for i in range(1, len(out)):
        label, labels, values, structured, shifted = out[i]
        p_label, p_labels, p_values, p_structured, p_shifted = out[i - 1]
        if structured or p_structured or not values or not p_values:
            continue
        first = values[0].line
        # a label beside the values (the last label cell on their line) and lines above it: else nothing to move
        if not labels or labels[0].line >= first or labels[-1].line != first:
            continue
        own = [c for c in labels if c.line == first]
        if not _ITEM_NUMBER.search(compact("".join([c.text for c in own]))):
            continue
        above = [c for c in labels if c.line < first]
        joined = _label_of(table, p_labels + above)
        named = match_row(table, joined)
        if named is None or named != (match_row(table, p_label) or named):
            continue
        rest = [c for c in labels if c.line >= first]
        out[i - 1] = Row(joined, p_labels + above, p_values, p_structured, p_shifted)
        out[i] = Row(_label_of(table, rest), rest, values, structured, shifted)
    return out


def read_table_rows(table: str, lines: list[Line]) -> tuple[list[Row], "RowReader"]:
    """A table section's rows, wrapped labels adopted (adopt_label_continuations), and the reader that read
    them (its `trailing` lines)."""
    reader = RowReader(table)
    for line in lines:
        reader.feed(line)
    return adopt_label_continuations(table, reader.finish(), reader.trailing), reader


def adopt_label_continuations(table: str, rows: list[Row], trailing: list[Cell]) -> list[Row]:
    """Give a wrapped label's lines back to their row, in text where the values stand on the label's first line
    (一、本 3 2 0 … / 年新收 / 政府信息公开申请数量): the reader gave the lines after the values to the next row.
    A row naming no row takes the fewest such lines that make it name one, when the next row still names its
    own; otherwise nothing moves. Numbered lines and tails are settled first (_label_ends_with_values,
    _tails_above); in table 三 a row may continue the one before it (_continued_row)."""
    order = {code: k for k, (code, _) in enumerate(ROW_PATTERNS[table])}
    out: list[Row | None] = list(_tails_above(table, _label_ends_with_values(table, rows)))
    last = -1  # template position of the last row named
    for i, (label, labels, values, structured, shifted) in enumerate(out):
        code = match_row(table, label)
        if code is not None or structured or not values:
            last = order[code] if code is not None else last
            continue
        if table == APPLICATIONS and i > 0:
            continued = _continued_row(out[i - 1], out[i])
            if continued is not None:
                out[i - 1], out[i] = continued, None
                continue
        following = out[i + 1] if i + 1 < len(out) else None
        if following is not None and following[3]:
            continue
        donor = following[1] if following is not None else trailing
        first = following[2][0].line if following is not None and following[2] else None
        above = sorted({c.line for c in donor if first is None or c.line < first})[:_CONTINUATION_LINES]
        kept = match_row(table, following[0]) if following is not None else None
        begins = following is not None and any(c.line == first for c in donor)  # a label beside its values
        for line in above:
            own = labels + [c for c in donor if c.line <= line]
            own_label = _label_of(table, own)
            named = match_row(table, own_label)
            if named is None:
                continue
            rest = [c for c in donor if c.line > line]
            rest_label = compact("".join([c.text for c in rest]))
            rest_code = match_row(table, rest_label) if rest else None
            keeps = kept is not None and rest_code == kept and order[named] < order[kept]
            if not (last < order[named] and (following is None or keeps or (rest_code is None and begins))):
                break
            out[i] = Row(own_label, own, values, structured, shifted)
            if following is not None:
                out[i + 1] = Row(rest_label, rest, *following[2:])
            last = order[named]
            break
    return [row for row in out if row is not None]


def _label_ends_with_values(table: str, rows: list[Row]) -> list[Row]:
    """Join a numbered first line of a table 三 label that names no row to the next line that does, when their
    values together fill the row (5.要求行政机关确认或重 0 / 新出具已获取信息 0 0 0 0 0 0). _continued_row joins the
    other way round (the first line names the row)."""
    if table != APPLICATIONS:
        return rows
    n = len(APPLICANT_COLUMNS)
    out: list[Row] = []
    for row in rows:
        label, labels, values, structured, shifted = row
        prev = out[-1] if out else None
        if (prev is not None and not structured and not prev[3] and 0 < len(prev[2]) < n
                and len(prev[2]) + len(values) == n and _ITEM_NUMBER.search(prev[0])
                and not _ITEM_NUMBER.search(label) and match_row(table, prev[0]) is None):
            code = match_row(table, label)
            if code is not None and match_row(table, prev[0] + label) == code:
                out[-1] = Row(prev.label + label, prev.labels + labels, prev.values + values, False, prev.shifted)
                continue
        out.append(row)
    return out


def _continued_row(prev: Row | None, row: Row) -> Row | None:
    """A table 三 label wrapped over lines whose values stand on two of them (one column's value beside the label's
    first line, the rest beside its second: 5.要求行政机关确认或重新出具已 12 / 获取信息 0 0 0 0 0 12): the row whose
    label names no row continues the row before it, when that one printed fewer values than the table's columns,
    the two print exactly as many together, and the joined label names the same row. The joined row, or None."""
    if prev is None:
        return None
    p_label, p_labels, p_values, p_structured, p_shifted = prev
    label, labels, values, _structured, _shifted = row
    n = len(APPLICANT_COLUMNS)
    if p_structured or len(p_values) >= n or len(p_values) + len(values) != n:
        return None
    code = match_row(APPLICATIONS, p_label)
    if code is None or match_row(APPLICATIONS, p_label + label) != code:
        return None
    return Row(p_label + label, p_labels + labels, p_values + values, False, p_shifted)


def labelled_rows(lines: list[Line]) -> list[tuple[list[Cell], list[Cell], bool]]:
    """The rows of any table in `lines` as the template's readers pair them: (label cells, value cells, whether
    the row has separators: its blank cells keep their places), the label cells being every text since the
    previous row's values (a unit cell such as 件 among them)."""
    reader = RowReader(None)
    for line in lines:
        reader.feed(line)
    return [(labels, values, structured) for _label, labels, values, structured, _shifted in reader.finish()]


def cells_of(parts: tuple[str, ...], cell: Cell) -> list[Cell | None]:
    """The numbers cut from a glued cell, each at the glued cell's position."""
    return [Cell(p, cell.line, cell.col, cell.page) for p in parts]


def cells_of_runs(parts: tuple[str, ...], runs: list[Cell]) -> list[Cell | None]:
    """The numbers cut from several printed runs (splitting.split_runs: each run cut whole, in order), each at
    the position of the run it was cut from."""
    cut = iter(parts)
    out: list[Cell | None] = []
    for run in runs:
        joined = ""
        while joined != run.text:
            part = next(cut)
            joined += part
            out.append(Cell(part, run.line, run.col, run.page))
    return out


def split_squeezed(values: list[Cell], n: int, check: Callable[[list[int]], bool], result: TableResult, name: str,
                   **where: str) -> list[Cell | None] | None:
    """Layout text whose narrow columns ran together (0 5 0 4009 for 0|5|0|4|0|0|9): the row's printed numbers
    cut into its n numbers where one cut only is possible (splitting.cut_squeezed), flagged split_concatenated
    (`name`, `where`: the row, for the issue); None when it is not."""
    runs = tuple(v.text for v in values)
    found = cut_squeezed(runs, n, check)
    if found is None:
        return None
    cut, why = found
    result.issue("split_concatenated", "info", f"{name}: {' '.join(runs)!r} holds the digits of {n} columns run "
                 f"together; cut as {'|'.join(cut)}, {why}", **where)
    return cells_of_runs(cut, values)
