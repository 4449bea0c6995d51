"""The reports folder into the raw tables, incremental by content hash and parser version; a sharded parse for
backfills."""

import hashlib
import json
import os
import signal
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

import duckdb

from ingestion import PARSER_VERSION
from ingestion.parse import parse_bytes, prepare_parser_process, quarantined
from ingestion.result import ParseResult
from orchestration.settings import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PARSE_SECONDS, FETCH_LOG_DIR, FETCH_LOG_FILE
from orchestration.warehouse.store import connect, insert_rows, report_id

WRITE_BATCH = 1000  # parsed reports per write to DuckDB


def discover(reports_dir: Path, max_bytes: int) -> list[tuple[str, Path | None, str | None]]:
    """Files offered in the folder: (relative path, resolved path or None, skip reason or None).

    Symlinks are followed only when they stay inside the folder.
    """
    root = reports_dir.resolve()
    out: list[tuple[str, Path | None, str | None]] = []
    if not root.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):  # dot-files too: every file offered is accounted for
            full = Path(dirpath) / name
            rel = str(full.relative_to(root))
            try:
                target = full.resolve(strict=True)
            except (OSError, RuntimeError):
                out.append((rel, None, "broken_link"))
                continue
            if full.is_symlink() and not target.is_relative_to(root):
                out.append((rel, None, "link_outside_folder"))
                continue
            if not target.is_file():
                out.append((rel, None, "not_a_file"))
                continue
            if target.stat().st_size > max_bytes:
                out.append((rel, target, "too_large"))
                continue
            out.append((rel, target, None))
    return out


class ParseTimeout(BaseException):
    """Raised by the timer when one file takes longer than the limit (BaseException: the parser's own
    error handling must not swallow it)."""


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise ParseTimeout()


def _parse_one(args: tuple[str, str, float]) -> ParseResult:
    """Parse one file, within a time limit where a timer can be set (the main thread of a process)."""
    rel, path, seconds = args
    data = Path(path).read_bytes()
    timed = seconds > 0 and threading.current_thread() is threading.main_thread()
    if timed:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        result = parse_bytes(Path(rel).name, data, Path(path))
    except ParseTimeout:
        result = replace(quarantined(Path(rel).name, "parse_timeout", f"parsing took longer than the {seconds:g} s limit"),
                         sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), parse_ms=seconds * 1000)
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return replace(result, file_path=rel)


def _parse_many(items: list[tuple[str, str, float]]) -> list[ParseResult]:
    return [_parse_one(item) for item in items]


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class ReportsFolderError(ValueError):
    """The reports folder cannot be ingested as asked: missing, not a folder, empty, or it would withdraw more
    than WITHDRAW_SHARE of the known files at once (a mistyped path) without `allow_withdrawal`."""


# the share of the known files a refresh may mark withdrawn without being told to (allow_withdrawal)
WITHDRAW_SHARE = 0.5


def reports_folder_problem(reports_dir: Path, holds_files: bool | None = None) -> str | None:
    """Why a reports folder cannot be read (missing, a file, holding no file), or None. `holds_files`: whether it
    offers files, when the caller has already walked it."""
    if not reports_dir.exists():
        return f"the reports folder {reports_dir} does not exist"
    if not reports_dir.is_dir():
        return f"the reports folder {reports_dir} is a file, not a folder"
    if holds_files is None:
        holds_files = any(p.is_file() or p.is_symlink() for p in reports_dir.rglob("*"))
    return None if holds_files else f"the reports folder {reports_dir} holds no files"


def check_reports_folder(con: duckdb.DuckDBPyConnection, reports_dir: Path, offered: list, allow_withdrawal: bool) -> None:
    """Raise ReportsFolderError when `reports_dir` is missing, no folder or empty, or when the files it offers
    would withdraw more than WITHDRAW_SHARE of the files the warehouse knows (unless `allow_withdrawal`)."""
    problem = reports_folder_problem(reports_dir, bool(offered))
    if problem:
        raise ReportsFolderError(problem)
    if allow_withdrawal:
        return
    known = {row[0] for row in con.execute("select file_path from raw.report_files where not withdrawn").fetchall()}
    gone = known - {rel for rel, _path, _reason in offered}
    if len(gone) > 1 and len(gone) > WITHDRAW_SHARE * len(known):
        raise ReportsFolderError(
            f"{len(gone)} of the {len(known)} files the warehouse knows are not in {reports_dir}: they would be "
            f"marked withdrawn and leave the marts. A mistyped folder? If intended, run again with "
            f"--allow-withdrawal (gongkai run) or the warehouse resource's allow_withdrawal")


