{#-
    on-run-end: print the business findings of the run. A test with
    `meta: {finding: "..."}` that warned is listed with the rows concerned, so the
    build log says which decisions or quarters a warning is about, not only how many;
    an integrity test that failed is listed the same way (every test stores its failures).
-#}
{% macro report_findings(results) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set max_listed = var('findings_listed_per_test', 12) | int -%}
    {%- for result in results
        if result.node.resource_type == 'test' and result.status in ('warn', 'fail') and result.node.relation_name -%}
        {#- the first rows in the order of all their columns, nulls last: the same rows on every run and engine -#}
        {%- set width = run_query('select * from ' ~ result.node.relation_name ~ ' limit 0').columns | length -%}
        {%- set ordering = range(1, width + 1) | map('string') | list -%}
        {%- set rows = run_query('select * from ' ~ result.node.relation_name
                                 ~ ' order by ' ~ ordering | join(' nulls last, ') ~ ' nulls last limit ' ~ (max_listed + 1)) -%}
        {%- set labels = [] -%}
        {%- for row in rows.rows[:max_listed] -%}
            {%- do labels.append(row.values() | map('string') | join(' ')) -%}
        {%- endfor -%}
        {%- set more = result.failures - labels | length -%}
        {%- set kind = 'Finding' if result.node.config.meta.get('finding') else 'Failed check' -%}
        {{ log(kind ~ " (" ~ result.status ~ ", " ~ result.failures ~ "): " ~ result.node.config.meta.get('finding', result.node.name)
               ~ ": " ~ labels | join('; ') ~ ("; and " ~ more ~ " more in " ~ result.node.relation_name if more > 0 else ""), info=true) }}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}
