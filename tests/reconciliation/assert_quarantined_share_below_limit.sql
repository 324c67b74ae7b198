-- An export whose rows are mostly unusable is a wrong file (another date format, another
-- currency, another layout), not a few bad rows: fail when more than max_quarantined_share_pct
-- of an input's rows are quarantined. Returns each such input with its counts.
{%- set inputs = [
    ('payroll_register', export_relation('payroll', 'payroll_register')),
    ('focus_billing', export_relation('billing', 'focus_billing')),
    ('decision_log', inventory_relation('decision_log')),
    ('decision_edges', inventory_relation('decision_edges')),
    ('decision_edge_participants', inventory_relation('decision_edge_participants')),
    ('decision_edge_tokens', inventory_relation('decision_edge_tokens')),
] %}

with counts as (
    {% for name, raw in inputs %}
    select
        '{{ name }}' as input_name,
        (select count(*) from {{ raw }}) as raw_rows,
        (
            select count(*) from {{ ref('fct_quarantined_rows') }}
            where input_name = '{{ name }}'
        ) as quarantined_rows
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    input_name,
    raw_rows,
    quarantined_rows,
    {{ var('max_quarantined_share_pct') }} as max_quarantined_share_pct
from counts
where 100 * quarantined_rows > {{ var('max_quarantined_share_pct') }} * raw_rows
