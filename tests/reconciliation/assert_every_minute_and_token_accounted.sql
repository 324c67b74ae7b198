-- Every human minute and every token of a usable edge is either costed or in the unallocated
-- bucket with a reason, and the edges mart reports the bucket. Returns every edge where the
-- inventory's minutes or tokens differ from the costed + unallocated ones, or where a cost is
-- missing without a reason.
with edges as (

    select * from {{ ref('int_decision_edges_validated') }}
    where quarantine_reason is null

),

inventory_minutes as (

    select
        edges.edge_id,
        sum(participants.participant_count * participants.minutes_per_iteration * edges.iterations) as minutes
    from edges
    inner join {{ ref('stg_inventory__edge_participants') }} as participants
        on edges.edge_id = participants.edge_id
    where participants.quarantine_reason is null
    group by edges.edge_id

),

inventory_tokens as (

    select
        tokens.edge_id,
        sum(tokens.input_tokens + tokens.output_tokens + tokens.cached_input_tokens) as tokens
    from {{ ref('stg_inventory__edge_tokens') }} as tokens
    inner join edges
        on tokens.edge_id = edges.edge_id
    where tokens.quarantine_reason is null
    group by tokens.edge_id

),

uncosted_without_reason as (

    select edge_id from {{ ref('int_human_minutes_costed') }}
    where (cost_usd is null) <> (unallocated_reason is not null)
    union all
    select edge_id from {{ ref('int_agent_tokens_costed') }}
    where (cost_usd is null) <> (unallocated_reason is not null)

)

select
    marts.edge_id,
    coalesce(inventory_minutes.minutes, 0) as inventory_minutes,
    marts.human_minutes,
    marts.remediation_minutes,
    coalesce(inventory_tokens.tokens, 0) as inventory_tokens,
    marts.input_tokens + marts.output_tokens + marts.cached_input_tokens as mart_tokens
from {{ ref('fct_coordination_edges') }} as marts
left join inventory_minutes on marts.edge_id = inventory_minutes.edge_id
left join inventory_tokens on marts.edge_id = inventory_tokens.edge_id
where coalesce(inventory_minutes.minutes, 0) <> marts.human_minutes
    or coalesce(inventory_tokens.tokens, 0) <> marts.input_tokens + marts.output_tokens + marts.cached_input_tokens
    or marts.edge_id in (select uncosted_without_reason.edge_id from uncosted_without_reason)
    or (
        marts.unallocated_human_minutes > 0 or marts.unpriced_tokens > 0 or marts.quarantined_detail_rows > 0
    ) <> (marts.unallocated_reason is not null)
