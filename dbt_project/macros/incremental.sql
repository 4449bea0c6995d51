{#-
  Incremental by report. A model configured with `incremental_by_report(keep_from)` rebuilds only the
  reports that changed since its last build and deletes the rows of reports that left it:

  - rebuilt: a report whose (report_id, parsed_at) is not in the model yet (new, or re-parsed after a
    parser version change), and every report a correction touches now or touched at the last build;
  - removed (post-hook): rows whose (report_id, parsed_at) is no longer among `keep_from`'s rows, e.g. a
    re-parsed report's old rows, or a report no longer chosen for its agency-year.

  A change to the dbt project itself rebuilds everything (`--full-refresh`, see orchestration/dbt.py).
-#}
{#- keep_from: a query (as Jinja text, rendered when the hook runs) of the (report_id, parsed_at) to keep;
    by default the chosen report of each agency-year, which is what the fact tables hold. -#}
{% macro incremental_by_report(keep_from="select report_id, parsed_at from {{ ref('int_reports_deduped') }} where is_chosen") %}
    {{ return({
        "materialized": "incremental",
        "incremental_strategy": "delete+insert",
        "unique_key": "report_id",
        "on_schema_change": "sync_all_columns",
        "post_hook": "delete from {{ this }} t where not exists (select 1 from (" ~ keep_from ~ ") k"
                     ~ " where k.report_id = t.report_id and k.parsed_at = t.parsed_at)",
    }) }}
{% endmacro %}

{#- The report_ids to (re)build in {{ this }}: see incremental_by_report. -#}
{% macro reports_to_rebuild() %}
    select r.report_id
    from {{ ref('stg_reports') }} r
    left join (select distinct report_id, parsed_at from {{ this }}) built
        on built.report_id = r.report_id and built.parsed_at = r.parsed_at
    where built.report_id is null
    union
    select distinct report_id from {{ this }} where correction_id is not null
    union
    select r.report_id
    from {{ ref('stg_reports') }} r
    join {{ ref('corrections') }} k
        on k.report_id = r.report_id
        or (k.report_id is null and k.agency_name = r.agency_name and k.report_year = r.report_year)
{% endmacro %}
