-- one row per edge traversal of the inventory, with the reason it cannot be used (null when it can):
-- row-level problems from staging, or a decision that is missing from (or quarantined in) the log
with

edges as (

    select * from {{ ref('stg_inventory__edges') }}

),

decisions as (

    select * from {{ ref('stg_inventory__decisions') }}

),

final as (

    select
        edges.edge_id,
        edges.decision_id,
        edges.edge_sequence,
        edges.edge_type,
        edges.occurred_at,
        edges.occurred_on,
        edges.quarter_start,
        edges.iterations,
        edges.remediation_minutes,
        edges.remediation_role,
        coalesce(
            edges.quarantine_reason,
            case
                when decisions.decision_id is null then 'unknown_decision'
                when decisions.quarantine_reason is not null then 'decision_quarantined'
            end
        ) as quarantine_reason
    from edges
    left join decisions
        on edges.decision_id = decisions.decision_id

)

select * from final
