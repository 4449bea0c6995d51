with agencies as (
    select a.*, r.province, r.city, r.county, r.admin_level
    from {{ ref('int_agencies') }} a
    join {{ ref('stg_reports') }} r using (report_id)
),
names as (
    select agency_id, list(distinct agency_name order by agency_name) as names_seen
    from agencies group by agency_id
),
latest as (
    select *,
        row_number() over (partition by agency_id order by report_year desc, length(agency_name) desc, agency_name) as rn
    from agencies
),
sectors as (
    -- the first sector keyword (seed agency_sectors, by priority) the latest core name contains
    select l.agency_id, arg_min(k.sector, k.priority) as sector
    from latest l
    join {{ ref('agency_sectors') }} k on contains(l.agency_core_name, k.keyword)
    where l.rn = 1
    group by l.agency_id
)
select
    l.agency_id,
    -- canonical name: jurisdiction names + the expanded core name (红塔区科技局 -> 玉溪市红塔区科学技术局)
    coalesce(
        case l.admin_level
            when 'province' then l.province
            when 'prefecture' then l.city
            when 'county' then coalesce(l.city, '') || l.county
        end || l.agency_core_name,
        l.agency_name
    ) as canonical_name,
    n.names_seen,
    l.agency_core_name as core_name,
    l.region_code,
    l.province,
    l.city,
    l.county,
    l.admin_level,
    l.agency_kind as kind,
    case when l.agency_kind <> 'department' then 'general government' else coalesce(s.sector, 'other') end as sector
from latest l
join names n using (agency_id)
left join sectors s using (agency_id)
where l.rn = 1
