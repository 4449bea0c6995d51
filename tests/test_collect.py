"""Collection from a site (orchestration.collect), against a column served on loopback (tests/support/collect_site.py):
every report once, nothing downloaded again when nothing changed, a changed page a new version, robots.txt
honoured, every failure a record with its reason, the rate per host held; then the collected reports flow through
parse, dbt and the checks into the marts with their URLs."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from orchestration.collect import LOG_DIR, LOG_FILE, Source, crawl
from orchestration.collect.fetch import HostPacer
from tests.conftest import gongkai_run
from tests.support.collect_site import PDF, SLOW_SECONDS, Site

RATE = 20.0  # requests per second the test source allows (50 ms apart)


@pytest.fixture()
def site():
    running = Site().start()
    yield running
    running.stop()


def _source(site: Site, **extra) -> Source:
    return Source(name="testsite", list_url=site.base + "/nb/index.html", requests_per_second=RATE, concurrency=2,
                  timeout_seconds=SLOW_SECONDS / 2, retries=1, **extra)


def _log(reports: Path) -> list[dict]:
    path = reports / "testsite" / LOG_DIR / LOG_FILE
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_first_crawl_collects_every_report_once_politely(site, tmp_path):
    reports = tmp_path / "reports"
    stats = crawl(_source(site), reports)
    requested = Counter(site.paths_requested())
    pages = ["/nb/202501/gaj_2024.html", "/nb/202101/junshan_2020.html", "/nb/202401/gwhbgs_2023.html",
             "/nb/202001/gzj_2019.html", "/nb/202401/hongze_2023.html", "/files/hongze_2023.pdf",
             "/nb/old/2023.html", "/nb/202401/shsyj_2023.html"]
    assert all(requested[p] == 1 for p in pages), requested
    assert requested["/robots.txt"] == 1 and requested["/nb/index.html"] == 1 and requested["/nb/index_1.html"] == 1
    assert requested["/private/draft.html"] == 0  # robots.txt forbids it: never requested
    assert requested["/index.html"] == 0  # not a report link
    assert requested["/nb/slow.html"] == 2 and requested["/nb/missing.html"] == 1  # a timeout is retried, a 404 not
    assert (stats.pages_seen, stats.reports_found) == (2, 9)
    assert (stats.downloaded, stats.unchanged, stats.failed, stats.forbidden) == (7, 0, 2, 1)
    assert stats.requests == len(site.requests) == sum(requested.values())
    files = sorted(p.name for p in (reports / "testsite").iterdir() if p.is_file())
    assert len(files) == 7 and sum(f.endswith(".pdf") for f in files) == 1
    # the rate per host: consecutive requests at least 1/RATE apart (a little scheduling slack)
    times = sorted(t for t, _path, _headers in site.requests)
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.9 / RATE
    assert len(times) / (times[-1] - times[0]) <= RATE * 1.05
    assert all(h.get("User-Agent", "").startswith("gongkai/") for _t, _p, h in site.requests)


def test_every_failure_is_a_record_with_its_reason(site, tmp_path):
    reports = tmp_path / "reports"
    crawl(_source(site), reports)
    by_url = {r["url"].removeprefix(site.base): r for r in _log(reports)}
    assert by_url["/nb/missing.html"]["outcome"] == "failed"
    assert by_url["/nb/missing.html"]["reason"] == "HTTP 404 Not Found" and by_url["/nb/missing.html"]["attempts"] == 1
    slow = by_url["/nb/slow.html"]
    assert slow["outcome"] == "failed" and slow["reason"].startswith("timeout") and slow["attempts"] == 2
    assert by_url["/private/draft.html"]["outcome"] == "forbidden"
    assert by_url["/private/draft.html"]["reason"] == "robots.txt disallows it"
    moved = by_url["/nb/old/2023.html"]
    assert moved["outcome"] == "downloaded" and moved["final_url"] == site.base + "/nb/202401/shsyj_2023.html"
    pdf = by_url["/files/hongze_2023.pdf"]
    assert pdf["kind"] == "attachment" and pdf["page_url"] == site.base + "/nb/202401/hongze_2023.html"
    assert pdf["bytes"] == PDF.stat().st_size and pdf["file_path"].endswith(".hongze_2023.pdf")
    gbk = by_url["/nb/202001/gzj_2019.html"]
    assert gbk["outcome"] == "downloaded" and gbk["note"] is None  # declared GBK, and GBK it is


def test_second_crawl_downloads_nothing_and_a_changed_page_is_a_new_version(site, tmp_path):
    reports = tmp_path / "reports"
    crawl(_source(site), reports)
    first = len(site.requests)
    stats = crawl(_source(site), reports)
    again = site.requests[first:]
    assert (stats.downloaded, stats.unchanged) == (0, 7)
    conditional = [p for _t, p, h in again if "If-None-Match" in h]
    # every report page and attachment asked with its ETag (the redirected one twice: the old address, the new)
    assert len(conditional) == 8 and len(again) == stats.requests
    folder = reports / "testsite"
    gaj = next(folder.glob("gaj_2024-*.html"))
    before = gaj.read_bytes()
    site.change("/nb/202501/gaj_2024.html", before.replace("工作年度报告".encode(), "工作年度报告（更正）".encode(), 1))
    stats = crawl(_source(site), reports)
    assert (stats.downloaded, stats.unchanged, stats.new_versions) == (1, 6, 1)
    assert gaj.read_bytes() != before
    kept = list((folder / LOG_DIR / "versions").glob("gaj_2024-*.html"))
    assert len(kept) == 1 and kept[0].read_bytes() == before


def test_a_truncated_body_and_a_wrong_charset_are_recorded(site, tmp_path):
    reports = tmp_path / "reports"
    source = Source(name="testsite", urls=(site.base + "/odd/truncated.html", site.base + "/odd/wrong_charset.html"),
                    requests_per_second=RATE, retries=1)
    stats = crawl(source, reports)
    by_url = {r["url"].removeprefix(site.base): r for r in _log(reports)}
    cut = by_url["/odd/truncated.html"]
    assert cut["outcome"] == "failed" and cut["attempts"] == 2 and "RemoteProtocolError" in cut["reason"]
    assert cut["file_path"] is None  # nothing half-written to the reports folder
    wrong = by_url["/odd/wrong_charset.html"]
    assert wrong["outcome"] == "downloaded"
    assert wrong["note"] == "declared charset utf-8 does not decode the page; read as gb18030"
    assert (stats.downloaded, stats.failed) == (1, 1)
    assert [p.name for p in (reports / "testsite").glob("*.html")] == [Path(wrong["file_path"]).name]


def test_pacer_holds_the_rate_per_host_across_threads():
    import threading
    import time

    pacer = HostPacer(50.0)
    stamps: list[tuple[str, float]] = []
    lock = threading.Lock()

    def go(host: str) -> None:
        pacer.wait(host)
        with lock:
            stamps.append((host, time.monotonic()))

    threads = [threading.Thread(target=go, args=(h,)) for h in ["a"] * 6 + ["b"] * 6]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for host in "ab":
        times = sorted(t for h, t in stamps if h == host)
        assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.018


@pytest.mark.e2e
def test_collected_reports_reach_the_marts_with_their_urls(site, tmp_path):
    """`gongkai collect` as a user runs it (a sources file naming the site), then `gongkai run`; a second collect
    downloads nothing."""
    reports = tmp_path / "reports"
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"""sources:
  - name: testsite
    list_url: {site.base}/nb/index.html
    requests_per_second: {RATE}
    timeout_seconds: {SLOW_SECONDS / 2}
    retries: 1
