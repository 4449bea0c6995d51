select table_code, kind, code, label, group_label, templates, position
from {{ source('raw', 'canonical_codes') }}
