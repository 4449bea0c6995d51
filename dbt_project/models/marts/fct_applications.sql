{{ config(**incremental_by_report()) }}
with cells as ({{ fact_cells('applications') }})
select
    cells.agency_id,
    cells.report_year,
    cells.report_id,
    cells.template_version,
    cells.column_code as applicant_type,
    coalesce(cols.group_label, cols.label) as applicant_group,
    cells.row_code as outcome,
    coalesce(groups.outcome_group, rows.group_label, rows.label) as outcome_group,
    rows.label as outcome_label,
    {{ fact_value_columns('cells') }}
from cells
left join {{ ref('stg_canonical_codes') }} rows
    on rows.table_code = 'applications' and rows.kind = 'row' and rows.code = cells.row_code
left join {{ ref('stg_canonical_codes') }} cols
    on cols.table_code = 'applications' and cols.kind = 'column' and cols.code = cells.column_code
left join {{ ref('outcome_groups') }} groups
    on groups.row_code = cells.row_code
