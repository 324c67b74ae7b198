-- Edge costs sum to decision costs, exactly (decimal arithmetic, no tolerance):
-- returns every decision whose total or coordination cost differs from the sum of its edges.
with edge_totals as (

    select
        decision_id,
        sum(total_cost_usd) as total_cost_usd,
        sum(coordination_cost_usd) as coordination_cost_usd
    from {{ ref('fct_coordination_edges') }}
    group by decision_id

)

select
    decisions.decision_id,
    decisions.total_cost_usd as decision_total_cost_usd,
    edge_totals.total_cost_usd as edges_total_cost_usd
from {{ ref('fct_decisions') }} as decisions
full outer join edge_totals
    on decisions.decision_id = edge_totals.decision_id
where decisions.decision_id is null
    or coalesce(edge_totals.total_cost_usd, 0) <> decisions.total_cost_usd
    or coalesce(edge_totals.coordination_cost_usd, 0) <> decisions.coordination_cost_usd
