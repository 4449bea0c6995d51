"""Run the GX suites on frames read from DuckDB; store every result in quality.check_results_history, and show
each check's latest run as the view quality.check_results (what an analyst counts).

GX is imported lazily (it costs seconds) with its analytics and progress bars off. Data Docs are built
into `warehouse/docs/gx/` with their CSS/JS made local (see `expectations/docs.py`).
"""

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from expectations.suites import Suite

RESULTS_DDL = """
create schema if not exists quality;
create table if not exists quality.check_results_history (
    check_name varchar, asset varchar, report_id varchar, rule varchar, observed varchar, expected varchar,
    passed boolean, severity varchar, run_id varchar, checked_at timestamp
);
"""
# each check's results of its latest run (a count over the history would count every run)
LATEST_VIEW = """
create or replace view quality.check_results as
select h.* from quality.check_results_history h
where h.checked_at = (select max(l.checked_at) from quality.check_results_history l where l.check_name = h.check_name)
"""


def ensure_results_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The history table and the latest-results view; a warehouse built before they existed had one table
    `quality.check_results` holding every run: its rows move to the history."""
    con.execute(RESULTS_DDL)
    old = con.execute("""select count(*) from information_schema.tables where table_schema = 'quality'
                         and table_name = 'check_results' and table_type = 'BASE TABLE'""").fetchone()[0]
    if old:
        con.execute("insert into quality.check_results_history select * from quality.check_results")
        con.execute("drop table quality.check_results")
    con.execute(LATEST_VIEW)
MAX_REPORT_ROWS = 200


@dataclass
class SuiteOutcome:
    suite: Suite
    passed: bool
    results: list[dict]  # one per expectation: rule, passed, observed, expected, offenders
    rows: int


def _gx():
    import great_expectations as gx
    from great_expectations.core import ExpectationSuite

    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: F401
    except ImportError:  # pragma: no cover
        pass
    return gx, ExpectationSuite


_CONTEXT = None


def context(docs_dir: Path | None = None):
    """One ephemeral GX context per process, with a local Data Docs site when docs_dir is given."""
    global _CONTEXT
    gx, _ = _gx()
    if _CONTEXT is None:
        from great_expectations.data_context.types.base import DataContextConfig, InMemoryStoreBackendDefaults

        # analytics off in the context's own configuration, not through the process environment
        _CONTEXT = gx.get_context(mode="ephemeral", project_config=DataContextConfig(
            analytics_enabled=False, store_backend_defaults=InMemoryStoreBackendDefaults()))
        try:
            _CONTEXT.variables.progress_bars = {"globally": False, "profilers": False, "metric_calculations": False}
        except Exception:  # noqa: BLE001 - older/newer config shapes; progress bars are cosmetic
            pass
    if docs_dir is not None and "gongkai_docs" not in _CONTEXT.get_site_names():
        docs_dir.mkdir(parents=True, exist_ok=True)
        _CONTEXT.add_data_docs_site(
            site_name="gongkai_docs",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    return _CONTEXT


CHUNK_ROWS = int(os.environ.get("GONGKAI_GX_CHUNK_ROWS", "400000"))


def validate(con: duckdb.DuckDBPyConnection, suite: Suite, docs_dir: Path | None = None) -> SuiteOutcome:
    """Validate the suite's frame. A frame over CHUNK_ROWS rows (of a suite with a chunk_key) is validated in
    chunks, so memory is bounded by the chunk, not the warehouse; the Data Docs show the first failing chunk
    (or the first chunk when all pass)."""
    sql = suite.frame_sql()
    rows = con.execute(f"select count(*) from ({sql})").fetchone()[0] if suite.chunk_key else 0
    chunks = -(-rows // CHUNK_ROWS) if suite.chunk_key else 1
    if chunks <= 1:
        return _validate_frame(suite, con.execute(sql).df(), docs_dir)
    parts = []
    for i in range(chunks):
        frame = con.execute(suite.frame_sql(i, chunks)).df()
        parts.append(_validate_frame(suite, frame, None))
        del frame
    shown = next((i for i, o in enumerate(parts) if not o.passed), 0)
    _validate_frame(suite, con.execute(suite.frame_sql(shown, chunks)).df(), docs_dir)
    return _merge(suite, parts)


def _merge(suite: Suite, parts: list[SuiteOutcome]) -> SuiteOutcome:
    """One outcome from the outcomes of a partition: a rule passes when it passes on every chunk."""
    results = []
    for k in range(len(suite.expectations)):
        mine = [p.results[k] for p in parts]
        observed = [json.loads(r["observed"]) for r in mine]
        merged: dict = {}
        for key in ("unexpected_count", "element_count"):
            if all(key in o and o[key] is not None for o in observed):
                merged[key] = sum(o[key] for o in observed)
        if merged.get("element_count"):
            merged["unexpected_percent"] = 100.0 * merged.get("unexpected_count", 0) / merged["element_count"]
        if "observed_value" in observed[0]:
            merged["observed_value"] = next((o["observed_value"] for o, r in zip(observed, mine, strict=True)
                                             if not r["passed"]), observed[0]["observed_value"])
        merged["chunks"] = len(parts)
        results.append({**mine[0], "passed": all(r["passed"] for r in mine),
                        "observed": json.dumps(merged, default=str),
                        "offenders": sorted({o for r in mine for o in r["offenders"]})})
    return SuiteOutcome(suite, all(r["passed"] for r in results), results, sum(p.rows for p in parts))


def _validate_frame(suite: Suite, frame, docs_dir: Path | None) -> SuiteOutcome:
    gx, ExpectationSuite = _gx()
    ctx = context(docs_dir)
    name = suite.name
    try:
        ds = ctx.data_sources.get(name)
    except Exception:  # noqa: BLE001 - GX raises its own lookup errors
        ds = ctx.data_sources.add_pandas(name)
    try:
        asset = ds.get_asset(name)
    except Exception:  # noqa: BLE001
        asset = ds.add_dataframe_asset(name)
    try:
        batch_def = asset.get_batch_definition(name)
    except Exception:  # noqa: BLE001
        batch_def = asset.add_batch_definition_whole_dataframe(name)
    gx_suite = ExpectationSuite(name=name)
    for exp in suite.expectations:
        cls = getattr(gx.expectations, exp.kind)
        gx_suite.add_expectation(cls(**exp.kwargs, meta={"rule": exp.rule}))
    gx_suite = ctx.suites.add_or_update(gx_suite)
    vd = gx.ValidationDefinition(data=batch_def, suite=gx_suite, name=name)
    vd = ctx.validation_definitions.add_or_update(vd)
    if docs_dir is not None:
        checkpoint = gx.Checkpoint(name=name, validation_definitions=[vd],
                                   actions=[gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=["gongkai_docs"])])
        checkpoint = ctx.checkpoints.add_or_update(checkpoint)
        cp_result = checkpoint.run(batch_parameters={"dataframe": frame})
        result = next(iter(cp_result.run_results.values()))
    else:
        result = vd.run(batch_parameters={"dataframe": frame})
    by_rule = {res.expectation_config.meta["rule"]: res for res in result.results}
    outcomes = []
    for exp in suite.expectations:
        res = by_rule[exp.rule]  # GX does not keep the suite's order
        r = res.result or {}
        offenders: list[str] = []
        if exp.report_column and r.get("unexpected_index_list"):
            idx = [i if isinstance(i, int) else i.get("index") for i in r["unexpected_index_list"]]
            idx = [i for i in idx if isinstance(i, int)]
            offenders = sorted({str(frame.iloc[i][exp.report_column]) for i in idx[:5000]})
        elif exp.report_column and not res.success and exp.report_column in frame.columns:
            offenders = _offenders(frame, exp)
        outcomes.append({
            "rule": exp.rule,
            "kind": exp.kind,
            "passed": bool(res.success),
            "observed": json.dumps({k: r.get(k) for k in ("unexpected_count", "unexpected_percent", "observed_value",
                                                           "element_count") if k in r}, default=str),
            "expected": json.dumps(exp.kwargs, ensure_ascii=False, default=str)[:2000],
            "offenders": offenders,
        })
    return SuiteOutcome(suite, all(o["passed"] for o in outcomes), outcomes, len(frame))


def _offenders(frame, exp) -> list[str]:
    """Reports behind a failed value expectation, found with pandas (for expectations without index lists)."""
    col = exp.kwargs.get("column")
    if exp.kind == "ExpectColumnValuesToNotBeInSet" and col in frame.columns:
        bad = frame[frame[col].isin(exp.kwargs["value_set"])]
        return sorted(set(bad[exp.report_column].astype(str)))
    if exp.kind == "ExpectColumnValuesToBeInSet" and col in frame.columns:
        bad = frame[~frame[col].isin(exp.kwargs["value_set"]) & frame[col].notna()]
        return sorted(set(bad[exp.report_column].astype(str)))
    return []


def store(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome, run_id: str) -> int:
    ensure_results_tables(con)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    severity = "blocking" if outcome.suite.blocking else "warning"
    asset = "/".join(outcome.suite.asset)
    rows = []
    for res in outcome.results:
        rows.append((outcome.suite.name, asset, None, res["rule"], res["observed"], res["expected"], res["passed"],
                     severity, run_id, now))
        for report in res["offenders"][:MAX_REPORT_ROWS]:
            rows.append((outcome.suite.name, asset, report, res["rule"], None, None, False, severity, run_id, now))
    # one run's results replace an earlier evaluation of the same suite in the same run (retries)
    con.execute("delete from quality.check_results_history where check_name = ? and run_id = ?",
                [outcome.suite.name, run_id])
    con.executemany("insert into quality.check_results_history values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
