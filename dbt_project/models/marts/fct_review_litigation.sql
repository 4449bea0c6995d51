{{ config(**incremental_by_report()) }}
with cells as ({{ fact_cells('review_litigation') }})
select
    cells.agency_id,
    cells.report_year,
    cells.report_id,
    cells.template_version,
    cells.row_code as proceeding,
    coalesce(rows.group_label, rows.label) as proceeding_group,
    cells.column_code as result,
    {{ fact_value_columns('cells') }}
from cells
left join {{ ref('stg_canonical_codes') }} rows
    on rows.table_code = 'review_litigation' and rows.kind = 'row' and rows.code = cells.row_code
