select
    region_code,
    name as region_name,
    admin_level,
    province_code,
    city_code,
    province,
    city,
    county
from {{ source('raw', 'divisions') }}
