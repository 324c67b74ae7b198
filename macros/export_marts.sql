{#-
    on-run-end: write every mart (the tables in the marts schema) to
    `<export_path>/<name>.parquet` and `.csv`, for BI tools that cannot open a DuckDB
    file. The folder must exist (the repository ships `exports/`). Only marts that this run built successfully are written; var
    `export_marts: false` turns it off. Other adapters are warehouses a BI tool reads
    directly, so nothing is exported there.
-#}
{% macro export_marts(results) %}
    {{ return(adapter.dispatch('export_marts', 'coordination_finops')(results)) }}
{% endmacro %}

{% macro default__export_marts(results) %}
    {{ return('') }}
{% endmacro %}

{% macro duckdb__export_marts(results) %}
    {%- if not execute or not var('export_marts', true) -%}{{ return('') }}{%- endif -%}
    {%- set folder = var('export_path', 'exports') | replace("'", "''") -%}
    {%- set written = [] -%}
    {%- for result in results
        if result.node.resource_type == 'model' and result.status == 'success'
           and result.node.config.materialized in ('table', 'incremental') and result.node.fqn[1] == 'marts' -%}
        {%- set relation = result.node.relation_name -%}
        {%- set name = result.node.name -%}
        {%- do run_query("copy (select * from " ~ relation ~ ") to '" ~ folder ~ "/" ~ name ~ ".parquet' (format parquet)") -%}
        {%- do run_query("copy (select * from " ~ relation ~ ") to '" ~ folder ~ "/" ~ name ~ ".csv' (format csv, header true)") -%}
        {%- do written.append(name) -%}
    {%- endfor -%}
    {%- if written -%}
        {{ log("Exported " ~ written | length ~ " marts to " ~ var('export_path', 'exports') ~ "/ (Parquet and CSV): " ~ written | join(', '), info=true) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
