"""Schedules and the reports-folder sensor."""

import hashlib
import os
from pathlib import Path

import dagster as dg

from ingestion import PARSER_VERSION
from orchestration.resources import WarehouseResource

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(["raw", "parsed_shard"], ["raw", "collected_reports"]),
    description="Parse new or changed reports, rebuild the dbt models, run the checks, publish.",
    executor_def=dg.in_process_executor,
)

backfill_parse_job = dg.define_asset_job(
    "backfill_parse",
    selection=dg.AssetSelection.assets(["raw", "parsed_shard"]),
    description=("Parse the whole folder in parallel, one partition per shard (launch a backfill of all partitions); "
                 "the next `refresh` loads the shards into the raw tables."),
    executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}),
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_job,
    cron_schedule="0 3 * * *",
    execution_timezone="Asia/Shanghai",
    description="Every night at 03:00 Beijing time: pick up reports added during the day and rebuild.",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)

annual_compliance = dg.ScheduleDefinition(
    name="annual_compliance",
    job=refresh_job,
    cron_schedule="0 6 1 2 *",
    execution_timezone="Asia/Shanghai",
    description=("1 February, after the 31 January deadline: a full refresh that produces the year's compliance "
                 "view (agency_year_summary.reported_on_time, fct_report_checks failures)."),
    default_status=dg.DefaultScheduleStatus.STOPPED,
)


def folder_fingerprint(folder: Path) -> tuple[str, int]:
    """A cheap fingerprint of the folder (names, sizes, mtimes) and the parser version."""
    h = hashlib.sha256(PARSER_VERSION.encode())
    n = 0
    if folder.exists():
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                p = Path(dirpath) / name
                try:
                    st = p.lstat()
                except OSError:
                    continue
                h.update(f"{p.relative_to(folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
                n += 1
    return h.hexdigest(), n


@dg.sensor(job=refresh_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
           description=("Watches GONGKAI_REPORTS: when files are added, changed or removed, requests a refresh. "
                        "The parse step re-parses only files whose content hash or the parser version changed."))
def reports_folder_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    folder = warehouse.reports
    fingerprint, n = folder_fingerprint(folder)
    if fingerprint == context.cursor:
        return dg.SkipReason(f"no change in {folder} ({n} files)")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint, tags={"gongkai/files": str(n)})
