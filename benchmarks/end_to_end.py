"""End-to-end benchmark: generate N reports, run the whole pipeline, report time per stage and peak RSS.

usage: python -m benchmarks.end_to_end N [--increment K] [--workdir DIR] [--pdf]
  N            reports of the synthetic corpus (benchmarks/corpus.py, seed 1); --pdf adds printed PDFs
  --increment  after the full build, add K new reports and time the refresh
Prints the machine, wall time per Dagster step, total, and peak RSS of the run.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks import corpus
from benchmarks.parse_throughput import machine

ROOT = Path(__file__).resolve().parents[1]


def _generate_batch(args: tuple[Path, int, int, bool]) -> None:
    folder, n, start, with_pdf = args
    corpus.write(folder, corpus.cases(n, seed=1, start=start, with_pdf=with_pdf))


def generate(folder: Path, n: int, start: int = 0, with_pdf: bool = False) -> None:
    """n reports of the synthetic corpus (benchmarks/corpus.py), deterministic from the seed and start;
    batches of 1,000 generated on every core."""
    batches = [(folder, min(1000, start + n - lo), lo, with_pdf) for lo in range(start, start + n, 1000)]
    if len(batches) == 1 or with_pdf:  # one Chromium at a time
        for b in batches:
            _generate_batch(b)
        return
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_generate_batch, batches))


def run(reports: Path, warehouse: Path, home: Path) -> tuple[float, str]:
    env = {**os.environ, "DAGSTER_HOME": str(home), "GONGKAI_WORKERS": str(os.cpu_count() or 1)}
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.end_to_end", "--inner", str(reports), str(warehouse)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        raise SystemExit(proc.returncode)
    # the run's own summary and dbt's closing line, not dbt's log of every node
    keep = [line for line in proc.stdout.splitlines()
            if line.startswith("  ") or line.startswith("Finished running") or "gongkai" in line.lower()]
    return elapsed, "\n".join(keep)


def inner(reports: Path, warehouse: Path) -> int:
    """Runs inside the measured process: the pipeline, then per-step times and peak RSS."""
    from orchestration.runner import _instance, materialize_all

    result = materialize_all(reports, warehouse)
    instance = _instance()
    starts: dict[str, float] = {}
    for rec in instance.all_logs(result.run_id):
        event = rec.dagster_event
        if event is None:
            continue
        if event.event_type_value == "STEP_START":
            starts[event.step_key] = rec.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
            print(f"  step {event.step_key}: {rec.timestamp - starts[event.step_key]:.1f} s")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak RSS: {own:.0f} MB (run process), {children:.0f} MB (largest child: dbt, parse workers)")
    return 0 if result.success else 1


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--inner":
        return inner(Path(sys.argv[2]), Path(sys.argv[3]))
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--increment", type=int, default=0)
    parser.add_argument("--workdir", default="/tmp/gongkai-bench")
    parser.add_argument("--pdf", action="store_true", help="include Chromium-printed PDFs (5 %%)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the generated reports of an earlier run in --workdir (same N; warehouse rebuilt)")
    args = parser.parse_args()
    work = Path(args.workdir)
    reports, warehouse, home = work / "reports", work / "wh" / "gongkai.duckdb", work / "home"
    print(f"machine: {machine()}")
    reuse = args.reuse and reports.is_dir() and sum(1 for _ in reports.iterdir()) == args.n
    if reuse:
        shutil.rmtree(warehouse.parent, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
        print(f"reusing the {args.n} reports in {reports}")
    else:
        shutil.rmtree(work, ignore_errors=True)
        started = time.perf_counter()
        generate(reports, args.n, with_pdf=args.pdf)
        print(f"generated {args.n} reports in {time.perf_counter() - started:.1f} s")
    elapsed, out = run(reports, warehouse, home)
    print(f"full build of {args.n} reports: {elapsed:.1f} s\n{out}")
    if args.increment:
        generate(reports, args.increment, start=args.n, with_pdf=args.pdf)
        elapsed, out = run(reports, warehouse, home)
        print(f"refresh after +{args.increment} reports: {elapsed:.1f} s\n{out}")
        for f in sorted(reports.iterdir())[-args.increment:]:  # back to N for the next --reuse
            if f.name >= f"synth_{args.n:06d}":
                f.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
