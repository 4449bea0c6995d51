"""Find the template tables in a document and read every cell by canonical code.

Works on the layout-neutral `Line`/`Cell` form, so text, HTML, PDF and DOCX share one reader.
Row labels are matched by keywords (tolerant of typos, spaces, brackets and merged label cells);
columns come from the table's own header where it prints one, else from the template.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from ingestion.canonical import ACTIVE, APPLICANT_COLUMNS, APPLICATIONS, REVIEW, REVIEW_COLUMNS, REVIEW_ROWS, spec
from ingestion.document import Cell, Extents, Line
from ingestion.layout import is_label_text, is_value_text
from ingestion.normalize import compact
from ingestion.positions import (
    ColumnGrid,
    column_grid,
    fits_under_headers,
    place_on_grid,
    place_under_headers,
    value_extents,
)
from ingestion.splitting import settle_by_columns, split_digits, split_signed
from ingestion.values import parse_value

# Row keywords per table, in template order. The row whose keyword ends last in the accumulated
# label text wins, so a group label (（三）不予公开) followed by an item (1.属于国家秘密) names the item.
ROW_PATTERNS: dict[str, list[tuple[str, re.Pattern]]] = {
    ACTIVE: [
        ("regulations", re.compile(r"规章")),
        ("normative_documents", re.compile(r"规范性文件")),
        ("administrative_licensing", re.compile(r"行政许可")),
        ("other_external_services", re.compile(r"其他对外|对外管理服务")),
        ("administrative_penalty", re.compile(r"行政处罚")),
        ("administrative_coercion", re.compile(r"行政强制")),
        ("administrative_fees", re.compile(r"事业性收费")),
        ("centralized_procurement", re.compile(r"集中采购")),
    ],
    APPLICATIONS: [
        ("new_received", re.compile(r"本年新收|新收政府信息")),
        ("carried_over", re.compile(r"上年结转")),
        ("granted", re.compile(r"予以公开")),
        ("partially_granted", re.compile(r"部分公开")),
        ("denied_state_secret", re.compile(r"国家秘密")),
        ("denied_prohibited_by_law", re.compile(r"法规禁止|其他法律|行政止公开|禁止公开")),
        ("denied_three_safeties", re.compile(r"三安全|一稳定")),
        ("denied_third_party_rights", re.compile(r"第三方")),
        ("denied_internal_affairs", re.compile(r"内部事务")),
        ("denied_process_information", re.compile(r"过程性")),
        ("denied_enforcement_files", re.compile(r"执法案卷")),
        ("denied_query_matters", re.compile(r"查询事项")),
        ("unavailable_not_held", re.compile(r"不掌握")),
        ("unavailable_needs_creation", re.compile(r"另行制作|现成信息")),
        ("unavailable_unclear_after_correction", re.compile(r"补正.{0,2}申请内容|仍不明确")),
        ("not_processed_petition", re.compile(r"信访|举报投诉")),
        ("not_processed_duplicate", re.compile(r"重复申请")),
        ("not_processed_publication", re.compile(r"出版物")),
        ("not_processed_excessive", re.compile(r"大量反复")),
        ("not_processed_confirmation", re.compile(r"确认或重新|重新出具|已获取信息")),
        ("other_handling", re.compile(r"其他处理")),
        ("other_no_correction", re.compile(r"逾期不补正")),
        ("other_unpaid_fee", re.compile(r"缴纳费用|收费通知")),
        ("other_other", re.compile(r"3[.、．]?其他$")),
        ("total_processed", re.compile(r"总计")),
        ("carried_forward", re.compile(r"结转下年|下年度继续")),
    ],
}

ACTIVE_COLUMN_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("made_this_year", re.compile(r"新制作")),
    ("published_this_year", re.compile(r"新公开")),
    ("total_published", re.compile(r"对外公开总")),
    ("previous_year_count", re.compile(r"上一年")),
    ("change_this_year", re.compile(r"本年增|增/减|增减")),
    ("decisions", re.compile(r"处理决定")),
    ("procurement_items", re.compile(r"采购项目")),
    ("procurement_amount", re.compile(r"采购总金额|总金额")),
    ("issued_this_year", re.compile(r"制发")),
    ("repealed_this_year", re.compile(r"废止")),
    ("in_force", re.compile(r"现行有效")),
    ("fee_amount", re.compile(r"收费金额")),
]
_COLUMN_PATTERN = dict(ACTIVE_COLUMN_PATTERNS)
COLUMNS_2021 = {"issued_this_year", "repealed_this_year", "in_force", "fee_amount"}
COLUMNS_2019 = {"made_this_year", "published_this_year", "total_published", "previous_year_count",
                "change_this_year", "procurement_items", "procurement_amount"}
AMOUNT_COLUMNS = ("fee_amount", "procurement_amount")  # the columns a header's unit (单位：万元) applies to
_HEADER_WORDS = re.compile(r"自然人|商业企业|申请人情况|信息内容|结果维持|本年新制作|本年制发")
_UNIT = re.compile(r"单位[:：]?\s*(万元|元)")

# every heading SECTION_PATTERNS matches holds one of these characters (single characters: a heading may be
# spaced out, 主 动 公 开)
_SECTION_CHARS = re.compile("[开议题告改]")
SECTION_PATTERNS = [
    (ACTIVE, re.compile(r"主动公开政府信息(情况|工作)?$|主动公开政府信息情况")),
    (APPLICATIONS, re.compile(r"收到和处理政府信息公开申请")),
    (REVIEW, re.compile(r"^[四4][、.,]?.*行政复议.*行政诉讼|政府信息公开行政复议")),
    ("end", re.compile(r"^[五六5][、.,]?.*(存在的主要问题|其他需要报告|改进情况)")),
]


@dataclass
class TableResult:
    cells: dict[str, dict[str, dict[str, Cell | None]]] = field(default_factory=dict)
    units: dict[tuple[str, str, str], str] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)  # tables whose section or rows were found
    template_hint: str | None = None  # "2019"/"2021" from the table's own columns
    issues: list[dict] = field(default_factory=list)
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)  # line ranges of the table sections
    # cells the source did not print but its template defines exactly: (table, row, col) -> the cells they sum
    derivable: dict[tuple[str, str, str], list[tuple[str, str, str]]] = field(default_factory=dict)

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
        self.issues.append({"code": code, "severity": severity, "message": message, **extra})


def find_sections(lines: list[Line]) -> dict[str, tuple[int, int]]:
    """Line index ranges [start, end) of each table section, from headings (first occurrence)."""
    starts: dict[str, int] = {}
    for i, line in enumerate(lines):
        cells = line.cells
        raw = cells[0].text if len(cells) == 1 else line.text
        if len(raw) > 160 or not _SECTION_CHARS.search(raw):
            continue  # prose, or a line none of the headings could match (cheap tests before the regexes)
        text = compact(raw)
        if len(text) > 60:
            continue
        for name, pat in SECTION_PATTERNS:
            if name not in starts and pat.search(text):
                starts[name] = i
                break
    # Fallback anchors where a heading is missing.
    if APPLICATIONS not in starts:
        for i, line in enumerate(lines):
            t = compact(line.text)
            if ("申请人情况" in t or "本年新收" in t) and len(t) < 80:
                starts[APPLICATIONS] = i
                break
    if ACTIVE not in starts:
        for i, line in enumerate(lines):
            if "第二十条" in line.text and len(line.text) < 60:
                starts[ACTIVE] = i
                break
    order = sorted((i, name) for name, i in starts.items())
    ranges: dict[str, tuple[int, int]] = {}
    for k, (i, name) in enumerate(order):
        if name == "end":
            continue
        end = order[k + 1][0] if k + 1 < len(order) else len(lines)
        ranges[name] = (i + 1, end)
    if REVIEW in ranges and "end" not in starts:
        # Without a following heading, the table is the next few lines only.
        s, e = ranges[REVIEW]
        ranges[REVIEW] = (s, min(e, s + 80))
    return ranges


@lru_cache(maxsize=4096)
def _match_row(table: str, label: str) -> str | None:
    """The row code whose label pattern ends last (then longest) in the label. Cached: labels repeat."""
    best: tuple[int, int, str] | None = None
    for code, pat in ROW_PATTERNS[table]:
        for m in pat.finditer(label):
            key = (m.end(), m.end() - m.start(), code)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


@lru_cache(maxsize=4096)
def _header_columns(text: str) -> tuple[str, ...]:
    """The table 二 columns a header names, in printed order. Cached (shared result: a tuple)."""
    found = []
    for code, pat in ACTIVE_COLUMN_PATTERNS:
        m = pat.search(text)
        if m:
            found.append((m.start(), code))
    found.sort()
    cols = [c for _, c in found]
    if "procurement_amount" in cols and "procurement_items" not in cols:
        # 总金额 alone is the procurement amount only beside 采购项目.
        cols.remove("procurement_amount")
    return tuple(cols)


_INHERITED = attrgetter("inherited")
_TEXT = attrgetter("text")


def _structured_split(line: Line) -> tuple[list[Cell], list[Cell], bool]:
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


def _fit(values: list[Cell], n: int, right_align: bool, result: TableResult, table: str, row: str) -> list[Cell | None]:
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
    name = "二" if table == ACTIVE else "三"
    if len(vals) > n:
        result.issue("extra_cells", "warning", f"table {name} row {row}: {len(vals)} value cells for {n} columns",
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


class _RowReader:
    """Walks one table section and yields (label text, label cells, value cells, structured, shifted). `table`
    None: a table outside the template (a row of blank cells is then no row)."""

    def __init__(self, table: str | None) -> None:
        self.table = table
        self.pending: list[Cell] = []
        self.values: list[Cell] = []
        self.rows: list[tuple[str, list[Cell], list[Cell], bool, bool]] = []

    def _flush(self, structured: bool = False, shifted: bool = False) -> None:
        if self.values:
            label = compact("".join([c.text for c in self.pending]))
            self.rows.append((label, self.pending, self.values, structured, shifted))
            self.pending = []
            self.values = []

    def feed(self, line: Line) -> None:
        if line.structured:
            self._flush()
            labels, values, shifted = _structured_split(line)
            self.pending.extend(labels)
            printed = any(map(_TEXT, values))
            if values and not printed and labels and self.table is not None:
                # a row of blank cells still names a row: it is read (as blanks) unless it is a header
                own = compact("".join([c.text for c in labels]))
                printed = _match_row(self.table, own) is not None and not _HEADER_WORDS.search(own)
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

    def finish(self) -> list[tuple[str, list[Cell], list[Cell], bool, bool]]:
        self._flush()
        return self.rows


def labelled_rows(lines: list[Line]) -> list[tuple[list[Cell], list[Cell], bool]]:
    """The rows of any table in `lines` as the template's readers pair them: (label cells, value cells, whether
    the row has separators: its blank cells keep their places), the label cells being every text since the
    previous row's values (a unit cell such as 件 among them)."""
    reader = _RowReader(None)
    for line in lines:
        reader.feed(line)
    return [(labels, values, structured) for _label, labels, values, structured, _shifted in reader.finish()]


