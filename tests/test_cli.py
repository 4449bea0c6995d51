"""The CLI's answers to a newcomer's mistakes: messages and exit codes, never a traceback; read-only SQL."""

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from gongkai.cli import build_parser
from tests.conftest import ROOT


def gongkai(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture()
def warehouse(tmp_path) -> Path:
    path = tmp_path / "wh.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts; create table marts.t as select 10 as n")
    return path


def test_sql_is_read_only_and_touches_no_file(warehouse, tmp_path):
    out = tmp_path / "out.csv"
    proc = gongkai("sql", f"copy (select 1) to '{out}'", "--warehouse", str(warehouse))
    assert proc.returncode == 1 and "file system operations are disabled" in proc.stderr
    assert not out.exists()
    proc = gongkai("sql", "insert into marts.t values (1)", "--warehouse", str(warehouse))
    assert proc.returncode == 1 and "read-only" in proc.stderr


def test_sql_shows_every_statement_and_refuses_an_empty_query(warehouse):
    proc = gongkai("sql", "select 1 as first_one; select n as second_one from marts.t", "--warehouse", str(warehouse))
    assert proc.returncode == 0
    assert "first_one" in proc.stdout and "second_one" in proc.stdout and "statement 2 of 2" in proc.stdout
    proc = gongkai("sql", "  ", "--warehouse", str(warehouse))
    assert proc.returncode == 2 and proc.stderr == "gongkai sql: no query given (an empty string)\n"


def test_no_warehouse_and_a_file_as_out_are_messages(tmp_path, warehouse):
    missing = tmp_path / "none.duckdb"
    for args in (("sql", "select 1"), ("export", "--out", str(tmp_path / "x"))):
        proc = gongkai(*args, "--warehouse", str(missing))
        assert proc.returncode == 2 and "no warehouse at" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x").exists()
    afile = tmp_path / "afile"
    afile.write_text("x")
    proc = gongkai("export", "--out", str(afile), "--warehouse", str(warehouse))
    assert proc.returncode == 2 and "--out must be a folder" in proc.stderr


def test_parse_says_plainly_what_is_not_a_report(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("会议通知：请各单位按时参加。\n", encoding="utf-8")
    proc = gongkai("parse", str(note))
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"{note}: NOT A DISCLOSURE REPORT")
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = gongkai("parse", str(empty))
    assert proc.returncode == 2 and "no files to parse" in proc.stderr


def test_run_refuses_a_missing_or_empty_reports_folder(tmp_path):
    proc = gongkai("run", "--reports", str(tmp_path / "smaple"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_every_argument_is_described():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict))
    for name, sub in subparsers.choices.items():
        for action in sub._actions:
            if action.dest != "help":
                assert action.help, f"gongkai {name} {action.dest} has no description"