@dataclass
class IngestStats:
    offered: int = 0
    new_or_changed: int = 0
    parsed: int = 0
    quarantined: int = 0
    skipped_unchanged: int = 0
    withdrawn: int = 0
    fetches: int = 0  # rows of the collection's fetch logs loaded into raw.fetches
    seconds: float = 0.0


def ingest(con: duckdb.DuckDBPyConnection, reports_dir: Path, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES,
           max_seconds: float = DEFAULT_MAX_PARSE_SECONDS, workers: int = 1, progress: Callable[[int, int, float], None] | None = None,
           only: Iterable[str] | None = None, record_files: bool = True, allow_withdrawal: bool = False) -> IngestStats:
    """Parse new or changed files into the raw tables; unchanged files (hash + parser version) are skipped.

    Files over `max_bytes` and parses over `max_seconds` are quarantined with that reason. A missing or empty
    folder, or one that would withdraw most known files at once, raises ReportsFolderError (check_reports_folder).
    """
    started = time.perf_counter()
    now = con.execute("select now()::timestamp").fetchone()[0]
    stats = IngestStats()
    offered = discover(reports_dir, max_bytes)
    if record_files:
        check_reports_folder(con, reports_dir, offered, allow_withdrawal)
    stats.offered = len(offered)
    plan = _plan(con, offered, set(only) if only is not None else None, max_seconds)
    stats.skipped_unchanged = plan.unchanged
    stats.new_or_changed = len(plan.todo) + len(plan.refused)
    total = len(plan.todo)
    batch: list[ParseResult] = []

    def flush() -> None:  # written in batches: memory stays bounded by the batch, not by the folder
        _write(con, batch, now)
        stats.quarantined += sum(1 for r in batch if r.quarantined)
        stats.parsed += sum(1 for r in batch if not r.quarantined)
        batch.clear()

    for i, res in enumerate(_parsed(plan.todo, workers), start=1):
        batch.append(res)
        if len(batch) >= WRITE_BATCH:
            flush()
        if progress and (i % 200 == 0 or i == total):
            progress(i, total, time.perf_counter() - started)
    batch.extend(_refused(rel, sha, size, reason, max_bytes) for rel, sha, size, reason in plan.refused)
    flush()
    if record_files:
        _record_files(con, plan.files, now)
        stats.fetches = load_fetch_logs(con, reports_dir)
    stats.withdrawn = con.execute("select count(*) from raw.report_files where withdrawn").fetchone()[0]
    stats.seconds = time.perf_counter() - started
    return stats


@dataclass
class _Plan:
    """What an ingest does with the files offered: parse `todo`, quarantine `refused` unread, record `files`."""

    todo: list[tuple[str, str, float]]  # (relative path, path, time limit)
    refused: list[tuple[str, str, int, str]]  # (relative path, sha256, bytes, reason)
    files: list[tuple[str, str, int, int | None]]  # (relative path, sha256, bytes, mtime_ns)
    unchanged: int


def _plan(con: duckdb.DuckDBPyConnection, offered: list[tuple[str, Path | None, str | None]], only: set[str] | None,
          max_seconds: float) -> _Plan:
    known = dict(con.execute("select report_id, parser_version from raw.parsed_reports").fetchall())
    # a file whose size and modification time (ns) are those recorded keeps its recorded hash (as git's index
    # does): a refresh reads only new or touched files instead of hashing the whole folder
    hashed = {path: (sha, size, mtime) for path, sha, size, mtime in con.execute(
        "select file_path, sha256, bytes, mtime_ns from raw.report_files").fetchall()}
    plan = _Plan([], [], [], 0)
    queued: set[str] = set()
    for rel, path, reason in offered:
        st = path.stat() if path is not None else None
        size, mtime = (st.st_size, st.st_mtime_ns) if st is not None else (0, None)
        recorded = hashed.get(rel)
        if recorded is not None and st is not None and recorded[1:] == (size, mtime):
            sha = recorded[0]
        else:
            sha = _sha(path) if path is not None else hashlib.sha256(rel.encode()).hexdigest()
        plan.files.append((rel, sha, size, mtime))
        rid = report_id(sha)
        if only is not None and rel not in only:
            continue
        if known.get(rid) == PARSER_VERSION or rid in queued:
            # unchanged, or the same bytes under a second name (one report; both files are recorded)
            plan.unchanged += 1
            continue
        queued.add(rid)
        if reason is not None:
            plan.refused.append((rel, sha, size, reason))
        else:
            plan.todo.append((rel, str(path), max_seconds))
    return plan


