{#-
    A cast that yields null instead of failing on text it cannot parse, so that a bad
    value becomes a quarantined row with a reason rather than a failed build.
    dbt's own `dbt.safe_cast` falls back to a plain `cast` on adapters that do not
    override it (dbt-duckdb is one), which raises on the first bad value.
-#}
{% macro safe_cast(field, type) -%}
    {{ return(adapter.dispatch('safe_cast', 'coordination_finops')(field, type)) }}
{%- endmacro %}

{% macro default__safe_cast(field, type) -%}
    {{ dbt.safe_cast(field, type) }}
{%- endmacro %}

{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
