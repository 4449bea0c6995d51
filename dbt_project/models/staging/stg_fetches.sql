-- Every request `gongkai collect` made (the sources' fetch logs), typed.
select
    source,
    kind,
    url,
    page_url,
    final_url,
    outcome,
    cast(status as integer) as http_status,
    reason,
    etag,
    last_modified,
    sha256,
    bytes as response_bytes,
    file_path,
    cast(fetched_at as timestamp) as fetched_at,
    attempts,
    seconds,
    note
from {{ source('raw', 'fetches') }}
