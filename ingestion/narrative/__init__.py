"""Figures stated in prose and in the pre-2019 statistics table."""

from ingestion.narrative.prose import extract_narrative, offset_of_line
from ingestion.narrative.statistics_table import extract_statistics_table

__all__ = ["extract_narrative", "extract_statistics_table", "offset_of_line"]
