{#- Fails on every pair of rows of the same key whose [valid_from, valid_to) windows overlap
    (a null valid_to is open-ended). -#}
{% test no_overlapping_validity(model, partition_by, valid_from='valid_from', valid_to='valid_to') %}

with windows as (

    select
        {{ partition_by | join(', ') }},
        {{ valid_from }} as window_start,
        coalesce({{ valid_to }}, cast('9999-12-31' as date)) as window_end,
        row_number() over (order by {{ partition_by | join(', ') }}, {{ valid_from }}) as window_id
    from {{ model }}

)

select
    {% for column in partition_by %}a.{{ column }}, {% endfor %}
    a.window_start as first_valid_from,
    a.window_end as first_valid_to,
    b.window_start as second_valid_from,
    b.window_end as second_valid_to
from windows as a
inner join windows as b
    on {% for column in partition_by %}a.{{ column }} = b.{{ column }}{% if not loop.last %} and {% endif %}{% endfor %}
    and a.window_id < b.window_id
    and a.window_start < b.window_end
    and b.window_start < a.window_end

{% endtest %}
