-- A figure the prose states = the table 三 总计 it names (applications received, granted), in every report.
{{ config(materialized='view') }}
select
    n.report_id, r.agency_id, r.report_year,
    'prose_vs_table' as rule_group,
    'prose_vs_table:' || n.figure_code as rule,
    'figure stated in prose = table 三 总计 (' || n.figure_code || ')' as description,
    n.value as left_value,
    t.value as right_value,
    t.is_reported as checkable
from {{ ref('stg_narrative_figures') }} n
join {{ ref('int_reports_deduped') }} r using (report_id)
join {{ ref('stg_canonical_codes') }} f on f.kind = 'figure' and f.code = n.figure_code
join {{ ref('int_cells_corrected') }} t
    on t.report_id = n.report_id and t.table_code = 'applications' and t.column_code = 'total'
   and t.row_code = f.table_row
