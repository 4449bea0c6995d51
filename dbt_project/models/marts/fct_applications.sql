{{ config(**incremental_by_report()) }}
with cells as ({{ fact_cells('applications') }})
select
    cells.agency_id,
    cells.report_year,
    cells.report_id,
    cells.template_version,
    cells.column_code as applicant_type,
    case when cells.column_code = 'natural_person' then '自然人'
         when cells.column_code = 'total' then '总计'
         else '法人或其他组织' end as applicant_group,
    cells.row_code as outcome,
    case
        when cells.row_code in ('new_received', 'carried_over') then 'received'
        when cells.row_code in ('total_processed') then 'total'
        when cells.row_code = 'carried_forward' then 'carried_forward'
        else coalesce(rows.group_label, rows.label)
    end as outcome_group,
    rows.label as outcome_label,
    {{ fact_value_columns('cells') }}
from cells
left join {{ ref('stg_canonical_codes') }} rows
    on rows.table_code = 'applications' and rows.kind = 'row' and rows.code = cells.row_code