""", encoding="utf-8")
    collect = [sys.executable, "-m", "gongkai.cli", "collect", "--sources", str(sources), "--reports", str(reports)]
    first = subprocess.run(collect, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "testsite: 2 list pages, 9 reports found, 7 downloaded" in first.stdout
    second = subprocess.run(collect, capture_output=True, text=True, timeout=120)
    assert "0 downloaded (0 bytes), 7 unchanged, 2 failed, 1 forbidden by robots.txt" in second.stdout
    warehouse = tmp_path / "wh" / "gongkai.duckdb"
    proc = gongkai_run(reports, warehouse, tmp_path / "home")
    assert proc.returncode == 0, proc.stderr[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("""select a.canonical_name, r.report_year, r.source_url, r.source_page_url, r.collected_from
                              from marts.dim_report r join marts.dim_agency a using (agency_id)
                              where r.is_chosen order by 2, 1""").fetchall()
        fetches = con.execute("select count(*), count(*) filter (where outcome = 'failed') from raw.fetches").fetchone()
        facts = con.execute("""select count(*) from marts.fct_applications f join marts.dim_report r using (report_id)
                               where r.source_url is not null""").fetchone()[0]
    by_year = {(name, year): (url, page) for name, year, url, page, _src in rows}
    base = site.base
    assert by_year[("淮安市洪泽区人民政府", 2023)] == (base + "/files/hongze_2023.pdf", base + "/nb/202401/hongze_2023.html")
    assert by_year[("福州市平潭县公安局", 2024)] == (base + "/nb/202501/gaj_2024.html",) * 2
    assert all(src == "testsite" for *_rest, src in rows)
    assert fetches == (len(_log(reports)), 4)  # two crawls, each with its 404 and its timeout
    assert facts > 0
