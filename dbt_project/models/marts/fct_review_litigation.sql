{{ config(**incremental_by_report("select report_id, parsed_at from {{ ref('int_reports_deduped') }} where is_chosen")) }}
with cells as ({{ fact_cells('review_litigation') }})
select
    cells.agency_id,
    cells.report_year,
    cells.report_id,
    cells.template_version,
    cells.row_code as proceeding,
    case when cells.row_code = 'administrative_review' then '行政复议' else '行政诉讼' end as proceeding_group,
    cells.column_code as result,
    cells.value,
    cells.is_reported,
    cells.original_value,
    cells.correction_id,
    cells.raw_text,
    cells.source_file,
    cells.source_line,
    cells.source_col,
    cells.source_page,
    cells.parsed_at
from cells
