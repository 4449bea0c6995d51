"""The dbt project and its manifest, apart from the assets: the manifest is prepared before definitions load."""

import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from dagster_dbt.dbt_project import DagsterDbtProjectPreparer

from orchestration.settings import PROJECT_ROOT

DBT_DIR = PROJECT_ROOT / "dbt_project"
# the venv's dbt by its path, also when the venv is not activated (`.venv/bin/dagster dev`): no PATH lookup
DBT_EXECUTABLE = str(Path(sys.executable).parent / "dbt")
PROJECT_SOURCES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "snapshots", "analyses")

dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)


class VenvPreparer(DagsterDbtProjectPreparer):
    """`dbt parse` with the venv's dbt (dagster-dbt's own preparer runs whichever `dbt` PATH finds)."""

    def _prepare_manifest(self, project: DbtProject) -> None:
        DbtCliResource(project_dir=project, dbt_executable=DBT_EXECUTABLE).cli(
            self._prepare_project_cli_args, target_path=project.target_path).wait()
        self._invalidate_seeds_in_partial_parse(project)


PREPARER = VenvPreparer()


def manifest_is_stale() -> bool:
    """The manifest is missing or older than a file of the project (an edit, a `git pull`): the assets
    would be defined from the old project and a new test or model would break the run (KeyError)."""
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    for name in PROJECT_SOURCES:
        path = DBT_DIR / name
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        if any(f.is_file() and f.stat().st_mtime > built for f in files):
            return True
    return False


class DbtProjectError(RuntimeError):
    """The dbt project does not parse (an edited model or YAML): the message is dbt's own account."""


def prepare_manifest() -> bool:
    """`dbt parse` when the manifest is stale (~3 s), before the definitions load: `gongkai`, `make setup`, the
    test session and `dagster dev` call it. Returns whether it parsed; DbtProjectError when dbt cannot."""
    if not manifest_is_stale():
        return False
    from dagster_dbt.errors import DagsterDbtCliRuntimeError

    try:
        PREPARER.prepare(dbt_project)
    except DagsterDbtCliRuntimeError as exc:
        told = str(exc).split("Errors parsed from dbt logs:", 1)[-1].strip()
        raise DbtProjectError(f"the dbt project in {DBT_DIR} does not parse:\n{told}") from None
    return True
