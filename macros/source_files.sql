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

{% macro require_columns(relation, required, source_label, location, allow_empty=false, path_var=none) -%}
    {#- Fail with a readable message, naming the file, when a file of the export lacks a
        required column or has no data rows. Each entry of `required` is a column name or a
        list of alternative names. Returns, per entry, the alternatives present in the
        union of the files, in order (coalesce them: each file may carry another one). -#}
    {%- if not execute -%}
        {{ return({}) }}
    {%- endif -%}
    {%- set files = check_export_files(location, source_label, path_var) -%}
    {%- set relation_text = relation | string -%}
    {%- set quoted_location = "'" ~ (location | replace("'", "''")) ~ "'" -%}
    {%- set targets = [] -%}
    {%- if files and quoted_location in relation_text -%}
        {%- for file in files -%}
            {%- do targets.append((file, relation_text | replace(quoted_location, "'" ~ (file | replace("'", "''")) ~ "'"))) -%}
        {%- endfor -%}
    {%- else -%}
        {%- do targets.append((location, relation_text)) -%}
    {%- endif -%}
    {%- for label, target in targets -%}
        {%- set present = relation_columns(target) -%}
        {%- set missing = [] -%}
        {%- for entry in required -%}
            {%- set names = [entry] if entry is string else entry -%}
            {%- if not (names | map('lower') | select('in', present) | list) -%}
                {%- do missing.append(names | join(' or ')) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                source_label ~ " export " ~ label ~ " is missing required column(s): " ~ missing | join(', ')
                ~ ". Columns found: " ~ (present | reject('equalto', 'filename') | join(', ') or 'none')) }}
        {%- endif -%}
        {%- if not allow_empty and not run_query("select 1 as probe from " ~ target ~ " as probe limit 1").rows -%}
            {{ exceptions.raise_compiler_error(source_label ~ " export " ~ label ~ " has a header but no data rows") }}
        {%- endif -%}
    {%- endfor -%}
    {%- set present = relation_columns(relation) -%}
    {%- set chosen = {} -%}
    {%- for entry in required -%}
        {%- set names = [entry] if entry is string else entry -%}
        {%- do chosen.update({names[0] | lower: names | map('lower') | select('in', present) | list}) -%}
    {%- endfor -%}
    {{ return(chosen) }}
{%- endmacro %}

{% macro optional_column(present, names, cast_to=none) -%}
    {#- The first of `names` the file has, else a typed null. -#}
    {%- for name in names if name | lower in present -%}
        {%- if loop.first -%}{{ return(name | lower) }}{%- endif -%}
    {%- endfor -%}
    {{ return("cast(null as " ~ (cast_to or dbt.type_string()) ~ ")") }}
{%- endmacro %}

{% macro check_export_files(location, source_label, path_var=none) -%}
    {#- Fail early, naming the path and the var that sets it, when no file matches it or a matching
        file is empty. -#}
    {{ return(adapter.dispatch('check_export_files', 'coordination_finops')(location, source_label, path_var)) }}
{%- endmacro %}

{% macro default__check_export_files(location, source_label, path_var=none) -%}
    {#- Engines that load exports through the project's loader have no files to check here. -#}
    {{ return([]) }}
{%- endmacro %}

{% macro duckdb__check_export_files(location, source_label, path_var=none) -%}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set files = run_query("select filename, size from read_blob('" ~ location | replace("'", "''") ~ "') order by filename") -%}
    {%- if files.rows | length == 0 -%}
        {{ exceptions.raise_compiler_error(source_label ~ " export: no file matches " ~ location
            ~ " (set " ~ ("the var " ~ path_var ~ ", e.g. --vars '{" ~ path_var ~ ": /exports/...}'" if path_var
                          else "the source's path var: README, Variables") ~ ")") }}
    {%- endif -%}
    {%- for row in files.rows if row[1] == 0 -%}
        {{ exceptions.raise_compiler_error(source_label ~ " export " ~ row[0] ~ " is empty (0 bytes)") }}
    {%- endfor -%}
    {{ return(files.columns[0].values() | list) }}
{%- endmacro %}
