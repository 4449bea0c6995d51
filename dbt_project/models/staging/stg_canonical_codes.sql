select table_code, kind, code, label, group_label, templates, position, table_row
from {{ source('raw', 'canonical_codes') }}
