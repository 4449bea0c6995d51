"""The parser over any folder of real reports: what it read, what holds, and how fast, beside generated reports.

usage: python -m benchmarks.real_corpus DIR [--expected DIR] [--generated N] [--quiet]

Per report and in total: tables found (of 3), cells read and blank, the template's identities checked and held
(a right reading of a consistent report holds them all), prose figures that agree and disagree with table 三,
metadata inferred (from the body, not a title) or unresolved; with --expected (files shaped like
shared/spec/expected), cells exact / wrong / blank and metadata exact. Speed: reports per CPU-second on the
folder's files and, in the same run, on N generated reports of the same layouts (benchmarks.parse_throughput's
corpus: ~10 KB text reports), and CPU-microseconds per KB of both.
"""

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.accuracy import META_KEYS
from benchmarks.parse_throughput import corpus, machine
from ingestion.canonical import TABLES, spec
from ingestion.parse import numeric, parse_bytes, prepare_parser_process

PROSE_VS_TABLE = spec().narrative_table_rows()  # prose figure -> the table 三 row whose 总计 it states


@dataclass
class Tally:
    reports: int = 0
    tables: int = 0
    cells_read: int = 0
    cells_blank: int = 0
    identities: int = 0
    held: int = 0
    prose_agree: int = 0
    prose_disagree: int = 0
    meta_inferred: int = 0
    meta_unresolved: int = 0
    exact: int = 0
    wrong: int = 0
    blank: int = 0
    meta_exact: int = 0
    meta_total: int = 0
    wrong_cells: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def measure(result: dict, expected: dict | None) -> Tally:
    """What one parse read and holds, and (with its expected file) how it compares."""
    t = Tally(reports=1)
    codes = [i["code"] for i in result["issues"]]
    cells = result.get("cells") or {}
    t.tables = sum(1 for table in TABLES if any(numeric(c) is not None for cols in cells.get(table, {}).values()
                                                 for c in cols.values()))
    for cols in (cols for rows in cells.values() for cols in rows.values()):
        for cell in cols.values():
            if numeric(cell) is None:
                t.cells_blank += 1
            else:
                t.cells_read += 1
    checks = [c for c in result.get("checks") or [] if c.get("left") is not None and c.get("right") is not None]
    t.identities, t.held = len(checks), sum(bool(c["passed"]) for c in checks)
    for figure, row in PROSE_VS_TABLE.items():
        stated = (result.get("narrative") or {}).get(figure, {}).get("value")
        table = numeric(cells.get("applications", {}).get(row, {}).get("total"))
        if stated is not None and table is not None:
            t.prose_agree += stated == table
            t.prose_disagree += stated != table
    t.meta_inferred = sum(code in ("agency_inferred", "year_inferred") for code in codes)
    t.meta_unresolved = sum(code in ("agency_missing", "year_missing", "region_unresolved") for code in codes)
    if expected is not None:
        for table, rows in (expected.get("cells") or {}).items():
            for row, cols in rows.items():
                for col, want in cols.items():
                    got = numeric(cells.get(table, {}).get(row, {}).get(col))
                    if (want is None and got is None) or (want is not None and got is not None and float(want) == float(got)):
                        t.exact += 1
                    elif got is None:
                        t.blank += 1
                    else:
                        t.wrong += 1
                        t.wrong_cells.append(f"{result['file']}: {table}.{row}.{col} expected {want} got {got}")
        meta = result.get("metadata") or {}
        t.meta_total += len(META_KEYS)
        t.meta_exact += sum(meta.get(k) == v for k, v in (expected.get("metadata") or {}).items() if k in META_KEYS)
    return t


def load_expected(folder: Path | None) -> dict[str, dict]:
    if folder is None:
        return {}
    out = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["file"]] = data
    return out


def parse_timed(files: list[tuple[str, bytes]]) -> tuple[list[dict], float]:
    """Each file parsed once, in the JSON form `gongkai parse --json` prints; the CPU seconds the parses took
    (bytes read beforehand; the JSON form made after)."""
    parsed = []
    started = time.process_time()
    for name, data in files:
        parsed.append(parse_bytes(name, data))
    seconds = time.process_time() - started
    return [result.to_json() for result in parsed], seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a folder of report files (searched recursively)")
    ap.add_argument("--expected", type=Path, help="expected files (shared/spec/expected's shape), matched by file name")
    ap.add_argument("--generated", type=int, default=200, help="generated reports timed in the same run (0: none)")
    ap.add_argument("--quiet", action="store_true", help="totals only")
    args = ap.parse_args(argv)
    paths = sorted(p for p in args.folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not paths:
        print(f"no files in {args.folder}", file=sys.stderr)
        return 2
    expected = load_expected(args.expected)
    prepare_parser_process()
    files = [(p.name, p.read_bytes()) for p in paths]
    results, cpu = parse_timed(files)
    total = Tally()
    if not args.quiet:
        print(f"{'report':<34} tables  read blank  identities  prose +/-  meta inf/unres" + ("   exact wrong blank meta" if expected else ""))
    for (name, _data), result in zip(files, results, strict=True):
        want = expected.get(name)
        t = measure(result, want)
        total.add(t)
        if not args.quiet:
            line = (f"{name[:34]:<34} {t.tables}/3   {t.cells_read:>5} {t.cells_blank:>5}  {t.held:>4}/{t.identities:<4}  "
                    f"{t.prose_agree:>3}/{t.prose_disagree:<3}  {t.meta_inferred:>3}/{t.meta_unresolved}")
            if want is not None:
                line += f"   {t.exact:>5} {t.wrong:>5} {t.blank:>5} {t.meta_exact}/{t.meta_total}"
            print(line + ("  QUARANTINED" if result.get("quarantined") else ""))
    kb = sum(len(d) for _, d in files) / 1024
    print(f"\nTOTAL {total.reports} reports ({kb:.0f} KB): tables found {total.tables}/{3 * total.reports}; cells read "
          f"{total.cells_read}, blank {total.cells_blank}; identities held {total.held}/{total.identities}; prose "
          f"figures agree {total.prose_agree}, disagree {total.prose_disagree}; metadata inferred "
          f"{total.meta_inferred}, unresolved {total.meta_unresolved}")
    if expected:
        cells = total.exact + total.wrong + total.blank
        print(f"EXPECTED cells exact {total.exact}/{cells}, wrong {total.wrong}, blank {total.blank}; metadata exact "
              f"{total.meta_exact}/{total.meta_total}")
        for line in total.wrong_cells:
            print("  WRONG " + line)
    print(f"SPEED real: {total.reports / cpu:.0f} reports/CPU-s, {cpu * 1e6 / kb:.0f} CPU-µs/KB", end="")
    if args.generated:
        generated = [doc for layout in ("tabs", "concat", "lines") for doc in corpus(args.generated // 3, layout)]
        _, gen_cpu = parse_timed(generated)
        gen_kb = sum(len(d) for _, d in generated) / 1024
        print(f"; generated ({len(generated)}, tabs/concat/lines): {len(generated) / gen_cpu:.0f} reports/CPU-s, "
              f"{gen_cpu * 1e6 / gen_kb:.0f} CPU-µs/KB", end="")
    print(f"  [{machine()}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
