-- One row per report and rule: both sides, delta, pass/fail. One intermediate model per rule family.
select
    report_id, agency_id, report_year, rule_group, rule, description,
    left_value, right_value,
    case when checkable then left_value - right_value end as delta,
    checkable,
    case when checkable then left_value = right_value end as passed
from (
    select * from {{ ref('int_checks_identities') }}
    union all select * from {{ ref('int_checks_carry_over') }}
    union all select * from {{ ref('int_checks_stock_flow') }}
    union all select * from {{ ref('int_checks_prose') }}
)
