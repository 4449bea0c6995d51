"""Parse accuracy on a small generated corpus (every form: templates 2019/2021/pre-2019, every text layout,
HTML, DOCX, Chromium-printed PDFs, Traditional, GB18030, blanks, source arithmetic errors).

No value may be wrong: a cell is exact, or blank with an issue saying why. Large runs: benchmarks/accuracy.py.
"""

import pytest

from benchmarks.accuracy import run
from tests.support.chromium import chromium_path

pytestmark = pytest.mark.e2e  # whole pipeline runs in their own processes: the slow tier


def test_generated_corpus_is_read_exactly_or_flagged():
    by_layout = run(150, seed=7, with_pdf=chromium_path() is not None)
    assert {"lines", "tabs", "pipes", "markdown", "spaces", "concat", "html", "html_spans", "docx", "docx_spans"} <= set(by_layout)
    for layout, c in by_layout.items():
        assert c["cells_wrong"] == 0, layout
        assert c["meta_wrong"] == 0, layout
        assert c["narrative_wrong"] == 0, layout
        assert c["flagged"] == c["must_flag"], layout
        if layout != "concat":  # glued digits may split several ways: blank and flagged by design
            assert c["cells_withheld"] <= c["cells"] // 100, layout
    assert sum(c["must_flag"] for c in by_layout.values()) > 0  # the corpus does carry arithmetic errors
    assert sum(c["reports"] for c in by_layout.values()) == 150
