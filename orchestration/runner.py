"""`gongkai run`: materialize everything in-process on a real Dagster instance, then summarise."""

import fcntl
import os
import socket
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from orchestration.export import MARTS

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


class _Bar:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, done: int, total: int, elapsed: float) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / total) if total else width
        rate = done / elapsed if elapsed else 0
        eta = (total - done) / rate if rate else 0
        sys.stderr.write(f"\rparsing [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {rate:.0f}/s ETA {eta:.0f}s")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def materialize_all(reports: Path, warehouse: Path, progress: bool = False):
    os.environ["GONGKAI_REPORTS"] = str(reports)
    os.environ["GONGKAI_WAREHOUSE"] = str(warehouse)
    os.environ["GONGKAI_BUILD_DB"] = str(warehouse.resolve().parent / ".build" / warehouse.name)
    from orchestration import assets
    from orchestration.definitions import defs

    # The resources read the environment set above, so the CLI and the UI run the same definitions.
    job = defs.resolve_job_def("refresh")
    assets.PROGRESS_HOOKS.append(_Bar(progress))
    try:
        with writer_lock(warehouse):
            instance = _instance()
            for run_id in reap_dead_runs(instance):
                print(f"note: run {run_id} of a killed process was marked failed", file=sys.stderr)
            return job.execute_in_process(
                instance=instance, raise_on_error=False,
                tags={"gongkai/runner": "cli", "gongkai/pid": str(os.getpid()), "gongkai/host": socket.gethostname()},
                run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
            )
    finally:
        assets.PROGRESS_HOOKS.clear()


def summary(warehouse: Path) -> str:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found, parsed, quarantined = con.execute("""
            select count(*), count(*) filter (where status = 'parsed'), count(*) filter (where status = 'quarantined')
            from raw.parsed_reports""").fetchone()
        files = con.execute("select count(*) from raw.report_files where not withdrawn").fetchone()[0]
        flagged = con.execute("""
            select count(distinct report_id) from raw.parse_issues where severity in ('warning', 'error')
            and report_id in (select report_id from raw.parsed_reports where status = 'parsed')""").fetchone()[0]
        rows = {m: con.execute(f"select count(*) from marts.{m}").fetchone()[0] for m in MARTS}
    finally:
        con.close()
    lines = [
        f"reports: {files} files found, {found} distinct reports, {parsed} parsed, {flagged} flagged, "
        f"{quarantined} quarantined",
        "rows per mart: " + ", ".join(f"{m}={n}" for m, n in rows.items()),
        f"warehouse: {warehouse}",
        f'try: gongkai sql "{EXAMPLE_QUERY}"',
    ]
    return "\n".join(lines)


def run_all(reports: Path, warehouse: Path, progress: bool = True) -> int:
    started = time.perf_counter()
    result = materialize_all(reports, warehouse, progress)
    if not result.success:
        for event in result.all_events:
            if event.is_failure:
                print(f"failed: {event.step_key}: {event.message}", file=sys.stderr)
        if warehouse.exists():
            print(f"the published warehouse keeps its last good state: {warehouse}", file=sys.stderr)
        return 1
    print(summary(warehouse))
    print(f"done in {time.perf_counter() - started:.1f}s")
    return 0
