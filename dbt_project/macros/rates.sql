{#- One column per rate in var('rates'): numerator / denominator, NULL when the denominator is 0 or blank. -#}
{% macro rate_columns() %}
{%- for name, rate in var('rates').items() %}
    case when ({{ rate.denominator }}) > 0 then ({{ rate.numerator }}) / ({{ rate.denominator }}) end as {{ name }}{{ "," if not loop.last }}
{%- endfor %}
{% endmacro %}
