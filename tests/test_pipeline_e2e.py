"""End to end on the bundled samples: a real Dagster instance, real dbt build, a real DuckDB file."""


import duckdb
import pytest

from orchestration.runner import summary
from tests.conftest import copy_sample_build, gongkai_run

pytestmark = pytest.mark.e2e  # whole pipeline runs in their own processes: the slow tier


@pytest.fixture(scope="module")
def built(sample_build, tmp_path_factory):
    sample, proc = sample_build
    base = tmp_path_factory.mktemp("e2e")
    reports, warehouse, _home = copy_sample_build(sample, base)
    assert "6 files found" in proc.stdout
    return warehouse, reports, base


def q(warehouse, sql, params=None):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_exact_values_from_samples(built):
    warehouse = built[0]
    rows = dict(q(warehouse, """
        select f.row_code || '.' || f.column_code, f.value
        from marts.fct_active_disclosure f join marts.dim_agency a using (agency_id)
        where a.canonical_name = '石嘴山市科学技术局' and f.report_year = 2019"""))
    assert rows["regulations.total_published"] == 23
    assert rows["normative_documents.made_this_year"] == 2
    assert rows["normative_documents.total_published"] == 2


def test_blank_is_null_and_not_reported(built):
    warehouse = built[0]
    (value, reported), = q(warehouse, """
        select value, is_reported from marts.fct_applications f join marts.dim_agency a using (agency_id)
        where a.canonical_name = '石嘴山市科学技术局' and outcome = 'new_received' and applicant_type = 'natural_person'""")
    assert value is None and reported is False


def test_hongze_review_totals_fail_with_both_sides(built):
    warehouse = built[0]
    rows = q(warehouse, """
        select c.rule, c.left_value, c.right_value, c.delta from marts.fct_report_checks c
        join marts.dim_agency a using (agency_id)
        where a.canonical_name = '淮安市洪泽区人民政府' and c.passed = false order by c.rule""")
    assert rows == [("review_total:administrative_review", 0.0, 11.0, -11.0),
                    ("review_total:litigation_after_review", 0.0, 5.0, -5.0)]


def test_every_sample_in_summary_with_region(built):
    warehouse = built[0]
    rows = q(warehouse, """
        select a.canonical_name, a.region_code, s.report_year from marts.agency_year_summary s
        join marts.dim_agency a using (agency_id) join marts.dim_region r using (region_code) order by 3, 1""")
    assert rows == [
        ("宿迁市科学技术局", "321300", 2018),
        ("玉溪市红塔区科学技术局", "530402", 2019),
        ("石嘴山市科学技术局", "640200", 2019),
        ("临夏回族自治州康乐县科学技术局", "622922", 2020),
        ("甘肃省科学技术厅", "620000", 2020),
        ("淮安市洪泽区人民政府", "320813", 2023),
    ]


def test_hongze_disclosure_rate(built):
    warehouse = built[0]
    (rate, granted, partial, total), = q(warehouse, """
        select s.disclosure_rate, s.granted, s.partially_granted, s.total_processed from marts.agency_year_summary s
        join marts.dim_agency a using (agency_id) where a.canonical_name = '淮安市洪泽区人民政府'""")
    assert (granted, partial, total) == (0, 4, 21)
    assert rate == pytest.approx(4 / 21)


def test_summary_text(built):
    warehouse = built[0]
    text = summary(warehouse)
    assert "6 files found, 6 distinct reports, 6 parsed, 5 flagged, 0 quarantined" in text
    assert "fct_report_checks=204" in text


def test_second_materialization_changes_nothing(built):
    warehouse, reports, base = built
    tables = ["marts.fct_applications", "marts.fct_report_checks", "marts.agency_year_summary", "raw.parsed_cells"]
    before = {t: q(warehouse, f"select * from {t} order by all") for t in tables}
    proc = gongkai_run(reports, warehouse, base / "home")  # the same Dagster instance as the first build
    assert proc.returncode == 0, proc.stderr[-3000:]
    after = {t: q(warehouse, f"select * from {t} order by all") for t in tables}
    assert before == after


def test_column_schema_and_lineage_on_every_build(built):
    """The first build fetches column schema and lineage from dbt; later builds (after the second
    materialization above) attach the recorded ones: the UI shows lineage for every materialization."""
    import dagster as dg

    _warehouse, _reports, base = built
    instance = dg.DagsterInstance.from_config(str(base / "home"))
    events = instance.fetch_materializations(dg.AssetKey(["marts", "fct_applications"]), limit=10).records
    assert len(events) >= 2
    for record in events:
        metadata = record.asset_materialization.metadata
        columns = {c.name for c in metadata["dagster/column_schema"].schema.columns}
        assert {"value", "raw_text", "is_derived", "source_line"} <= columns
        lineage = metadata["dagster/column_lineage"].lineage
        value_deps = {(d.asset_key.to_user_string(), d.column_name) for d in lineage.deps_by_column["value"]}
        assert ("staging/int_cells_corrected", "value") in value_deps
