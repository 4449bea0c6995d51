"""The canonical codes of canonical.yaml: the one definition of tables, rows, columns and rules."""

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

APPLICANT_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
REVIEW_ROWS = ("administrative_review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS = ("upheld", "corrected", "other_result", "pending", "total")

# Columns of table 二 per row and template (physical order), derived from canonical.yaml below.
ACTIVE_COLUMNS_2019 = ("made_this_year", "published_this_year", "total_published", "previous_year_count",
                       "change_this_year", "decisions", "procurement_items", "procurement_amount")
ACTIVE_COLUMNS_2021 = ("issued_this_year", "repealed_this_year", "in_force", "decisions", "fee_amount")

OUTCOME_ROWS_2019 = ("other_handling",)
OUTCOME_ROWS_2021 = ("other_no_correction", "other_unpaid_fee", "other_other")


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


@lru_cache(maxsize=1)
def spec() -> Spec:
    return Spec(yaml.safe_load(CANONICAL_PATH.read_text(encoding="utf-8")))
