"""The DuckDB file: its raw schema, connections with the memory bound, the build copy writers use and the atomic
publish that swaps it in for readers."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

RAW_DDL = """
create schema if not exists raw;
create schema if not exists staging;
create schema if not exists marts;
create schema if not exists quality;
create table if not exists raw.report_files (
    file_path varchar primary key, sha256 varchar, bytes bigint, first_seen timestamp, last_seen timestamp,
    withdrawn boolean, withdrawn_at timestamp, mtime_ns bigint
);
alter table raw.report_files add column if not exists mtime_ns bigint;
create table if not exists raw.parsed_reports (
    report_id varchar primary key, sha256 varchar, parser_version varchar, file_path varchar, file_name varchar,
    bytes bigint, status varchar, quarantine_reason varchar, quarantine_message varchar,
    agency_name varchar, agency_name_source varchar, agency_core_name varchar, agency_kind varchar,
    report_year integer, published_date date,
    template_version varchar, script varchar, source_format varchar, encoding varchar,
    region_code varchar, province varchar, city varchar, county varchar, admin_level varchar,
    parse_ms double, parsed_at timestamp
);
create table if not exists raw.parsed_cells (
    report_id varchar, table_code varchar, row_code varchar, column_code varchar,
    value double, raw_text varchar, unit varchar, is_reported boolean,
    source_line integer, source_col integer, source_page integer, is_derived boolean
);
alter table raw.parsed_cells add column if not exists is_derived boolean;
create table if not exists raw.fetches (
    source varchar, kind varchar, url varchar, page_url varchar, final_url varchar, outcome varchar, status integer,
    reason varchar, etag varchar, last_modified varchar, sha256 varchar, bytes bigint, file_path varchar,
    fetched_at timestamp, attempts integer, seconds double, note varchar
);
create table if not exists raw.parse_issues (
    report_id varchar, issue_seq integer, issue_code varchar, severity varchar, message varchar,
    rule varchar, table_code varchar, row_code varchar, detail varchar
);
create table if not exists raw.narrative_figures (
    report_id varchar, figure_code varchar, value double, raw_text varchar, source_offset integer,
    source_line integer
);
create table if not exists raw.canonical_codes (
    table_code varchar, kind varchar, code varchar, label varchar, group_label varchar, templates varchar,
    position integer
);
alter table raw.canonical_codes add column if not exists table_row varchar;
create table if not exists raw.check_rules (
    rule varchar, description varchar, side varchar, table_code varchar, row_code varchar, column_code varchar
);
create table if not exists raw.issue_codes (
    issue_code varchar, kind varchar, meaning varchar
);
create table if not exists raw.divisions (
    region_code varchar primary key, name varchar, admin_level varchar, province_code varchar,
    city_code varchar, province varchar, city varchar, county varchar, is_former boolean
);
alter table raw.divisions add column if not exists is_former boolean;
"""

@dataclass(frozen=True)
class Paths:
    published: Path

    @property
    def build_dir(self) -> Path:
        return self.published.parent / ".build"

    @property
    def build(self) -> Path:
        return self.build_dir / self.published.name


def report_id(sha256: str) -> str:
    """A report is its content: the same bytes under two names are one report."""
    return sha256[:20]


def duckdb_settings() -> dict[str, str]:
    """The memory bound every warehouse connection uses (dbt's profile reads the same variable): DuckDB
    spills larger joins, sorts and aggregates to disk instead of taking 80 % of the machine."""
    return {"memory_limit": os.environ.get("GONGKAI_DUCKDB_MEMORY", "1GB"), "preserve_insertion_order": "false"}


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only, config=duckdb_settings())
    if not read_only:
        con.execute(RAW_DDL)
    return con


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    if not rows:
        return
    import pyarrow as pa

    cols = [r[0] for r in con.execute(f"describe {table}").fetchall()]
    arrays = list(zip(*rows, strict=False))
    batch = pa.table({c: pa.array(list(a)) for c, a in zip(cols, arrays, strict=False)})
    con.register("_batch", batch)
    con.execute(f"insert into {table} select * from _batch")
    con.unregister("_batch")


def publish(paths: Paths) -> Path:
    """Copy the finished build to a temp file beside the published one, then rename over it."""
    paths.published.parent.mkdir(parents=True, exist_ok=True)
    tmp = paths.published.with_name(f".{paths.published.name}.{os.getpid()}.tmp")
    shutil.copyfile(paths.build, tmp)
    os.replace(tmp, paths.published)
    return paths.published