@lru_cache(maxsize=4096)
def _active_header(label: str, row: str | None) -> tuple[tuple[str, ...], str | None]:
    """The table 二 columns (and unit) a header printed before the row's own label names, if any.
    Cached: the labels repeat."""
    cut = label
    if row:
        m = [m for code, p in ROW_PATTERNS[ACTIVE] if code == row for m in p.finditer(label)][-1]
        cut = label[: m.start()]
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


def _read_active(lines: list[Line], result: TableResult, fallback_template: str,
                 extents: Extents | None = None) -> None:
    header: tuple[str, ...] = ()
    header_lines: set[int] = set()  # the lines the current header is printed on
    seen_columns: set[str] = set()  # every header of the table: one 2021 column anywhere makes it the 2021 table
    unit: str | None = None
    deferred: list[tuple[str, list[str] | tuple[str, ...], list[Cell], str | None, set[int]]] = []  # short rows
    full_rows: list[tuple[list[str] | tuple[str, ...], list[Cell], set[int]]] = []  # a value in every column
    reader = _RowReader(ACTIVE)
    for line in lines:
        reader.feed(line)
    for label, labels, values, structured, _shifted in reader.finish():
        row = _match_row(ACTIVE, label)
        cols, header_unit = _active_header(label, row)
        if cols:
            header = cols
            header_lines = {c.line for c in labels}
            seen_columns.update(cols)
            unit = header_unit
        if row is None:
            nums = [v for v in values if v.text]
            if nums:
                result.issue("unknown_row", "warning", f"table 二: values under an unrecognised label {label[:40]!r}",
                             table=ACTIVE, label=label[:80])
            continue
        template = "2021" if set(header) & COLUMNS_2021 else "2019" if header else fallback_template
        allowed = _active_columns(row, template)
        columns = [c for c in header if c in allowed] if header else allowed
        if header and not columns:
            columns = allowed
        vals = values if structured else [v for v in values if v.text]
        if not structured and len(vals) == 1 and len(columns) > 1 and vals[0].glued:
            run = vals[0].text
            if "change_this_year" in columns and ("-" in run or "+" in run):  # 本年增/减 printed with its sign
                parts = split_signed(run, len(columns), columns.index("change_this_year"))
            else:
                parts = split_digits(run, len(columns))
            if parts is not None and len(parts) == 1:
                vals = _cells_of(parts[0], vals[0])
                result.issue("split_concatenated", "info", f"table 二 row {row}: {values[0].text!r} split uniquely",
                             table=ACTIVE, row=row)
            else:
                result.issue("ambiguous_split", "warning",
                             f"table 二 row {row}: {vals[0].text!r} can be cut into {len(columns)} numbers in "
                             f"{'many' if parts is None else len(parts)} ways; left blank", table=ACTIVE, row=row, raw=vals[0].text)
                vals = []
        short = not structured and 0 < len(vals) < len(columns)
        if extents is not None and header and not structured and len(vals) == len(columns) > 1:
            full_rows.append((columns, vals, header_lines))
        if short and extents is not None and header:
            deferred.append((row, columns, vals, unit, header_lines))  # placed once the whole table is read
            continue
        _place_active_row(result, row, columns, vals, unit, short)
    # character columns place a row only when a full row of this table sits under its header labels the same
    # way (the text is laid out in columns, not spaced by chance); a page's measured positions need no witness
    witnessed = bool(deferred) and (extents.measured or any(
        fits_under_headers(vals, [_COLUMN_PATTERN[c] for c in columns], row_header, extents)
        for columns, vals, row_header in full_rows))
    for row, columns, vals, row_unit, row_header in deferred:
        placed = (place_under_headers(vals, [_COLUMN_PATTERN[c] for c in columns], row_header, extents)
                  if witnessed else None)
        if placed is not None:
            result.issue("cells_placed_by_position", "info",
                         f"table 二 row {row}: {len(vals)} values for {len(columns)} columns, each placed under the "
                         f"header its position on the page falls in", table=ACTIVE, row=row)
        _place_active_row(result, row, columns, placed if placed is not None else vals, row_unit, placed is None)
    if seen_columns:
        result.template_hint = "2021" if seen_columns & COLUMNS_2021 else "2019"


