-- One agency_id for one body across years and spellings: region code + normalised core name
-- (玉溪市红塔区科技局 and 红塔区科学技术局 are both 530402 + 科学技术局).
with reports as (
    select * from {{ ref('stg_reports') }} where status = 'parsed' and agency_name is not null
),
keyed as (
    select
        left(md5(coalesce(region_code, 'unknown') || ':' || coalesce(agency_core_name, agency_name)), 16) as agency_id,
        report_id, agency_name, agency_core_name, agency_kind, region_code, report_year
    from reports
)
select * from keyed
