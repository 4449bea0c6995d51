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
    case
        when l.agency_kind <> 'department' then 'general government'
        when l.agency_core_name like '%科学技术%' or l.agency_core_name like '%科技%' then 'science and technology'
        when l.agency_core_name like '%教育%' then 'education'
        when l.agency_core_name like '%卫生%' or l.agency_core_name like '%健康%' then 'health'
        when l.agency_core_name like '%公安%' then 'public security'
        when l.agency_core_name like '%财政%' then 'finance'
        when l.agency_core_name like '%自然资源%' or l.agency_core_name like '%国土%' then 'natural resources'
        when l.agency_core_name like '%生态环境%' or l.agency_core_name like '%环境保护%' then 'environment'
        when l.agency_core_name like '%住房%' or l.agency_core_name like '%建设%' then 'housing and construction'
        when l.agency_core_name like '%交通%' then 'transport'
        when l.agency_core_name like '%人力资源%' then 'human resources'
        when l.agency_core_name like '%市场监督%' then 'market regulation'
        else 'other'
    end as sector
from latest l
join names n using (agency_id)
where l.rn = 1
