-- 现行有效件数 last year + 本年制发 − 本年废止 = 现行有效件数 this year (table 二's regulations and normative
-- documents), between the chosen reports of one agency.
{{ config(materialized='view') }}
with stock as (
    select r.agency_id, r.report_year, c.report_id, c.row_code,
        max(c.value) filter (where c.column_code = 'in_force') as in_force,
        max(c.value) filter (where c.column_code = 'issued_this_year') as issued,
        max(c.value) filter (where c.column_code = 'repealed_this_year') as repealed,
        bool_and(c.is_reported) as complete
    from {{ ref('int_cells_corrected') }} c
    join {{ ref('int_reports_deduped') }} r using (report_id)
    where r.is_chosen and c.table_code = 'active_disclosure' and c.row_code in ('regulations', 'normative_documents')
      and c.column_code in ('in_force', 'issued_this_year', 'repealed_this_year')
    group by all
)
select
    cur.report_id, cur.agency_id, cur.report_year,
    'stock_flow' as rule_group,
    'stock_flow:' || cur.row_code as rule,
    '现行有效件数 (last year) + 本年制发 − 本年废止 = 现行有效件数 (this year), ' || cur.row_code as description,
    prev.in_force + cur.issued - cur.repealed as left_value,
    cur.in_force as right_value,
    coalesce(cur.complete and prev.in_force is not null, false) as checkable
from stock cur
join stock prev on prev.agency_id = cur.agency_id and prev.report_year = cur.report_year - 1
               and prev.row_code = cur.row_code
