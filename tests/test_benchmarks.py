"""The benchmarks still run on the parser's current types (they are scripts: nothing else would notice)."""

import subprocess
import sys
from collections import Counter

from benchmarks.accuracy import run
from tests.conftest import ROOT


def test_accuracy_benchmark_scores_a_few_generated_reports():
    by_layout = run(12, seed=3, with_pdf=False)
    totals = sum(by_layout.values(), Counter())
    assert totals["reports"] == 12 and totals["cells"] > 0
    assert (totals["cells_wrong"], totals["meta_wrong"], totals["narrative_wrong"]) == (0, 0, 0)


def test_real_corpus_benchmark_reads_the_bundled_real_reports():
    proc = subprocess.run([sys.executable, "-m", "benchmarks.real_corpus", "data/reports/pingtan", "--expected",
                           "tests/expected/real", "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "EXPECTED cells exact 394/394, wrong 0, blank 0; metadata exact 152/152" in proc.stdout
