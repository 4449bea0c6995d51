"""A fingerprint of the marts, to prove a refactor changes no number: every mart's rows, sorted, hashed.

usage: python -m benchmarks.marts_snapshot WAREHOUSE.duckdb
Prints one line per mart: rows and the SHA-256 of its sorted rows. Columns of time (when a run happened, not
what a report says) are left out. Compare the output of two builds of the same reports with diff.
"""

import hashlib
import sys
from pathlib import Path

import duckdb

from orchestration.warehouse.export import mart_tables

TIME_TYPES = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIME")


def fingerprint(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, str]]:
    out = []
    for mart in mart_tables(con):
        columns = [name for name, kind, *_ in con.execute(f'describe marts."{mart}"').fetchall()
                   if kind not in TIME_TYPES]
        listed = ", ".join(f'"{c}"' for c in columns)
        rows = con.execute(f'select {listed} from marts."{mart}" order by all').fetchall()
        digest = hashlib.sha256("\n".join(map(repr, rows)).encode()).hexdigest()
        out.append((mart, len(rows), digest))
    return out


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    con = duckdb.connect(str(Path(sys.argv[1])), read_only=True)
    try:
        for mart, rows, digest in fingerprint(con):
            print(f"{mart:28} {rows:>8}  {digest}")
    finally:
        con.close()


if __name__ == "__main__":
    main()
