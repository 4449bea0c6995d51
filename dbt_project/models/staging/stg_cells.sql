select
    report_id,
    table_code,
    row_code,
    column_code,
    value,
    raw_text,
    unit,
    is_reported,
    source_line,
    source_col,
    source_page,
    is_derived
from {{ source('raw', 'parsed_cells') }}
