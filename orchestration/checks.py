"""Asset checks on the raw tables: blocking for a broken parse, warnings for what the sources say."""

import datetime as dt

import dagster as dg

from orchestration.resources import WarehouseResource
from orchestration.warehouse import connect

CELLS = dg.AssetKey(["raw", "parsed_cells"])
REPORTS = dg.AssetKey(["raw", "parsed_reports"])
ISSUES = dg.AssetKey(["raw", "parse_issues"])
CODES = dg.AssetKey(["raw", "canonical_codes"])


def _query(warehouse: WarehouseResource, sql: str, params: dict | None = None) -> list[tuple]:
    con = connect(warehouse.paths.build)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


@dg.asset_check(asset=CELLS, blocking=True, additional_deps=[CODES],
                description="Every (table, row, column) of parsed_cells is a code of canonical.yaml.")
def cells_use_canonical_codes(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    bad = _query(warehouse, """
        select c.table_code, c.row_code, c.column_code, count(*) n
        from raw.parsed_cells c
        left join raw.canonical_codes r on r.table_code = c.table_code and r.kind = 'row' and r.code = c.row_code
        left join raw.canonical_codes k on k.table_code = c.table_code and k.kind = 'column' and k.code = c.column_code
        where r.code is null or k.code is null
        group by all order by n desc limit 20""")
    return dg.AssetCheckResult(passed=not bad, metadata={"unknown_codes": [list(map(str, b)) for b in bad]})


@dg.asset_check(asset=CELLS, blocking=True,
                description="No negative counts (only 本年增/减 may be negative).")
def cells_counts_not_negative(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    bad = _query(warehouse, """
        select report_id, table_code, row_code, column_code, value from raw.parsed_cells
        where value < 0 and column_code <> 'change_this_year' limit 20""")
    return dg.AssetCheckResult(passed=not bad, metadata={"negative": [list(map(str, b)) for b in bad]})


@dg.asset_check(asset=REPORTS, blocking=True,
                description="Report years lie between 2008 and the current year; report ids are unique.")
def reports_years_and_keys(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    this_year = dt.date.today().year
    bad_years = _query(warehouse, """
        select report_id, file_path, report_year from raw.parsed_reports
        where report_year is not null and (report_year < 2008 or report_year > $y) limit 20""", {"y": this_year})
    dupes = _query(warehouse, "select report_id, count(*) from raw.parsed_reports group by 1 having count(*) > 1")
    return dg.AssetCheckResult(passed=not bad_years and not dupes,
                               metadata={"years_out_of_range": [list(map(str, b)) for b in bad_years],
                                         "duplicate_ids": len(dupes)})


@dg.asset_check(asset=ISSUES, blocking=False,
                description="Template arithmetic the sources break (kept as printed, flagged, never repaired).")
def source_arithmetic(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    rows = _query(warehouse, """
        select r.file_path, i.rule, i.message from raw.parse_issues i join raw.parsed_reports r using (report_id)
        where i.issue_code = 'arithmetic_violation' order by r.file_path, i.rule""")
    return dg.AssetCheckResult(
        passed=not rows, severity=dg.AssetCheckSeverity.WARN,
        metadata={"violations": len(rows), "reports": len({r[0] for r in rows}),
                  "worst_offenders": [f"{r[0]}: {r[2]}" for r in rows[:10]]})


@dg.asset_check(asset=REPORTS, blocking=False, description="Inputs that could not be read (quarantined), by reason.")
def quarantined_inputs(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    rows = _query(warehouse, """
        select quarantine_reason, count(*) from raw.parsed_reports where status = 'quarantined' group by 1 order by 2 desc""")
    return dg.AssetCheckResult(passed=not rows, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"by_reason": {str(k): int(v) for k, v in rows}})


ALL_CHECKS = [cells_use_canonical_codes, cells_counts_not_negative, reports_years_and_keys, source_arithmetic,
              quarantined_inputs]
