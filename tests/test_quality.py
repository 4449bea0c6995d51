"""Data quality: GX suites as blocking/warning checks; results stored; bad staging data never published."""

import json

import duckdb
import pytest

from expectations.runner import store, validate
from expectations.suites import suite_by_name
from orchestration.warehouse import connect, ingest, load_reference
from tests.conftest import SAMPLES, gongkai_run


@pytest.fixture()
def raw_db(tmp_path):
    con = connect(tmp_path / "build.duckdb")
    ingest(con, SAMPLES)
    load_reference(con)
    yield con
    con.close()


def test_arithmetic_error_is_a_warning_naming_the_report(raw_db):
    outcome = validate(raw_db, suite_by_name("source_quality"))
    hongze = raw_db.execute("select report_id from raw.parsed_reports where file_name like 'jiangsu%'").fetchone()[0]
    arithmetic = next(r for r in outcome.results if r["rule"] == "template_arithmetic")
    assert arithmetic["passed"] is False
    assert arithmetic["offenders"] == [hongze]
    assert outcome.suite.blocking is False
    store(raw_db, outcome, "run-1")
    rows = raw_db.execute("""select report_id, severity, passed from quality.check_results
                             where rule = 'template_arithmetic' and report_id is not null""").fetchall()
    assert rows == [(hongze, "warning", False)]


def test_check_results_shows_the_latest_run_and_keeps_the_history(raw_db):
    outcome = validate(raw_db, suite_by_name("source_quality"))
    first = store(raw_db, outcome, "run-1")
    second = store(raw_db, outcome, "run-2")
    assert first == second > 0
    runs = raw_db.execute("select distinct run_id from quality.check_results where check_name = 'source_quality'").fetchall()
    assert runs == [("run-2",)]
    assert raw_db.execute("select count(*) from quality.check_results").fetchone()[0] == second
    assert raw_db.execute("select count(*) from quality.check_results_history").fetchone()[0] == first + second


def test_chunked_validation_equals_whole_frame(raw_db, monkeypatch):
    """A frame over the chunk size is validated in partitions by report: the same verdicts and offenders."""
    from expectations import runner

    rid = raw_db.execute("select report_id from raw.parsed_reports order by report_id limit 1").fetchone()[0]
    raw_db.execute("insert into raw.parsed_cells values (?, 'applications', 'bogus_row', 'total', -3, '-3', null, "
                   "true, 1, 0, null, false)", [rid])
    suite = suite_by_name("raw_parsed_cells")
    whole = validate(raw_db, suite)
    monkeypatch.setattr(runner, "CHUNK_ROWS", 150)
    chunked = validate(raw_db, suite)
    assert chunked.rows == whole.rows > 600
    assert [(r["rule"], r["passed"], r["offenders"]) for r in chunked.results] == \
        [(r["rule"], r["passed"], r["offenders"]) for r in whole.results]
    observed = {r["rule"]: json.loads(r["observed"]) for r in chunked.results}
    assert observed["counts_not_negative"]["unexpected_count"] == 1
    assert observed["counts_not_negative"]["chunks"] == -(-whole.rows // 150)


def test_clean_samples_pass_blocking_suites(raw_db):
    for name in ("raw_parsed_cells", "raw_parsed_reports"):
        outcome = validate(raw_db, suite_by_name(name))
        assert outcome.passed, [r for r in outcome.results if not r["passed"]]


def test_corrupted_cells_fail_the_blocking_suite(raw_db):
    rid = raw_db.execute("select report_id from raw.parsed_reports limit 1").fetchone()[0]
    raw_db.execute("insert into raw.parsed_cells values (?, 'applications', 'bogus_row', 'total', -3, '-3', null, true, 1, 0, null, false)",
                   [rid])
    outcome = validate(raw_db, suite_by_name("raw_parsed_cells"))
    failed = {r["rule"]: r["offenders"] for r in outcome.results if not r["passed"]}
    assert set(failed) == {"row_code_canonical", "cell_in_template_grid", "counts_not_negative"}
    assert failed["row_code_canonical"] == [rid]


@pytest.mark.e2e
def test_blocking_failure_keeps_published_warehouse(built_warehouse):
    reports, warehouse, home = built_warehouse
    with duckdb.connect(str(warehouse), read_only=True) as con:
        before = con.execute("select * from marts.fct_applications order by all").fetchall()
    # corrupt the staging data in the build copy, as a parser bug would
    build = warehouse.parent / ".build" / warehouse.name
    with duckdb.connect(str(build)) as con:
        con.execute("update raw.parsed_cells set value = -5 where row_code = 'new_received' and column_code = 'total'")
    second = gongkai_run(reports, warehouse, home)
    assert second.returncode == 1
    assert "gx_raw_parsed_cells" in second.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        after = con.execute("select * from marts.fct_applications order by all").fetchall()
        negative = con.execute("select count(*) from raw.parsed_cells where value < 0").fetchone()[0]
    assert after == before
    assert negative == 0
    with duckdb.connect(str(build), read_only=True) as con:
        failed = con.execute("""select distinct rule from quality.check_results
                                where check_name = 'raw_parsed_cells' and not passed""").fetchall()
    assert failed == [("counts_not_negative",)]


@pytest.mark.e2e
def test_report_with_wrong_own_arithmetic_is_published_and_flagged(built_warehouse):
    """A report printing more granted than processed (its own arithmetic error) is kept as printed: its rate
    leaves [0, 1], it is flagged by its failed checks, and the run still publishes."""
    import random

    from ingestion.canonical import APPLICATIONS
    from tests.support.synth import make_truth, render

    reports, warehouse, home = built_warehouse
    truth = make_truth(random.Random(5), 5, "2021")
    apps = truth.cells[APPLICATIONS]
    apps["total_processed"]["total"] = 2
    apps["granted"]["total"] = 4
    apps["partially_granted"]["total"] = 1
    name, data = render(truth, "tabs")
    (reports / name).write_bytes(data)
    proc = gongkai_run(reports, warehouse, home)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("""select s.disclosure_rate, s.failed_checks > 0 from marts.agency_year_summary s
                             join raw.parsed_reports r using (report_id) where r.file_name = ?""", [name]).fetchone()
    assert row == (2.5, True)
