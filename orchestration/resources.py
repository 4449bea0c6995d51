"""Dagster resources: where the warehouse and the reports are, and how the parse runs."""

import os
from pathlib import Path

import dagster as dg

from orchestration.warehouse import Paths


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse: writers use the build copy; `publish` swaps it in for readers."""

    # Empty values fall back to the environment at run time (GONGKAI_WAREHOUSE, GONGKAI_REPORTS, ...).
    path: str = ""
    reports_dir: str = ""
    workers: int = 0
    max_file_bytes: int = 0
    max_parse_seconds: float = 0.0

    @property
    def paths(self) -> Paths:
        return Paths(Path(self.path or os.environ.get("GONGKAI_WAREHOUSE", "warehouse/gongkai.duckdb")).resolve())

    @property
    def reports(self) -> Path:
        return Path(self.reports_dir or os.environ.get("GONGKAI_REPORTS", "data/sample")).resolve()

    @property
    def parse_workers(self) -> int:
        return self.workers or int(os.environ.get("GONGKAI_WORKERS", "1"))

    @property
    def max_bytes(self) -> int:
        return self.max_file_bytes or int(os.environ.get("GONGKAI_MAX_FILE_BYTES", str(50 * 1024 * 1024)))

    @property
    def max_seconds(self) -> float:
        return self.max_parse_seconds or float(os.environ.get("GONGKAI_MAX_PARSE_SECONDS", "60"))
