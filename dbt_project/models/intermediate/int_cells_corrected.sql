-- Parsed cells with manual corrections applied; the parsed value is kept as original_value.
-- Incremental by report (macros/incremental.sql): a refresh touches only new, re-parsed or corrected reports.
{{ config(**incremental_by_report("select report_id, parsed_at from {{ ref('stg_reports') }}")) }}
with cells as (
    select c.*, r.agency_name, r.report_year, r.parsed_at
    from {{ ref('stg_cells') }} c
    join {{ ref('stg_reports') }} r using (report_id)
    {% if is_incremental() %}
    where c.report_id in ({{ reports_to_rebuild() }})
    {% endif %}
),
corrections as (
    select * from {{ ref('corrections') }}
),
matched as (
    select
        c.*,
        k.correction_id,
        k.value as corrected_value,
        k.reason as correction_reason,
        row_number() over (
            partition by c.report_id, c.table_code, c.row_code, c.column_code
            order by k.corrected_on desc nulls last, k.correction_id desc
        ) as rn
    from cells c
    left join corrections k
        on k.table_code = c.table_code and k.row_code = c.row_code and k.column_code = c.column_code
       and (k.report_id = c.report_id or (k.report_id is null and k.agency_name = c.agency_name
                                           and k.report_year = c.report_year))
)
select
    report_id, table_code, row_code, column_code,
    case when correction_id is not null then corrected_value else value end as value,
    case when correction_id is not null then corrected_value is not null else is_reported end as is_reported,
    value as original_value,
    is_reported as original_is_reported,
    correction_id,
    correction_reason,
    raw_text, unit, source_line, source_col, source_page, is_derived,
    parsed_at
from matched
where rn = 1
