-- One agency_id for one body across years and spellings: region code + normalised core name
-- (玉溪市红塔区科技局 and 红塔区科学技术局 are both 530402 + 科学技术局); a former name in the agency_renames seed
-- counts as the current one.
with reports as (
    select * from {{ ref('stg_reports') }} where status = 'parsed' and agency_name is not null
),
keyed as (
    select
        left(md5(coalesce(r.region_code, 'unknown') || ':'
                 || coalesce(n.core_name, r.agency_core_name, r.agency_name)), 16) as agency_id,
        r.report_id, r.agency_name, r.agency_core_name, r.agency_kind, r.region_code, r.report_year
    from reports r
    left join {{ ref('agency_renames') }} n
        on n.region_code = r.region_code and n.former_core_name = r.agency_core_name
)
select * from keyed
