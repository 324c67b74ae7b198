-- one row per edge traversal of the hand-kept inventory
with

source as (

    {{ inventory_source('decision_edges') }}

),

final as (

    select
        trim(edge_id) as edge_id,
        trim(decision_id) as decision_id,
        edge_sequence,
        upper(trim(edge_type)) as edge_type,
        occurred_at,
        cast(occurred_at as date) as occurred_on,
        {{ fiscal_quarter_start('occurred_at') }} as quarter_start,
        coalesce(iterations, 1) as iterations,
        coalesce(remediation_minutes, 0) as remediation_minutes,
        lower(trim(remediation_role)) as remediation_role,
        case
            when unparseable_reason is not null then unparseable_reason
            when edge_id is null then 'missing_key'
            when upper(trim(edge_type)) not in ('H2H', 'H2A', 'A2H', 'A2A') or edge_type is null
                then 'unknown_edge_type'
            when occurred_at is null then 'missing_timestamp'
            when coalesce(iterations, 1) < 1 then 'non_positive_iterations'
            when coalesce(remediation_minutes, 0) < 0 then 'negative_minutes'
            when coalesce(remediation_minutes, 0) > 0 and remediation_role is null then 'remediation_without_role'
        end as quarantine_reason
    from source

)

select * from final
