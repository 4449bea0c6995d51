"""One report file in, one parse out: the parser's public contract (`gongkai parse --json`)."""

import gc
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ingestion import PARSER_VERSION
from ingestion.canonical import ACTIVE, APPLICATIONS, OUTCOME_ROWS_2021, REVIEW, TABLES, spec
from ingestion.document import Cell, Document, source_line_of
from ingestion.issue_codes import issue
from ingestion.metadata.extract import extract_metadata
from ingestion.narrative import extract_narrative, extract_statistics_table, offset_of_line
from ingestion.normalize import RULE
from ingestion.readers import UnreadableInput, read_document, read_pdf
from ingestion.result import Cells, CellValue, Check, Figure, Issue, Metadata, ParseResult
from ingestion.tables.rows import TableResult
from ingestion.tables.rules import Checks, compile_checks
from ingestion.tables.sections import read_tables
from ingestion.values import cell_value, parse_value

TABLE_NAMES = {ACTIVE: "二 主动公开", APPLICATIONS: "三 申请办理", REVIEW: "四 复议诉讼"}


def _template_for(year: int | None, hint: str | None, has_tables: bool) -> str:
    if hint:
        return hint
    if year is None:
        return "2021" if has_tables else "pre2019"
    if year < 2019:
        return "2019" if has_tables else "pre2019"
    return "2019" if year < 2021 else "2021"


def _duplicated_sections(text: str) -> list[Issue]:
    """A long passage printed twice (a section pasted again): the same sentence of 30+ characters. Table rows
    are not sentences: a table's header repeats (tabs, pipes, or columns aligned by runs of spaces), and so do
    the rules of a table drawn in text."""
    seen: set[str] = set()
    for sentence in text.replace("\n", "。").split("。"):
        if len(sentence) < 30 or sentence.count("\t") or sentence.count("|") > 2 or "--" in sentence or RULE in sentence:
            continue  # table rows and the rules of a table drawn in text
        sentence = sentence.strip()
        if "  " in sentence:
            continue
        if sentence in seen:
            return [issue("duplicated_section", "warning", f"a passage is printed twice: {sentence[:24]!r}…")]
        seen.add(sentence)
    return []


@dataclass(frozen=True)
class ReportGrid:
    """The cells a complete parse of one template holds, in output order, with its arithmetic compiled."""

    rows: dict[str, dict[str, tuple[str, ...]]]  # table -> row -> columns (read only: shared)
    index: dict[tuple[str, str, str], int]  # (table, row, column) -> position in the value list
    checks: Checks


@lru_cache(maxsize=8)
def _report_grid(template: str, single_other_row: bool) -> ReportGrid:
    grid = spec().grid(template)
    if grid and single_other_row:
        # a 2021 table that kept the single （六）其他处理 row
        apps = grid[APPLICATIONS]
        kept = {r: c for r, c in apps.items() if r not in OUTCOME_ROWS_2021}
        kept["other_handling"] = list(apps["new_received"])
        order = spec().rows(APPLICATIONS)
        grid[APPLICATIONS] = dict(sorted(kept.items(), key=lambda kv: order.index(kv[0])))
    rows = {table: {row: tuple(cols) for row, cols in table_rows.items()} for table, table_rows in grid.items()}
    keys = [(table, row, col) for table, table_rows in rows.items() for row, cols in table_rows.items() for col in cols]
    index = {key: i for i, key in enumerate(keys)}
    return ReportGrid(rows, index, compile_checks(index))


def _grid(template: str, tables: TableResult) -> ReportGrid:
    parsed = tables.cells.get(APPLICATIONS, {})
    single_other = template == "2021" and "other_handling" in parsed and not any(r in parsed for r in OUTCOME_ROWS_2021)
    return _report_grid(template, single_other)


