"""`gongkai export`: every mart as Parquet or CSV, read from the published warehouse."""

from pathlib import Path

import duckdb

MARTS = ("dim_agency", "dim_region", "fct_active_disclosure", "fct_applications", "fct_review_litigation",
         "fct_report_checks", "agency_year_summary")


def export_marts(warehouse: Path, out: Path, fmt: str) -> list[Path]:
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown format {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    written = []
    try:
        for mart in MARTS:
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
