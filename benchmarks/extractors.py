"""Parse accuracy on text and PDFs that other tools made of generated reports, where those tools are installed.

usage: python -m benchmarks.extractors [N]

- `pdftotext` (poppler-utils) over N generated PDFs (printed by Chromium, as in benchmarks.accuracy), in its three
  modes: plain (reading order, which writes tables column by column), -layout (columns aligned by spaces; narrow
  columns run together) and -raw (content-stream order); the same reports, as the light page and as the published
  one (`html_spans`), printed with each page's number alone at its foot, read by the PDF reader, pdftotext -layout
  and -raw;
- the PDF reader on the same PDFs with their text objects written out of reading order (by columns, shuffled: the
  PDF is read again by position), needing no tool;
- LibreOffice (`soffice`) printing N generated Word reports to PDF (half the template as Word saves it, half a
  minimal document), read by the PDF reader, also written out of order, and by pdftotext -layout and -raw;
- text dumps of N generated pages in both published forms: w3m (box-drawn tables, long cells wrapped between
  rules; 100 and 80 columns), lynx (columns aligned by display width, Word's paragraphs in cells one per line),
  pandoc plain text (ASCII grids, or columns by display width) and GitHub Markdown (merged cells as HTML).

Prints cells exact / blank (left blank, flagged) / WRONG per source. A tool that is not installed is skipped (they
are not dependencies of the project: `apt-get install poppler-utils libreoffice-writer-nogui w3m lynx pandoc`).
"""

import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import cases, write
from ingestion.parse import parse_bytes
from ingestion.result import ParseResult
from tests.support.chromium import Browser
from tests.support.pdf_order import written_out_of_order
from tests.support.scoring import cell_mismatches
from tests.support.synth import Truth, add_defects, make_truth, render, render_html


def _score(truth: Truth, result: ParseResult) -> tuple[int, int, int]:
    cells = sum(len(cols) for rows in truth.cells.values() for cols in rows.values())
    mismatches = cell_mismatches(truth.cells, result.cells)
    wrong = sum(1 for m in mismatches if m[-1] is not None)
    return cells, len(mismatches) - wrong, wrong


def _line(source: str, totals: list[int]) -> str:
    cells, blank, wrong = totals
    return f"{source:40} {cells - blank - wrong:>6}/{cells:<6} {blank:>6} {wrong:>6}"


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    print(f"{'source':40} {'exact':>13} {'blank':>6} {'WRONG':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batch = [c for c in cases(25 * n, 1) if c.layout == "pdf"][:n]
        write(folder / "pdf", batch)
        _out_of_order(batch, folder / "pdf")
        if shutil.which("pdftotext"):
            for mode in ("plain", "layout", "raw"):
                totals = [0, 0, 0]
                for case in batch:
                    text = _pdftotext(folder / "pdf" / case.name, [] if mode == "plain" else [f"-{mode}"])
                    for k, v in enumerate(_score(case.truth, parse_bytes(case.truth.file + ".txt", text))):
                        totals[k] += v
                print(_line(f"pdftotext {mode} ({len(batch)} PDFs)", totals))
            for form in ("html", "html_spans"):
                _numbered_pages(batch, folder / f"numbered_{form}", form)
        else:
            print("pdftotext: not installed, skipped")
        if shutil.which("soffice"):
            docs = folder / "docx"
            docs.mkdir()
            truths = {}
            for i in range(n):
                truth = make_truth(random.Random(100 + i), 100 + i)
                name, data = render(truth, "docx_spans" if i % 2 == 0 else "docx")
                (docs / name).write_bytes(data)
                truths[Path(name).stem] = truth
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder / "lo"),
                            *sorted(map(str, docs.glob("*.docx")))], capture_output=True, check=True)
            for order in (None, "columns", "shuffled"):
                totals = [0, 0, 0]
                for stem, truth in truths.items():
                    pdf = folder / "lo" / f"{stem}.pdf"
                    data = pdf.read_bytes() if order is None else written_out_of_order(pdf.read_bytes(), order)
                    for k, v in enumerate(_score(truth, parse_bytes(pdf.name, data))):
                        totals[k] += v
                print(_line(f"LibreOffice PDF{', ' + order if order else ''} ({n} Word reports)", totals))
            if shutil.which("pdftotext"):  # layout-preserving text of Word's print: cells aligned to the top
                for mode in ("layout", "raw"):
                    for form, spans in (("docx_spans", True), ("docx", False)):
                        totals = [0, 0, 0]
                        for i, (stem, truth) in enumerate(truths.items()):
                            if (i % 2 == 0) != spans:
                                continue
                            text = _pdftotext(folder / "lo" / f"{stem}.pdf", [f"-{mode}"])
                            for k, v in enumerate(_score(truth, parse_bytes(f"{stem}.txt", text))):
                                totals[k] += v
                        print(_line(f"pdftotext -{mode}, LibreOffice {form} ({n // 2})", totals))
        else:
            print("soffice: not installed, skipped")
        _page_dumps(n)
    return 0


