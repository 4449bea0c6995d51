"""A crawl of the loopback test site (tests/support/collect_site.py): pages, reports, bytes, seconds, requests per second
held, for the first crawl and a second one with nothing changed.

usage: python -m benchmarks.collect_site [--rate R] [--concurrency C]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.parse_throughput import machine
from orchestration.collect import Source, crawl
from tests.support.collect_site import SLOW_SECONDS, Site


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=5.0, help="requests per second allowed per host")
    ap.add_argument("--concurrency", type=int, default=2)
    args = ap.parse_args(argv)
    site = Site().start()
    try:
        source = Source(name="testsite", list_url=site.base + "/nb/index.html", requests_per_second=args.rate,
                        concurrency=args.concurrency, timeout_seconds=SLOW_SECONDS / 2, retries=1)
        with tempfile.TemporaryDirectory() as tmp:
            for label in ("first crawl", "second crawl (nothing changed)"):
                first = len(site.requests)
                started = time.perf_counter()
                stats = crawl(source, Path(tmp))
                seconds = time.perf_counter() - started
                times = sorted(t for t, _p, _h in site.requests[first:])
                held = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
                print(f"{label}: {stats.pages_seen} list pages, {stats.reports_found} reports, {stats.downloaded} "
                      f"downloaded ({stats.bytes / 1024:.0f} KB), {stats.unchanged} unchanged, {stats.failed} failed, "
                      f"{stats.forbidden} forbidden; {stats.requests} requests in {seconds:.2f} s, "
                      f"{held:.2f} requests/s held (allowed {args.rate:g})")
    finally:
        site.stop()
    print(machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())
