{#-
    Helpers for sources that are files a company exports (payroll registers,
    FOCUS billing exports). The file location is a var; these macros inspect the
    columns the file actually has, so that one staging model accepts several
    column sets (FOCUS 1.0 `ProviderName`, FOCUS 1.3 `ServiceProviderName`) and
    a missing required column fails the build with a message that names the
    file and the column instead of a database stack trace.
-#}

{% macro relation_columns(relation) -%}
    {#- Lower-cased column names of a relation or a file-reading expression; [] at parse time. -#}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set result = run_query("select * from " ~ relation ~ " as probe where 1 = 0") -%}
    {{ return(result.column_names | map('lower') | list) }}
{%- endmacro %}

{% macro require_columns(relation, required, source_label, location) -%}
    {#- Fail with a readable message when a required column is missing. Each entry of
        `required` is a column name or a list of alternative names (first present wins). -#}
    {%- if not execute -%}
        {{ return({}) }}
    {%- endif -%}
    {%- set present = relation_columns(relation) -%}
    {%- set chosen = {} -%}
    {%- set missing = [] -%}
    {%- for entry in required -%}
        {%- set names = [entry] if entry is string else entry -%}
        {%- set found = [] -%}
        {%- for name in names if name | lower in present -%}
            {%- do found.append(name | lower) -%}
        {%- endfor -%}
        {%- if found -%}
            {%- do chosen.update({names[0] | lower: found[0]}) -%}
        {%- else -%}
            {%- do missing.append(names | join(' or ')) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ exceptions.raise_compiler_error(
            source_label ~ " export " ~ location ~ " is missing required column(s): " ~ missing | join(', ')
            ~ ". Columns found: " ~ (present | join(', ') if present else 'none (is the file empty?)')) }}
    {%- endif -%}
    {{ return(chosen) }}
{%- endmacro %}

{% macro optional_column(present, names, cast_to=none) -%}
    {#- The first of `names` the file has, else a typed null. -#}
    {%- for name in names if name | lower in present -%}
        {%- if loop.first -%}{{ return(name | lower) }}{%- endif -%}
    {%- endfor -%}
    {{ return("cast(null as " ~ (cast_to or dbt.type_string()) ~ ")") }}
{%- endmacro %}
