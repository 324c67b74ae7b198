-- one row per input row that could not be used, from every source and seed, with the reason.
-- Payroll rows carry no amount here: an individual's pay never reaches a mart.
with

payroll as (

    select
        'payroll_register' as input_name,
        coalesce(pay_line_id, '<missing>') || '#' || cast(key_occurrence as {{ dbt.type_string() }}) as row_key,
        quarantine_reason,
        source_file,
        cast(null as decimal(38, 12)) as amount,
        cast(null as {{ dbt.type_string() }}) as amount_currency
    from {{ ref('stg_payroll__pay_lines') }}
    where quarantine_reason is not null

),

billing as (

    select
        'focus_billing' as input_name,
        charge_key as row_key,
        quarantine_reason,
        source_file,
        billed_cost as amount,
        billing_currency as amount_currency
    from {{ ref('stg_billing__focus_charges') }}
    where quarantine_reason is not null

),

payroll_fx as (

    select
        'payroll_register' as input_name,
        coalesce(pay_line_id, '<missing>') || '#' || cast(key_occurrence as {{ dbt.type_string() }}) as row_key,
        quarantine_reason,
        source_file,
        cast(null as decimal(38, 12)) as amount,
        cast(null as {{ dbt.type_string() }}) as amount_currency
    from {{ ref('int_payroll_pay_lines_usd') }}
    where quarantine_reason is not null

),

billing_fx as (

    select
        'focus_billing' as input_name,
        usd.charge_key as row_key,
        usd.quarantine_reason,
        usd.source_file,
        staged.billed_cost as amount,
        usd.billing_currency as amount_currency
    from {{ ref('int_billing_charges_usd') }} as usd
    inner join {{ ref('stg_billing__focus_charges') }} as staged
        on usd.charge_key = staged.charge_key
    where usd.quarantine_reason is not null

),

decisions as (

    select
        'decision_log' as input_name,
        coalesce(decision_id, '<missing>') as row_key,
        quarantine_reason,
        'seeds/decision_log.csv' as source_file,
        cast(null as decimal(38, 12)) as amount,
        cast(null as {{ dbt.type_string() }}) as amount_currency
    from {{ ref('stg_inventory__decisions') }}
    where quarantine_reason is not null

),

edges as (

    select
        'decision_edges' as input_name,
        coalesce(edge_id, '<missing>') as row_key,
        quarantine_reason,
        'seeds/decision_edges.csv' as source_file,
        cast(null as decimal(38, 12)) as amount,
        cast(null as {{ dbt.type_string() }}) as amount_currency
    from {{ ref('int_decision_edges_validated') }}
    where quarantine_reason is not null

),

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
        coalesce(tokens.edge_id, '<missing>') || '|' || coalesce(tokens.provider, '<missing>')
            || '|' || coalesce(tokens.model, '<missing>') as row_key,
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
