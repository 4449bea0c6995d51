{#- Rows where the expression is false fail the test (as dbt_utils.expression_is_true). -#}
{% test expression_is_true(model, expression, column_name=None, where_clause=None) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% if where_clause %}and ({{ where_clause }}){% endif %}
{% endtest %}
