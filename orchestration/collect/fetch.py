"""Polite HTTP: one httpx client (HTTP/2, redirects followed, connection retries), robots.txt honoured, a request
rate held per host, retries with exponential backoff where they make sense, conditional requests (ETag,
Last-Modified), and every outcome recorded with its reason, never raised."""

import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
BACKOFF_SECONDS = 0.5  # first wait before a retry; doubled each time (or the server's Retry-After, at most 30 s)


@dataclass(frozen=True)
class Fetched:
    """One URL's outcome. `outcome`: downloaded, unchanged (304), failed, or forbidden (robots.txt)."""

    url: str
    final_url: str | None
    outcome: str
    status: int | None
    reason: str | None
    content: bytes | None
    sha256: str | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    fetched_at: str
    attempts: int
    seconds: float


@dataclass(frozen=True)
class Previous:
    """What the last fetch of a URL answered: its validators, for a conditional request."""

    etag: str | None = None
    last_modified: str | None = None


class HostPacer:
    """At most `rate` requests per second to each host, across threads: a request waits for its host's next slot."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_slot: dict[str, float] = {}
        self.lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_slot.get(host, now))
            self.next_slot[host] = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class Fetcher:
    """Fetches URLs for one source: `get(url, previous)` returns a Fetched, whatever happened."""

    def __init__(self, user_agent: str, requests_per_second: float, timeout: float, retries: int) -> None:
        self.user_agent = user_agent
        self.retries = retries
        self.pacer = HostPacer(requests_per_second)
        # every request (a redirect's next one too) waits for its host's slot and is counted, in the client's hook
        self.client = httpx.Client(
            http2=True, follow_redirects=True, timeout=timeout, headers={"User-Agent": user_agent},
            transport=httpx.HTTPTransport(http2=True, retries=1),
            event_hooks={"request": [self._paced]})
        self.robots: dict[str, RobotFileParser | None] = {}
        self.robots_lock = threading.Lock()
        self.requests: list[tuple[float, str]] = []  # (monotonic time, url) of every request sent, robots.txt included

    def close(self) -> None:
        self.client.close()

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets this user agent fetch `url` (no robots.txt, or an unreadable one: yes)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self.robots_lock:
            if origin not in self.robots:
                self.robots[origin] = self._robots(origin)
            rules = self.robots[origin]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _robots(self, origin: str) -> RobotFileParser | None:
        url = origin + "/robots.txt"
        try:
            response = self.client.get(url)
        except httpx.HTTPError:
            return None
        if response.status_code >= 400:
            return None  # none published (404), or not readable: allowed, as crawlers do
        rules = RobotFileParser(url)
        rules.parse(response.text.splitlines())
        return rules

    def _paced(self, request: httpx.Request) -> None:
        self.pacer.wait(request.url.netloc.decode("ascii"))
        self.requests.append((time.monotonic(), str(request.url)))

    def get(self, url: str, previous: Previous | None = None) -> Fetched:
        started = time.monotonic()
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
        if not self.allowed(url):
            return Fetched(url, None, "forbidden", None, "robots.txt disallows it", None, None, None, None, None, now,
                           0, 0.0)
        headers = {}
        if previous and previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous and previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
        attempts = 0
        while True:
            attempts += 1
            try:
                response = self.client.get(url, headers=headers)
            except httpx.TimeoutException as exc:
                reason, status, retry_after = f"timeout ({type(exc).__name__})", None, None
            except httpx.TooManyRedirects:
                return self._failed(url, None, "too many redirects", now, attempts, started)
            except httpx.HTTPError as exc:
                reason, status, retry_after = f"{type(exc).__name__}: {exc}", None, None
            else:
                status = response.status_code
                if status == 304:
                    return Fetched(url, str(response.url), "unchanged", 304, "not modified", None, None,
                                   previous.etag if previous else None, previous.last_modified if previous else None,
                                   None, now, attempts, time.monotonic() - started)
                if status < 400:
                    return self._downloaded(url, response, now, attempts, started)
                reason, retry_after = f"HTTP {status} {response.reason_phrase}", response.headers.get("Retry-After")
                if status not in RETRY_STATUS:
                    return self._failed(url, status, reason, now, attempts, started, str(response.url))
            if attempts > self.retries:
                return self._failed(url, status, f"{reason}; gave up after {attempts} attempts", now, attempts, started)
            time.sleep(_backoff(attempts, retry_after))

    def _downloaded(self, url: str, response: httpx.Response, now: str, attempts: int, started: float) -> Fetched:
        content = response.content
        declared = response.headers.get("Content-Length")
        encoding = response.headers.get("Content-Encoding")
        if declared and not encoding and declared.isdigit() and int(declared) != len(content):
            return self._failed(url, response.status_code, f"truncated body: {len(content)} of {declared} bytes", now,
                                attempts, started, str(response.url))
        return Fetched(url, str(response.url), "downloaded", response.status_code, None, content,
                       hashlib.sha256(content).hexdigest(), response.headers.get("ETag"),
                       response.headers.get("Last-Modified"), response.headers.get("Content-Type"), now, attempts,
                       time.monotonic() - started)

    @staticmethod
    def _failed(url: str, status: int | None, reason: str, now: str, attempts: int, started: float,
                final_url: str | None = None) -> Fetched:
        return Fetched(url, final_url, "failed", status, reason, None, None, None, None, None, now, attempts,
                       time.monotonic() - started)


def _backoff(attempt: int, retry_after: str | None) -> float:
    """Seconds before retry number `attempt`: the server's Retry-After (seconds or a date), else exponential."""
    if retry_after:
        try:
            return min(30.0, max(0.0, float(retry_after)))
        except ValueError:
            try:
                return min(30.0, max(0.0, (parsedate_to_datetime(retry_after) - datetime.now(UTC)).total_seconds()))
            except (TypeError, ValueError):
                pass
    return BACKOFF_SECONDS * 2 ** (attempt - 1)