def _place_active_row(result: TableResult, row: str, columns: list[str] | tuple[str, ...],
                      vals: list[Cell | None], unit: str | None, short: bool) -> None:
    """Put a table 二 row's values under its columns. A short row (fewer values than columns, no separators,
    not placed by position) is left blank: which column each number belongs to is unknown, so none is placed
    rather than one misplaced."""
    if short:
        result.issue("ambiguous_cells", "warning",
                     f"table 二 row {row}: {len(vals)} values for {len(columns)} columns and no column positions; "
                     f"left blank: {' '.join(v.text for v in vals if v is not None)!r}", table=ACTIVE, row=row)
        vals = []
    fitted = _fit(vals, len(columns), False, result, ACTIVE, row)
    result.put(ACTIVE, row, columns, fitted, dict.fromkeys(AMOUNT_COLUMNS, unit) if unit else None)
    result.present.add(ACTIVE)


def _read_applications(lines: list[Line], result: TableResult,
                       extents: Extents | None = None) -> None:
    reader = _RowReader(APPLICATIONS)
    for line in lines:
        reader.feed(line)
    n = len(APPLICANT_COLUMNS)
    pending: dict[str, tuple[Cell, tuple[tuple[str, ...], ...]]] = {}  # digit runs that split several ways
    rows = reader.finish()
    grid: ColumnGrid | None = None  # the table's column grid, found when a row first needs it
    grid_sought = False
    for label, _labels, values, structured, shifted in rows:
        row = _match_row(APPLICATIONS, label)
        if row is None:
            if any(v.text for v in values):
                result.issue("unknown_row", "warning",
                             f"table 三: values under an unrecognised label {label[:40]!r}",
                             table=APPLICATIONS, label=label[:80])
            continue
        result.present.add(APPLICATIONS)
        if structured:
            fitted = _fit(values, n, shifted, result, APPLICATIONS, row)
        else:
            nums = [v for v in values if v.text]
            placed = None
            if extents is not None and 0 < len(nums) < n and not nums[0].glued:
                if not grid_sought:
                    grid, grid_sought = _grid_of(rows, n, extents), True
                placed = place_on_grid(nums, extents, grid) if grid is not None else None
            if len(nums) == n:
                fitted = list(nums)
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
                fitted = list(nums[:n]) + [None] * max(0, n - len(nums))
                result.issue("ambiguous_cells", "warning",
                             f"table 三 row {row}: {len(nums)} values for {n} columns; read left to right",
                             table=APPLICATIONS, row=row)
        result.put(APPLICATIONS, row, APPLICANT_COLUMNS, fitted)
    if pending:
        _settle_by_columns(pending, result)
    if any(r in result.cells.get(APPLICATIONS, {}) for r in ("other_no_correction", "other_unpaid_fee", "other_other")):
        result.template_hint = result.template_hint or "2021"


