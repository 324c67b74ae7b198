{#-
    Seeds on Spark: dbt-spark's own loader sends every row as an `insert ... values` statement,
    which in the session method substitutes values into the SQL text unescaped (a quote in a
    seed, "treasury's rates", breaks the statement; a missing value arrives as the string
    'None') and takes minutes for the 115,000 rows of the sample inventory. This replaces it
    (the root project's macro wins over the adapter's): Spark reads the seed's CSV file itself,
    and the rows are cast to the seed's column types in one `insert ... select`.
-#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set csv_path = model.root_path ~ '/' ~ model.original_file_path -%}
    {%- set csv_view = model.alias ~ '__seed_csv' -%}
    {% call statement('seed_csv_view') -%}
        create or replace temporary view {{ csv_view }}
        using csv
        options (path '{{ csv_path }}', header 'true', escape '"', multiLine 'true', mode 'FAILFAST')
    {%- endcall %}
    {%- set sql -%}
        insert into {{ this.render() }}
        select
        {% for col_name in agate_table.column_names -%}
            {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
            cast(`{{ col_name }}` as {{ column_override.get(col_name, inferred_type) }}){{ ',' if not loop.last }}
        {% endfor -%}
        from {{ csv_view }}
    {%- endset -%}
    {% do adapter.add_query(sql, abridge_sql_log=True) %}
    {{ return(sql) }}
{% endmacro %}
