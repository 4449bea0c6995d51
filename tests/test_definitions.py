"""The code location loads, with the asset graph and checks we expect (a snapshot)."""

from datetime import datetime

from orchestration.definitions import defs

EXPECTED_ASSETS = {
    "raw/collected_reports", "raw/fetches",
    "raw/parsed_shard", "raw/report_files", "raw/parsed_reports", "raw/parsed_cells", "raw/parse_issues", "raw/narrative_figures",
    "raw/divisions", "raw/canonical_codes", "raw/check_rules", "raw/issue_codes",
    "staging/corrections", "staging/stg_reports", "staging/stg_cells", "staging/stg_parse_issues",
    "staging/stg_narrative_figures", "staging/stg_report_files", "staging/stg_divisions",
    "staging/stg_canonical_codes", "staging/stg_fetches", "marts/dim_report", "staging/stg_check_rules", "staging/stg_issue_codes",
    "staging/int_agencies", "staging/int_reports_deduped", "staging/int_cells_corrected",
    "staging/int_checks_identities", "staging/int_checks_carry_over", "staging/int_checks_stock_flow",
    "staging/int_checks_prose", "staging/agency_sectors", "staging/outcome_groups", "staging/agency_renames",
    "marts/dim_agency", "marts/dim_region", "marts/fct_active_disclosure", "marts/fct_applications",
    "marts/fct_review_litigation", "marts/fct_report_checks", "marts/agency_year_summary",
    "published_warehouse", "dashboard",
}
GX_CHECKS = {
    "raw/parsed_cells:gx_raw_parsed_cells", "raw/parsed_reports:gx_raw_parsed_reports",
    "raw/parse_issues:gx_source_quality", "raw/parsed_reports:gx_publication_timeliness",
    "marts/agency_year_summary:gx_marts_agency_year_summary", "marts/fct_applications:gx_marts_fct_applications",
}


def test_asset_keys_snapshot():
    graph = defs.resolve_asset_graph()
    assert {k.to_user_string() for k in graph.get_all_asset_keys()} == EXPECTED_ASSETS


def test_checks_present():
    graph = defs.resolve_asset_graph()
    keys = {f"{k.asset_key.to_user_string()}:{k.name}" for k in graph.asset_check_keys}
    assert GX_CHECKS <= keys
    # dbt tests come through as checks on their models
    assert "marts/fct_report_checks:source_identities_hold" in keys
    assert len(keys) >= 70


def test_one_connected_lineage_from_raw_to_marts():
    graph = defs.resolve_asset_graph()
    from dagster import AssetKey

    upstream = graph.get(AssetKey(["marts", "agency_year_summary"])).parent_keys
    seen, todo = set(), list(upstream)
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        todo.extend(graph.get(key).parent_keys)
    assert AssetKey(["raw", "parsed_cells"]) in seen
    assert AssetKey(["raw", "parsed_reports"]) in seen
    published_parents = graph.get(AssetKey(["published_warehouse"])).parent_keys
    assert AssetKey(["marts", "agency_year_summary"]) in published_parents


def test_schedules_and_sensor():
    assert {s.name for s in defs.schedules} == {"daily_refresh", "annual_compliance", "annual_collection",
                                                "daily_collection"}
    assert {s.name for s in defs.sensors} == {"reports_folder_sensor"}


def test_collection_schedules_request_every_source():
    import dagster as dg

    from orchestration.defs.collection import SOURCE_PARTITIONS, annual_collection

    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(instance=instance,
                                            scheduled_execution_time=datetime(2027, 2, 2, 4))
        requests = annual_collection(context)
    assert sorted(r.partition_key for r in requests) == sorted(SOURCE_PARTITIONS.get_partition_keys())
    assert defs.resolve_job_def("collect").partitions_def == SOURCE_PARTITIONS


def test_groups_owners_and_descriptions():
    specs = {s.key.to_user_string(): s for s in defs.resolve_all_asset_specs()}
    groups: dict[str, set[str]] = {}
    for key, spec in specs.items():
        groups.setdefault(spec.group_name, set()).add(key)
        assert spec.description, f"{key} has no description"
        assert spec.owners == ["team:gongkai"], key
    assert set(groups) == {"ingestion", "staging", "marts", "quality"}
    assert groups["quality"] == {"marts/fct_report_checks"}
    assert {"raw/parsed_cells", "raw/parse_issues", "raw/divisions"} <= groups["ingestion"]
    assert {"staging/stg_cells", "staging/int_agencies", "staging/corrections"} <= groups["staging"]
    assert {"marts/agency_year_summary", "published_warehouse", "dashboard"} <= groups["marts"]


def test_manifest_older_than_a_model_is_stale():
    """A project edited (or pulled) after the manifest was written is re-parsed before its assets load."""
    import os

    from orchestration.defs.dbt_project import dbt_project, manifest_is_stale

    manifest = dbt_project.manifest_path
    before = manifest.stat()
    try:
        assert manifest_is_stale() is False
        os.utime(manifest, (before.st_atime, 0))
        assert manifest_is_stale() is True
    finally:
        os.utime(manifest, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_partial_parse_state_of_a_build_seeds_the_next(tmp_path, monkeypatch):
    """The project's partial-parse state is replaced by the last successful build's (same profile next time)."""
    from orchestration.defs import dbt as dbt_module

    monkeypatch.setattr(dbt_module, "DBT_DIR", tmp_path / "project")
    (tmp_path / "project" / "target").mkdir(parents=True)
    (tmp_path / "project" / "target" / "partial_parse.msgpack").write_bytes(b"setup state")
    invocation = tmp_path / "invocation"
    invocation.mkdir()
    (invocation / "partial_parse.msgpack").write_bytes(b"state of this build")
    dbt_module.keep_partial_parse(invocation)
    target = tmp_path / "project" / "target"
    assert (target / "partial_parse.msgpack").read_bytes() == b"state of this build"
    assert sorted(p.name for p in target.iterdir()) == ["partial_parse.msgpack"]
    dbt_module.keep_partial_parse(tmp_path / "missing")  # nothing to keep: the state stays
    assert (target / "partial_parse.msgpack").read_bytes() == b"state of this build"
