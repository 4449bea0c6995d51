"""The canonical codes of canonical.yaml: the one definition of tables, rows, columns and rules."""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CANONICAL_PATH = Path(__file__).with_name("canonical.yaml")

ACTIVE = "active_disclosure"
APPLICATIONS = "applications"
REVIEW = "review_litigation"
TABLES = (ACTIVE, APPLICATIONS, REVIEW)
TEMPLATES = ("2019", "2021", "pre2019")

@dataclass(frozen=True)
class Spec:
    raw: dict

    def rows(self, table: str) -> list[str]:
        return list(self.raw["tables"][table]["rows"])

    def columns(self, table: str) -> list[str]:
        return list(self.raw["tables"][table]["columns"])

    def row_templates(self, table: str, row: str) -> list[str]:
        return self.raw["tables"][table]["rows"][row].get("templates", ["2019", "2021"])

    def label(self, table: str, kind: str, code: str) -> str:
        return self.raw["tables"][table][kind][code]["label"]

    def active_columns(self, row: str, template: str) -> list[str]:
        cols = ACTIVE_COLUMNS_2019 if template == "2019" else ACTIVE_COLUMNS_2021
        spec = self.raw["tables"][ACTIVE]["columns"]
        return [c for c in cols if row in spec[c]["rows"]]

    def grid(self, template: str) -> dict[str, dict[str, list[str]]]:
        """Every (row -> columns) of each table for a template: the cells a complete parse holds."""
        if template not in ("2019", "2021"):
            return {}
        out: dict[str, dict[str, list[str]]] = {}
        out[ACTIVE] = {
            r: self.active_columns(r, template)
            for r in self.rows(ACTIVE)
            if template in self.row_templates(ACTIVE, r) and self.active_columns(r, template)
        }
        out[APPLICATIONS] = {
            r: list(APPLICANT_COLUMNS)
            for r in self.rows(APPLICATIONS)
            if template in self.row_templates(APPLICATIONS, r)
        }
        out[REVIEW] = {r: list(REVIEW_COLUMNS) for r in REVIEW_ROWS}
        return out

    def narrative_codes(self) -> list[str]:
        return list(self.raw["narrative"])

    def narrative_table_rows(self) -> dict[str, str]:
        """Prose figure -> the table 三 row whose 总计 it states."""
        return {code: info["table_row"] for code, info in self.raw["narrative"].items() if info.get("table_row")}


@lru_cache(maxsize=1)
def spec() -> Spec:
    return Spec(yaml.safe_load(CANONICAL_PATH.read_text(encoding="utf-8")))


def keyword_patterns(table: str, kind: str) -> list[tuple[str, re.Pattern]]:
    """(code, pattern) for every row (kind "rows") or column ("columns") of a table that has keywords, in the
    order of canonical.yaml: the pattern matches any of its keywords."""
    return [(code, re.compile("|".join(info["keywords"])))
            for code, info in spec().raw["tables"][table][kind].items() if info.get("keywords")]


def _codes(table: str, kind: str, template: str | None = None) -> tuple[str, ...]:
    """A table's row or column codes in canonical.yaml's order (those of one template when given)."""
    return tuple(code for code, info in spec().raw["tables"][table][kind].items()
                 if template is None or template in info.get("templates", ["2019", "2021"]))


APPLICANT_COLUMNS = _codes(APPLICATIONS, "columns")
REVIEW_ROWS = _codes(REVIEW, "rows")
REVIEW_COLUMNS = _codes(REVIEW, "columns")
# the columns of table 二 in each template (a row has those of them its `rows` names)
ACTIVE_COLUMNS_2019 = _codes(ACTIVE, "columns", "2019")
ACTIVE_COLUMNS_2021 = _codes(ACTIVE, "columns", "2021")
# table 三's （六）其他处理: one row in 2019, three in 2021
OUTCOME_ROWS_2019 = tuple(r for r in _codes(APPLICATIONS, "rows", "2019") if r.startswith("other_"))
OUTCOME_ROWS_2021 = tuple(r for r in _codes(APPLICATIONS, "rows", "2021") if r.startswith("other_"))
