"""The template's arithmetic, defined once: used by the parser's issues and exported to dbt."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from ingestion.canonical import APPLICANT_COLUMNS, APPLICATIONS, REVIEW, REVIEW_COLUMNS, REVIEW_ROWS
from ingestion.result import Check

OUTCOME_ROWS = (
    "granted", "partially_granted",
    "denied_state_secret", "denied_prohibited_by_law", "denied_three_safeties", "denied_third_party_rights",
    "denied_internal_affairs", "denied_process_information", "denied_enforcement_files", "denied_query_matters",
    "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear_after_correction",
    "not_processed_petition", "not_processed_duplicate", "not_processed_publication",
    "not_processed_excessive", "not_processed_confirmation",
    "other_handling", "other_no_correction", "other_unpaid_fee", "other_other",
)
APPLICATION_ROWS = ("new_received", "carried_over", *OUTCOME_ROWS, "total_processed", "carried_forward")


@dataclass(frozen=True)
class Identity:
    rule: str  # stable rule code
    description: str
    left: tuple[tuple[str, str, str], ...]  # cells summed on the left
    right: tuple[tuple[str, str, str], ...]  # cells summed on the right


def identities() -> list[Identity]:
    out: list[Identity] = []
    for col in APPLICANT_COLUMNS:
        out.append(Identity(
            f"applications_balance:{col}",
            f"table 三 column {col}: 一、新收 + 二、上年结转 = （七）总计 + 四、结转下年度",
            ((APPLICATIONS, "new_received", col), (APPLICATIONS, "carried_over", col)),
            ((APPLICATIONS, "total_processed", col), (APPLICATIONS, "carried_forward", col)),
        ))
        out.append(Identity(
            f"applications_outcomes:{col}",
            f"table 三 column {col}: （七）总计 = sum of the outcome rows",
            ((APPLICATIONS, "total_processed", col),),
            tuple((APPLICATIONS, r, col) for r in OUTCOME_ROWS),
        ))
    for row in APPLICATION_ROWS:
        out.append(Identity(
            f"applications_row_total:{row}",
            f"table 三 row {row}: 总计 = sum of the six applicant columns",
            ((APPLICATIONS, row, "total"),),
            tuple((APPLICATIONS, row, c) for c in APPLICANT_COLUMNS[:-1]),
        ))
    for row in REVIEW_ROWS:
        out.append(Identity(
            f"review_total:{row}",
            f"table 四 {row}: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            ((REVIEW, row, "total"),),
            tuple((REVIEW, row, c) for c in REVIEW_COLUMNS[:-1]),
        ))
    return out


Key = tuple[str, str, str]  # (table, row, column)


@dataclass(frozen=True)
class Checks:
    """The identities compiled against one grid of cells: each side an index getter into the grid's values.

    Cells outside the grid (rows of the other template) are not parts; an identity with a side that has no
    cell in the grid is not checkable and is left out."""

    items: tuple[tuple[Identity, Callable[[Sequence], tuple], Callable[[Sequence], tuple]], ...]

    def evaluate(self, values: Sequence[float | int | None]) -> list[Check]:
        """Check every identity against a report's values, in the order of the grid's cells. Blank cells
        (None) are not zeros: an identity with a blank term is not checkable and yields no result."""
        results = []
        for ident, left_of, right_of in self.items:
            left = left_of(values)
            right = right_of(values)
            if None in left or None in right:
                continue
            lsum, rsum = sum(left), sum(right)
            results.append(Check(ident.rule, ident.description, lsum, rsum, abs(lsum - rsum) < 1e-9))
        return results


def compile_checks(index: Mapping[Key, int]) -> Checks:
    """The identities over a grid whose values are listed in one sequence: `index` gives each cell's position."""
    items = []
    for ident in _IDENTITIES():
        left = [index[c] for c in ident.left if c in index]
        right = [index[c] for c in ident.right if c in index]
        if left and right:
            items.append((ident, _getter(left), _getter(right)))
    return Checks(tuple(items))


def _getter(positions: list[int]) -> Callable[[Sequence], tuple]:
    """A C-level getter of the values at `positions`, always returning a tuple."""
    if len(positions) == 1:
        single = itemgetter(positions[0])
        return lambda values: (single(values),)
    return itemgetter(*positions)


_IDENTITIES = lru_cache(maxsize=1)(identities)
