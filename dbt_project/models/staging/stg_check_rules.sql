select rule, description, side, table_code, row_code, column_code
from {{ source('raw', 'check_rules') }}
