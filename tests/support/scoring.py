"""How far a parse is from the truth of a generated report."""

from ingestion.parse import numeric


def cell_mismatches(truth_cells: dict, parsed_cells: dict) -> list[tuple]:
    """(table, row, column, expected, got) for every truth cell the parse did not reproduce exactly."""
    wrong = []
    for table, rows in truth_cells.items():
        for row, cols in rows.items():
            for col, expected in cols.items():
                got = numeric(parsed_cells.get(table, {}).get(row, {}).get(col))
                if (expected is None) != (got is None) or (expected is not None and float(got) != float(expected)):
                    wrong.append((table, row, col, expected, got))
    return wrong
