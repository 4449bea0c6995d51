"""Incremental refresh: the incremental dbt models (by report) end up exactly as a build from scratch.

A warehouse is built on part of the samples, then refreshed after new reports arrive, one of them a second
version of an agency-year already loaded (which may change the chosen report). Every incremental table must
then hold the same rows as a warehouse built once from the final folder (parse times aside).
"""

import hashlib
import shutil

import duckdb
import pytest

from tests.conftest import SAMPLES, gongkai_run

pytestmark = pytest.mark.e2e  # whole pipeline runs in their own processes: the slow tier

INCREMENTAL = ["staging.int_cells_corrected", "marts.fct_active_disclosure", "marts.fct_applications",
               "marts.fct_review_litigation"]
DOWNSTREAM = ["marts.agency_year_summary", "marts.fct_report_checks"]


def _rows(warehouse, table: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cols = [r[0] for r in con.execute(f"describe {table}").fetchall() if r[0] not in ("parsed_at",)]
        return con.execute(f"select {', '.join(cols)} from {table} order by all").fetchall()


def test_refresh_after_new_reports_equals_a_full_build(tmp_path):
    files = sorted(p.name for p in SAMPLES.iterdir())
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in files[:3]:
        shutil.copy(SAMPLES / name, reports / name)
    warehouse = tmp_path / "inc" / "gongkai.duckdb"
    first = gongkai_run(reports, warehouse, tmp_path / "home")
    assert first.returncode == 0, first.stderr[-3000:]
    before = {t: len(_rows(warehouse, t)) for t in INCREMENTAL}

    for name in files[3:]:
        shutil.copy(SAMPLES / name, reports / name)
    # a re-post of a loaded agency-year: the same tables in other bytes, so another report, made to win the
    # dedup rule's last tie-break (the smaller report_id) so that the chosen report of a built agency-year changes
    original = (SAMPLES / files[2]).read_bytes()
    repost = next(data for k in range(10_000)
                  if (data := original + f"\n（更新版 {k}）\n".encode()) and hashlib.sha256(data).hexdigest() < hashlib.sha256(original).hexdigest())
    (reports / "repost.txt").write_bytes(repost)
    second = gongkai_run(reports, warehouse, tmp_path / "home")
    assert second.returncode == 0, second.stderr[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        chosen = con.execute("select file_name, is_chosen from staging.int_reports_deduped where is_duplicate_agency_year "
                             "order by file_name").fetchall()
        sources = con.execute("select distinct source_file from marts.fct_applications where source_file in (?, ?)",
                              [files[2], "repost.txt"]).fetchall()
    assert chosen == [(files[2], False), ("repost.txt", True)]
    assert sources == [("repost.txt",)]  # the earlier version's rows left the facts

    scratch = tmp_path / "scratch" / "gongkai.duckdb"
    full = gongkai_run(reports, scratch, tmp_path / "home2")
    assert full.returncode == 0, full.stderr[-3000:]
    for table in INCREMENTAL + DOWNSTREAM:
        assert _rows(warehouse, table) == _rows(scratch, table), table
    assert all(len(_rows(warehouse, t)) > before[t] for t in INCREMENTAL if before[t])

    # nothing new: a third run leaves every table as it was
    third = gongkai_run(reports, warehouse, tmp_path / "home")
    assert third.returncode == 0, third.stderr[-3000:]
    for table in INCREMENTAL + DOWNSTREAM:
        assert _rows(warehouse, table) == _rows(scratch, table), table


def test_unchanged_files_are_not_rehashed_and_touched_files_are(tmp_path, monkeypatch):
    """A refresh hashes only files whose size or modification time changed since they were recorded."""
    import os

    from orchestration.warehouse import raw_tables as wh

    reports = tmp_path / "reports"
    shutil.copytree(SAMPLES, reports)
    con = wh.connect(tmp_path / "w.duckdb")
    first = wh.ingest(con, reports)
    hashed: list[str] = []
    real_sha = wh._sha
    monkeypatch.setattr(wh, "_sha", lambda path: hashed.append(path.name) or real_sha(path))
    again = wh.ingest(con, reports)
    assert (again.skipped_unchanged, again.parsed, hashed) == (first.parsed, 0, [])
    # same size, new content and time: hashed again and re-parsed as a new report
    target = sorted(reports.glob("*.txt"))[0]
    data = target.read_bytes()
    target.write_bytes(data.replace(b"0", b"1", 1))
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 1_000_000))
    third = wh.ingest(con, reports)
    assert hashed == [target.name]
    assert third.parsed == 1
    recorded = con.execute("select sha256 from raw.report_files where file_path = ?", [target.name]).fetchone()[0]
    assert recorded == hashlib.sha256(target.read_bytes()).hexdigest()
    con.close()


def test_reparse_after_a_parser_change_replaces_rows(tmp_path):
    """Reports parsed by an earlier parser version are parsed again and replace their rows (no duplicates);
    a batch of only new reports skips the deletes."""
    from orchestration.warehouse import raw_tables as wh

    con = wh.connect(tmp_path / "w.duckdb")
    wh.ingest(con, SAMPLES)
    tables = ("parsed_reports", "parsed_cells", "parse_issues", "narrative_figures")
    before = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in tables}
    con.execute("update raw.parsed_reports set parser_version = '0.0.1'")
    again = wh.ingest(con, SAMPLES)
    after = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in tables}
    versions = con.execute("select distinct parser_version from raw.parsed_reports").fetchall()
    con.close()
    assert again.parsed == before["parsed_reports"] == 6
    assert after == before
    assert versions == [(wh.PARSER_VERSION,)]
