"""Cell values: numbers exactly as printed, with units; blanks and markers are not numbers."""

import re
from dataclasses import dataclass
from functools import lru_cache

from ingestion.document import Cell, source_line_of
from ingestion.result import CellValue, Position

# A number as tables print it: a sign, digits (grouped in threes by commas, or not at all: 0,5 and 1,23 are no
# numbers; with no leading zero: 0001 is the digits of several columns run together), decimals, and a unit
# (before which a space may stand).
_DIGITS = r"(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)"
_UNITS = r"(?:万元|元|件|条|个|项|%)"
_NUM = re.compile(rf"^([-+]?)({_DIGITS})(\.\d+)?\s*({_UNITS})?$")
# What a cell prints in a number's place: a number, or digits that read as none (0,5, 3.14.15). The latter keep
# their column in a row, with a null value and their raw text (Value.unreadable; parse.py flags them).
NUMBER_LIKE = rf"[-+]?\d(?:[\d,.]*\d)?\s*{_UNITS}?"  # ending in a digit: 1. and 2、 number a label's items
# what a table prints for "no number": / - — – (full-width ones folded), doubled or tripled (—— is common), 无.
# Kept as printed, with a null value.
NO_NUMBER = r"(?:[/—–\-]{1,3}|无)"
_NO_NUMBER = re.compile(rf"^{NO_NUMBER}$")


@dataclass(frozen=True, slots=True)
class Value:
    value: int | float | None
    raw: str
    unit: str | None = None

    @property
    def is_blank(self) -> bool:
        return self.raw == ""

    @property
    def unreadable(self) -> bool:
        """Printed in a number's place, but neither a number nor a no-number mark (0,5)."""
        return self.value is None and self.raw != "" and _NO_NUMBER.match(self.raw) is None


@lru_cache(maxsize=8192)
def parse_value(text: str) -> Value:
    raw = text.strip()
    if not raw:
        return Value(None, "")
    m = _NUM.match(raw)
    if not m:
        return Value(None, raw)
    sign, digits, frac, unit = m.groups()
    digits = digits.replace(",", "")
    if frac:
        number: int | float = float(sign + digits + frac)
    else:
        number = int(sign + digits)
    return Value(number, raw, unit if unit in ("元", "万元") else None)


def cell_value(cell: Cell, unit: str | None = None, source_lines: list[int | None] | None = None) -> CellValue:
    """One parsed cell's value, raw text, unit (its own, else the column's for a number) and position (with the
    file's own line, from the document's `source_lines`, where the reader's text lines are not the file's)."""
    v = parse_value(cell.text)
    mapped = source_lines is not None
    # tuple.__new__ with every field: made for every cell, 3x cheaper than the NamedTuple's keyword __new__
    pos = _tuple(Position, (cell.line, cell.col, cell.page, None,
                            source_line_of(source_lines, cell.line) if mapped else None, mapped))
    return _tuple(CellValue, (v.value, v.raw, pos, v.unit or (unit if unit and v.value is not None else None), None))


_tuple = tuple.__new__


# a number (with its unit) or digits in its place, or what a table prints for no number (NUMBER_LIKE, NO_NUMBER)
_NUMBERISH = re.compile(rf"^{NUMBER_LIKE}$|^{NO_NUMBER}$")


@lru_cache(maxsize=8192)
def is_value_text(text: str) -> bool:
    """A cell's text is a number (with unit) or a non-number marker. Cached: table texts repeat a lot."""
    return bool(_NUMBERISH.match(text.strip()))


@lru_cache(maxsize=8192)
def is_label_text(text: str) -> bool:
    """A cell's text is a label: printed, and not a value."""
    return bool(text) and not is_value_text(text)
