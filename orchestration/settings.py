"""Where gongkai's defaults are defined once: the reports folder, the warehouse, the parse limits.

Paths are made absolute where they enter (the CLI's arguments against the caller's working directory; a
relative environment value against the project root), so nothing later depends on the process's working
directory: libraries change it (dagster-dbt's column-metadata fetch does `pushd` in a thread pool).
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORTS = "data/reports"
DEFAULT_WAREHOUSE = "warehouse/gongkai.duckdb"
DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PARSE_SECONDS = 60.0
SOURCES_FILE = PROJECT_ROOT / "data" / "sources.yaml"  # where reports are collected from (gongkai collect)
# a source's fetch log, in its folder of the reports folder: a dot-folder the parse does not read as reports
FETCH_LOG_DIR = ".collect"
FETCH_LOG_FILE = "fetches.jsonl"


def absolute(value: str | os.PathLike[str], base: Path = PROJECT_ROOT) -> Path:
    """`value` as an absolute path: as given when absolute, else under `base` (a user's `~` expanded)."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def env_path(name: str, default: str) -> Path:
    """An environment variable's path (or the default), relative values taken against the project root."""
    return absolute(os.environ.get(name) or default)


def reports_dir() -> Path:
    return env_path("GONGKAI_REPORTS", DEFAULT_REPORTS)


def warehouse_path() -> Path:
    return env_path("GONGKAI_WAREHOUSE", DEFAULT_WAREHOUSE)


def max_file_bytes() -> int:
    return int(os.environ.get("GONGKAI_MAX_FILE_BYTES") or DEFAULT_MAX_FILE_BYTES)


def max_parse_seconds() -> float:
    return float(os.environ.get("GONGKAI_MAX_PARSE_SECONDS") or DEFAULT_MAX_PARSE_SECONDS)


def parse_workers() -> int:
    return int(os.environ.get("GONGKAI_WORKERS") or 1)


def column_lineage() -> str:
    """"1" (the default) to fetch the dbt models' column metadata at a full build, "0" not to."""
    return os.environ.get("GONGKAI_COLUMN_LINEAGE") or "1"
