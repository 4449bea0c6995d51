import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "reports" / "sample"
EXPECTED = ROOT / "tests" / "expected"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLES


def expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def load_expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def gongkai_run(reports: Path, warehouse: Path, dagster_home: Path, *extra: str) -> subprocess.CompletedProcess:
    """`gongkai run` as a user runs it: its own process, a real Dagster instance in DAGSTER_HOME."""
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home)}
    dagster_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "dagster.yaml", dagster_home / "dagster.yaml")
    return subprocess.run([sys.executable, "-m", "gongkai.cli", "run", "--reports", str(reports),
                           "--warehouse", str(warehouse), "--quiet", *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def build_sample_warehouse(base: Path) -> tuple[Path, Path, Path, subprocess.CompletedProcess]:
    """The sample reports copied to base/reports and built by `gongkai run` into base/wh (Dagster home
    base/home); asserts the run succeeded. Returns (reports, warehouse, home, the finished process)."""
    reports = base / "reports"
    shutil.copytree(SAMPLES, reports)
    warehouse = base / "wh" / "gongkai.duckdb"
    home = base / "home"
    proc = gongkai_run(reports, warehouse, home)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return reports, warehouse, home, proc


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The sample reports built once per session by `gongkai run`: (its folder, the finished process). Tests
    that change a warehouse take a copy (built_warehouse, copy_sample_build), not a build of their own."""
    base = tmp_path_factory.mktemp("sample_build")
    *_paths, proc = build_sample_warehouse(base)
    return base, proc


def copy_sample_build(sample: Path, dest: Path) -> tuple[Path, Path, Path]:
    """A copy of the session's build in `dest` (file times kept: the copy's files are unchanged for the ingest).
    Returns (reports, warehouse, Dagster home)."""
    for name in ("reports", "wh", "home"):
        shutil.copytree(sample / name, dest / name, symlinks=True)
    return dest / "reports", dest / "wh" / "gongkai.duckdb", dest / "home"


@pytest.fixture()
def built_warehouse(sample_build: tuple[Path, subprocess.CompletedProcess], tmp_path: Path) -> tuple[Path, Path, Path]:
    """This test's own copy of the built sample warehouse: (reports, warehouse, Dagster home)."""
    return copy_sample_build(sample_build[0], tmp_path)


def pytest_sessionstart(session: pytest.Session) -> None:
    """The dbt manifest the definitions are made from, parsed again when the project changed (as `gongkai` does)."""
    from orchestration.defs.dbt_project import prepare_manifest

    prepare_manifest()
