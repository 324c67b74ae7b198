-- one row per input row that could not be used, from every source and seed, with the reason.
-- Payroll rows carry no amount here: an individual's pay never reaches a mart. Calendar rows carry
-- the pseudonymised key of the occurrence and attendee, never the address.
{% set text = dbt.type_string() -%}
{%- set pay_line_key = "coalesce(pay_line_id, '<missing>') || '#' || cast(key_occurrence as " ~ text ~ ")" -%}
{#- inputs whose rows carry their own quarantine_reason: (cte, input, relation, row key, file, amount, currency) -#}
{%- set flagged_inputs = [
    ('payroll', 'payroll_register', ref('stg_payroll__pay_lines'), pay_line_key, 'source_file', none, none),
    ('payroll_fx', 'payroll_register', ref('int_payroll_pay_lines_usd'), pay_line_key, 'source_file', none, none),
    ('billing', 'focus_billing', ref('stg_billing__focus_charges'), 'charge_key', 'source_file', 'billed_cost', 'billing_currency'),
    ('billing_fx', 'focus_billing', ref('int_billing_charges_usd'), 'charge_key', 'source_file', 'billed_cost', 'billing_currency'),
    ('decisions', 'decision_log', ref('stg_inventory__decisions'), "coalesce(decision_id, '<missing>')", "'seeds/decision_log.csv'", none, none),
    ('edges', 'decision_edges', ref('int_decision_edges_validated'), "coalesce(edge_id, '<missing>')", "'seeds/decision_edges.csv'", none, none),
    ('calendar', 'calendar_attendance', ref('int_observed_meetings_matched'), 'attendance_key', 'source_file', none, none),
    ('gateway_calls', 'litellm_spend_logs', ref('stg_observed__litellm_spend_logs'), 'call_key', 'source_file', 'logged_spend_usd', "'USD'"),
    ('genai_spans', 'otel_genai_spans', ref('stg_observed__genai_spans'), 'span_key', 'source_file', none, none),
] %}

with

{% for cte, input_name, relation, row_key, source_file, amount, currency in flagged_inputs %}
{{ cte }} as (

    select
        '{{ input_name }}' as input_name,
        {{ row_key }} as row_key,
        quarantine_reason,
        {{ source_file }} as source_file,
        cast({{ amount or 'null' }} as decimal(38, 12)) as amount,
        cast({{ currency or 'null' }} as {{ text }}) as amount_currency
    from {{ relation }}
    where quarantine_reason is not null

),
{% endfor %}

valid_edges as (

    select edge_id from {{ ref('int_decision_edges_validated') }}
    where quarantine_reason is null

),

participants as (

    select
        'decision_edge_participants' as input_name,
        coalesce(participants.edge_id, '<missing>') || '|' || coalesce(participants.role, '<missing>') as row_key,
        coalesce(participants.quarantine_reason, 'edge_not_usable') as quarantine_reason,
        'seeds/decision_edge_participants.csv' as source_file,
        cast(null as decimal(38, 12)) as amount,
        cast(null as {{ dbt.type_string() }}) as amount_currency
    from {{ ref('stg_inventory__edge_participants') }} as participants
    left join valid_edges
        on participants.edge_id = valid_edges.edge_id
    where participants.quarantine_reason is not null or valid_edges.edge_id is null

),

tokens as (

    select
        'decision_edge_tokens' as input_name,
        (
            coalesce(tokens.edge_id, '<missing>') || '|' || coalesce(tokens.provider, '<missing>')
            || '|' || coalesce(tokens.model, '<missing>')
        ) as row_key,
        coalesce(tokens.quarantine_reason, 'edge_not_usable') as quarantine_reason,
        'seeds/decision_edge_tokens.csv' as source_file,
        cast(null as decimal(38, 12)) as amount,
        cast(null as {{ dbt.type_string() }}) as amount_currency
    from {{ ref('stg_inventory__edge_tokens') }} as tokens
    left join valid_edges
        on tokens.edge_id = valid_edges.edge_id
    where tokens.quarantine_reason is not null or valid_edges.edge_id is null

),

unioned as (

    select * from payroll
    union all
    select * from payroll_fx
    union all
    select * from billing
    union all
    select * from billing_fx
    union all
    select * from decisions
    union all
    select * from edges
    union all
    select * from participants
    union all
    select * from tokens
    {%- for cte in ['calendar', 'gateway_calls', 'genai_spans'] %}
    union all
    select * from {{ cte }}
    {%- endfor %}

),

final as (

    select
        {{ dbt.hash(dbt.concat(['input_name', "'|'", 'row_key'])) }} as quarantined_row_key,
        input_name,
        row_key,
        quarantine_reason,
        source_file,
        amount,
        amount_currency
    from unioned

)

select * from final
