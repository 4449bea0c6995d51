"""Great Expectations suites, defined in code and versioned with the project.

Each suite validates a pandas frame read from DuckDB (GX Core 1.x has no DuckDB source). A suite is
`blocking` when a failure means a broken parse or model (the marts must not be rebuilt from it), or a
warning when it describes the sources (arithmetic they break, blanks, inferred metadata, values the parser
had to reconstruct, lateness).
The frames are built by SQL here too, so one file says what is checked and on what.
"""

import datetime as dt
from dataclasses import dataclass, field

from ingestion.canonical import TABLES, TEMPLATES, spec
from ingestion.issue_codes import RECONSTRUCTED


@dataclass(frozen=True)
class Expectation:
    kind: str  # a GX expectation class name
    kwargs: dict
    rule: str  # our stable name for it
    report_column: str | None = "report_id"  # column naming the offending report, if any


@dataclass(frozen=True)
class Suite:
    name: str
    asset: tuple[str, ...]  # Dagster asset key
    sql: str  # the frame to validate; `{rows}` stands for `rows_table` filtered to the scope and chunk
    blocking: bool
    expectations: list[Expectation] = field(default_factory=list)
    # "changed": validate the rows of the reports parsed by the latest ingest only (what enters now);
    # "all": the whole table. Large row-level suites are "changed", so a refresh costs what it adds.
    scope: str = "all"
    # a large frame is validated in chunks that partition it by this column (hash); only valid when every
    # keyed expectation's key includes it, so no duplicate can straddle two chunks
    chunk_key: str | None = None
    # the large table the frame is drawn from: scope and chunk filters are applied to it directly (DuckDB
    # does not push them through the join with parsed_reports: a filtered frame scanned 20 M rows)
    rows_table: str | None = None

    def frame_sql(self, chunk: int | None = None, chunks: int = 1) -> str:
        conditions = []
        if self.scope == "changed":
            conditions.append("report_id in (select report_id from raw.parsed_reports "
                              "where parsed_at = (select max(parsed_at) from raw.parsed_reports))")
        if chunk is not None:
            conditions.append(f"hash({self.chunk_key}) % {chunks} = {chunk}")
        where = f" where {' and '.join(conditions)}" if conditions else ""
        if self.rows_table:
            return self.sql.replace("{rows}", f"(select * from {self.rows_table}{where})")
        return f"select * from ({self.sql}){where}"


def valid_cell_keys() -> list[str]:
    """template|table|row|column for every cell a report of each template may hold."""
    s = spec()
    keys = set()
    for template in ("2019", "2021"):
        for table, rows in s.grid(template).items():
            for row, cols in rows.items():
                for col in cols:
                    keys.add(f"{template}|{table}|{row}|{col}")
    # a 2021 table that kept the single （六）其他处理 row
    for col in s.columns("applications"):
        keys.add(f"2021|applications|other_handling|{col}")
    return sorted(keys)


def suites() -> list[Suite]:
    """Every suite, in the order they run."""
    return [_raw_parsed_cells(), _raw_parsed_reports(), _source_quality(), _publication_timeliness(),
            _marts_agency_year_summary(), _marts_fct_applications()]


def _raw_parsed_cells() -> Suite:
    all_rows = sorted({r for t in TABLES for r in spec().rows(t)})
    all_cols = sorted({c for t in TABLES for c in spec().columns(t)})
    return Suite(
        name="raw_parsed_cells",
        asset=("raw", "parsed_cells"),
        blocking=True,
        scope="changed",
        chunk_key="report_id",
        rows_table="raw.parsed_cells",
        sql="""select c.*, r.template_version,
                      r.template_version || '|' || c.table_code || '|' || c.row_code || '|' || c.column_code as cell_key
               from {rows} c join raw.parsed_reports r using (report_id)""",
        expectations=[
            Expectation("ExpectTableColumnsToMatchSet", {"column_set": [
                "report_id", "table_code", "row_code", "column_code", "value", "raw_text", "unit", "is_reported",
                "source_line", "source_col", "source_page", "is_derived", "template_version", "cell_key"]}, "schema", None),
            Expectation("ExpectColumnValuesToBeInSet", {"column": "table_code", "value_set": list(TABLES)}, "table_code_canonical"),
            Expectation("ExpectColumnValuesToBeInSet", {"column": "row_code", "value_set": all_rows}, "row_code_canonical"),
            Expectation("ExpectColumnValuesToBeInSet", {"column": "column_code", "value_set": all_cols}, "column_code_canonical"),
            Expectation("ExpectColumnValuesToBeInSet", {"column": "cell_key", "value_set": valid_cell_keys()}, "cell_in_template_grid"),
            Expectation("ExpectCompoundColumnsToBeUnique",
                        {"column_list": ["report_id", "table_code", "row_code", "column_code"]}, "cell_key_unique"),
            Expectation("ExpectColumnValuesToBeBetween",
                        {"column": "value", "min_value": 0, "row_condition": 'column_code!="change_this_year"',
                         "condition_parser": "pandas"}, "counts_not_negative"),
            Expectation("ExpectColumnValuesToNotBeNull", {"column": "report_id"}, "report_id_not_null", None),
        ],
    )


