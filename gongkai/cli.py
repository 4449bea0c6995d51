"""The `gongkai` command: run, parse, sql, export, ui."""

import argparse
import json
import os
import sys
from pathlib import Path


def default_warehouse() -> Path:
    return Path(os.environ.get("GONGKAI_WAREHOUSE", "warehouse/gongkai.duckdb"))


def default_reports() -> Path:
    return Path(os.environ.get("GONGKAI_REPORTS", "data/sample"))


def iter_inputs(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        else:
            files.append(p)
    return files


def cmd_parse(args: argparse.Namespace) -> int:
    from ingestion.parse import parse_file, prepare_parser_process

    files = iter_inputs([Path(p) for p in args.paths])
    if len(files) > 1:
        prepare_parser_process()
    missing = [f for f in files if not f.exists()]
    for f in missing:
        print(f"gongkai parse: no such file: {f}", file=sys.stderr)
    for f in files:
        if f in missing:
            continue
        result = parse_file(f)
        result["file"] = str(f)
        if args.json:
            sys.stdout.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n")
        else:
            meta = result["metadata"]
            status = "QUARANTINED" if result.get("quarantined") else "ok"
            print(f"{f}: {status} {meta.get('agency_name')} {meta.get('report_year')} "
                  f"template={meta.get('template_version')} region={meta.get('region_code')} "
                  f"issues={len(result['issues'])}")
            for issue in result["issues"]:
                print(f"   [{issue['severity']}] {issue['code']}: {issue['message']}")
    return 1 if missing else 0


def cmd_run(args: argparse.Namespace) -> int:
    from orchestration.runner import run_all

    return run_all(Path(args.reports), Path(args.warehouse), progress=not args.quiet)


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    path = Path(args.warehouse)
    if not path.exists():
        print(f"gongkai sql: no warehouse at {path}; run `gongkai run` first", file=sys.stderr)
        return 2
    con = duckdb.connect(str(path), read_only=True)
    try:
        rel = con.sql(args.query)
        if rel is None:
            return 0
        rel.show(max_rows=args.max_rows, max_width=240)
    except duckdb.Error as exc:
        print(f"gongkai sql: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from orchestration.export import export_marts

    for path in export_marts(Path(args.warehouse), Path(args.out), args.format):
        print(path)
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("DAGSTER_HOME", str(Path("warehouse/dagster_home").resolve()))
    Path(env["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    cmd = [sys.executable, "-m", "dagster", "dev", "-w", "workspace.yaml", "-h", args.host, "-p", str(args.port)]
    return subprocess.call(cmd, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gongkai", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="materialize every asset, then print a summary")
    p.add_argument("--reports", default=str(default_reports()))
    p.add_argument("--warehouse", default=str(default_warehouse()))
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("parse", help="parse files or directories without touching the warehouse")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per input file")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("sql", help="run a read-only query on the warehouse")
    p.add_argument("query")
    p.add_argument("--warehouse", default=str(default_warehouse()))
    p.add_argument("--max-rows", type=int, default=100)
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("export", help="write every mart as parquet or csv")
    p.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    p.add_argument("--out", required=True)
    p.add_argument("--warehouse", default=str(default_warehouse()))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("ui", help="start the Dagster UI (dagster dev)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=3000)
    p.set_defaults(func=cmd_ui)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