def _grid_of(rows: list[tuple[str, list[Cell], list[Cell], bool, bool]], n: int, extents: Extents) -> ColumnGrid | None:
    """Where table 三's columns are on the page, from its rows that print all n values."""
    full = []
    for _label, _labels, values, structured, _shifted in rows:
        nums = [v for v in values if v.text]
        if not structured and len(nums) == n and not any(v.glued for v in nums):
            found = value_extents(nums, extents)
            if found is not None:
                full.append(found)
    return column_grid(full)


def _split_row(cell: Cell, n: int, row: str, result: TableResult,
               pending: dict[str, tuple[Cell, tuple[tuple[str, ...], ...]]]) -> list[Cell | None]:
    """A row printed as one digit run: split it so that the six applicant columns sum to 总计. A run that
    splits several ways is left blank here and added to `pending`, for the column totals to settle."""
    candidates = split_digits(cell.text, n, check=_sums_to_last)
    if candidates and len(candidates) == 1:
        result.issue("split_concatenated", "info",
                     f"table 三 row {row}: {cell.text!r} split by the row total", table=APPLICATIONS, row=row)
        return _cells_of(candidates[0], cell)
    if candidates:
        pending[row] = (cell, candidates)
    else:
        _ambiguous_row(result, row, cell, candidates)
    return [None] * n


