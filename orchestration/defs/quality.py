"""Asset checks: every Great Expectations suite of `expectations/` as a Dagster asset check.

Blocking suites (a broken parse or model) stop the marts and the publish step; warning suites describe
the sources. Every result also lands in quality.check_results, so analysts can query it.
"""

import dagster as dg

from expectations.suites import Suite, suites
from orchestration.resources import WarehouseResource
from orchestration.warehouse import connect

REFERENCE_DEPS = [dg.AssetKey(["raw", "canonical_codes"])]


def _make_check(suite: Suite) -> dg.AssetChecksDefinition:
    asset_key = dg.AssetKey(list(suite.asset))
    additional = [k for k in REFERENCE_DEPS if k != asset_key] if suite.asset[0] == "raw" else []
    kinds = "blocking" if suite.blocking else "warning"
    description = (f"Great Expectations suite `{suite.name}` ({kinds}): "
                   + "; ".join(e.rule for e in suite.expectations))

    @dg.asset_check(asset=asset_key, name=f"gx_{suite.name}", blocking=suite.blocking, description=description,
                    additional_deps=additional, pool="duckdb_writer")
    def _check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        from expectations.docs import make_offline
        from expectations.runner import store, validate

        docs = warehouse.paths.published.parent / "docs" / "gx"
        con = connect(warehouse.paths.build)
        try:
            outcome = validate(con, suite, docs_dir=docs)
            stored = store(con, outcome, context.run.run_id)
        finally:
            con.close()
        external = make_offline(docs)
        if external:
            context.log.warning(f"GX docs still load external resources: {external}")
        failed = [r for r in outcome.results if not r["passed"]]
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR if suite.blocking else dg.AssetCheckSeverity.WARN,
            metadata={
                "rows_validated": outcome.rows,
                "expectations": len(outcome.results),
                "failed_rules": [r["rule"] for r in failed],
                "reports_flagged": len({o for r in failed for o in r["offenders"]}),
                "worst_offenders": {r["rule"]: r["offenders"][:10] for r in failed},
                "results_stored": stored,
            },
        )

    return _check


ALL_CHECKS = [_make_check(s) for s in suites()]