def parse_document(doc: Document, name: str) -> ParseResult:
    """One read document to its parse: metadata, the template's cells, prose figures, checks and issues."""
    issues: list[Issue] = list(doc.issues)
    meta, meta_issues = extract_metadata(doc.text)
    issues.extend(meta_issues)
    year = meta.report_year
    tables = read_tables(doc.lines, "2021" if (year or 0) >= 2021 else "2019", doc.token_extents)
    # a heading that names a table is not a table: before 2019 the prose sections carry the same titles
    has_tables = any(any(cols for cols in rows.values()) for rows in tables.cells.values())
    template = _template_for(year, tables.template_hint if has_tables else None, has_tables)
    issues.extend(tables.issues)

    report_grid = _grid(template, tables)
    grid = report_grid.rows
    cells, values, blank_by_table, unreadable = _grid_cells(grid, tables, doc.source_lines)
    issues.extend(_placement_issues(grid, tables, template, unreadable))
    for table, row, col in _derive_unprinted(cells, tables.derivable, issues):
        values[report_grid.index[(table, row, col)]] = cells[table][row][col].value
        blank_by_table[table] -= 1
    checks: list[Check] = []
    if grid:
        issues.extend(_table_issues(grid, tables, blank_by_table))
        checks = report_grid.checks.evaluate(values)
        issues.extend(issue("arithmetic_violation", "warning", f"{res.description}: {res.left} != {res.right}",
                            rule=res.rule, left=res.left, right=res.right)
                      for res in checks if not res.passed)
    elif template == "pre2019":
        issues.append(issue("pre2019_prose", "info",
                            "pre-2019 free-form report: figures come from prose, not template tables"))
    narrative = _narrative(doc, tables, template, bool(grid), issues)
    issues.extend(_narrative_vs_tables(narrative, get_total=lambda r: _value(cells, APPLICATIONS, r, "total")))
    issues.extend(_duplicated_sections(doc.text))
    issues.extend(_lost_date_characters(doc.text))

    meta = replace(meta, template_version=template, script=doc.script, source_format=doc.source_format,
                   encoding=doc.encoding)
    # the tables were read incompletely: a cell left blank, a table not found, values no cell took, or no table
    incomplete = (tables.values_unplaced or not grid
                  or any(t not in tables.present or blank_by_table.get(t, 0) for t in TABLES))
    return ParseResult(name, PARSER_VERSION, meta, cells, narrative, tuple(checks), tuple(issues),
                       reread=incomplete and doc.source_format == "pdf")


def _placement_issues(grid: dict[str, dict[str, tuple[str, ...]]], tables: TableResult, template: str,
                      unreadable: list[tuple[str, str, str, str]]) -> list[Issue]:
    """Cells that print no number in a number's place, and rows the template does not have."""
    out = [issue("unreadable_number", "warning",
                 f"table {TABLE_NAMES[table]} {row}.{col}: {raw!r} stands in a number's place but is no "
                 f"number as printed; kept, its value null", table=table, row=row, column=col, raw=raw)
           for table, row, col, raw in unreadable]
    for table, rows in grid.items():
        for row in tables.cells.get(table, {}):
            if row not in rows:
                out.append(issue("unexpected_row", "warning",
                                 f"table {TABLE_NAMES[table]}: row {row} is not in the {template} template",
                                 table=table, row=row))
    return out


def _table_issues(grid: dict[str, dict[str, tuple[str, ...]]], tables: TableResult,
                  blank_by_table: dict[str, int]) -> list[Issue]:
    """Per template table: not found, present but empty, or how many of its cells are blank."""
    out = []
    for table in TABLES:
        total = sum(len(c) for c in grid[table].values())
        blanks = blank_by_table.get(table, 0)
        if table not in tables.present:
            out.append(issue("table_missing", "warning", f"table {TABLE_NAMES[table]} was not found", table=table))
        elif blanks == total:
            out.append(issue("table_empty", "warning",
                             f"table {TABLE_NAMES[table]} is present but holds no values", table=table))
        elif blanks:
            out.append(issue("blank_cells", "info",
                             f"table {TABLE_NAMES[table]}: {blanks} of {total} cells are blank (kept as null)",
                             table=table, count=blanks))
    return out


def _narrative(doc: Document, tables: TableResult, template: str, has_grid: bool,
               issues: list[Issue]) -> dict[str, Figure]:
    """The figures the prose before the tables states (all the prose before 2019, merged with the statistics
    table), each with the line of the file it stands on."""
    sections = tables.sections
    prose_end = None
    if sections and has_grid:
        first = min(s for s, _ in sections.values()) - 1
        prose_line = doc.lines[first].cells[0].line if first < len(doc.lines) and doc.lines[first].cells else None
        if prose_line:
            prose_end = offset_of_line(doc.text, prose_line)
    narrative = extract_narrative(doc.text, 0, prose_end)
    if template == "pre2019":
        issues.extend(_statistics_table(narrative, extract_statistics_table(doc.lines, doc.text)))
    if doc.source_lines is not None:
        lines = doc.source_lines
        narrative = {code: replace(f, pos=f.pos._replace(source_line=source_line_of(lines, f.pos.line), mapped=True))
                     for code, f in narrative.items()}
    return narrative


