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

{#-
    Text to a UTC timestamp, null when it cannot be parsed. FOCUS timestamps are UTC; an
    export may still write an offset (2026-03-31T23:00:00-05:00) or a Z. A plain cast to
    TIMESTAMP on DuckDB keeps the wall-clock time and drops the offset, which moves a
    charge to the wrong day (and quarter), so text with an offset is read as a
    TIMESTAMPTZ and converted to UTC; text without one is taken as UTC already.
-#}
{% macro utc_timestamp(field) -%}
    {{ return(adapter.dispatch('utc_timestamp', 'coordination_finops')(field)) }}
{%- endmacro %}

{% macro default__utc_timestamp(field) -%}
    {{ safe_cast(field, api.Column.translate_type('timestamp')) }}
{%- endmacro %}

{% macro duckdb__utc_timestamp(field) -%}
    case
        when regexp_matches(trim({{ field }}), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
            then timezone('UTC', try_cast(trim({{ field }}) as timestamptz))
        else try_cast({{ field }} as timestamp)
    end
{%- endmacro %}
