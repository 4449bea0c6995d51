"""The Dagster definitions, one module per technology: ingestion (Python parse into DuckDB), dbt, quality (GX
suites as asset checks), publish (the swap and the dashboard), automation (jobs, schedules, sensor), stages (what `gongkai run` shows)."""
