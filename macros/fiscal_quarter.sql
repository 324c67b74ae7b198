{#-
    Reporting quarters. A fiscal year that starts in month M (var
    `fiscal_year_start_month`, 1 = calendar year) is handled by shifting the date
    back M-1 months, truncating to the calendar quarter and shifting forward again.
    Fiscal years are named after the calendar year in which they end.
-#}
{% macro fiscal_year_start_month() -%}
    {%- set month = var('fiscal_year_start_month') -%}
    {%- if month | string not in ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] -%}
        {{ exceptions.raise_compiler_error("var fiscal_year_start_month must be a month number from 1 to 12, got '" ~ month ~ "'") }}
    {%- endif -%}
    {{ return(month | int) }}
{%- endmacro %}

{% macro fiscal_quarter_start(date_expr) -%}
    {%- set shift = fiscal_year_start_month() - 1 -%}
    {%- if shift == 0 -%}
        cast({{ dbt.date_trunc('quarter', date_expr) }} as date)
    {%- else -%}
        cast({{ dbt.dateadd('month', shift, dbt.date_trunc('quarter', dbt.dateadd('month', -shift, date_expr))) }} as date)
    {%- endif -%}
{%- endmacro %}

{% macro fiscal_year(quarter_start_expr) -%}
    {%- set start_month = fiscal_year_start_month() -%}
    (cast(extract(year from {{ quarter_start_expr }}) as integer) + {{ 1 if start_month > 1 else 0 }}
     - case when extract(month from {{ quarter_start_expr }}) < {{ start_month }} then 1 else 0 end)
{%- endmacro %}

{% macro fiscal_quarter_number(quarter_start_expr) -%}
    {%- set start_month = fiscal_year_start_month() -%}
    (cast(floor(((cast(extract(month from {{ quarter_start_expr }}) as integer) + 12 - {{ start_month }}) % 12) / 3) as integer) + 1)
{%- endmacro %}

{% macro fiscal_quarter_label(quarter_start_expr) -%}
    {{ dbt.concat(["'FY'", "cast(" ~ fiscal_year(quarter_start_expr) ~ " as " ~ dbt.type_string() ~ ")",
                   "'-Q'", "cast(" ~ fiscal_quarter_number(quarter_start_expr) ~ " as " ~ dbt.type_string() ~ ")"]) }}
{%- endmacro %}
