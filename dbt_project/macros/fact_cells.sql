{#- The cells of one template table for the chosen report of each agency-year, with provenance.
    Used by incremental fact models (incremental_by_report): only the reports to rebuild are selected. -#}
{% macro fact_cells(table_code) %}
-- depends_on: {{ ref('stg_reports') }}, {{ ref('corrections') }} (read by reports_to_rebuild)
select
    r.agency_id,
    r.report_year,
    c.report_id,
    r.template_version,
    c.row_code,
    c.column_code,
    c.value,
    c.is_reported,
    c.original_value,
    c.correction_id,
    c.unit,
    c.raw_text,
    r.file_path as source_file,
    c.source_line,
    c.source_col,
    c.source_page,
    c.is_derived,
    r.parsed_at
from {{ ref('int_cells_corrected') }} c
join {{ ref('int_reports_deduped') }} r using (report_id)
where r.is_chosen and c.table_code = '{{ table_code }}'
{% if is_incremental() %}
  and c.report_id in ({{ reports_to_rebuild() }})
{% endif %}
{% endmacro %}

{#- The value and provenance columns every fact table carries from fact_cells (unit aside), in this order. -#}
{% macro fact_value_columns(alias) -%}
    {%- for col in ["value", "is_reported", "original_value", "correction_id", "raw_text", "source_file",
                    "source_line", "source_col", "source_page", "is_derived", "parsed_at"] -%}
    {{ alias }}.{{ col }}{{ "," if not loop.last }}
    {% endfor -%}
{%- endmacro %}
