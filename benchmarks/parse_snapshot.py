"""A fingerprint of the parser's output, to prove a refactor changes nothing: every parse of a fixed set of inputs
as canonical JSON (timings left out), hashed, and written out for a diff.

usage: python -m benchmarks.parse_snapshot OUT.jsonl [--generated N] [--pdf]
Inputs: data/reports (real and sample), tests' fixtures, ../shared's seeds, samples and real documents when
present, and N generated reports of every layout (written by benchmarks.corpus; PDFs printed by Chromium with
--pdf). Prints the number of parses and the SHA-256 of the output; compare two runs' files with diff.
"""

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import cases, write
from ingestion.parse import parse_file, prepare_parser_process

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "data" / "reports", ROOT / "tests" / "fixtures", ROOT.parent / "shared" / "seeds",
           ROOT.parent / "shared" / "samples", ROOT.parent / "shared" / "real" / "docs"]
SUFFIXES = {".txt", ".html", ".htm", ".pdf", ".docx", ".md"}


def inputs(generated: Path | None) -> list[Path]:
    folders = [f for f in FOLDERS if f.is_dir()] + ([generated] if generated else [])
    return [p for f in folders for p in sorted(f.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES]


def canonical(result: dict, generated: bool) -> str:
    """The parse as canonical JSON, without its timing; a generated file's hash and size are left out too (a PDF
    or a Word file written again differs in its timestamps, not in what it prints)."""
    result = dict(result)
    result.pop("parse_ms", None)
    if generated:
        result.pop("sha256", None)
        result.pop("bytes", None)
    return json.dumps(result, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--generated", type=int, default=600)
    ap.add_argument("--pdf", action="store_true", help="print the generated reports' PDFs too (Chromium)")
    args = ap.parse_args(argv)
    prepare_parser_process()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "generated"
        if args.generated:
            write(folder, cases(args.generated, seed=7, with_pdf=args.pdf))
        digest = hashlib.sha256()
        count = 0
        with args.out.open("w", encoding="utf-8") as out:
            for path in inputs(folder if args.generated else None):
                generated = path.is_relative_to(folder)
                line = canonical(parse_file(path).to_json(), generated)
                name = path.relative_to(folder) if generated else path.relative_to(ROOT.parent)
                out.write(f"{name}\t{line}\n")
                digest.update(line.encode())
                count += 1
    print(f"{count} parses, sha256 {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
