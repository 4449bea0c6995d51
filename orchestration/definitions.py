"""The gongkai code location: ingestion → dbt staging/marts → checks → publish."""

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.defs.automation import annual_compliance, backfill_parse_job, daily_refresh, refresh_job, reports_folder_sensor
from orchestration.defs.collection import annual_collection, collect_job, collected_reports, daily_collection
from orchestration.defs.dbt import dbt_models
from orchestration.defs.dbt_project import DBT_EXECUTABLE, dbt_project
from orchestration.defs.ingestion import parse_reports, parsed_shard, reference_data
from orchestration.defs.publish import dashboard, published_warehouse
from orchestration.defs.quality import ALL_CHECKS
from orchestration.defs.stages import stage_logger
from orchestration.resources import WarehouseResource

defs = dg.Definitions(
    assets=[collected_reports, parsed_shard, parse_reports, reference_data, dbt_models, published_warehouse, dashboard],
    asset_checks=ALL_CHECKS,
    jobs=[refresh_job, backfill_parse_job, collect_job],
    schedules=[daily_refresh, annual_compliance, annual_collection, daily_collection],
    sensors=[reports_folder_sensor],
    loggers={"console": dg.colored_console_logger, "stages": stage_logger},
    resources={
        "warehouse": WarehouseResource(),
        "dbt": DbtCliResource(
            project_dir=str(dbt_project.project_dir),
            profiles_dir=str(dbt_project.project_dir),
            dbt_executable=DBT_EXECUTABLE,
        ),
    },
)