def _out_of_order(batch: list, folder: Path) -> None:
    """The PDF reader on the PDFs with their text objects written by columns, then shuffled (three orders)."""
    for order, seeds in (("columns", [0]), ("shuffled", [0, 1, 2])):
        totals = [0, 0, 0]
        for case in batch:
            for seed in seeds:
                data = written_out_of_order((folder / case.name).read_bytes(), order, seed)
                for k, v in enumerate(_score(case.truth, parse_bytes(case.name, data))):
                    totals[k] += v
        print(_line(f"PDF reader, {order} ({len(batch) * len(seeds)} PDFs)", totals))


def _pdftotext(pdf: Path, options: list[str]) -> bytes:
    """pdftotext's text of a PDF, in the mode `options` choose (none: its default, reading order)."""
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, check=True).stdout


def _numbered_pages(batch: list, folder: Path, form: str) -> None:
    """The same reports as pages of `form` (`html` light, `html_spans` as sites publish the template) printed with
    each page's number alone at its foot, as many reports print it, read by the PDF reader and by pdftotext
    -layout and -raw."""
    folder.mkdir()
    pages = []
    for case in batch:
        page = folder / f"{case.truth.file}.html"
        page.write_bytes(render_html(case.truth) if form == "html" else render(case.truth, form)[1])
        pages.append(page)
    browser = Browser()
    try:
        pdfs = browser.print_pdfs(pages, page_number="footer")
    finally:
        browser.close()
    for source in ("PDF reader", "pdftotext -layout", "pdftotext -raw"):
        totals = [0, 0, 0]
        for case, data, page in zip(batch, pdfs, pages, strict=True):
            if source == "PDF reader":
                result = parse_bytes(case.truth.file + ".pdf", data)
            else:
                path = page.with_suffix(".pdf")
                path.write_bytes(data)
                result = parse_bytes(case.truth.file + ".txt", _pdftotext(path, [source.split()[1]]))
            for k, v in enumerate(_score(case.truth, result)):
                totals[k] += v
        print(_line(f"{source}, {form} numbered ({len(batch)} PDFs)", totals))


# text tools run over a published page (stdin: the page, stdout: its text)
PAGE_DUMPS = {
    "w3m -dump": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "100"],
    "w3m -dump -cols 80": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "80"],
    "lynx -dump": ["lynx", "-dump", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8", "-nolist",
                   "-width=200"],
    "pandoc -t plain": ["pandoc", "-f", "html", "-t", "plain", "--columns=200"],
    "pandoc -t gfm": ["pandoc", "-f", "html", "-t", "gfm"],
}


def _page_dumps(n: int) -> None:
    """Text dumps of n generated pages in each published form (`html`, `html_spans`), blank cells and defects
    as benchmarks.accuracy draws them."""
    for source, command in PAGE_DUMPS.items():
        if not shutil.which(command[0]):
            print(f"{command[0]}: not installed, skipped")
            continue
        for layout in ("html", "html_spans"):
            totals = [0, 0, 0]
            for seed in range(n):
                rng = random.Random(seed)
                truth = add_defects(make_truth(rng, seed, "2019" if seed % 2 else "2021"), rng, layout)
                text = subprocess.run(command, input=render(truth, layout)[1], capture_output=True, check=True).stdout
                for k, v in enumerate(_score(truth, parse_bytes(f"{truth.file}.txt", text))):
                    totals[k] += v
            print(_line(f"{source} ({n} {layout})", totals))


if __name__ == "__main__":
    raise SystemExit(main())
