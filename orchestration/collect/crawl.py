"""One source's column crawled into its folder of the reports folder: list pages walked (next-page links), report
pages and their attachments downloaded, a refresh asking only for what changed. Every request's outcome is a
line of the source's fetch log (`<reports>/<source>/.collect/fetches.jsonl`, a dot-folder the parse step does not
read as a report), which the ingest loads into raw.fetches: source, page and attachment URL, fetch time, HTTP
status, validators, content hash, bytes, the file it went to, or the reason it failed."""

import hashlib
import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from lxml import html as lxml_html

from ingestion.readers.decode import decode_bytes
from orchestration.collect.fetch import Fetched, Fetcher, Previous
from orchestration.collect.sources import Source
from orchestration.settings import FETCH_LOG_DIR, FETCH_LOG_FILE

LOG_DIR, LOG_FILE = FETCH_LOG_DIR, FETCH_LOG_FILE
VERSIONS = "versions"
_SAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff._-]+")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


@dataclass(frozen=True)
class Record:
    """A line of the fetch log and a row of raw.fetches."""

    source: str
    kind: str  # list, page or attachment
    url: str
    page_url: str | None  # the report page an attachment was linked from
    final_url: str | None  # after redirects
    outcome: str  # downloaded, unchanged, failed, forbidden
    status: int | None
    reason: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    bytes: int | None
    file_path: str | None  # relative to the reports folder
    fetched_at: str
    attempts: int
    seconds: float
    note: str | None = None  # e.g. a charset declared wrongly


@dataclass
class CrawlStats:
    pages_seen: int = 0  # list pages read
    reports_found: int = 0  # report pages linked
    downloaded: int = 0  # files written (new or changed)
    unchanged: int = 0
    failed: int = 0
    forbidden: int = 0
    bytes: int = 0
    requests: int = 0
    new_versions: int = 0  # files whose earlier content was kept in .collect/versions
    failures: list[str] = field(default_factory=list)


def crawl(source: Source, reports_dir: Path, fetcher: Fetcher | None = None,
          progress: Callable[[str], None] | None = None) -> CrawlStats:
    """Collect `source` into reports_dir/<source.name>/; the stats of this crawl."""
    folder = reports_dir / source.name
    log = FetchLog(folder / LOG_DIR / LOG_FILE)
    own = fetcher is None
    fetcher = fetcher or Fetcher(source.user_agent, source.requests_per_second, source.timeout_seconds, source.retries)
    stats = CrawlStats()
    say = progress or (lambda _message: None)
    try:
        pages = list(dict.fromkeys(source.urls))
        if source.list_url:
            pages += [u for u in _walk_list(source, fetcher, log, stats, say) if u not in pages]
        stats.reports_found = len(pages)
        say(f"{source.name}: {stats.pages_seen} list pages, {len(pages)} report pages")
        with ThreadPoolExecutor(max_workers=max(1, source.concurrency)) as pool:
            for done, _ in enumerate(pool.map(lambda u: _collect_page(source, u, folder, fetcher, log, stats), pages), 1):
                if done % 10 == 0 or done == len(pages):
                    say(f"{source.name}: {done}/{len(pages)} report pages; {stats.downloaded} downloaded, "
                        f"{stats.unchanged} unchanged, {stats.failed} failed")
    finally:
        stats.requests = len(fetcher.requests)
        if own:
            fetcher.close()
    return stats


def _walk_list(source: Source, fetcher: Fetcher, log: "FetchLog", stats: CrawlStats, say) -> list[str]:
    """The report pages the column's list pages link, following next-page links (each list page read once)."""
    found: list[str] = []
    seen: set[str] = set()
    url: str | None = source.list_url
    report_link, next_page = re.compile(source.report_link), re.compile(source.next_page)
    while url and url not in seen and len(seen) < source.max_pages:
        seen.add(url)
        got = fetcher.get(url)  # never conditional: a list page's links are needed every time
        log.add(_record(source, "list", got, None, None), stats)
        if got.outcome != "downloaded":
            break
        stats.pages_seen += 1
        base = got.final_url or url
        next_url = None
        for text, href in _links(got.content):
            target = urldefrag(urljoin(base, href)).url
            if not target.startswith(("http://", "https://")):
                continue
            if next_page.search(text):
                next_url = next_url or target
            elif (report_link.search(text) or report_link.search(unquote(target))) and target not in found:
                found.append(target)
        url = next_url
    return found