def _parsed(todo: list[tuple[str, str, float]], workers: int) -> Iterator[ParseResult]:
    """The parses of `todo`, in order: in this process, or in a pool for many files."""
    if workers <= 1 or len(todo) <= 50:
        yield from (_parse_one(item) for item in todo)
        return
    # a bounded window of chunks in flight: when writing is slower than parsing, finished parses do not pile
    # up in this process (pool.map queued every result: 2.9 GB at 100k)
    chunks = iter([todo[k:k + 64] for k in range(0, len(todo), 64)])
    with ProcessPoolExecutor(max_workers=workers, initializer=prepare_parser_process) as pool:
        pending = deque(pool.submit(_parse_many, c) for c in islice(chunks, workers * 3))
        while pending:
            results = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_parse_many, nxt))
            yield from results


REFUSALS = {
    "too_large": "the file is larger than the {max_bytes} byte limit",
    "link_outside_folder": "a symbolic link that points outside the reports folder (not followed)",
    "broken_link": "a symbolic link whose target does not exist",
    "not_a_file": "not a regular file",
}


def _refused(rel: str, sha: str, size: int, reason: str, max_bytes: int) -> ParseResult:
    """The quarantine record of a file not read (too large, a link out of the folder, not a file)."""
    return replace(quarantined(Path(rel).name, reason, REFUSALS[reason].format(max_bytes=max_bytes)),
                   file_path=rel, sha256=sha, bytes=size, parse_ms=0.0)


def _record_files(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, int, int | None]], now) -> None:
    con.execute("create or replace temp table _seen (file_path varchar, sha256 varchar, bytes bigint, mtime_ns bigint)")
    insert_rows(con, "_seen", rows)  # Arrow, not executemany: 100k files in a fraction of a second
    con.execute("""
        insert into raw.report_files (file_path, sha256, bytes, first_seen, last_seen, withdrawn, withdrawn_at, mtime_ns)
        select s.file_path, s.sha256, s.bytes, $now, $now, false, null, s.mtime_ns from _seen s
        on conflict (file_path) do update set sha256 = excluded.sha256, bytes = excluded.bytes,
            last_seen = excluded.last_seen, withdrawn = false, withdrawn_at = null, mtime_ns = excluded.mtime_ns
    """, {"now": now})
    con.execute("""
        update raw.report_files set withdrawn = true, withdrawn_at = $now
        where not withdrawn and file_path not in (select file_path from _seen)
    """, {"now": now})


def _write(con: duckdb.DuckDBPyConnection, results: list[ParseResult], now) -> None:
    if not results:
        return
    reports, cells, issues, figures = [], [], [], []
    for res in results:
        rid = report_id(res.sha256)
        reports.append((rid, res.sha256, *_report_row(res), now))
        for table, row, col, cell in res.filled_cells():
            if cell is None:
                cells.append((rid, table, row, col, None, None, None, False, None, None, None, False))
                continue
            pos = cell.pos
            cells.append((rid, table, row, col, cell.value, cell.raw, cell.unit, cell.value is not None,
                          pos.file_line if pos else None, pos.col if pos else None, pos.page if pos else None,
                          cell.derived is not None))
        for seq, issue in enumerate(res.issues, start=1):
            extra = {k: v for k, v in issue.fields if k not in ("rule", "table", "row")}
            issues.append((rid, seq, issue.code, issue.severity, issue.message, issue.get("rule"),
                           issue.table, issue.row, json.dumps(extra, ensure_ascii=False) if extra else None))
        for code, fig in res.narrative.items():
            figures.append((rid, code, fig.value, fig.raw, fig.pos.offset, fig.pos.file_line))
    con.execute("begin")
    try:
        # reports parsed before (a new parser version) replace their rows; the deletes scan the large tables,
        # so they run only when the batch holds such a report (a lookup in parsed_reports' primary key)
        con.execute("create or replace temp table _ids (report_id varchar)")
        insert_rows(con, "_ids", [(r[0],) for r in reports])
        if con.execute("select count(*) from raw.parsed_reports where report_id in (select report_id from _ids)"
                       ).fetchone()[0]:
            for table in ("parsed_reports", "parsed_cells", "parse_issues", "narrative_figures"):
                con.execute(f"delete from raw.{table} where report_id in (select report_id from _ids)")
        insert_rows(con, "raw.parsed_reports", reports)
        insert_rows(con, "raw.parsed_cells", cells)
        insert_rows(con, "raw.parse_issues", issues)
        insert_rows(con, "raw.narrative_figures", figures)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def _report_row(res: ParseResult) -> tuple:
    """raw.parsed_reports' columns from the parser version to parse_ms (the report's id, hash and time aside)."""
    meta = res.metadata
    error = next((i for i in res.issues if i.severity == "error"), None) if res.quarantined else None
    return (res.parser_version, res.file_path, Path(res.file_path).name, res.bytes,
            "quarantined" if res.quarantined else "parsed", error.code if error else None,
            error.message if error else None, *(getattr(meta, name) for name in METADATA_COLUMNS), res.parse_ms)


