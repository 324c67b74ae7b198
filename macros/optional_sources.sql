{#-
    Payroll, billing, the company's revenue and headcount and the observed edges (calendar and
    agent telemetry, var observed_enabled) are optional: a company starts
    with a few hand-kept decisions and a rate card (the article's first 30 days) and wires its
    exports later. `<source>_enabled: false` switches one off:

    export_relation(source_name, table_name): the source, or, when it is switched off, the
        header-only template in data/templates/ (the columns, no rows), so every model still
        builds and every figure that needs the source is null with a reason, never zero.
    source_enabled(name): the var, checked to be a boolean.
    not_measured_reason(name): null when the source is on, else the reason text (SQL literal).
    report_switched_off_sources(): on-run-start, names the sources that are off and the tests
        skipped because of it (they are disabled, not passed on empty data).
-#}
{% macro source_enabled(name) -%}
    {%- set value = var(name ~ '_enabled') -%}
    {%- if value not in [true, false] -%}
        {{ exceptions.raise_compiler_error("var " ~ name ~ "_enabled must be true or false, got '" ~ value ~ "'") }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}

{% macro export_relation(source_name, table_name) -%}
    {%- if source_enabled(source_name) -%}
        {{ return(source(source_name, table_name)) }}
    {%- endif -%}
    {{ return(adapter.dispatch('template_relation', 'coordination_finops')(table_name)) }}
{%- endmacro %}

{#- the header-only template of an export: read in place on DuckDB; elsewhere the table
    `templates.<name>` that coordination-finops-load creates from data/templates/ -#}
{% macro default__template_relation(table_name) -%}
    {{ return(api.Relation.create(database=target.database, schema='templates', identifier=table_name)) }}
{%- endmacro %}

{% macro duckdb__template_relation(table_name) -%}
    {{ return("read_csv('data/templates/" ~ table_name ~ ".csv', header = true, all_varchar = true, filename = true)") }}
{%- endmacro %}

{% macro export_location(source_name, table_name, path_var=none) -%}
    {#- the path the file checks and error messages name (a source of several files has a path var per table) -#}
    {{ return(var(path_var or source_name ~ '_path') if source_enabled(source_name) else 'data/templates/' ~ table_name ~ '.csv') }}
{%- endmacro %}

{% macro not_measured_reason(name) -%}
    {%- if source_enabled(name) -%}
        {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
    {%- endif -%}
    {{ return("'not measured: " ~ name | replace('_', ' ') ~ " source switched off (var " ~ name ~ "_enabled)'") }}
{%- endmacro %}

{% macro report_switched_off_sources() -%}
    {%- if execute -%}
        {%- set needs = {
            'payroll': 'payroll-derived rates (the rate card prices every minute), total payroll, the rate card vs. payroll variance rule, payroll reconciliation',
            'billing': 'AI infrastructure, adjacency cloud, the real cost of AI and its shares, coordination share and multiplier, the cloud bill, the token vs. invoice variance rule, billing reconciliation',
            'business_metrics': 'revenue and headcount, growth vs. revenue and headcount, the revenue finding',
            'observed': 'observed meetings and agent calls (calendar, LLM gateway, GenAI spans), observed vs. inventoried hours and cost, their variance rule and reconciliation',
        } -%}
        {%- for name, figures in needs.items() if not source_enabled(name) -%}
            {{ log("Source " ~ name ~ " is switched off (var " ~ name ~ "_enabled: false): not measured, and their tests skipped: " ~ figures ~ ".", info=true) }}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{% macro if_measured(name, expression, data_type) -%}
    {#- the expression when source `name` is on, else a typed null ("not measured", never zero) -#}
    {%- if source_enabled(name) -%}{{ expression }}{%- else -%}cast(null as {{ data_type }}){%- endif -%}
{%- endmacro %}

{% macro if_measured_row(name, row_condition, expression, data_type) -%}
    {#- the expression, except on the rows that need source `name` while it is switched off -#}
    {%- if source_enabled(name) -%}
        {{ expression }}
    {%- else -%}
        case when {{ row_condition }} then cast(null as {{ data_type }}) else {{ expression }} end
    {%- endif -%}
{%- endmacro %}
