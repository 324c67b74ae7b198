-- The billing lines of fct_billing_charges, summed per quarter and category, equal the AI
-- infrastructure and adjacency cloud rows of the quarterly report, and all lines equal the
-- report's total cloud and AI bill, to the cent (each report figure is rounded once).
-- Returns one row per quarter and figure that does not.
{{ config(enabled=var('billing_enabled')) }}  {#- needs the billing source -#}
with

charges as (

    select * from {{ ref('fct_billing_charges') }}

),

charges_by_quarter as (

    select
        quarter_start,
        sum(case when cost_category = 'ai_infrastructure' then reported_cost_usd else 0 end) as ai_infrastructure_usd,
        sum(case when cost_category = 'adjacency_cloud' then reported_cost_usd else 0 end) as adjacency_cloud_usd,
        sum(reported_cost_usd) as total_billing_usd
    from charges
    group by quarter_start

),

report as (

    select
        quarter_start,
        ai_infrastructure_usd,
        adjacency_cloud_usd,
        total_cloud_and_ai_bill_usd
    from {{ ref('rpt_quarterly_coordination_kpis') }}

),

compared as (

    select
        coalesce(report.quarter_start, charges_by_quarter.quarter_start) as quarter_start,
        coalesce(charges_by_quarter.ai_infrastructure_usd, 0) - coalesce(report.ai_infrastructure_usd, 0)
            as ai_infrastructure_gap_usd,
        coalesce(charges_by_quarter.adjacency_cloud_usd, 0) - coalesce(report.adjacency_cloud_usd, 0)
            as adjacency_cloud_gap_usd,
        coalesce(charges_by_quarter.total_billing_usd, 0) - coalesce(report.total_cloud_and_ai_bill_usd, 0)
            as total_bill_gap_usd
    from report
    full outer join charges_by_quarter
        on report.quarter_start = charges_by_quarter.quarter_start

),

final as (

    select *
    from compared
    where abs(ai_infrastructure_gap_usd) > 0.005
        or abs(adjacency_cloud_gap_usd) > 0.005
        or abs(total_bill_gap_usd) > 0.005

)

select * from final