def _collect_page(source: Source, url: str, folder: Path, fetcher: Fetcher, log: "FetchLog", stats: CrawlStats) -> None:
    """A report page and the attachments it links: each downloaded when new or changed, asked conditionally."""
    stem = _stem(url)
    page_file = folder / f"{stem}.html"
    got = fetcher.get(url, log.previous(url) if page_file.exists() else None)
    content = got.content
    got, path = _store(folder, page_file, got, log, stats)
    log.add(_record(source, "page", got, None, path, _charset_note(got)), stats)
    if got.outcome == "unchanged":
        content = page_file.read_bytes()
    if content is None:
        return
    for href in _attachments(content, got.final_url or url, source.attachments):
        name = _safe(unquote(Path(urlsplit(href).path).name)) or hashlib.sha1(href.encode()).hexdigest()[:8]
        target = folder / f"{stem}.{name}"
        att = fetcher.get(href, log.previous(href) if target.exists() else None)
        att, stored = _store(folder, target, att, log, stats)
        log.add(_record(source, "attachment", att, url, stored), stats)


def _store(folder: Path, target: Path, got: Fetched, log: "FetchLog", stats: CrawlStats) -> tuple[Fetched, str | None]:
    """Write a downloaded body to `target`; when the file held other content, that version moves to
    .collect/versions/ first. The outcome (a body equal to the file's is `unchanged`: a server without validators
    sent it again) and the file's path relative to the reports folder (None when nothing was downloaded)."""
    if got.outcome != "downloaded" or got.content is None:
        return got, _relative(folder, target) if got.outcome == "unchanged" else None
    if target.exists():
        old = target.read_bytes()
        old_sha = hashlib.sha256(old).hexdigest()
        if old_sha == got.sha256:
            return replace(got, outcome="unchanged", reason="the same bytes again"), _relative(folder, target)
        versions = folder / LOG_DIR / VERSIONS
        versions.mkdir(parents=True, exist_ok=True)
        (versions / f"{target.stem}.{old_sha[:12]}{target.suffix}").write_bytes(old)
        with log.lock:  # the stats are the log's to count, under its lock
            stats.new_versions += 1
    folder.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(got.content)
    tmp.replace(target)
    return got, _relative(folder, target)


def _relative(folder: Path, target: Path) -> str:
    return f"{folder.name}/{target.name}"


def _record(source: Source, kind: str, got: Fetched, page_url: str | None, path: str | None,
            note: str | None = None) -> Record:
    return Record(source.name, kind, got.url, page_url, got.final_url, got.outcome, got.status, got.reason, got.etag,
                  got.last_modified, got.sha256, len(got.content) if got.content is not None else None, path,
                  got.fetched_at, got.attempts, round(got.seconds, 3), note)


def _stem(url: str) -> str:
    """A report page's file name: its URL's last path segment, and a hash of the whole URL (two columns may name
    pages alike)."""
    parts = urlsplit(url)
    last = Path(unquote(parts.path)).stem or "index"
    return f"{_safe(last)[:60]}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


def _safe(name: str) -> str:
    return _SAFE.sub("_", name).strip("._")


def _links(content: bytes | None) -> list[tuple[str, str]]:
    """(text, href) of every anchor of an HTML page."""
    if not content:
        return []
    try:
        tree = lxml_html.fromstring(content)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return []
    return [(" ".join(a.text_content().split()), a.get("href")) for a in tree.iter("a") if a.get("href")]


def _attachments(content: bytes, base: str, suffixes: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for _text, href in _links(content):
        target = urldefrag(urljoin(base, href)).url
        if urlsplit(target).path.lower().endswith(suffixes) and target not in out:
            out.append(target)
    return out


def _charset_note(got: Fetched) -> str | None:
    """Where the charset a page declares (HTTP header or meta) does not decode its bytes: what did."""
    if not got.content:
        return None
    declared = None
    m = _CHARSET.search(got.content_type or "")
    if m:
        declared = m.group(1)
    else:
        meta = _CHARSET.search(got.content[:4096].decode("ascii", "replace"))
        declared = meta.group(1) if meta else None
    if not declared:
        return None
    try:
        got.content.decode(declared)
        return None
    except (LookupError, UnicodeDecodeError):
        return f"declared charset {declared} does not decode the page; read as {decode_bytes(got.content).encoding}"


class FetchLog:
    """The source's fetch log: every record appended (JSON Lines), the last validators per URL kept in memory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.validators: dict[str, Previous] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                if rec["outcome"] == "downloaded" and (rec.get("etag") or rec.get("last_modified")):
                    self.validators[rec["url"]] = Previous(rec.get("etag"), rec.get("last_modified"))

    def previous(self, url: str) -> Previous | None:
        return self.validators.get(url)

    def add(self, record: Record, stats: CrawlStats) -> None:
        with self.lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
            if record.outcome == "downloaded" and (record.etag or record.last_modified):
                self.validators[record.url] = Previous(record.etag, record.last_modified)
            if record.kind == "list" and record.outcome == "downloaded":
                return  # a list page read is counted as a page seen
            if record.outcome == "downloaded":
                stats.downloaded += 1
                stats.bytes += record.bytes or 0
            elif record.outcome == "unchanged":
                stats.unchanged += 1
            elif record.outcome == "forbidden":
                stats.forbidden += 1
            else:
                stats.failed += 1
                stats.failures.append(f"{record.url}: {record.reason}")
