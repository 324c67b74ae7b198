-- The four coordination rows of the quarterly report equal the edges' coordination cost of the
-- quarter, to the cent; returns every quarter and edge type that does not.
with edges as (

    select
        quarter_start,
        lower(edge_type) as cost_category,
        sum(coordination_cost_usd) as edges_cost_usd
    from {{ ref('fct_coordination_edges') }}
    group by quarter_start, lower(edge_type)

),

report as (

    select
        quarter_start,
        cost_category,
        cost_usd
    from {{ ref('rpt_quarterly_real_ai_cost') }}
    where cost_category in ('h2h', 'h2a', 'a2h', 'a2a')

)

select
    coalesce(report.quarter_start, edges.quarter_start) as quarter_start,
    coalesce(report.cost_category, edges.cost_category) as cost_category,
    report.cost_usd as report_cost_usd,
    edges.edges_cost_usd
from report
full outer join edges
    on report.quarter_start = edges.quarter_start
    and report.cost_category = edges.cost_category
where abs(coalesce(report.cost_usd, 0) - coalesce(edges.edges_cost_usd, 0)) > 0.005
