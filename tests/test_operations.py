"""Operating the warehouse: sensor, one writer, readers during a refresh, kills, idempotence."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.definitions import defs
from orchestration.defs.automation import folder_fingerprint, reports_folder_sensor
from orchestration.resources import WarehouseResource
from tests.conftest import ROOT, SAMPLES, gongkai_run

pytestmark = pytest.mark.e2e  # whole pipeline runs in their own processes: the slow tier


@pytest.fixture()
def setup(built_warehouse):
    return built_warehouse


def _count(warehouse: Path, sql: str):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def _new_report(reports: Path, name: str = "new_report.txt") -> Path:
    text = (SAMPLES / "002_fc6d86ce8fd15a83.txt").read_text(encoding="utf-8").replace("石嘴山市科学技术局", "石嘴山市教育局")
    path = reports / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sensor_requests_a_run_that_parses_exactly_the_new_file(setup, monkeypatch):
    reports, warehouse, home = setup
    monkeypatch.setenv("GONGKAI_REPORTS", str(reports))
    monkeypatch.setenv("GONGKAI_WAREHOUSE", str(warehouse))
    fingerprint, n = folder_fingerprint(reports)
    with dg.instance_for_test() as instance:
        ctx = dg.build_sensor_context(instance=instance, cursor=fingerprint, resources={"warehouse": WarehouseResource()})
        assert isinstance(reports_folder_sensor(ctx), dg.SkipReason)
        _new_report(reports)
        ctx = dg.build_sensor_context(instance=instance, cursor=fingerprint, resources={"warehouse": WarehouseResource()})
        request = reports_folder_sensor(ctx)
        assert isinstance(request, dg.RunRequest)
        assert request.tags["gongkai/files"] == str(n + 1)
        result = defs.resolve_job_def("refresh").execute_in_process(instance=instance, tags=request.tags)
    assert result.success
    meta = result.asset_materializations_for_node("parse_reports")[0].metadata
    assert meta["parsed_now"].value == 1
    assert meta["unchanged_skipped"].value == 6
    assert _count(warehouse, "select count(*) from marts.dim_agency where canonical_name = '石嘴山市教育局'") == 1


def test_removed_file_is_withdrawn_not_deleted_and_leaves_the_marts(setup, tmp_path):
    reports, warehouse, home = setup
    # a mistyped folder, an empty one or a file: refused before anything is marked withdrawn
    empty = tmp_path / "empty"
    empty.mkdir()
    for wrong, says in ((tmp_path / "smaple", "does not exist"), (empty, "holds no files"),
                        (reports / "003_c0ba0aad0cf3f79c.txt", "is a file")):
        proc = gongkai_run(wrong, warehouse, home)
        assert proc.returncode == 2 and says in proc.stderr, proc.stderr[-2000:]
    # most of the known files gone at once: the run fails unless --allow-withdrawal
    few = tmp_path / "few"
    few.mkdir()
    shutil.copy(reports / "000_045206c6f1d6d38e.txt", few)
    proc = gongkai_run(few, warehouse, home)
    assert proc.returncode == 1 and "5 of the 6 files the warehouse knows are not in" in proc.stderr, proc.stderr[-2000:]
    assert _count(warehouse, "select count(*) from raw.report_files where withdrawn") == 0

    before = _count(warehouse, "select count(*) from marts.agency_year_summary")
    (reports / "003_c0ba0aad0cf3f79c.txt").unlink()
    proc = gongkai_run(reports, warehouse, home)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "1 files withdrawn (their reports left the marts)" in proc.stdout
    assert _count(warehouse, "select count(*) from raw.report_files where withdrawn") == 1
    assert _count(warehouse, "select count(*) from raw.report_files") == 6
    assert _count(warehouse, "select count(*) from raw.parsed_reports") == 6  # raw keeps it
    assert _count(warehouse, "select count(*) from marts.agency_year_summary") == before - 1
    assert _count(warehouse, "select count(*) from marts.fct_applications where report_id = "
                             "(select left(sha256, 20) from raw.report_files where withdrawn)") == 0
    proc = gongkai_run(few, warehouse, home, "--allow-withdrawal")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _count(warehouse, "select count(*) from marts.agency_year_summary") == 1


def _start_run(reports: Path, warehouse: Path, home: Path) -> subprocess.Popen:
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "gongkai.cli", "run", "--reports", str(reports), "--warehouse",
                             str(warehouse), "--quiet"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_two_concurrent_runs_both_succeed(setup):
    reports, warehouse, home = setup
    _new_report(reports)
    a = _start_run(reports, warehouse, home)
    b = _start_run(reports, warehouse, home)
    out_a, err_a = a.communicate(timeout=600)
    out_b, err_b = b.communicate(timeout=600)
    assert a.returncode == 0, err_a[-2000:]
    assert b.returncode == 0, err_b[-2000:]
    assert _count(warehouse, "select count(*) from marts.agency_year_summary") == 7


def test_reader_held_open_during_refresh_sees_a_complete_warehouse(setup):
    reports, warehouse, home = setup
    reader = duckdb.connect(str(warehouse), read_only=True)
    before = reader.execute("select count(*) from marts.agency_year_summary").fetchone()[0]
    _new_report(reports)
    proc = gongkai_run(reports, warehouse, home)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # the open session still reads the warehouse it opened, complete and consistent
    assert reader.execute("select count(*) from marts.agency_year_summary").fetchone()[0] == before == 6
    assert reader.execute("select count(*) from marts.fct_applications").fetchone()[0] == 805
    reader.close()
    assert _count(warehouse, "select count(*) from marts.agency_year_summary") == 7


@pytest.mark.parametrize("delay", [1.0, 6.0, 14.0])
def test_kill_at_any_point_keeps_published_and_next_run_completes(setup, delay):
    reports, warehouse, home = setup
    with duckdb.connect(str(warehouse), read_only=True) as con:
        before = con.execute("select * from marts.agency_year_summary order by all").fetchall()
    _new_report(reports)
    proc = _start_run(reports, warehouse, home)
    time.sleep(delay)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its dbt child, as an OOM killer or a reboot would
    proc.communicate(timeout=60)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        now = con.execute("select * from marts.agency_year_summary order by all").fetchall()
    # the old warehouse whole, or (if the run finished before the kill) the new one whole: the old rows and the new
    # report's row, nothing half-built
    assert now == before or (len(now) == len(before) + 1 and set(before) < set(now))
    if len(now) == 6:
        assert now == before
    again = gongkai_run(reports, warehouse, home)
    assert again.returncode == 0, again.stderr[-3000:]
    assert _count(warehouse, "select count(*) from marts.agency_year_summary") == 7


def test_sharded_backfill_gives_the_same_warehouse(tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    shutil.copytree(SAMPLES, reports)
    plain = tmp_path / "plain" / "gongkai.duckdb"
    assert gongkai_run(reports, plain, tmp_path / "home").returncode == 0
    sharded = tmp_path / "sharded" / "gongkai.duckdb"
    monkeypatch.setenv("GONGKAI_REPORTS", str(reports))
    monkeypatch.setenv("GONGKAI_WAREHOUSE", str(sharded))
    job = defs.resolve_job_def("backfill_parse")
    with dg.instance_for_test() as instance:
        for key in job.partitions_def.get_partition_keys():
            assert job.execute_in_process(instance=instance, partition_key=key).success
    shards = sorted(p.name for p in (sharded.parent / ".build" / "shards").glob("*.duckdb"))
    assert shards == [f"shard-{i:02d}.duckdb" for i in range(8)]
    proc = gongkai_run(reports, sharded, tmp_path / "home")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not list((sharded.parent / ".build" / "shards").glob("*.duckdb"))  # loaded, then removed
    queries = ["select * exclude (parsed_at, parse_ms) from raw.parsed_reports order by all",
               "select * exclude (parsed_at) from marts.fct_applications order by all",
               "select * from marts.agency_year_summary order by all"]
    for sql in queries:
        with duckdb.connect(str(plain), read_only=True) as a, duckdb.connect(str(sharded), read_only=True) as b:
            assert a.execute(sql).fetchall() == b.execute(sql).fetchall(), sql
