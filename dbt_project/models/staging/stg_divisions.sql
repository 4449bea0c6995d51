select
    region_code,
    name as region_name,
    admin_level,
    province_code,
    city_code,
    province,
    city,
    county,
    is_former
from {{ source('raw', 'divisions') }}
