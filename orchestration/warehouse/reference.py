"""Reference tables from the one definition of each concept: divisions, canonical codes, template rules, issue
codes."""

import duckdb

from ingestion.metadata.regions import divisions, hierarchy
from orchestration.warehouse.store import insert_rows


def load_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Reference tables from the one definition of each concept: divisions, canonical codes, rules, issue codes."""
    from ingestion.canonical import spec
    from ingestion.issue_codes import ISSUE_CODES
    from ingestion.tables.rules import identities

    s = spec()
    codes = []
    for table in s.raw["tables"]:
        for kind in ("rows", "columns"):
            for pos, (code, info) in enumerate(s.raw["tables"][table][kind].items()):
                label = info["label"]
                group = info.get("group") or (label.split(" ")[0] if " " in label else None)
                codes.append((table, kind[:-1], code, label, group, ",".join(info.get("templates", ["2019", "2021"])), pos,
                              None))
    for pos, (code, info) in enumerate(s.raw["narrative"].items()):
        codes.append(("narrative", "figure", code, info["label"], None, None, pos, info.get("table_row")))
    rules = []
    for ident in identities():
        for side, cells in (("left", ident.left), ("right", ident.right)):
            for table, row, col in cells:
                rules.append((ident.rule, ident.description, side, table, row, col))
    con.execute("delete from raw.canonical_codes")
    insert_rows(con, "raw.canonical_codes", codes)
    con.execute("delete from raw.check_rules")
    insert_rows(con, "raw.check_rules", rules)
    issue_codes = [(code, kind, meaning) for code, (kind, meaning) in ISSUE_CODES.items()]
    con.execute("delete from raw.issue_codes")
    insert_rows(con, "raw.issue_codes", issue_codes)
    return {"divisions": load_divisions(con), "canonical_codes": len(codes), "check_rules": len(rules),
            "issue_codes": len(issue_codes)}


def load_divisions(con: duckdb.DuckDBPyConnection) -> int:
    rows = []
    for code, div in sorted(divisions().items()):
        h = hierarchy(code)
        rows.append((code, div.name, div.level, div.province_code,
                     div.city_code if div.level == "county" else (code if div.level == "prefecture" else None),
                     h["province"], h["city"], h["county"], div.former))
    con.execute("delete from raw.divisions")
    insert_rows(con, "raw.divisions", rows)
    return len(rows)
