{#- A hash of a row's raw text columns: identical re-exported rows share it. -#}
{% macro row_fingerprint(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{#-
    A label for a row's raw content, cheap enough for ten million rows: a 64-bit hash of the
    columns on DuckDB (md5 of the whole text costs most of billing staging there), md5 of
    the concatenated text elsewhere. It labels rows; it never decides that two rows are equal
    (staging compares whole rows for that), so a collision can only make two keys equal,
    which the unique test on the key reports.
-#}
{% macro row_hash(columns) -%}
    {{ return(adapter.dispatch('row_hash', 'coordination_finops')(columns)) }}
{%- endmacro %}

{% macro default__row_hash(columns) -%}
    {{ row_fingerprint(columns) }}
{%- endmacro %}

{% macro duckdb__row_hash(columns) -%}
    cast(hash({{ columns | join(', ') }}) as {{ dbt.type_string() }})
{%- endmacro %}

{#-
    True on every row of a key that arrived in more than one version (different fingerprints):
    a conflicting duplicate, not a re-export. count(distinct ...) over a window would say it
    shorter, but PostgreSQL and Spark do not implement distinct window aggregates.
-#}
{% macro has_conflicting_versions(fingerprint, key) -%}
    (min({{ fingerprint }}) over (partition by {{ key }}) <> max({{ fingerprint }}) over (partition by {{ key }}))
{%- endmacro %}
