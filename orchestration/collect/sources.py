"""Where reports are collected from: the sources file (data/sources.yaml), one definition of every source.

A source is a site's 政府信息公开年报 column: its list page (paged), or an explicit list of report URLs, with what
marks a report link and a next-page link where the defaults do not find them, and its politeness.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from orchestration.settings import SOURCES_FILE

DEFAULT_USER_AGENT = "gongkai/0.1 (+https://github.com/gongkai; research crawler of disclosure annual reports)"
# a report link by its text or its address: what a column lists (…年度报告, 年报) and the attachments of a report page
DEFAULT_REPORT_LINK = r"年度报告|年报|工作报告"
DEFAULT_NEXT_PAGE = r"^\s*(?:下一页|下页|>|»)\s*$"
DEFAULT_ATTACHMENTS = (".pdf", ".doc", ".docx", ".txt", ".wps")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


@dataclass(frozen=True)
class Source:
    name: str  # the folder under the reports folder, and the Dagster partition
    list_url: str | None = None  # the column's first list page
    urls: tuple[str, ...] = ()  # or the report pages themselves
    report_link: str = DEFAULT_REPORT_LINK  # regex on a link's text or URL that marks a report page
    next_page: str = DEFAULT_NEXT_PAGE  # regex on a link's text that marks the next list page
    attachments: tuple[str, ...] = DEFAULT_ATTACHMENTS  # file suffixes collected from a report page
    max_pages: int = 50  # list pages walked at most
    requests_per_second: float = 1.0  # per host
    concurrency: int = 2  # requests in flight at most
    user_agent: str = DEFAULT_USER_AGENT
    timeout_seconds: float = 20.0
    retries: int = 2  # after a timeout, a dropped connection, 429 or 5xx; with exponential backoff
    description: str = ""


class SourcesError(ValueError):
    """The sources file names a source wrongly (a bad name, no list page and no URLs, an unknown key)."""


def load_sources(path: Path = SOURCES_FILE) -> list[Source]:
    """Every source of the file, checked: unique names of lower-case letters, digits, - and _; a list page or
    URLs; known keys only."""
    if not path.exists():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    known = set(Source.__dataclass_fields__)
    out: list[Source] = []
    for item in raw.get("sources") or []:
        unknown = set(item) - known
        if unknown:
            raise SourcesError(f"source {item.get('name')!r}: unknown keys {sorted(unknown)}")
        name = str(item.get("name", ""))
        if not _NAME.match(name):
            raise SourcesError(f"source name {name!r}: lower-case letters, digits, - and _ only")
        if not item.get("list_url") and not item.get("urls"):
            raise SourcesError(f"source {name!r}: give a list_url or urls")
        values = {k: tuple(v) if k in ("urls", "attachments") else v for k, v in item.items()}
        out.append(Source(**values))
    names = [s.name for s in out]
    if len(names) != len(set(names)):
        raise SourcesError(f"source names repeat: {names}")
    return out