def _raw_parsed_reports() -> Suite:
    this_year = dt.date.today().year
    return Suite(
        name="raw_parsed_reports",
        asset=("raw", "parsed_reports"),
        blocking=True,
        sql="select * from raw.parsed_reports",
        expectations=[
            Expectation("ExpectColumnValuesToBeUnique", {"column": "report_id"}, "report_id_unique"),
            Expectation("ExpectColumnValuesToNotBeNull", {"column": "report_id"}, "report_id_not_null", None),
            Expectation("ExpectColumnValuesToBeInSet", {"column": "status", "value_set": ["parsed", "quarantined"]}, "status_known"),
            Expectation("ExpectColumnValuesToBeInSet",
                        {"column": "template_version", "value_set": list(TEMPLATES)}, "template_known"),
            Expectation("ExpectColumnValuesToBeBetween",
                        {"column": "report_year", "min_value": 2008, "max_value": this_year}, "year_in_range"),
        ],
    )


def _source_quality() -> Suite:
    return Suite(
        name="source_quality",
        asset=("raw", "parse_issues"),
        blocking=False,
        sql="""select i.report_id, r.file_path, i.issue_code, i.severity, i.rule, i.message
               from raw.parse_issues i join raw.parsed_reports r using (report_id)""",
        expectations=[
            Expectation("ExpectColumnValuesToNotBeInSet",
                        {"column": "issue_code", "value_set": ["arithmetic_violation"]}, "template_arithmetic"),
            Expectation("ExpectColumnValuesToNotBeInSet",
                        {"column": "issue_code", "value_set": ["blank_cells", "table_empty", "table_missing", "missing_cells",
                                                                "unreadable_number", "text_undecodable"]},
                        "blank_cells"),
            Expectation("ExpectColumnValuesToNotBeInSet",
                        {"column": "issue_code", "value_set": ["agency_inferred", "year_inferred", "agency_name_contaminated",
                                                                "region_unresolved"]}, "inferred_metadata"),
            Expectation("ExpectColumnValuesToNotBeInSet",
                        {"column": "issue_code", "value_set": sorted(RECONSTRUCTED)}, "reconstructed_cells"),
            Expectation("ExpectColumnValuesToNotBeInSet",
                        {"column": "severity", "value_set": ["error"]}, "unreadable_inputs"),
        ],
    )


def _publication_timeliness() -> Suite:
    return Suite(
        name="publication_timeliness",
        asset=("raw", "parsed_reports"),
        blocking=False,
        sql="""select report_id, file_path, agency_name, report_year, published_date,
                      published_date <= make_date(report_year + 1, 1, 31) as on_time
               from raw.parsed_reports where status = 'parsed' and published_date is not null""",
        expectations=[
            Expectation("ExpectColumnValuesToBeInSet", {"column": "on_time", "value_set": [True]}, "published_by_31_january"),
        ],
    )


def _marts_agency_year_summary() -> Suite:
    return Suite(
        name="marts_agency_year_summary",
        asset=("marts", "agency_year_summary"),
        blocking=True,
        sql="select * from marts.agency_year_summary",
        # the key, its not-null columns and the rates' bounds are dbt tests of the model: one framework each
        expectations=[
            Expectation("ExpectColumnValuesToBeBetween", {"column": "new_received", "min_value": 0}, "new_received_not_negative"),
        ],
    )


def _marts_fct_applications() -> Suite:
    return Suite(
        name="marts_fct_applications",
        asset=("marts", "fct_applications"),
        blocking=True,
        scope="changed",
        chunk_key="agency_id",
        rows_table="marts.fct_applications",
        sql="select * from {rows}",
        expectations=[
            # the key's uniqueness and its not-null columns are dbt tests of the model
            Expectation("ExpectColumnValuesToBeBetween", {"column": "value", "min_value": 0}, "counts_not_negative"),
        ],
    )


def suite_by_name(name: str) -> Suite:
    return next(s for s in suites() if s.name == name)
