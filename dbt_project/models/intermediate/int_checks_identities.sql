-- The template's identities (ingestion's rules, stg_check_rules) summed per report and rule. Grouped by
-- (report, rule) alone, names joined after: a narrow slice of int_cells_corrected, not a wide CTE.
{{ config(materialized='view') }}
with sums as (
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
)
select
    s.report_id, r.agency_id, r.report_year,
    split_part(s.rule, ':', 1) as rule_group,
    s.rule,
    n.description,
    s.left_value,
    s.right_value,
    s.checkable
from sums s
join {{ ref('int_reports_deduped') }} r using (report_id)
join rule_names n using (rule)
