-- 二、上年结转 this year = 四、结转下年度继续办理 last year (总计 column), between the chosen reports of one agency.
{{ config(materialized='view') }}
with chosen_totals as (
    select c.report_id, r.agency_id, r.report_year, c.row_code, c.value, c.is_reported
    from {{ ref('int_cells_corrected') }} c
    join {{ ref('int_reports_deduped') }} r using (report_id)
    where r.is_chosen and c.table_code = 'applications' and c.column_code = 'total'
      and c.row_code in ('carried_over', 'carried_forward')
)
select
    cur.report_id, cur.agency_id, cur.report_year,
    'carry_over' as rule_group,
    'carry_over:total' as rule,
    '二、上年结转 (this year) = 四、结转下年度继续办理 (last year), 总计 column' as description,
    cur.value as left_value,
    prev.value as right_value,
    cur.is_reported and prev.is_reported as checkable
from chosen_totals cur
join chosen_totals prev
    on prev.agency_id = cur.agency_id and prev.report_year = cur.report_year - 1
   and prev.row_code = 'carried_forward'
where cur.row_code = 'carried_over'
