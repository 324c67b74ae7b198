{#-
    Reporting quarters. A fiscal year that starts in month M (var
    `fiscal_year_start_month`, 1 = calendar year) is handled by shifting the date
    back M-1 months, truncating to the calendar quarter and shifting forward again.
    Fiscal years are named after the calendar year in which they end.
-#}
{% macro fiscal_quarter_start(date_expr) -%}
    {%- set shift = var('fiscal_year_start_month') | int - 1 -%}
    {%- if shift == 0 -%}
        cast({{ dbt.date_trunc('quarter', date_expr) }} as date)
    {%- else -%}
        cast({{ dbt.dateadd('month', shift, dbt.date_trunc('quarter', dbt.dateadd('month', -shift, date_expr))) }} as date)
    {%- endif -%}
{%- endmacro %}

{% macro fiscal_year(quarter_start_expr) -%}
    {%- set start_month = var('fiscal_year_start_month') | int -%}
    (cast(extract(year from {{ quarter_start_expr }}) as integer) + {{ 1 if start_month > 1 else 0 }}
     - case when extract(month from {{ quarter_start_expr }}) < {{ start_month }} then 1 else 0 end)
{%- endmacro %}

{% macro fiscal_quarter_number(quarter_start_expr) -%}
    {%- set start_month = var('fiscal_year_start_month') | int -%}
    (cast(floor(((cast(extract(month from {{ quarter_start_expr }}) as integer) + 12 - {{ start_month }}) % 12) / 3) as integer) + 1)
{%- endmacro %}

{% macro fiscal_quarter_label(quarter_start_expr) -%}
    {{ dbt.concat(["'FY'", "cast(" ~ fiscal_year(quarter_start_expr) ~ " as " ~ dbt.type_string() ~ ")",
                   "'-Q'", "cast(" ~ fiscal_quarter_number(quarter_start_expr) ~ " as " ~ dbt.type_string() ~ ")"]) }}
{%- endmacro %}
