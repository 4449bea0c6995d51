-- One row per report and rule: both sides, delta, pass/fail. Template identities come from
-- ingestion/rules.py (stg_check_rules); cross-year and prose rules are defined here.
-- Memory: each use reads only the narrow slice of int_cells_corrected it needs (no shared wide CTE), and the
-- identity sums are grouped by (report, rule) alone; names and descriptions are joined after.
with reports as (
    select report_id, agency_id, report_year, is_chosen from {{ ref('int_reports_deduped') }}
),
cells as (
    select c.report_id, c.table_code, c.row_code, c.column_code, c.value, c.is_reported,
           r.agency_id, r.report_year, r.is_chosen
    from {{ ref('int_cells_corrected') }} c
    join reports r using (report_id)
    -- the cells the cross-year and prose rules below read: a small slice of the table
    where (c.table_code = 'applications' and c.column_code = 'total'
           and c.row_code in ('carried_over', 'carried_forward', 'new_received', 'granted'))
       or (c.table_code = 'active_disclosure' and c.row_code in ('regulations', 'normative_documents'))
),
sums as (
    select
        c.report_id,
        k.rule,
        sum(c.value) filter (where k.side = 'left') as left_value,
        sum(c.value) filter (where k.side = 'right') as right_value,
        bool_and(c.is_reported) as checkable
    from {{ ref('int_cells_corrected') }} c
    join {{ ref('stg_check_rules') }} k
      on c.table_code = k.table_code and c.row_code = k.row_code and c.column_code = k.column_code
    group by c.report_id, k.rule
),
rule_names as (
    select rule, any_value(description) as description from {{ ref('stg_check_rules') }} group by rule
),
identities as (
    select
        s.report_id, r.agency_id, r.report_year,
        split_part(s.rule, ':', 1) as rule_group,
        s.rule,
        n.description,
        s.left_value,
        s.right_value,
        s.checkable
    from sums s
    join reports r using (report_id)
    join rule_names n using (rule)
),
chosen_totals as (
    select agency_id, report_year, report_id, row_code, column_code, value, is_reported
    from cells
    where is_chosen and table_code = 'applications' and column_code = 'total'
      and row_code in ('carried_over', 'carried_forward')
),
carry_over as (
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
       and prev.row_code = 'carried_forward' and prev.column_code = 'total'
    where cur.row_code = 'carried_over' and cur.column_code = 'total'
),
stock as (
    select agency_id, report_year, report_id, row_code,
        max(value) filter (where column_code = 'in_force') as in_force,
        max(value) filter (where column_code = 'issued_this_year') as issued,
        max(value) filter (where column_code = 'repealed_this_year') as repealed,
        bool_and(is_reported) filter (where column_code in ('in_force', 'issued_this_year', 'repealed_this_year')) as complete
    from cells
    where is_chosen and table_code = 'active_disclosure' and row_code in ('regulations', 'normative_documents')
      and column_code in ('in_force', 'issued_this_year', 'repealed_this_year')
    group by all
),
stock_flow as (
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
),
prose as (
    select
        n.report_id, r.agency_id, r.report_year,
        'prose_vs_table' as rule_group,
        'prose_vs_table:' || n.figure_code as rule,
        'figure stated in prose = table 三 总计 (' || n.figure_code || ')' as description,
        n.value as left_value,
        t.value as right_value,
        t.is_reported as checkable
    from {{ ref('stg_narrative_figures') }} n
    join {{ ref('int_reports_deduped') }} r using (report_id)
    join cells t on t.report_id = n.report_id and t.table_code = 'applications' and t.column_code = 'total'
        and t.row_code = case n.figure_code when 'applications_received' then 'new_received'
                                            when 'applications_granted' then 'granted' end
),
all_checks as (
    select * from identities
    union all select * from carry_over
    union all select * from stock_flow
    union all select * from prose
)
select
    report_id, agency_id, report_year, rule_group, rule, description,
    left_value, right_value,
    case when checkable then left_value - right_value end as delta,
    checkable,
    case when checkable then left_value = right_value end as passed
from all_checks
