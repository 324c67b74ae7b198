{#- Custom schemas are used as they are (staging, intermediate, marts, seeds),
    so BI tools read `marts.fct_decisions` on every target, not `main_marts`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
