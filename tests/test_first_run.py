"""The README's first command as a new user takes it: a fresh copy of the project, relative default paths, no
warehouse/ and no dbt_project/target/ yet, so the dbt manifest is prepared, column metadata is fetched (first
build), and the marts' GX checks run after dbt. dagster-dbt changes the working directory while it fetches column
metadata; the run must not depend on it."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

# dagster-dbt's column-metadata fetch runs `pushd(project_dir)` in several threads at once: their restores
# interleave, and the process can be left in dbt_project/ (3 of 3 fresh clones in issue 24, not every time here).
# The run is started with that outcome forced, so the test fails whenever a path depends on the working directory.
LEAVE_CWD_IN_PROJECT = """
import contextlib, os, sys
import dagster_dbt.core.dbt_event_iterator as events

@contextlib.contextmanager
def pushd_without_restore(path):
    os.chdir(path)
    yield path

events.pushd = pushd_without_restore
from gongkai.cli import main
sys.exit(main(sys.argv[1:]))
"""


def project_copy(dest: Path) -> Path:
    """The files git tracks (a clean clone's tree), copied to `dest`."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def test_first_run_with_relative_default_paths_publishes_the_marts(tmp_path):
    project = project_copy(tmp_path / "clone")
    assert not (project / "warehouse").exists() and not (project / "dbt_project" / "target").exists()
    env = {**os.environ, "PYTHONPATH": str(project), "DAGSTER_HOME": str(project / "warehouse" / "dagster_home")}
    for name in ("GONGKAI_WAREHOUSE", "GONGKAI_REPORTS", "GONGKAI_COLUMN_LINEAGE"):
        env.pop(name, None)
    (project / "warehouse" / "dagster_home").mkdir(parents=True)
    shutil.copy(project / "dagster.yaml", project / "warehouse" / "dagster_home" / "dagster.yaml")
    proc = subprocess.run([sys.executable, "-c", LEAVE_CWD_IN_PROJECT, "run"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "✓ check marts_agency_year_summary" in proc.stderr and "✓ publish" in proc.stderr
    assert not (project / "dbt_project" / "warehouse").exists()  # nothing written under dbt's working directory
    with duckdb.connect(str(project / "warehouse" / "gongkai.duckdb"), read_only=True) as con:
        reports = con.execute("select count(*) from raw.parsed_reports").fetchone()[0]
        agency_years = con.execute("select count(*) from marts.agency_year_summary").fetchone()[0]
    assert reports == len([p for p in (project / "data" / "reports").rglob("*") if p.is_file()])
    assert 0 < agency_years < reports  # the real set's pages and their crawled texts are one agency-year each
    columns = project / "warehouse" / ".build" / ".dbt-column-metadata.json"
    assert columns.exists() and "dagster/column_lineage" in columns.read_text(encoding="utf-8")
    check_readme_answers(project / "warehouse" / "gongkai.duckdb")
    logs = list((project / "warehouse" / "logs").glob("run-*.log"))
    assert len(logs) == 1 and "dbt" in logs[0].read_text(encoding="utf-8")


def readme_answers(readme: str) -> list[tuple[str, list[str]]]:
    """The SQL blocks of the README's questions section and the result lines (`-- a | b`) each shows."""
    section = readme.split("## Questions the warehouse answers", 1)[1].split("\n## ", 1)[0]
    out = []
    for block in re.findall(r"```sql\n(.*?)```", section, flags=re.S):
        sql = "\n".join(ln for ln in block.splitlines() if not ln.startswith("--"))
        shown = [ln[3:].strip() for ln in block.splitlines() if ln.startswith("-- ")]
        out.append((sql, shown))
    return out


def _shown(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def check_readme_answers(warehouse: Path) -> None:
    answers = readme_answers((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(answers) >= 4
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for sql, shown in answers:
            rows = [" | ".join(_shown(v) for v in row) for row in con.execute(sql).fetchall()]
            assert rows == shown, sql


def test_a_dbt_project_that_does_not_parse_is_a_message(tmp_path):
    """An edited model's YAML that dbt cannot read stops `gongkai run` before Dagster starts, with dbt's account
    of the error, not a traceback; nothing is written."""
    project = project_copy(tmp_path / "clone")
    yml = project / "dbt_project" / "models" / "staging" / "stg_reports.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "  - name: broken: [\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(project), "DAGSTER_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-m", "gongkai.cli", "run", "--quiet"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert f"the dbt project in {project / 'dbt_project'} does not parse" in proc.stderr
    assert "staging/stg_reports.yml" in proc.stderr and "Traceback" not in proc.stderr
    assert not (project / "warehouse" / "gongkai.duckdb").exists()
