"""The template tables: sections found by their headings, one reader per table (active.py,
applications.py, review.py) on the row machinery (rows.py, splitting.py, positions.py, blank_lines.py), and the
template's arithmetic (rules.py)."""

from ingestion.tables.rows import TableResult
from ingestion.tables.sections import find_sections, read_tables

__all__ = ["TableResult", "find_sections", "read_tables"]
