select issue_code, kind, meaning
from {{ source('raw', 'issue_codes') }}
