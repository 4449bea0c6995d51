"""gongkai: a DuckDB warehouse of China's government information-disclosure annual reports.

Commands: run (build the warehouse), collect (download reports from the sources' sites), parse (read reports, no
warehouse), sql (query it), export (write the marts), ui (the Dagster UI). Paths given on the command line are taken against the current folder.
"""

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from orchestration import settings

if TYPE_CHECKING:
    from ingestion.result import ParseResult


class UsageError(Exception):
    """A mistake of the caller's, told as one line (exit 2), never as a traceback."""


def iter_inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files named or held by `paths`, and the paths that do not exist."""
    files: list[Path] = []
    missing: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        elif p.exists():
            files.append(p)
        else:
            missing.append(p)
    return files, missing


def _is_report(result: "ParseResult") -> bool:
    """Whether a parse found a disclosure report: a template table or prose figures, an agency or a year."""
    meta = result.metadata
    return result.value_count() > 0 or bool(result.narrative) or bool(meta.agency_name or meta.report_year)


def cmd_parse(args: argparse.Namespace) -> int:
    from ingestion.parse import parse_file, prepare_parser_process

    files, missing = iter_inputs([Path(p) for p in args.paths])
    for f in missing:
        print(f"gongkai parse: no such file or folder: {f}", file=sys.stderr)
    if not files:
        print("gongkai parse: no files to parse in " + ", ".join(args.paths), file=sys.stderr)
        return 2
    if len(files) > 1:
        prepare_parser_process()
    for f in files:
        result = replace(parse_file(f), file=str(f))
        if args.json:
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
            continue
        meta = result.metadata
        if result.quarantined:
            print(f"{f}: QUARANTINED")
        elif not _is_report(result):
            print(f"{f}: NOT A DISCLOSURE REPORT: no template table, no figure in prose, no agency or year found")
        else:
            print(f"{f}: ok {meta.agency_name} {meta.report_year} "
                  f"template={meta.template_version} region={meta.region_code} "
                  f"issues={len(result.issues)}")
        for issue in result.issues:
            print(f"   [{issue.severity}] {issue.code}: {issue.message}")
    return 1 if missing else 0


def cmd_run(args: argparse.Namespace) -> int:
    from orchestration.runner import run_all
    from orchestration.warehouse.raw_tables import reports_folder_problem

    reports = settings.absolute(args.reports, Path.cwd())
    problem = reports_folder_problem(reports)  # said before Dagster starts; the ingest checks the same again
    if problem:
        raise UsageError(problem)

    return run_all(reports, settings.absolute(args.warehouse, Path.cwd()), progress=not args.quiet,
                   verbose=args.verbose, allow_withdrawal=args.allow_withdrawal)


def _warehouse_file(path_arg: str) -> Path:
    """The warehouse file a command reads, which must exist."""
    path = settings.absolute(path_arg, Path.cwd())
    if not path.is_file():
        raise UsageError(f"no warehouse at {path}; build it first with `gongkai run`")
    return path


def _open_warehouse(path_arg: str):
    import duckdb

    path = _warehouse_file(path_arg)
    # read-only, and no access to files outside the database: `copy … to`, `read_csv` and attach are refused
    return duckdb.connect(str(path), read_only=True, config={"enable_external_access": False})


def split_statements(query: str) -> list[str]:
    """The SQL statements of `query` (DuckDB's own parser: semicolons in strings are no separators)."""
    import duckdb

    return [str(s.query).strip() for s in duckdb.extract_statements(query) if str(s.query).strip()]


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    query = args.query if args.query != "-" else sys.stdin.read()
    if not query.strip():
        raise UsageError("no query given (an empty string)")
    try:
        statements = split_statements(query)
    except duckdb.Error as exc:
        print(f"gongkai sql: {exc}", file=sys.stderr)
        return 1
    if not statements:
        raise UsageError("no SQL statement in the query")
    con = _open_warehouse(args.warehouse)
    try:
        for i, statement in enumerate(statements):
            if len(statements) > 1:
                print(f"-- statement {i + 1} of {len(statements)}: {statement[:80]}")
            rel = con.sql(statement)
            if rel is not None:
                rel.show(max_rows=args.max_rows, max_width=240)
    except duckdb.Error as exc:
        print(f"gongkai sql: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from orchestration.warehouse.export import export_marts

    out = settings.absolute(args.out, Path.cwd())
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out must be a folder; {args.out} is a file")
    for path in export_marts(_warehouse_file(args.warehouse), out, args.format):
        print(path)
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from orchestration.collect import SourcesError, crawl, load_sources

    try:
        sources = load_sources(settings.absolute(args.sources, Path.cwd()))
    except SourcesError as exc:
        raise UsageError(str(exc)) from exc
    if args.source:
        sources = [s for s in sources if s.name in args.source]
        missing = set(args.source) - {s.name for s in sources}
        if missing:
            raise UsageError(f"no source named {', '.join(sorted(missing))} in {args.sources}")
    if not sources:
        raise UsageError(f"no sources in {args.sources}")
    reports = settings.absolute(args.reports, Path.cwd())
    failed = 0
    for source in sources:
        stats = crawl(source, reports, progress=lambda message: print(f"  {message}", file=sys.stderr, flush=True))
        failed += stats.failed
        print(f"{source.name}: {stats.pages_seen} list pages, {stats.reports_found} reports found, {stats.downloaded} "
              f"downloaded ({stats.bytes} bytes), {stats.unchanged} unchanged, {stats.failed} failed, "
              f"{stats.forbidden} forbidden by robots.txt, {stats.requests} requests -> {reports / source.name}")
        for failure in stats.failures:
            print(f"  failed: {failure}")
    print("next: gongkai run (the reports-folder sensor does it when the Dagster daemon runs)")
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("DAGSTER_HOME", str(settings.PROJECT_ROOT / "warehouse" / "dagster_home"))
    Path(env["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    cmd = [sys.executable, "-m", "dagster", "dev", "-w", str(settings.PROJECT_ROOT / "workspace.yaml"),
           "-h", args.host, "-p", str(args.port)]
    return subprocess.call(cmd, env=env, cwd=settings.PROJECT_ROOT)


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.ArgumentDefaultsHelpFormatter
    parser = argparse.ArgumentParser(prog="gongkai", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    warehouse_help = "the published DuckDB warehouse (env GONGKAI_WAREHOUSE)"
    default_warehouse = os.environ.get("GONGKAI_WAREHOUSE") or settings.DEFAULT_WAREHOUSE
    default_reports = os.environ.get("GONGKAI_REPORTS") or settings.DEFAULT_REPORTS

    p = sub.add_parser("run", help="parse the reports, build the warehouse, run the checks, publish", formatter_class=fmt,
                       description="Materialize every asset (parse → dbt build → checks → publish) in this process, "
                                   "showing each stage; the full log goes to warehouse/logs/.")
    p.add_argument("--reports", default=default_reports, help="folder of report files to read (env GONGKAI_REPORTS)")
    p.add_argument("--warehouse", default=default_warehouse, help=warehouse_help)
    p.add_argument("--allow-withdrawal", action="store_true",
                   help="let this run mark more than half of the known files withdrawn (they leave the marts)")
    p.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")
    p.add_argument("--verbose", action="store_true", help="print the full Dagster and dbt log too")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("collect", help="download reports from the sources' sites into the reports folder",
                       formatter_class=fmt,
                       description="Walk each source's column (data/sources.yaml), download new or changed report pages "
                                   "and attachments into <reports>/<source>/, politely (robots.txt, a rate per host); "
                                   "every request is logged to <reports>/<source>/.collect/fetches.jsonl.")
    p.add_argument("--source", action="append", help="only this source (repeatable); default: every source")
    p.add_argument("--sources", default=str(settings.SOURCES_FILE), help="the sources file")
    p.add_argument("--reports", default=default_reports, help="the reports folder the parse reads (env GONGKAI_REPORTS)")
    p.set_defaults(func=cmd_collect)

    p = sub.add_parser("parse", help="parse files or folders without touching the warehouse", formatter_class=fmt,
                       description="Parse report files (text, HTML, PDF, DOCX) and print what was read.")
    p.add_argument("paths", nargs="+", help="files or folders")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per input file (the parser's contract)")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("sql", help="query the published warehouse (read-only)", formatter_class=fmt,
                       description="Run SQL on the published warehouse, read-only and with no file access; "
                                   "each statement's result is shown.")
    p.add_argument("query", help="one or more SQL statements separated by ';' ('-' reads them from stdin)")
    p.add_argument("--warehouse", default=default_warehouse, help=warehouse_help)
    p.add_argument("--max-rows", type=int, default=100, help="rows shown per result")
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("export", help="write every mart as Parquet or CSV", formatter_class=fmt,
                       description="Write each mart of the published warehouse to a file in --out.")
    p.add_argument("--format", choices=["parquet", "csv"], default="parquet", help="file format")
    p.add_argument("--out", required=True, help="output folder (created if missing)")
    p.add_argument("--warehouse", default=default_warehouse, help=warehouse_help)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("ui", help="start the Dagster UI (dagster dev)", formatter_class=fmt)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=3000, help="port to listen on")
    p.set_defaults(func=cmd_ui)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"gongkai {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of our output went away (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
