"""Who reports, for which year and where: agency, year, template, GB/T 2260 region."""

from ingestion.metadata.extract import agency_core_name, extract_metadata

__all__ = ["agency_core_name", "extract_metadata"]
