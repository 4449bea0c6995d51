"""Collection assets: each source of data/sources.yaml a partition of `raw/collected_reports`, crawled into its
folder of the reports folder (orchestration.collect); the reports-folder sensor then refreshes the warehouse.
Schedules: the annual crawl in February (after the 31 January deadline) and a daily re-check before the nightly
refresh, both asking only for what changed."""

import dagster as dg

from orchestration.collect import crawl, load_sources
from orchestration.resources import WarehouseResource

SOURCES = {source.name: source for source in load_sources()}  # the sources file: a few lines of YAML
SOURCE_PARTITIONS = dg.StaticPartitionsDefinition(sorted(SOURCES))


@dg.asset(
    key=["raw", "collected_reports"],
    partitions_def=SOURCE_PARTITIONS,
    group_name="ingestion",
    kinds={"python", "http"},
    owners=["team:gongkai"],
    description=("Reports collected from a source's column (one partition per source of data/sources.yaml): list "
                 "pages walked, report pages and attachments downloaded when new or changed (conditional requests), "
                 "robots.txt honoured, every request logged to raw.fetches by the next parse."),
)
def collected_reports(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    source = SOURCES[context.partition_key]
    stats = crawl(source, warehouse.reports, progress=context.log.info)
    for failure in stats.failures[:20]:
        context.log.warning(f"failed: {failure}")
    return dg.MaterializeResult(metadata={
        "pages_seen": stats.pages_seen, "reports_found": stats.reports_found, "downloaded": stats.downloaded,
        "unchanged": stats.unchanged, "failed": stats.failed, "forbidden_by_robots": stats.forbidden,
        "new_versions": stats.new_versions, "bytes": stats.bytes, "requests": stats.requests,
        "folder": dg.MetadataValue.path(str(warehouse.reports / source.name)),
    })


collect_job = dg.define_asset_job(
    "collect", selection=[collected_reports], partitions_def=SOURCE_PARTITIONS,
    description="Collect reports from the sources (launch one partition, or a backfill of all).")


def _every_source(context: dg.ScheduleEvaluationContext) -> list[dg.RunRequest]:
    return [dg.RunRequest(partition_key=name, run_key=f"{name}:{context.scheduled_execution_time:%Y-%m-%d}")
            for name in SOURCE_PARTITIONS.get_partition_keys()]


@dg.schedule(job=collect_job, cron_schedule="0 4 2 2 *", execution_timezone="Asia/Shanghai",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="2 February: the annual crawl of every source, after the 31 January deadline.")
def annual_collection(context: dg.ScheduleEvaluationContext):
    return _every_source(context)


@dg.schedule(job=collect_job, cron_schedule="0 2 * * *", execution_timezone="Asia/Shanghai",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Every night at 02:00: re-check every source (re-posts, corrections), before the 03:00 refresh.")
def daily_collection(context: dg.ScheduleEvaluationContext):
    return _every_source(context)
