-- Decision costs plus the costs of edges attributed to no decision equal the coordination
-- rows of the quarterly report, over all quarters, to the cent (edges belong to the quarter
-- they happened in and decisions to the quarter they were ratified in, so the two views
-- agree in total, not quarter by quarter). Returns one row when they do not.
with decisions as (

    select coalesce(sum(coordination_cost_usd), 0) as cost_usd
    from {{ ref('fct_decisions') }}

),

unattributed_edges as (

    select coalesce(sum(edges.coordination_cost_usd), 0) as cost_usd
    from {{ ref('fct_coordination_edges') }} as edges
    left join {{ ref('fct_decisions') }} as decisions
        on edges.decision_id = decisions.decision_id
    where decisions.decision_id is null

),

report as (

    select
        coalesce(sum(cost_usd), 0) as cost_usd,
        count(*) as report_rows
    from {{ ref('rpt_quarterly_real_ai_cost') }}
    where cost_category in ('h2h', 'h2a', 'a2h', 'a2a')

)

select
    decisions.cost_usd as decisions_cost_usd,
    unattributed_edges.cost_usd as unattributed_edges_cost_usd,
    report.cost_usd as report_cost_usd
from decisions
cross join unattributed_edges
cross join report
-- each report row is rounded to the cent once: allow half a cent per row
where abs(decisions.cost_usd + unattributed_edges.cost_usd - report.cost_usd) > 0.005 * report.report_rows
