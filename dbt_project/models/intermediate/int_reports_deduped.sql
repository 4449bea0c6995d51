-- The same agency-year can be published twice (a re-post, a corrected version). Raw keeps both; the
-- marts use one, chosen by this rule: most cells reported, then fewest parser warnings/errors, then the
-- later publication date, then the smaller report_id (deterministic). Withdrawn reports take no part.
with agencies as (
    select * from {{ ref('int_agencies') }}
),
reports as (
    -- a withdrawn report (its files left the folder) leaves the marts; raw keeps it
    select * from {{ ref('stg_reports') }} where status = 'parsed' and not is_withdrawn
),
reported as (
    select report_id, count(*) filter (where is_reported) as cells_reported
    from {{ ref('stg_cells') }}
    group by report_id
),
problems as (
    select report_id, count(*) filter (where severity in ('warning', 'error')) as problems
    from {{ ref('stg_parse_issues') }}
    group by report_id
),
ranked as (
    select
        r.*,
        a.agency_id,
        coalesce(c.cells_reported, 0) as cells_reported,
        coalesce(p.problems, 0) as parser_problems,
        row_number() over (
            partition by a.agency_id, r.report_year
            order by coalesce(c.cells_reported, 0) desc, coalesce(p.problems, 0) asc,
                     r.published_date desc nulls last, r.report_id
        ) as version_rank,
        count(*) over (partition by a.agency_id, r.report_year) as versions
    from reports r
    join agencies a using (report_id)
    left join reported c using (report_id)
    left join problems p using (report_id)
)
select
    *,
    version_rank = 1 as is_chosen,
    versions > 1 as is_duplicate_agency_year
from ranked
