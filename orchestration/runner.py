"""`gongkai run`: materialize everything in-process on a real Dagster instance, then summarise."""

import contextlib
import fcntl
import os
import socket
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from orchestration.settings import absolute
from orchestration.warehouse.export import mart_tables

EXAMPLE_QUERY = ("select a.canonical_name, s.report_year, s.new_received, s.disclosure_rate, s.failed_checks "
                 "from marts.agency_year_summary s join marts.dim_agency a using (agency_id) order by 2, 1")


@contextmanager
def writer_lock(warehouse: Path):
    """One writer per warehouse across processes: a second `gongkai run` waits, then runs."""
    lock_dir = warehouse.resolve().parent / ".build"
    lock_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_dir / "writer.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_dead_runs(instance) -> list[str]:
    """Runs started by a `gongkai run` process that died (SIGKILL, OOM, reboot) stay 'started' for ever
    and keep their slot in the duckdb_writer pool, so the next run would wait for it. Mark them failed
    and free their slots. Called while holding the writer lock, so no live CLI run is touched."""
    import dagster as dg

    reaped = []
    statuses = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.NOT_STARTED]
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=statuses, tags={"gongkai/runner": "cli"})):
        pid = int(run.tags.get("gongkai/pid", "0") or 0)
        if run.tags.get("gongkai/host") == socket.gethostname() and pid and not _alive(pid):
            instance.report_run_failed(run, message=f"the gongkai run process {pid} died; marked failed by a later run")
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
            reaped.append(run.run_id)
    return reaped


def _instance():
    import dagster as dg

    home = os.environ.get("DAGSTER_HOME")
    if home:
        Path(home).mkdir(parents=True, exist_ok=True)
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def log_path(warehouse: Path) -> Path:
    """Where a run's full log goes: warehouse/logs/run-<time>.log."""
    folder = warehouse.parent / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / time.strftime("run-%Y%m%d-%H%M%S.log")


def materialize_all(reports: Path, warehouse: Path, progress: bool = False, verbose: bool = False,
                    allow_withdrawal: bool = False, log_file: Path | None = None):
    """The `refresh` job in this process, its warehouse resource configured with absolute paths (made so here:
    a library may change the working directory mid-run). Stages are shown on stderr (orchestration.defs.stages), the
    full log (Dagster's events, dbt's output) goes to `log_file`, and to the terminal too when `verbose`."""
    from orchestration.defs.dbt_project import prepare_manifest

    prepare_manifest()  # before the definitions load: they are made from the manifest
    from orchestration.definitions import defs

    reports, warehouse = absolute(reports, Path.cwd()), absolute(warehouse, Path.cwd())
    job = defs.resolve_job_def("refresh")
    resources = {"warehouse": {"config": {"path": str(warehouse), "reports_dir": str(reports),
                                          "allow_withdrawal": allow_withdrawal}}}
    loggers: dict = {"stages": {"config": {"log_file": str(log_file) if log_file else "", "show": progress}}}
    if verbose:
        loggers["console"] = {"config": {"log_level": "DEBUG"}}
    elif not progress:
        loggers["console"] = {"config": {"log_level": "WARNING"}}  # a failure's story still reaches the terminal
    sink = open(log_file, "a", encoding="utf-8") if log_file and not verbose else None  # noqa: SIM115
    try:
        with writer_lock(warehouse), contextlib.redirect_stdout(sink or sys.stdout):
            instance = _instance()
            for run_id in reap_dead_runs(instance):
                print(f"note: run {run_id} of a killed process was marked failed", file=sys.stderr)
            return job.execute_in_process(
                instance=instance, raise_on_error=False,
                tags={"gongkai/runner": "cli", "gongkai/pid": str(os.getpid()), "gongkai/host": socket.gethostname()},
                run_config={"loggers": loggers, "resources": resources},
            )
    finally:
        if sink:
            sink.close()


def summary(warehouse: Path) -> str:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found, parsed, quarantined = con.execute("""
            select count(*), count(*) filter (where status = 'parsed'), count(*) filter (where status = 'quarantined')
            from raw.parsed_reports""").fetchone()
        files, withdrawn = con.execute(
            "select count(*) filter (where not withdrawn), count(*) filter (where withdrawn) from raw.report_files").fetchone()
        flagged = con.execute("""
            select count(distinct report_id) from raw.parse_issues where severity in ('warning', 'error')
            and report_id in (select report_id from raw.parsed_reports where status = 'parsed')""").fetchone()[0]
        rows = {m: con.execute(f"select count(*) from marts.{m}").fetchone()[0] for m in mart_tables(con)}
    finally:
        con.close()
    lines = [
        f"reports: {files} files found, {found} distinct reports, {parsed} parsed, {flagged} flagged, "
        f"{quarantined} quarantined" + (f"; {withdrawn} files withdrawn (their reports left the marts)" if withdrawn else ""),
        "rows per mart: " + ", ".join(f"{m}={n}" for m, n in rows.items()),
        f"warehouse: {warehouse}",
        f'try: gongkai sql "{EXAMPLE_QUERY}"',
    ]
    return "\n".join(lines)


def run_all(reports: Path, warehouse: Path, progress: bool = True, verbose: bool = False,
            allow_withdrawal: bool = False) -> int:
    started = time.perf_counter()
    reports, warehouse = absolute(reports, Path.cwd()), absolute(warehouse, Path.cwd())
    log_file = log_path(warehouse)
    if progress:
        print(f"gongkai run: {reports} -> {warehouse} (full log: {log_file})", file=sys.stderr)
    from orchestration.defs.dbt_project import DbtProjectError

    try:
        result = materialize_all(reports, warehouse, progress, verbose, allow_withdrawal, log_file)
    except DbtProjectError as exc:
        print(f"gongkai run: {exc}", file=sys.stderr)
        return 1
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                error = event.step_failure_data.error
                cause = error.cause.message if error and error.cause else (error.message if error else event.message)
                print(f"failed: {event.step_key}: {cause.strip()}", file=sys.stderr)
        print(f"full log: {log_file}", file=sys.stderr)
        if warehouse.exists():
            print(f"the published warehouse keeps its last good state: {warehouse}", file=sys.stderr)
        return 1
    print(summary(warehouse))
    print(f"done in {time.perf_counter() - started:.1f}s")
    return 0
