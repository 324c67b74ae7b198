{#-
    The variance rule: two estimates of one figure agree when they are within
    `tolerance_pct` percent of the reference (the boundary itself agrees). Returns
    every key whose measure and reference disagree, or where one of the two is
    missing (a missing invoice, a stale rate card) while the other is not zero.
    Apply it twice, at the warn and at the error tolerance
    (vars variance_warn_pct / variance_error_pct), with the matching severity.
-#}
{% test within_variance(model, measure, reference, tolerance_pct, key_columns=[]) %}

select
    {% for column in key_columns %}{{ column }}, {% endfor %}
    {{ measure }} as measure_value,
    {{ reference }} as reference_value,
    case
        when {{ reference }} is null or {{ reference }} = 0 then null
        else round(cast(100 * abs({{ measure }} - {{ reference }}) / abs({{ reference }}) as {{ dbt.type_numeric() }}), 2)
    end as variance_pct,
    {{ tolerance_pct }} as tolerance_pct
from {{ model }}
where
    (({{ measure }} is null) <> ({{ reference }} is null) and coalesce({{ measure }}, {{ reference }}) <> 0)
    or ({{ reference }} = 0 and {{ measure }} <> 0)
    or (
        {{ reference }} <> 0
        and 100 * abs({{ measure }} - {{ reference }}) > {{ tolerance_pct }} * abs({{ reference }})
    )

{% endtest %}
