{{ config(**incremental_by_report()) }}
with cells as ({{ fact_cells('review_litigation') }})
select
    cells.agency_id,
    cells.report_year,
    cells.report_id,
    cells.template_version,
    cells.row_code as proceeding,
    case when cells.row_code = 'administrative_review' then '行政复议' else '行政诉讼' end as proceeding_group,
    cells.column_code as result,
    {{ fact_value_columns('cells') }}
from cells
