"""Dagster resources: where the warehouse and the reports are, and how the parse runs."""

from pathlib import Path

import dagster as dg

from orchestration import settings
from orchestration.warehouse import Paths


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse: writers use the build copy; `publish` swaps it in for readers.

    Empty values fall back to the environment (`orchestration.settings`: GONGKAI_WAREHOUSE, GONGKAI_REPORTS, ...);
    every path is absolute (a relative one is taken against the project root), never against the working
    directory of the moment."""

    path: str = ""
    reports_dir: str = ""
    workers: int = 0
    max_file_bytes: int = 0
    max_parse_seconds: float = 0.0
    # a refresh that would mark more than half the known files withdrawn (a mistyped folder) fails unless set
    allow_withdrawal: bool = False
    # fetch the dbt models' column schema and lineage (~10 s at a full build); off: GONGKAI_COLUMN_LINEAGE=0
    fetch_column_lineage: str = ""

    @property
    def paths(self) -> Paths:
        return Paths(settings.absolute(self.path) if self.path else settings.warehouse_path())

    @property
    def reports(self) -> Path:
        return settings.absolute(self.reports_dir) if self.reports_dir else settings.reports_dir()

    @property
    def column_lineage(self) -> bool:
        return (self.fetch_column_lineage or settings.column_lineage()) == "1"

    @property
    def parse_workers(self) -> int:
        return self.workers or settings.parse_workers()

    @property
    def max_bytes(self) -> int:
        return self.max_file_bytes or settings.max_file_bytes()

    @property
    def max_seconds(self) -> float:
        return self.max_parse_seconds or settings.max_parse_seconds()
