"""Publish assets: the finished build swapped in for readers once every mart is built and checked, then the
dashboard drawn from what was published."""

import time

import dagster as dg

from orchestration.defs.dbt import mart_keys
from orchestration.resources import WarehouseResource
from orchestration.warehouse import publish


@dg.asset(
    deps=mart_keys(),
    group_name="marts",
    kinds={"duckdb"},
    owners=["team:gongkai"],
    pool="duckdb_writer",
    description="The warehouse analysts read: the finished build, swapped in atomically (os.replace).",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started = time.perf_counter()
    path = publish(warehouse.paths)
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "bytes": path.stat().st_size,
        "seconds": round(time.perf_counter() - started, 3),
    })


@dg.asset(
    deps=[published_warehouse],
    group_name="marts",
    kinds={"html"},
    owners=["team:gongkai"],
    description="Static dashboard (inline SVG, no CDN) at warehouse/docs/dashboard.html, from the published warehouse.",
)
def dashboard(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    import duckdb

    from orchestration.warehouse.dashboard import write_dashboard

    path = warehouse.paths.published.parent / "docs" / "dashboard.html"
    con = duckdb.connect(str(warehouse.paths.published), read_only=True)
    try:
        write_dashboard(con, path, context.run.run_id)
    finally:
        con.close()
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)), "bytes": path.stat().st_size})
