select
    report_id,
    issue_seq,
    issue_code,
    severity,
    message,
    rule,
    table_code,
    row_code,
    detail
from {{ source('raw', 'parse_issues') }}
