select
    report_id,
    figure_code,
    value,
    raw_text,
    source_offset,
    source_line
from {{ source('raw', 'narrative_figures') }}
