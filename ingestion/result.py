"""The parse's typed values: what one report yields, cell by cell, with where each value stands.

Immutable; JSON only at the edge (`ParseResult.to_json`, the `gongkai parse --json` contract)."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

Json = dict[str, object]


class Position(NamedTuple):
    """Where a value is printed: the line of the reader's text (and its column, page, character offset), and
    the line of the file as published where the reader's lines are not the file's (`mapped`: HTML).
    A NamedTuple, as CellValue: one is made for every cell, and a frozen dataclass costs ~3x more to make."""

    line: int
    col: int | None = None
    page: int | None = None
    offset: int | None = None
    source_line: int | None = None
    mapped: bool = False

    @property
    def file_line(self) -> int | None:
        """The line of the file as published (the dbt column `source_line`)."""
        return self.source_line if self.mapped else self.line

    def to_json(self) -> Json:
        out: Json = {} if self.offset is None else {"offset": self.offset}
        out["line"] = self.line
        if self.col is not None:
            out["col"] = self.col
        if self.page is not None:
            out["page"] = self.page
        if self.mapped:
            out["source_line"] = self.source_line
        return out


class CellValue(NamedTuple):
    """One template cell as printed: its number (None when what is printed is no number), the text, the unit
    where one applies, and its position. A cell the layout did not print but the template defines as a sum of
    printed cells has `derived` (those cells) and no text or position."""

    value: int | float | None
    raw: str | None
    pos: Position | None
    unit: str | None = None
    derived: tuple[str, ...] | None = None

    def to_json(self) -> Json:
        if self.derived is not None:
            return {"value": self.value, "raw": self.raw, "derived": list(self.derived), "pos": None}
        out: Json = {"value": self.value, "raw": self.raw}
        if self.unit is not None:
            out["unit"] = self.unit
        out["pos"] = self.pos.to_json() if self.pos else None
        return out


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure the prose (or the pre-2019 statistics table) states, with where it stands."""

    value: int | float
    raw: str
    pos: Position

    def to_json(self) -> Json:
        return {"value": self.value, "raw": self.raw, "pos": self.pos.to_json()}


@dataclass(frozen=True, slots=True)
class Issue:
    """A catalogued code (ingestion.issue_codes), its severity (info, warning, error), a message giving the
    evidence, and the fields that locate it (table, row, column, rule, left/right…), in the order given."""

    code: str
    severity: str
    message: str
    fields: tuple[tuple[str, object], ...] = ()

    def get(self, name: str) -> object:
        return next((v for k, v in self.fields if k == name), None)

    @property
    def table(self) -> str | None:
        return self.get("table")  # type: ignore[return-value]

    @property
    def row(self) -> str | None:
        return self.get("row")  # type: ignore[return-value]

    def to_json(self) -> Json:
        return {"code": self.code, "severity": self.severity, "message": self.message, **dict(self.fields)}


class Check(NamedTuple):
    """One identity of the template tested on a report's values (left = right), kept whatever its outcome.
    A NamedTuple: one is made for every identity of every report."""

    rule: str
    description: str
    left: int | float
    right: int | float
    passed: bool

    def to_json(self) -> Json:
        return {"rule": self.rule, "description": self.description, "left": self.left, "right": self.right,
                "passed": self.passed}


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a report says of itself: agency (as printed or recovered, its core name and kind, where the name
    came from), year, publication date, GB/T 2260 division and its hierarchy; and how it was read (template,
    script, format, encoding). In the order of the JSON form."""

    agency_name: str | None = None
    agency_core_name: str | None = None
    agency_kind: str | None = None
    agency_name_source: str | None = None
    report_year: int | None = None
    published_date: str | None = None
    region_code: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    admin_level: str | None = None
    template_version: str | None = None
    script: str | None = None
    source_format: str | None = None
    encoding: str | None = None

    def to_json(self, read: bool = True) -> Json:
        """Every field; for a file that was not read (`read` false), its format alone."""
        if not read:
            return {"source_format": self.source_format}
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


Cells = Mapping[str, Mapping[str, Mapping[str, CellValue | None]]]  # table -> row -> column -> cell


@dataclass(frozen=True, slots=True)
class ParseResult:
    """One file's parse: the report's metadata, the template's cells, prose figures, checks, issues. A
    quarantined file has no cells and an error issue saying why. `reread`: the tables were read incompletely (a PDF read
    in stream order is then read again by position)."""

    file: str
    parser_version: str
    metadata: Metadata
    cells: Cells = field(default_factory=dict)
    narrative: Mapping[str, Figure] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()
    issues: tuple[Issue, ...] = ()
    quarantined: bool = False
    reread: bool = False
    sha256: str | None = None
    bytes: int | None = None
    parse_ms: float | None = None
    file_path: str | None = None  # the file's path in the reports folder (set by the ingest)

    def filled_cells(self) -> Iterator[tuple[str, str, str, CellValue | None]]:
        """(table, row, column, cell) for every cell of the grid, None where blank."""
        for table, rows in self.cells.items():
            for row, cols in rows.items():
                for col, cell in cols.items():
                    yield table, row, col, cell

    def value_count(self) -> int:
        return sum(cell is not None for *_key, cell in self.filled_cells())

    def to_json(self) -> Json:
        out: Json = {"file": self.file, "parser_version": self.parser_version}
        if self.quarantined:
            out["quarantined"] = True
        out["metadata"] = self.metadata.to_json(read=not self.quarantined)
        out["cells"] = {table: {row: {col: cell.to_json() if cell is not None else None for col, cell in cols.items()}
                                for row, cols in rows.items()} for table, rows in self.cells.items()}
        out["narrative"] = {code: figure.to_json() for code, figure in self.narrative.items()}
        out["checks"] = [check.to_json() for check in self.checks]
        out["issues"] = [issue.to_json() for issue in self.issues]
        for name in ("sha256", "bytes", "parse_ms", "file_path"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out
