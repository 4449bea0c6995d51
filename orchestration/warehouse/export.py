"""`gongkai export`: every mart as Parquet or CSV, read from the published warehouse."""

from pathlib import Path

import duckdb


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the warehouse's `marts` schema (what dbt built there: the marts are defined once, by the dbt
    project's models/marts/ folder)."""
    return [name for (name,) in con.execute("""select table_name from information_schema.tables
        where table_schema = 'marts' order by table_name""").fetchall()]


def export_marts(warehouse: Path, out: Path, fmt: str) -> list[Path]:
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown format {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    written = []
    try:
        for mart in mart_tables(con):
            target = out / f"{mart}.{fmt}"
            rel = con.table(f"marts.{mart}")
            if fmt == "parquet":
                rel.write_parquet(str(target))
            else:
                rel.write_csv(str(target), header=True)
            written.append(target)
    finally:
        con.close()
    return written
