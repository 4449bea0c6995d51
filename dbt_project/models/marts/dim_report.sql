-- One row per parsed report in the marts, with where it came from: the URL its file was downloaded from (and the
-- report page that links it, for an attachment) and when, so an analyst can open the page a number came from.
-- Reports put in the folder by hand have no URL.
with reports as (
    select * from {{ ref('int_reports_deduped') }}
),
files as (
    select report_id, file_path, sha256 from {{ ref('stg_report_files') }} where not withdrawn
),
downloads as (
    select file_path, sha256, source, url, page_url, final_url, fetched_at
    from {{ ref('stg_fetches') }}
    where outcome = 'downloaded' and file_path is not null
),
checked as (
    select file_path, max(fetched_at) as last_checked_at
    from {{ ref('stg_fetches') }}
    where file_path is not null and outcome in ('downloaded', 'unchanged')
    group by file_path
),
provenance as (
    select
        f.report_id,
        d.source,
        d.url as source_url,
        coalesce(d.page_url, d.url) as source_page_url,
        d.final_url,
        d.fetched_at,
        c.last_checked_at,
        row_number() over (partition by f.report_id order by d.fetched_at desc, f.file_path) as rank
    from files f
    join downloads d on d.file_path = f.file_path and d.sha256 = f.sha256
    left join checked c on c.file_path = f.file_path
)
select
    r.report_id,
    r.agency_id,
    r.report_year,
    r.template_version,
    r.source_format,
    r.file_path,
    r.is_chosen,
    r.is_duplicate_agency_year,
    p.source as collected_from,
    p.source_url,
    p.source_page_url,
    p.final_url,
    p.fetched_at,
    p.last_checked_at
from reports r
left join provenance p on p.report_id = r.report_id and p.rank = 1