# the metadata fields raw.parsed_reports holds, in its column order
METADATA_COLUMNS = ("agency_name", "agency_name_source", "agency_core_name", "agency_kind", "report_year",
                    "published_date", "template_version", "script", "source_format", "encoding", "region_code",
                    "province", "city", "county", "admin_level")


def shard_of(rel_path: str, shards: int) -> int:
    """Stable shard of a file (by its path), for fanning the parse out."""
    return zlib.crc32(rel_path.encode("utf-8")) % shards


def ingest_shard(shard_db: Path, reports_dir: Path, shard: int, shards: int, **kwargs) -> IngestStats:
    """Parse one shard of the folder into its own DuckDB file: shards run in parallel, no shared writer."""
    files = [rel for rel, _path, _reason in discover(reports_dir, kwargs.get("max_bytes", DEFAULT_MAX_FILE_BYTES))
             if shard_of(rel, shards) == shard]
    con = connect(shard_db)
    try:
        return ingest(con, reports_dir, only=files, record_files=False, **kwargs)
    finally:
        con.close()


SHARD_TABLES = ("parsed_reports", "parsed_cells", "parse_issues", "narrative_figures")


def merge_shards(con: duckdb.DuckDBPyConnection, shard_dir: Path) -> int:
    """Load parsed shards into the raw tables (replacing those reports), then remove the shard files."""
    merged = 0
    for shard_db in sorted(shard_dir.glob("*.duckdb")):
        literal = str(shard_db).replace("'", "''")  # ATTACH takes no parameters; the path is ours, quoted
        con.execute(f"attach '{literal}' as shard (read_only)")
        try:
            con.execute("begin")
            for table in SHARD_TABLES:
                con.execute(f"delete from raw.{table} where report_id in (select report_id from shard.raw.parsed_reports)")
                con.execute(f"insert into raw.{table} by name select * from shard.raw.{table}")
            merged += con.execute("select count(*) from shard.raw.parsed_reports").fetchone()[0]
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        finally:
            con.execute("detach shard")
        shard_db.unlink()
        shard_db.with_suffix(".duckdb.wal").unlink(missing_ok=True)
    return merged


def load_fetch_logs(con: duckdb.DuckDBPyConnection, reports_dir: Path) -> int:
    """raw.fetches made anew from every source's fetch log (<source>/.collect/fetches.jsonl, written by
    `gongkai collect`): where each collected file came from. The logs are the record; the table mirrors them."""
    columns = [name for name, *_ in con.execute("describe raw.fetches").fetchall()]  # a log line's keys, by name
    rows = []
    for log in sorted(reports_dir.glob(f"*/{FETCH_LOG_DIR}/{FETCH_LOG_FILE}")):
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                rows.append(tuple(rec.get(c) for c in columns))
    con.execute("delete from raw.fetches")
    if rows:
        con.execute("create or replace temp table _fetches as select * from raw.fetches limit 0")
        con.execute("alter table _fetches alter fetched_at type varchar")
        insert_rows(con, "_fetches", rows)
        con.execute("insert into raw.fetches select * replace (cast(fetched_at as timestamp) as fetched_at) from _fetches")
    return len(rows)
