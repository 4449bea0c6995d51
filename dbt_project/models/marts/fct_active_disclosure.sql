{{ config(**incremental_by_report()) }}
with cells as ({{ fact_cells('active_disclosure') }})
select
    cells.*,
    rows.label as row_label,
    cols.label as column_label
from cells
left join {{ ref('stg_canonical_codes') }} rows
    on rows.table_code = 'active_disclosure' and rows.kind = 'row' and rows.code = cells.row_code
left join {{ ref('stg_canonical_codes') }} cols
    on cols.table_code = 'active_disclosure' and cols.kind = 'column' and cols.code = cells.column_code