def _grid_cells(grid: dict[str, dict[str, tuple[str, ...]]], tables: TableResult, source_lines: list[int | None] | None
                ) -> tuple[dict[str, dict[str, dict[str, CellValue | None]]], list[int | float | None], dict[str, int],
                           list[tuple[str, str, str, str]]]:
    """Every cell of the grid in its public form (null where the table left it blank or did not print it),
    the numbers alone in the grid's order (for the template's arithmetic), the blank count per table, and the
    cells printed in a number's place that read as no number (Value.unreadable): (table, row, column, raw)."""
    cells: dict[str, dict[str, dict[str, CellValue | None]]] = {}
    values: list[int | float | None] = []
    append = values.append
    blank_by_table: dict[str, int] = {}
    unreadable: list[tuple[str, str, str, str]] = []
    units = tables.units
    for table, rows in grid.items():
        parsed = tables.cells.get(table, {})
        out_rows: dict[str, dict[str, CellValue | None]] = {}
        blanks = 0
        for row, cols in rows.items():
            got = parsed.get(row)
            if not got:
                out_rows[row] = dict.fromkeys(cols)
                values.extend([None] * len(cols))
                blanks += len(cols)
                continue
            out_cols: dict[str, CellValue | None] = {}
            for col in cols:
                cell: Cell | None = got.get(col)
                if cell is not None and cell.text:
                    out = out_cols[col] = cell_value(cell, units.get((table, row, col)) if units else None, source_lines)
                    append(out.value)
                    if out.value is None and parse_value(cell.text).unreadable:
                        unreadable.append((table, row, col, out.raw))
                else:
                    out_cols[col] = None
                    append(None)
                    blanks += 1
            out_rows[row] = out_cols
        cells[table] = out_rows
        blank_by_table[table] = blanks
    return cells, values, blank_by_table, unreadable


def _derive_unprinted(cells: dict, derivable: dict, issues: list[Issue]) -> list[tuple[str, str, str]]:
    """Fill a cell the layout did not print at all (not a blank cell: no position for it exists) when the
    template defines it as the sum of printed cells. The value carries `derived` (the cells it sums) and no
    raw text or position; a warning says so. Nothing the source printed is changed. Returns the cells filled."""
    filled = []
    for (table, row, col), parts in derivable.items():
        if cells.get(table, {}).get(row, {}).get(col) is not None:
            continue
        values = [_value(cells, *part) for part in parts]
        if any(v is None for v in values) or row not in cells.get(table, {}):
            continue
        total = sum(values)
        cells[table][row][col] = CellValue(total, None, None, derived=tuple(".".join(p[1:]) for p in parts))
        filled.append((table, row, col))
        issues.append(issue("derived_cell", "warning",
                             f"table {TABLE_NAMES[table]}: {row}.{col} is not printed; derived as the sum of "
                             f"{' + '.join(str(v) for v in values)} = {total}", table=table, row=row, column=col))
    return filled


def _value(cells: Cells, table: str, row: str, col: str) -> int | float | None:
    c = cells.get(table, {}).get(row, {}).get(col)
    return c.value if c is not None else None


def _statistics_table(narrative: dict[str, Figure], table: dict[str, Figure]) -> list[Issue]:
    """Merge the pre-2019 statistics table's figures into the narrative: the table's number is the one kept; a
    figure the prose states differently is an issue."""
    out = []
    for code, figure in table.items():
        stated = narrative[code].value if code in narrative else None
        if stated is not None and stated != figure.value:
            out.append(issue("prose_table_mismatch", "warning",
                             f"prose states {code} = {stated} but the statistics table = {figure.value}",
                             narrative=code, left=stated, right=figure.value))
        narrative[code] = figure
    return out


def _narrative_vs_tables(narrative: dict[str, Figure], get_total: Callable[[str], int | float | None]) -> list[Issue]:
    out = []
    for code, row in spec().narrative_table_rows().items():
        stated = narrative[code].value if code in narrative else None
        table = get_total(row)
        if stated is not None and table is not None and stated != table:
            out.append(issue("prose_table_mismatch", "warning",
                              f"prose states {code} = {stated} but table 三 {row} 总计 = {table}",
                              narrative=code, row=row, left=stated, right=table))
    return out


_LOST_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{1,2})(\d{1,2})日")


def _first_lost_date(text: str) -> re.Match | None:
    """The first `_LOST_DATE` match. Each match ends at a 日 and is at most 9 characters long, so only the
    few windows ending at a 日 are searched, not every position of the text."""
    i = text.find("日")
    while i >= 0:
        m = _LOST_DATE.search(text, max(0, i - 8), i + 1)
        if m:
            return m
        i = text.find("日", i + 1)
    return None


