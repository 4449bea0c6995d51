"""Parse throughput per core on text/HTML (and the PDF sample), beside the floor (read + decode).

usage: python -m benchmarks.parse_throughput [N]
Prints reports/s per layout for one process, and the ratio to the floor measured on the same bytes. For HTML
it also prints libxml2's parse alone (the tree every HTML parse starts from): `html` is a light page (~7 KB),
`html_spans` the template as sites publish it (merged cells, Word's per-cell <p><span style> markup, ~49 KB).
"""

import platform
import random
import sys
import time

from ingestion.parse import parse_bytes, prepare_parser_process
from ingestion.readers.decode import decode_bytes
from tests.support.synth import make_truth, render

TEXT_LAYOUTS = ("lines", "tabs", "pipes", "markdown", "spaces", "aligned", "concat", "html", "html_spans")


def machine() -> str:
    import os

    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def corpus(n: int, layout: str, seed: int = 1) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        name, data = render(make_truth(rng, i), layout)
        # pad the prose to the ~10 KB of a real report (the target is stated for ~10 KB reports)
        if "html" not in layout:
            filler = ("我局认真贯彻落实政务公开工作要求，进一步规范政府信息公开工作。" * 75).encode("utf-8")
            cut = data.find("二、".encode())
            data = data[:cut] + filler + b"\n" + data[cut:]
        docs.append((name, data))
    return docs


def bench(docs: list[tuple[str, bytes]]) -> tuple[float, float, int]:
    started = time.perf_counter()
    for _name, data in docs:
        decode_bytes(data)
    floor = time.perf_counter() - started
    started = time.perf_counter()
    for name, data in docs:
        parse_bytes(name, data)
    parse = time.perf_counter() - started
    return floor, parse, sum(len(d) for _, d in docs) // len(docs)


def tree_floor(docs: list[tuple[str, bytes]]) -> float:
    """Seconds libxml2 (through lxml, as ingestion/readers.py calls it) takes to parse the pages alone."""
    from lxml import etree

    parser = etree.HTMLParser(encoding="utf-8")
    started = time.perf_counter()
    for _name, data in docs:
        etree.fromstring(data, parser=parser)
    return time.perf_counter() - started


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 500
    print(f"machine: {machine()}")
    prepare_parser_process()  # as every parse worker does: load OpenCC and the divisions, tune the collector
    print(f"{'layout':10} {'avg bytes':>9} {'parse/s':>9} {'floor/s':>10} {'ratio':>6}")
    for layout in TEXT_LAYOUTS:
        docs = corpus(n, layout)
        floor, parse, size = bench(docs)
        print(f"{layout:10} {size:9d} {n / parse:9.0f} {n / floor:10.0f} {parse / floor:6.1f}")
        if "html" in layout:
            print(f"{'':10} libxml2's parse alone: {n / tree_floor(docs):.0f}/s")
    from pathlib import Path

    pdf = Path(__file__).resolve().parents[1] / "data" / "reports" / "sample" / "jiangsu_huaian_hongze_2023.pdf"
    data = pdf.read_bytes()
    reps = 50
    started = time.perf_counter()
    for _ in range(reps):
        parse_bytes(pdf.name, data)
    elapsed = time.perf_counter() - started
    print(f"pdf (5 pages, {len(data)} bytes): {reps / elapsed:.1f} PDFs/s per core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
