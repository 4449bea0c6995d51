with chosen as (
    select * from {{ ref('int_reports_deduped') }} where is_chosen
),
apps as (
    select report_id,
        max(value) filter (where outcome = 'new_received' and applicant_type = 'total') as new_received,
        max(value) filter (where outcome = 'carried_over' and applicant_type = 'total') as carried_over,
        max(value) filter (where outcome = 'total_processed' and applicant_type = 'total') as total_processed,
        max(value) filter (where outcome = 'carried_forward' and applicant_type = 'total') as carried_forward,
        max(value) filter (where outcome = 'granted' and applicant_type = 'total') as granted,
        max(value) filter (where outcome = 'partially_granted' and applicant_type = 'total') as partially_granted,
        sum(value) filter (where outcome like 'denied_%' and applicant_type = 'total') as denied,
        sum(value) filter (where outcome like 'unavailable_%' and applicant_type = 'total') as unavailable,
        sum(value) filter (where outcome like 'not_processed_%' and applicant_type = 'total') as not_processed,
        sum(value) filter (where outcome like 'other_%' and applicant_type = 'total') as other_handling,
        max(value) filter (where outcome = 'unavailable_not_held' and applicant_type = 'total') as unavailable_not_held
    from {{ ref('fct_applications') }}
    group by report_id
),
review as (
    select report_id,
        max(value) filter (where proceeding = 'administrative_review' and result = 'total') as review_total,
        max(value) filter (where proceeding = 'administrative_review' and result = 'corrected') as review_corrected,
        sum(value) filter (where proceeding = 'administrative_review' and result in ('upheld', 'corrected', 'other_result')) as review_decided,
        sum(value) filter (where proceeding <> 'administrative_review' and result = 'total') as litigation_total,
        sum(value) filter (where proceeding <> 'administrative_review' and result = 'corrected') as litigation_corrected,
        sum(value) filter (where proceeding <> 'administrative_review' and result in ('upheld', 'corrected', 'other_result')) as litigation_decided
    from {{ ref('fct_review_litigation') }}
    group by report_id
),
checks as (
    select report_id, count(*) filter (where passed = false) as failed_checks,
           count(*) filter (where checkable) as checks_run
    from {{ ref('fct_report_checks') }}
    group by report_id
),
prose as (
    select report_id,
        max(value) filter (where figure_code = 'proactive_items_published') as proactive_items_published,
        max(value) filter (where figure_code = 'applications_received') as prose_applications_received
    from {{ ref('stg_narrative_figures') }}
    group by report_id
),
base as (
    select
        c.agency_id,
        c.report_year,
        c.report_id,
        c.template_version,
        c.published_date,
        case when c.published_date is null then null
             else c.published_date <= cast((c.report_year + 1) || '-' || '{{ var("deadline_month_day") }}' as date)
        end as reported_on_time,
        c.is_duplicate_agency_year,
        a.new_received, a.carried_over, a.total_processed, a.carried_forward,
        a.granted, a.partially_granted, a.denied, a.unavailable, a.unavailable_not_held,
        a.not_processed, a.other_handling,
        r.review_total, r.review_corrected, r.review_decided,
        r.litigation_total, r.litigation_corrected, r.litigation_decided,
        p.proactive_items_published, p.prose_applications_received,
        coalesce(k.failed_checks, 0) as failed_checks,
        coalesce(k.checks_run, 0) as checks_run
    from chosen c
    left join apps a using (report_id)
    left join review r using (report_id)
    left join checks k using (report_id)
    left join prose p using (report_id)
)
select
    base.*,
    -- one series across templates: the table where there is one, the prose figure before 2019
    coalesce(base.new_received, base.prose_applications_received) as applications_received_series,
    {{ rate_columns() }}
from base
