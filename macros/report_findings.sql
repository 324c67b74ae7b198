{#-
    on-run-end: print the business findings of the run. A test with
    `meta: {finding: "..."}` that warned (its failures are stored) is listed with the
    keys of the rows concerned, so the build log says which decisions or quarters a
    warning is about, not only how many.
-#}
{% macro report_findings(results) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set max_listed = var('findings_listed_per_test', 12) | int -%}
    {%- for result in results
        if result.node.resource_type == 'test' and result.status in ('warn', 'fail')
           and result.node.config.meta.get('finding') and result.node.relation_name -%}
        {%- set rows = run_query('select * from ' ~ result.node.relation_name ~ ' limit ' ~ (max_listed + 1)) -%}
        {%- set labels = [] -%}
        {%- for row in rows.rows[:max_listed] -%}
            {%- do labels.append(row.values() | map('string') | join(' ')) -%}
        {%- endfor -%}
        {%- set more = result.failures - labels | length -%}
        {{ log("Finding (" ~ result.status ~ ", " ~ result.failures ~ "): " ~ result.node.config.meta['finding']
               ~ ": " ~ labels | join('; ') ~ ("; and " ~ more ~ " more in " ~ result.node.relation_name if more > 0 else ""), info=true) }}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}
