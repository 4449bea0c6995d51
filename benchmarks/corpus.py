"""A deterministic synthetic corpus with ground truth: N reports from a seed, in every form the spec lists.

usage: python -m benchmarks.corpus N OUT_DIR [--seed S] [--no-pdf]
Writes the reports and `OUT_DIR.truth.jsonl` beside the folder (one truth per report, shaped like shared/spec/expected/*.json).

The mix: 2019 and 2021 templates and pre-2019 prose reports; one-cell-per-line, tab, pipe, Markdown,
layout-preserving and crawler (glued) text, HTML pages with site chrome and spans, DOCX, and PDFs printed by
Chromium (fonts-noto-cjk) from the HTML; Traditional renderings; GB18030 files; blank cells; source
arithmetic errors. Agencies come from real divisions; most report zeros, a few report thousands.
"""

import argparse
import json
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.synth import LAYOUTS, Truth, add_defects, make_truth, render, render_html

PDF_SHARE = 0.05
TEMPLATE_WEIGHTS = (("2019", 0.42), ("2021", 0.48), ("pre2019", 0.10))


@dataclass
class Case:
    truth: Truth
    layout: str  # one of LAYOUTS, or "pdf"
    script: str
    encoding: str

    @property
    def name(self) -> str:
        ext = {"pdf": ".pdf", "html": ".html", "html_spans": ".html", "docx": ".docx", "docx_spans": ".docx"}.get(self.layout, ".txt")
        return self.truth.file + ext


def make_case(rng: random.Random, idx: int, with_pdf: bool = True) -> Case:
    template = rng.choices([t for t, _ in TEMPLATE_WEIGHTS], [w for _, w in TEMPLATE_WEIGHTS])[0]
    truth = make_truth(rng, idx, template)
    if template == "pre2019":
        layout = rng.choice(["lines", "html", "tabs", "pipes", "spaces", "markdown"])
    elif with_pdf and rng.random() < PDF_SHARE:
        layout = "pdf"
    else:
        layout = LAYOUTS[idx % len(LAYOUTS)]
    truth = add_defects(truth, rng, layout)
    script = "traditional" if layout not in ("docx", "docx_spans", "pdf") and rng.random() < 0.15 else "simplified"
    encoding = "gb18030" if layout not in ("docx", "docx_spans", "pdf") and rng.random() < 0.1 else "utf-8"
    return Case(truth, layout, script, encoding)


def cases(n: int, seed: int = 1, start: int = 0, with_pdf: bool = True) -> list[Case]:
    rng = random.Random(f"{seed}:{start}")
    return [make_case(rng, i, with_pdf) for i in range(start, start + n)]


def truth_path(folder: Path) -> Path:
    """Beside the folder, not in it: the pipeline would take it for a report."""
    return folder.with_name(folder.name + ".truth.jsonl")


def write(folder: Path, batch: list[Case]) -> None:
    """The reports of `batch` as files in `folder`; PDFs printed in one Chromium session."""
    folder.mkdir(parents=True, exist_ok=True)
    pdfs = [c for c in batch if c.layout == "pdf"]
    for c in batch:
        if c.layout != "pdf":
            (folder / c.name).write_bytes(render(c.truth, c.layout, c.script, c.encoding)[1])
    if pdfs:
        from tests.support.chromium import Browser

        with tempfile.TemporaryDirectory() as tmp:
            pages = []
            for c in pdfs:
                page = Path(tmp) / (c.truth.file + ".html")
                page.write_bytes(render_html(c.truth))
                pages.append(page)
            browser = Browser()
            try:
                for c, data in zip(pdfs, browser.print_pdfs(pages), strict=True):
                    (folder / c.name).write_bytes(data)
            finally:
                browser.close()
    lines = "".join(json.dumps({**c.truth.as_json(), "file": c.name, "layout": c.layout, "script": c.script,
                                "encoding": c.encoding}, ensure_ascii=False) + "\n" for c in batch)
    with truth_path(folder).open("a", encoding="utf-8") as out:
        out.write(lines)  # one append per batch: batches written by parallel processes do not interleave


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    write(args.out, cases(args.n, args.seed, with_pdf=not args.no_pdf))
    print(f"{args.n} reports and their truth in {args.out}")


if __name__ == "__main__":
    main()
