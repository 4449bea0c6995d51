"""Parse accuracy on the synthetic corpus: every value where the generator's truth is unambiguous.

usage: python -m benchmarks.accuracy N [--seed S] [--no-pdf]
Prints, per layout: reports, exact cells / cells, metadata and narrative matches, reports that had to be
flagged and were. A cell the parser left blank and flagged (glued crawler digits that split more than one
way, a PDF row whose blank cells left no trace) is counted apart from a WRONG value, which must be 0.
"""

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.corpus import Case, cases, write
from benchmarks.parse_throughput import machine
from ingestion.parse import parse_file
from ingestion.result import ParseResult
from tests.support.scoring import cell_mismatches

META_KEYS = ("agency_name", "report_year", "template_version", "region_code")
FLAG_CODES = {"arithmetic_violation"}
WITHHELD_CODES = {"ambiguous_split", "ambiguous_cells", "values_before_labels"}  # rows left blank on purpose, and said so


def score(case: Case, result: ParseResult) -> dict:
    truth = case.truth
    wrong = cell_mismatches(truth.cells, result.cells)
    meta = result.metadata
    narrative = {k: figure.value for k, figure in result.narrative.items()}
    codes = {i.code for i in result.issues}
    withheld_rows = {(i.table, i.row) for i in result.issues if i.code in WITHHELD_CODES}
    withheld = [w for w in wrong if w[4] is None and ((w[0], w[1]) in withheld_rows or (w[0], None) in withheld_rows)]
    return {
        "cells": sum(len(cols) for rows in truth.cells.values() for cols in rows.values()),
        "wrong": [w for w in wrong if w not in withheld],
        "withheld": withheld,
        "meta_wrong": [k for k in META_KEYS if getattr(meta, k) != truth.metadata[k]],
        "narrative_wrong": [k for k, v in truth.narrative.items() if narrative.get(k) != v],
        "must_flag": bool(truth.must_flag) and truth.metadata["template_version"] != "pre2019",
        # a wrong total in glued crawler text makes the split ambiguous: flagged as such
        "flagged": bool(codes & FLAG_CODES) or (case.layout == "concat" and "ambiguous_split" in codes),
    }


def run(n: int, seed: int, with_pdf: bool) -> dict[str, Counter]:
    batch = cases(n, seed, with_pdf=with_pdf)
    by_layout: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        write(folder, batch)
        for case in batch:
            s = score(case, parse_file(folder / case.name))
            c = by_layout.setdefault(case.layout, Counter())
            c["reports"] += 1
            c["cells"] += s["cells"]
            c["cells_wrong"] += len(s["wrong"])
            c["cells_withheld"] += len(s["withheld"])
            c["meta_wrong"] += bool(s["meta_wrong"])
            c["narrative_wrong"] += bool(s["narrative_wrong"])
            c["must_flag"] += s["must_flag"]
            c["flagged"] += s["must_flag"] and s["flagged"]
    return by_layout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    print(machine())
    started = time.perf_counter()
    by_layout = run(args.n, args.seed, not args.no_pdf)
    print(f"{'layout':10} {'reports':>7} {'cells exact':>20} {'blank+flagged':>13} {'WRONG':>6} {'metadata ok':>12} "
          f"{'narrative ok':>13} {'flagged':>9}")
    for layout, c in sorted(by_layout.items()):
        exact = c["cells"] - c["cells_wrong"] - c["cells_withheld"]
        print(f"{layout:10} {c['reports']:7d} {exact:>9d}/{c['cells']:<9d} {c['cells_withheld']:>13d} {c['cells_wrong']:>6d} "
              f"{c['reports'] - c['meta_wrong']:>8d}/{c['reports']:<3d} {c['reports'] - c['narrative_wrong']:>9d}/{c['reports']:<3d} "
              f"{c['flagged']:>4d}/{c['must_flag']:<4d}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
