-- The first QBR line of a company that starts with a few hand-kept decisions: the three numbers
-- the article asks for, for the latest quarter with ratified decisions. Compile with
-- `dbt compile --select first_qbr_line` and run the SQL in target/compiled.
--   1. cost per decision against the $1,500-$3,000 benchmark (median, and how many decisions per band);
--   2. the coordination total next to total payroll and the cloud and AI bill, where those are known
--      ("not measured" otherwise, never zero);
--   3. the edge that costs most.
with

kpis as (

    select * from {{ ref('rpt_quarterly_coordination_kpis') }}
    where decisions_ratified > 0

),

latest as (

    select * from kpis
    where quarter_start = (select max(ratified.quarter_start) from kpis as ratified)

),

edges as (

    select
        quarter_start,
        edge_type,
        sum(coordination_cost_usd) as cost_usd
    from {{ ref('fct_coordination_edges') }}
    group by quarter_start, edge_type

),

costliest_edge as (

    select
        edges.edge_type,
        edges.cost_usd,
        row_number() over (order by edges.cost_usd desc) as cost_rank
    from edges
    inner join latest
        on edges.quarter_start = latest.quarter_start

),

final as (

    select
        latest.quarter_label,
        latest.decisions_ratified,
        latest.cost_per_decision_median_usd,
        case
            when latest.cost_per_decision_median_usd < {{ var('band_benchmark_from_usd') }} then 'below the benchmark'
            when latest.cost_per_decision_median_usd < {{ var('band_elevated_from_usd') }} then 'within the benchmark'
            else 'above the benchmark'
        end as median_against_benchmark,
        latest.decisions_review_bypass_risk,
        latest.decisions_lean,
        latest.decisions_benchmark,
        latest.decisions_elevated,
        latest.decisions_bottleneck,
        latest.coordination_cost_usd,
        coalesce(cast(latest.total_payroll_usd as {{ dbt.type_string() }}), 'not measured') as total_payroll_usd,
        coalesce(cast(latest.total_cloud_and_ai_bill_usd as {{ dbt.type_string() }}), 'not measured')
            as cloud_and_ai_bill_usd,
        costliest_edge.edge_type as costliest_edge,
        cast(round(costliest_edge.cost_usd, 2) as decimal(18, 2)) as costliest_edge_cost_usd
    from latest
    left join costliest_edge
        on costliest_edge.cost_rank = 1

)

select * from final
