-- A report is withdrawn when every file that offered its content has left the reports folder: raw keeps it,
-- the marts drop it (int_reports_deduped), raw.report_files says when each file went.
with offered as (
    select left(sha256, 20) as report_id, bool_and(withdrawn) as is_withdrawn
    from {{ source('raw', 'report_files') }}
    group by 1
)
select
    report_id,
    sha256,
    parser_version,
    file_path,
    file_name,
    bytes as file_bytes,
    status,
    quarantine_reason,
    quarantine_message,
    agency_name,
    agency_name_source,
    agency_core_name,
    agency_kind,
    cast(report_year as integer) as report_year,
    cast(published_date as date) as published_date,
    template_version,
    script,
    source_format,
    encoding,
    region_code,
    province,
    city,
    county,
    admin_level,
    parse_ms,
    parsed_at,
    coalesce(o.is_withdrawn, false) as is_withdrawn
from {{ source('raw', 'parsed_reports') }}
left join offered o using (report_id)
