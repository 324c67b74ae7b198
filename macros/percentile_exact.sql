{#-
    percentile_cont computed exactly in decimals, the same on every engine.

    `percentile_cont` returns a DOUBLE on DuckDB, Spark and PostgreSQL (where `round(double, 2)`
    does not even exist), so money would pass through a float. The continuous percentile is
    instead interpolated from the two ranked values around position (n - 1) x p, in the
    value's decimal type: value[k] + ((n - 1) x p - k) x (value[k + 1] - value[k]), k = floor((n - 1) x p).

    The rows must carry `rank` (row_number() over the group, ordered by the value) and
    `size` (count(*) over the group); use inside a group by of the same group.
-#}
{% macro percentile_cont_exact(value, fraction, rank='cost_rank', size='group_size') -%}
    {#- the position per row (size is the same on every row of the group) and per group -#}
    {%- set row_position = '((' ~ size ~ ' - 1) * cast(' ~ fraction ~ ' as decimal(5, 4)))' -%}
    {%- set position = '((max(' ~ size ~ ') - 1) * cast(' ~ fraction ~ ' as decimal(5, 4)))' -%}
    {%- set lower_rank = 'floor(' ~ row_position ~ ') + 1' -%}
    {%- set lower_value = 'max(case when ' ~ rank ~ ' = ' ~ lower_rank ~ ' then ' ~ value ~ ' end)' -%}
    {%- set upper_value = 'max(case when ' ~ rank ~ ' = ' ~ lower_rank ~ ' + 1 then ' ~ value ~ ' end)' -%}
    ({{ lower_value }} + ({{ position }} - floor({{ position }})) * (coalesce({{ upper_value }}, {{ lower_value }}) - {{ lower_value }}))
{%- endmacro %}
