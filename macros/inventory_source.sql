{#-
    The decision inventory comes from the hand-kept seeds by default. At scale an automated
    feed replaces them: with var `inventory_path` set, each of the four inventory tables is
    read from files (`<inventory_path>/<table>/*.parquet` or `*.csv`, var
    `inventory_file_format`) through the `inventory` source, with the seed's columns.

    inventory_relation(table): the seed or the source relation.
    inventory_source(table):   a select of the table's columns with the seed's column_types,
        plus `unparseable_reason`: null, or `unparseable_date` / `unparseable_number` when a
        file value cannot be read as its type (seeds are typed by `dbt seed` itself).
-#}
{% macro inventory_relation(table) -%}
    {%- if var('inventory_path') -%}
        {{ return(source('inventory', table)) }}
    {%- else -%}
        {{ return(ref(table)) }}
    {%- endif -%}
{%- endmacro %}

{% macro inventory_source(table) -%}
    {%- set relation = inventory_relation(table) -%}
    {#- (a seed not loaded yet, as in `dbt compile` or the lint on an empty warehouse, is not checked) -#}
    {%- if execute and (var('inventory_path') or load_relation(relation) is not none) -%}
        {#- a column the seed declares but the file lacks: say which file and which column -#}
        {%- set expected = graph.nodes['seed.coordination_finops.' ~ table].config.column_types.keys() | list -%}
        {%- set present = relation_columns(relation) -%}
        {%- set missing = expected | reject('in', present) | list -%}
        {%- if missing -%}
            {%- set where = (var('inventory_path') ~ '/' ~ table ~ '/*.' ~ var('inventory_file_format'))
                            if var('inventory_path') else 'seeds/' ~ table ~ '.csv' -%}
            {{ exceptions.raise_compiler_error("Inventory " ~ where ~ " is missing column(s): " ~ missing | join(', ')
                ~ ". Columns found: " ~ (present | join(', ') or 'none') ~ " (every column is described in seeds/_seeds.yml)") }}
        {%- endif -%}
    {%- endif -%}
    {%- if not var('inventory_path') -%}
        select *, cast(null as {{ dbt.type_string() }}) as unparseable_reason from {{ relation }}
    {%- else -%}
        {%- set column_types = {} -%}
        {%- if execute -%}
            {%- set column_types = graph.nodes['seed.coordination_finops.' ~ table].config.column_types -%}
        {%- endif -%}
        {%- set typed = [] -%}
        {%- for column, type in column_types.items() if type not in ('varchar', 'text', 'string') -%}
            {%- do typed.append((column, type)) -%}
        {%- endfor %}
        select
        {%- for column, type in column_types.items() %}
            {%- if type in ('varchar', 'text', 'string') %}
            nullif(trim({{ column }}), '') as {{ column }},
            {%- elif type in ('timestamp', 'date') %}
            cast({{ utc_timestamp('nullif(trim(' ~ column ~ "), '')") }} as {{ type }}) as {{ column }},
            {%- else %}
            {{ safe_cast('nullif(trim(' ~ column ~ "), '')", type) }} as {{ column }},
            {%- endif %}
        {%- endfor %}
            case
            {%- for column, type in typed %}
                when nullif(trim({{ column }}), '') is not null
                    and {{ safe_cast('nullif(trim(' ~ column ~ "), '')", type) if type not in ('timestamp', 'date')
                           else utc_timestamp('nullif(trim(' ~ column ~ "), '')") }} is null
                    then '{{ 'unparseable_date' if type in ('timestamp', 'date') else 'unparseable_number' }}'
            {%- endfor %}
            end as unparseable_reason
        from {{ relation }}
    {%- endif -%}
{%- endmacro %}
