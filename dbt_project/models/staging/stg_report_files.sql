select
    file_path,
    sha256,
    left(sha256, 20) as report_id,
    bytes as file_bytes,
    first_seen,
    last_seen,
    withdrawn,
    withdrawn_at
from {{ source('raw', 'report_files') }}
