{#-
    A cast that yields null instead of failing on text it cannot parse, so that a bad
    value becomes a quarantined row with a reason rather than a failed build.
    dbt's own `dbt.safe_cast` falls back to a plain `cast` on adapters that do not
    override it (dbt-duckdb and dbt-postgres among them), which raises on the first bad value.
    (These macros replace dbt's `safe_cast` in this project: the root project's macros win.)

    DuckDB and Spark have `try_cast`. PostgreSQL has none: there the text is cast inside a
    PL/pgSQL function that catches the error (`coord_try_cast`, created by the on-run-start
    hook `create_engine_functions`), with the full type, so a value that overflows
    `decimal(18, 2)` is null there as it is on DuckDB.
-#}
{% macro safe_cast(field, type) -%}
    {{ return(adapter.dispatch('safe_cast', 'coordination_finops')(field, type)) }}
{%- endmacro %}

{% macro default__safe_cast(field, type) -%}
    {#- engines not tested here: a plain cast (a bad value fails the build instead of being quarantined) -#}
    cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ spark_type(type) }})
{%- endmacro %}

{% macro postgres__safe_cast(field, type) -%}
    {%- set pg_type = 'jsonb' if type | lower == 'json' else type -%}
    {#- PostgreSQL also reads words as dates and numbers ('yesterday', 'epoch', 'NaN', 'Infinity'),
        which DuckDB and Spark refuse: only text shaped like an ISO date or a decimal number is cast -#}
    {%- set shapes = {
        'date': '^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}',
        'timestamp': '^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}',
        'decimal': '^\s*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?\s*$',
        'numeric': '^\s*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?\s*$',
        'integer': '^\s*[+-]?[0-9]+\s*$',
        'bigint': '^\s*[+-]?[0-9]+\s*$',
    } -%}
    {%- set shape = [] -%}
    {%- for prefix, pattern in shapes.items() if (pg_type | lower).startswith(prefix) -%}
        {%- do shape.append(pattern) -%}
    {%- endfor -%}
    {%- set cast_text = 'cast(' ~ field ~ ' as text)' -%}
    {%- if shape -%}
    case when {{ cast_text }} ~ '{{ shape[0] }}'
        then cast({{ target.schema }}.coord_try_cast({{ cast_text }}, '{{ pg_type }}') as {{ pg_type }})
    end
    {%- else -%}
    cast({{ target.schema }}.coord_try_cast({{ cast_text }}, '{{ pg_type }}') as {{ pg_type }})
    {%- endif -%}
{%- endmacro %}

{#- Spark spells a few types differently: json is text there (validity is checked with from_json). -#}
{% macro spark_type(type) -%}
    {%- set lowered = type | lower | trim -%}
    {{ return({'json': 'string', 'varchar': 'string', 'text': 'string'}.get(lowered, type)) }}
{%- endmacro %}

{#- on-run-start: the functions the PostgreSQL implementations above call. -#}
{% macro create_engine_functions() -%}
    {%- if target.type == 'postgres' -%}
        create schema if not exists {{ target.schema }};
        create or replace function {{ target.schema }}.coord_try_cast(value text, type_name text)
        returns text language plpgsql stable as $body$
        declare result text;
        begin
            if value is null then return null; end if;
            execute format('select cast(cast(%L as %s) as text)', value, type_name) into result;
            return result;
        exception when others then
            return null;
        end
        $body$;
    {%- endif -%}
{%- endmacro %}

{#-
    Text to a UTC timestamp, null when it cannot be parsed. FOCUS timestamps are UTC; an
    export may still write an offset (2026-03-31T23:00:00-05:00) or a Z. A plain cast to
    TIMESTAMP on DuckDB and PostgreSQL keeps the wall-clock time and drops the offset, which
    moves a charge to the wrong day (and quarter), so text with an offset is read as a
    TIMESTAMPTZ and converted to UTC; text without one is taken as UTC already. Spark's
    try_cast applies the offset itself (the session time zone is UTC, profiles.yml).
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

{% macro postgres__utc_timestamp(field) -%}
    case
        when trim(cast({{ field }} as text)) ~ '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$'
            then {{ safe_cast('trim(cast(' ~ field ~ ' as text))', 'timestamptz') }} at time zone 'UTC'
        else {{ safe_cast(field, 'timestamp') }}
    end
{%- endmacro %}

{% macro spark__utc_timestamp(field) -%}
    try_cast(trim({{ field }}) as timestamp)
{%- endmacro %}