def _cells_of(parts: tuple[str, ...], cell: Cell) -> list[Cell | None]:
    """The numbers cut from a glued cell, each at the glued cell's position."""
    return [Cell(p, cell.line, cell.col, cell.page) for p in parts]


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
        result.put(APPLICATIONS, row, APPLICANT_COLUMNS, _cells_of(parts, cell))
        result.issue("split_by_column_totals", "warning",
                     f"table 三 row {row}: {cell.text!r} balances its row total in {len(candidates)} ways; "
                     f"split as {'|'.join(parts)}, the one that the column totals agree with",
                     table=APPLICATIONS, row=row, raw=cell.text)


REVIEW_LEAF_LABELS = frozenset({"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"})


def _read_review(lines: list[Line], result: TableResult) -> None:
    values: list[Cell] = []
    header_leaves = 0  # column labels of the header's last level: 15 when the table prints every column
    structured = True
    for line in lines:
        if line.structured:
            labels, vals, _ = _structured_split(line)
            if any(v.text for v in vals):
                values.extend(vals)
        else:
            labels = [c for c in line.cells if not is_value_text(c.text)]
            vals = [c for c in line.cells if is_value_text(c.text)]
            values.extend(vals)
            structured = structured and not vals
        header_leaves += sum(1 for c in labels if compact(c.text) in REVIEW_LEAF_LABELS)
    n = len(REVIEW_ROWS) * len(REVIEW_COLUMNS)
    physical = len(values)  # cells the row really has, printed blanks included
    while values and not values[-1].text:
        values.pop()
    if len(values) == 1 and values[0].text.isdigit() and len(values[0].text) >= len(REVIEW_ROWS) * len(REVIEW_COLUMNS):
        # each of the three rows: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计
        candidates = split_digits(values[0].text, n, check=_sums_to_last, block=len(REVIEW_COLUMNS))
        if candidates and len(candidates) == 1:
            values = [Cell(p, values[0].line, values[0].col, values[0].page) for p in candidates[0]]
            result.issue("split_concatenated", "info", "table 四 split by its totals", table=REVIEW)
        else:
            result.issue("ambiguous_split", "warning", f"table 四: {values[0].text!r} cannot be split uniquely",
                         table=REVIEW, raw=values[0].text)
            values = []
    if not values:
        return
    result.present.add(REVIEW)
    if len(values) > n:
        result.issue("extra_cells", "warning", f"table 四: {len(values)} values for {n} cells", table=REVIEW)
    if physical == n - 1 and structured and header_leaves == n:
        # the header prints all 15 columns but the row has no 15th cell (not a blank one: none at all), as
        # ragged extractions lose a trailing cell; the lost 复议后起诉 总计 is its block's sum by definition.
        # When the header has no such column either, the table dropped it: the value stays null.
        last = REVIEW_ROWS[-1]
        result.derivable[(REVIEW, last, "total")] = [(REVIEW, last, c) for c in REVIEW_COLUMNS if c != "total"]
        result.issue("missing_cells", "warning",
                     f"table 四: {len(values)} of {n} values printed; the last column (复议后起诉 总计) is not printed",
                     table=REVIEW)
    elif len(values) < n:
        result.issue("missing_cells", "warning",
                     f"table 四: {len(values)} of {n} values printed; the rest are blank", table=REVIEW)
    width = len(REVIEW_COLUMNS)
    for k, row in enumerate(REVIEW_ROWS):
        if k * width < len(values):
            result.put(REVIEW, row, REVIEW_COLUMNS, values[k * width:(k + 1) * width])


def _sums_to_last(parts: list[int]) -> bool:
    """A row of the template whose last number is the total of the others."""
    return sum(parts[:-1]) == parts[-1]


def read_tables(lines: list[Line], fallback_template: str,
                extents: Extents | None = None) -> TableResult:
    """The template tables of a document's lines. `extents` (PDF: `Document.token_extents`) lets a table 二 or
    三 row that lost its blank cells be placed by the positions of its values under the header."""
    result = TableResult()
    sections = result.sections = find_sections(lines)
    if ACTIVE in sections:
        s, e = sections[ACTIVE]
        result.present.add(ACTIVE)
        _read_active(lines[s:e], result, fallback_template, extents)
    if APPLICATIONS in sections:
        s, e = sections[APPLICATIONS]
        result.present.add(APPLICATIONS)
        _read_applications(lines[s:e], result, extents)
    if REVIEW in sections:
        s, e = sections[REVIEW]
        result.present.add(REVIEW)
        _read_review(lines[s:e], result)
    return result
