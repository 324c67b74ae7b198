-- Nothing lost: for every source and seed, raw rows = rows used + rows quarantined.
-- Returns every input whose counts do not add up.
{%- set inputs = [
    ('payroll_register', export_relation('payroll', 'payroll_register'), ref('int_payroll_pay_lines_usd')),
    ('focus_billing', export_relation('billing', 'focus_billing'), ref('int_billing_charges_usd')),
    ('decision_log', inventory_relation('decision_log'), ref('stg_inventory__decisions')),
    ('decision_edges', inventory_relation('decision_edges'), ref('int_decision_edges_validated')),
    ('calendar_attendance', export_relation('observed', 'calendar_attendance'), ref('int_observed_meetings_matched')),
    ('litellm_spend_logs', export_relation('observed', 'litellm_spend_logs'), ref('stg_observed__litellm_spend_logs')),
    ('otel_genai_spans', export_relation('observed', 'otel_genai_spans'), ref('stg_observed__genai_spans')),
] %}
{#- participants and tokens are used when their own row and their edge are usable -#}
{%- set children = [
    ('decision_edge_participants', inventory_relation('decision_edge_participants'), ref('stg_inventory__edge_participants')),
    ('decision_edge_tokens', inventory_relation('decision_edge_tokens'), ref('stg_inventory__edge_tokens')),
] %}

with counts as (
    {% for name, raw, staged in inputs %}
    select
        '{{ name }}' as input_name,
        (select count(*) from {{ raw }}) as raw_rows,
        (
            select count(*) from {{ staged }}
            where quarantine_reason is null
        ) as used_rows,
        (
            select count(*) from {{ ref('fct_quarantined_rows') }}
            where input_name = '{{ name }}'
        ) as quarantined_rows
    union all
    {% endfor %}
    {% for name, raw, staged in children %}
    select
        '{{ name }}' as input_name,
        (select count(*) from {{ raw }}) as raw_rows,
        (
            select count(*) from {{ staged }} as child
            inner join {{ ref('int_decision_edges_validated') }} as edges
                on child.edge_id = edges.edge_id
            where child.quarantine_reason is null and edges.quarantine_reason is null
        ) as used_rows,
        (
            select count(*) from {{ ref('fct_quarantined_rows') }}
            where input_name = '{{ name }}'
        ) as quarantined_rows
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select *
from counts
where raw_rows <> used_rows + quarantined_rows