def _lost_date_characters(text: str) -> list[Issue]:
    m = _first_lost_date(text)
    if m and 1 <= int(m.group(2)) <= 12:
        return [issue("date_lost_characters", "info",
                       f"a date lost its 年/月 characters: {m.group(0)!r} (prose only, not report data)")]
    return []


def quarantined(name: str, code: str, message: str, fmt: str | None = None) -> ParseResult:
    """The parse of a file that could not be read: no cells, one error saying why."""
    return ParseResult(name, PARSER_VERSION, Metadata(source_format=fmt), issues=(issue(code, "error", message),),
                       quarantined=True)


def parse_bytes(name: str, data: bytes, path: Path | None = None) -> ParseResult:
    """Parse one report's bytes. Never raises for bad input: unreadable input comes back quarantined."""
    started = time.perf_counter()
    try:
        result = parse_document(read_document(path or Path(name), data), name)
        if result.reread:  # a PDF whose tables its content stream's order did not fill
            result = _read_by_position(name, data, result)
    except UnreadableInput as exc:
        result = quarantined(name, exc.code, exc.message)
    except RecursionError:
        result = quarantined(name, "too_deep", "the document nests too deeply to read")
    except Exception as exc:  # a parser bug must not stop the run; the input is kept and flagged
        result = quarantined(name, "parser_error", f"{type(exc).__name__}: {exc}")
    return replace(result, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
                   parse_ms=round((time.perf_counter() - started) * 1000, 3))


def _read_by_position(name: str, data: bytes, result: ParseResult) -> ParseResult:
    """The parse of the PDF read by its characters' positions when `_keeps_by_position` prefers it to `result` (read
    in stream order), flagged; else `result`."""
    try:
        again = parse_document(read_pdf(data, by_position=True), name)
    except Exception:  # noqa: BLE001 - the second reading failing leaves the first standing
        return result
    if not _keeps_by_position(result, again):
        return result
    got, had = again.value_count(), result.value_count()
    note = issue("pdf_read_by_position", "info",
                 f"the PDF's text is not written in reading order: read by position, its tables "
                 f"give {got} values ({had} in the order its content stream writes them)", left=had, right=got)
    return replace(again, issues=(*again.issues, note))


def _keeps_by_position(stream: ParseResult, by_position: ParseResult) -> bool:
    """Whether the reading by position is kept: it holds more values than the stream's, gives the same value for
    every cell the stream's gave one, and breaks no more of the template's identities (table 二 has none to
    break); or it holds twice the stream's values (the stream's reading lost most of them: what it read, and the
    identities it could not test, say nothing). Never when it names a row twice (a label wrapped over several
    lines of a narrow column can stand on another row's line when read by position)."""
    if any(i.code == "duplicate_cell" for i in by_position.issues):
        return False
    got, had = by_position.value_count(), stream.value_count()
    if got >= 2 * had:
        return got > had
    return (got > had and _violations(by_position) <= _violations(stream)
            and _same_where_both_read(stream.cells, by_position.cells))


def _same_where_both_read(cells: Cells, others: Cells) -> bool:
    for table, rows in cells.items():
        for row, cols in rows.items():
            for col, cell in cols.items():
                other = others.get(table, {}).get(row, {}).get(col)
                if cell is not None and other is not None and cell.value != other.value:
                    return False
    return True


def _violations(result: ParseResult) -> int:
    return sum(not check.passed for check in result.checks)


def prepare_parser_process() -> None:
    """Set up a process that parses many reports (a parse worker, `gongkai parse`, the benchmark).

    Loads what every parse uses (OpenCC, the division data) once, then moves the loaded heap out of the
    cyclic garbage collector's sight (gc.freeze) and lets it run less often: a parse allocates thousands of
    short-lived objects that form no reference cycles, and with the default threshold (700) the collector
    took ~8 % of the parse time (benchmarks/parse_throughput.py)."""
    parse_bytes("warmup.txt", "某县人民政府2020年政府信息公开工作年度报告\n本年新收政府信息公开申请数量\t1".encode())
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


def parse_file(path: Path) -> ParseResult:
    data = path.read_bytes()
    return parse_bytes(path.name, data, path)


def numeric(cell: object) -> float | int | None:
    """A cell's number, from its typed value, its JSON form, or text."""
    if isinstance(cell, CellValue):
        return cell.value
    if isinstance(cell, dict):
        return cell.get("value")
    return parse_value(str(cell)).value if cell is not None else None
