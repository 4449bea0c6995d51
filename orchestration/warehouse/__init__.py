"""Warehouse I/O without Dagster: the raw tables the parser fills (ingest.py), reference data (reference.py), the
DuckDB file and its publication (store.py), exports and the dashboard read from the published warehouse."""

from orchestration.warehouse.raw_tables import (
    IngestStats,
    ReportsFolderError,
    check_reports_folder,
    discover,
    ingest,
    ingest_shard,
    merge_shards,
    shard_of,
)
from orchestration.warehouse.reference import load_divisions, load_reference
from orchestration.warehouse.store import RAW_DDL, Paths, connect, duckdb_settings, publish, report_id

__all__ = ["RAW_DDL", "IngestStats", "Paths", "ReportsFolderError", "check_reports_folder", "connect", "discover",
           "duckdb_settings", "ingest", "ingest_shard", "load_divisions", "load_reference", "merge_shards", "publish",
           "report_id", "shard_of"]
