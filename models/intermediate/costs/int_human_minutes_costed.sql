-- one row per human time entry of an edge traversal: each participant role (minutes x people x iterations)
-- and each A2A remediation, with the loaded rate chosen for it and its cost in USD.
-- Rate choice: the payroll-derived rate of the role in the edge's quarter when publishable,
-- else the rate card valid on the edge's date, else unallocated with a reason.
-- A table, not a view: the edge fact, its tests and the reconciliation read it (docs/performance.md).
{{ config(materialized='table') }}
with

edges as (

    select * from {{ ref('int_decision_edges_validated') }}
    where quarantine_reason is null

),

participants as (

    select * from {{ ref('stg_inventory__edge_participants') }}
    where quarantine_reason is null

),

payroll_rates as (

    select * from {{ ref('int_payroll_rates_by_role_quarter') }}
    where is_publishable

),

rate_card as (

    select * from {{ ref('stg_reference__role_rates') }}

),

known_roles as (

    select role from rate_card
    union
    select role from {{ ref('stg_reference__job_title_roles') }}

),

time_entries as (

    select
        participants.edge_id,
        'participation' as activity,
        participants.role,
        participants.participant_count,
        participants.participant_count * participants.minutes_per_iteration * edges.iterations as minutes,
        edges.occurred_on,
        edges.quarter_start
    from participants
    inner join edges
        on participants.edge_id = edges.edge_id

    union all

    select
        edge_id,
        'remediation' as activity,
        remediation_role as role,
        1 as participant_count,
        remediation_minutes as minutes,
        occurred_on,
        quarter_start
    from edges
    where remediation_minutes > 0

),

rated as (

    select
        time_entries.edge_id,
        time_entries.activity,
        time_entries.role,
        time_entries.participant_count,
        time_entries.minutes,
        time_entries.quarter_start,
        payroll_rates.loaded_hourly_rate_usd as payroll_rate_usd,
        rate_card.loaded_hourly_rate_usd as card_rate_usd,
        known_roles.role is not null as is_known_role
    from time_entries
    left join payroll_rates
        on time_entries.role = payroll_rates.role
        and time_entries.quarter_start = payroll_rates.quarter_start
    left join rate_card
        on time_entries.role = rate_card.role
        and {{ is_valid_on('time_entries.occurred_on', 'rate_card') }}
    left join known_roles
        on time_entries.role = known_roles.role

),

final as (

    select
        {{ dbt.hash(dbt.concat(['edge_id', "'|'", 'activity', "'|'", 'role'])) }} as time_entry_key,
        edge_id,
        activity,
        role,
        participant_count,
        minutes,
        quarter_start,
        cast(coalesce(payroll_rate_usd, card_rate_usd) as decimal(18, 6)) as loaded_hourly_rate_usd,
        case
            when payroll_rate_usd is not null then 'payroll'
            when card_rate_usd is not null then 'rate_card'
        end as rate_source,
        case
            when payroll_rate_usd is not null or card_rate_usd is not null then null
            when not is_known_role then 'unknown_role'
            else 'no_rate_for_date'
        end as unallocated_reason,
        {{ decimal_divide('minutes * coalesce(payroll_rate_usd, card_rate_usd)', 60, 6) }} as cost_usd
    from rated

)

select * from final
