select
    region_code,
    region_name,
    admin_level,
    province_code,
    case when admin_level = 'county' then city_code end as prefecture_code,
    case when admin_level = 'province' then null
         when admin_level = 'prefecture' then province_code
         else coalesce(city_code, province_code) end as parent_code,
    province,
    city,
    county,
    is_former
from {{ ref('stg_divisions') }}
