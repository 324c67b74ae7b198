{#- Fails on every row where `expression` is not true; returns `label_columns` (or all
    columns) so that a stored failure names the rows concerned. -#}
{% test expression_is_true(model, expression, label_columns=none) %}

select
    {{ label_columns | join(', ') if label_columns else '*' }}
from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}
