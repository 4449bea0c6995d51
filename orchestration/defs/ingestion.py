"""Ingestion assets: the reports folder parsed into the raw tables (whole, or fanned out by shard), and the
reference tables."""

import shutil

import dagster as dg

from orchestration.resources import WarehouseResource
from orchestration.warehouse import connect, ingest, ingest_shard, load_reference, merge_shards

SHARD_COUNT = 8
SHARDS = dg.StaticPartitionsDefinition([f"shard-{i:02d}" for i in range(SHARD_COUNT)])


RAW_TABLES = {
    "report_files": "Every file offered in the reports folder (hash, size, first/last seen, withdrawn).",
    "parsed_reports": "One row per distinct report: parsed metadata or the quarantine reason.",
    "parsed_cells": "Every template cell by canonical code, value, raw text and source position.",
    "parse_issues": "Parser issues: arithmetic violations, blanks, missing tables, contaminated metadata...",
    "narrative_figures": "Figures stated in prose, with offsets.",
    "fetches": "Every request `gongkai collect` made: source, page and attachment URL, status, validators, hash, file, "
               "or the reason it failed (the sources' fetch logs, loaded as they stand).",
}
REFERENCE_TABLES = {
    "divisions": "GB/T 2260 divisions from the cpca package's data.",
    "canonical_codes": "Canonical codes of ingestion/canonical.yaml.",
    "check_rules": "Template identities of ingestion/tables/rules.py, one row per term.",
    "issue_codes": "Every issue code the parser and the ingest raise, with its meaning (ingestion/issue_codes.py).",
}


def prepare_build(warehouse: WarehouseResource) -> None:
    """Writers work on the build copy; start it from the published warehouse when there is one."""
    paths = warehouse.paths
    paths.build_dir.mkdir(parents=True, exist_ok=True)
    if not paths.build.exists() and paths.published.exists():
        shutil.copyfile(paths.published, paths.build)


@dg.asset(
    key=["raw", "parsed_shard"],
    partitions_def=SHARDS,
    group_name="ingestion",
    kinds={"python", "duckdb"},
    owners=["team:gongkai"],
    description=("The parse, fanned out: one partition parses the files of one shard (crc32 of the path) into its own "
                 "DuckDB file, in parallel with the others. The next refresh loads the shards into the raw tables. "
                 "Launch a backfill of all partitions (job `backfill_parse`, multiprocess executor)."),
)
def parsed_shard(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    shard = SHARDS.get_partition_keys().index(context.partition_key)
    shard_db = warehouse.paths.build_dir / "shards" / f"{context.partition_key}.duckdb"
    shard_db.parent.mkdir(parents=True, exist_ok=True)
    stats = ingest_shard(shard_db, warehouse.reports, shard, SHARD_COUNT, max_bytes=warehouse.max_bytes,
                         max_seconds=warehouse.max_seconds)
    return dg.MaterializeResult(metadata={"parsed": stats.parsed, "quarantined": stats.quarantined,
                                          "seconds": round(stats.seconds, 3), "path": str(shard_db)})


def _raw_specs(tables: dict[str, str], **extra) -> list[dg.AssetSpec]:
    """One asset per raw table written by a Python step: group ingestion, its description, kinds and owner."""
    return [dg.AssetSpec(["raw", name], description=desc, group_name="ingestion", kinds={"python", "duckdb"},
                         owners=["team:gongkai"], **extra) for name, desc in tables.items()]


@dg.multi_asset(
    specs=_raw_specs(RAW_TABLES, skippable=False, deps=[parsed_shard]),
    pool="duckdb_writer",
    name="parse_reports",
)
def parse_reports(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Parse new or changed report files (content hash + parser version) into the raw tables."""
    prepare_build(warehouse)
    con = connect(warehouse.paths.build)
    try:
        merged = merge_shards(con, warehouse.paths.build_dir / "shards")
        if merged:
            context.log.info(f"loaded {merged} reports parsed by a sharded backfill")

        def progress(done: int, total: int, elapsed: float) -> None:
            rate = done / elapsed if elapsed else 0.0
            eta = (total - done) / rate if rate else 0.0
            context.log.info(f"parsed {done}/{total} reports, {rate:.0f}/s, ETA {eta:.0f}s")

        stats = ingest(con, warehouse.reports, max_bytes=warehouse.max_bytes, max_seconds=warehouse.max_seconds,
                       workers=warehouse.parse_workers, progress=progress,
                       allow_withdrawal=warehouse.allow_withdrawal)
        counts = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_TABLES}
        by_code = dict(con.execute(
            "select issue_code, count(*) from raw.parse_issues group by 1 order by 2 desc").fetchall())
        by_format = dict(con.execute(
            "select coalesce(source_format, 'unreadable') || ' / ' || coalesce(template_version, '-'), count(*) "
            "from raw.parsed_reports group by 1 order by 2 desc").fetchall())
    finally:
        con.close()
    context.log.info(f"ingest: {stats}")
    for name in RAW_TABLES:
        yield dg.MaterializeResult(
            asset_key=["raw", name],
            metadata={
                "dagster/row_count": counts[name],
                "offered": stats.offered,
                "parsed_now": stats.parsed,
                "quarantined_now": stats.quarantined,
                "unchanged_skipped": stats.skipped_unchanged,
                "withdrawn": stats.withdrawn,
                "seconds": round(stats.seconds, 3),
                "reports_by_format_template": by_format,
                "issues_by_code": by_code,
            },
        )


@dg.multi_asset(
    specs=_raw_specs(REFERENCE_TABLES),
    pool="duckdb_writer",
    name="reference_data",
)
def reference_data(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Reference tables from the one definition of each concept (divisions, codes, rules, issue codes)."""
    prepare_build(warehouse)
    con = connect(warehouse.paths.build)
    try:
        counts = load_reference(con)
    finally:
        con.close()
    for name in REFERENCE_TABLES:
        yield dg.MaterializeResult(asset_key=["raw", name], metadata={"dagster/row_count": counts[name]})
