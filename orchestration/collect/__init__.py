"""Collection without Dagster: the sources file (sources.py), polite HTTP (fetch.py), a source's column crawled
into its folder of the reports folder with a fetch log (crawl.py)."""

from orchestration.collect.crawl import LOG_DIR, LOG_FILE, CrawlStats, Record, crawl
from orchestration.collect.fetch import Fetched, Fetcher, Previous
from orchestration.collect.sources import SOURCES_FILE, Source, SourcesError, load_sources

__all__ = ["LOG_DIR", "LOG_FILE", "SOURCES_FILE", "CrawlStats", "Fetched", "Fetcher", "Previous", "Record", "Source",
           "SourcesError", "crawl", "load_sources"]
