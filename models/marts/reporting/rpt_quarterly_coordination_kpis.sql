-- one row per reporting quarter: the five core metrics of Coordination FinOps
-- (cost per decision, coordination share, coordination multiplier, edge mix, growth vs. revenue and headcount)
-- and the QBR context lines (total payroll, total cloud and AI bill)
{#- invoiced billing is measured exactly: the range applies to the coordination estimate only -#}
{%- set billed = 'coalesce(ai_infrastructure_usd, 0) + coalesce(adjacency_cloud_usd, 0)' %}
with

quarters as (

    select * from {{ ref('dim_quarters') }}

),


decisions as (

    select
        *,
        row_number() over (partition by decision_quarter_start order by total_cost_usd, decision_id) as cost_rank,
        count(*) over (partition by decision_quarter_start) as group_size
    from {{ ref('fct_decisions') }}
    where is_ratified

),

edges as (

    select * from {{ ref('fct_coordination_edges') }}

),

business as (

    select * from {{ ref('stg_reference__quarterly_business_metrics') }}

),

payroll as (

    select
        quarter_start,
        count(distinct employee_key) as paid_employees,
        sum(loaded_cost_usd) as total_payroll_usd
    from {{ ref('int_payroll_pay_lines_usd') }}
    where quarantine_reason is null
    group by quarter_start

),

charges as (

    select * from {{ ref('int_billing_charges_categorized') }}

),

billing as (

    select
        quarter_start,
        sum(reported_cost_usd) as total_billing_usd
    from charges
    group by quarter_start

),

categories as (

    select
        quarter_start,
        sum(case when cost_category = 'ai_infrastructure' then cost_usd else 0 end) as ai_infrastructure_usd,
        sum(case when cost_category = 'adjacency_cloud' then cost_usd else 0 end) as adjacency_cloud_usd,
        sum(case when cost_category = 'h2h' then cost_usd else 0 end) as h2h_cost_usd,
        sum(case when cost_category = 'h2a' then cost_usd else 0 end) as h2a_cost_usd,
        sum(case when cost_category = 'a2h' then cost_usd else 0 end) as a2h_cost_usd,
        sum(case when cost_category = 'a2a' then cost_usd else 0 end) as a2a_cost_usd,
        sum(cost_usd) as real_ai_cost_usd
    from (
        -- exact sums, rounded once at the end (as in rpt_quarterly_real_ai_cost)
        select
            quarter_start,
            lower(edge_type) as cost_category,
            coordination_cost_usd as cost_usd
        from edges
        union all
        select
            quarter_start,
            cost_category,
            reported_cost_usd as cost_usd
        from charges
        where cost_category in ('ai_infrastructure', 'adjacency_cloud')
    ) as category_costs
    group by quarter_start

),

decision_stats as (

    select
        decision_quarter_start as quarter_start,
        count(*) as decisions_ratified,
        {{ percentile_cont_exact('total_cost_usd', 0.5) }} as median_cost,
        {{ percentile_cont_exact('total_cost_usd', 0.9) }} as p90_cost,
        sum(iteration_count) as iterations,
        sum(case when cost_band = 'review_bypass_risk' then 1 else 0 end) as decisions_review_bypass_risk,
        sum(case when cost_band = 'lean' then 1 else 0 end) as decisions_lean,
        sum(case when cost_band = 'benchmark' then 1 else 0 end) as decisions_benchmark,
        sum(case when cost_band = 'elevated' then 1 else 0 end) as decisions_elevated,
        sum(case when cost_band = 'bottleneck' then 1 else 0 end) as decisions_bottleneck
    from decisions
    group by decision_quarter_start

),

unallocated as (

    select
        quarter_start,
        sum(unallocated_human_minutes) as unallocated_human_minutes,
        sum(unpriced_tokens) as unpriced_tokens
    from edges
    group by quarter_start

),

assembled as (

    select
        quarters.quarter_start,
        quarters.quarter_label,
        cast(coalesce(decision_stats.decisions_ratified, 0) as bigint) as decisions_ratified,
        cast(round(decision_stats.median_cost, 2) as decimal(18, 2)) as cost_per_decision_median_usd,
        cast(round(decision_stats.p90_cost, 2) as decimal(18, 2)) as cost_per_decision_p90_usd,
        cast(coalesce(decision_stats.decisions_review_bypass_risk, 0) as bigint) as decisions_review_bypass_risk,
        cast(coalesce(decision_stats.decisions_lean, 0) as bigint) as decisions_lean,
        cast(coalesce(decision_stats.decisions_benchmark, 0) as bigint) as decisions_benchmark,
        cast(coalesce(decision_stats.decisions_elevated, 0) as bigint) as decisions_elevated,
        cast(coalesce(decision_stats.decisions_bottleneck, 0) as bigint) as decisions_bottleneck,
        cast(coalesce(decision_stats.iterations, 0) as bigint) as iterations,
        categories.h2h_cost_usd + categories.h2a_cost_usd + categories.a2h_cost_usd + categories.a2a_cost_usd
            as coordination_cost_usd,
        categories.h2h_cost_usd,
        categories.h2a_cost_usd,
        categories.a2h_cost_usd,
        categories.a2a_cost_usd,
        categories.ai_infrastructure_usd,
        categories.adjacency_cloud_usd,
        categories.real_ai_cost_usd,
        -- a quarter paid to fewer than min_employees_per_payroll_rate people would reveal their pay
        cast(
            case
                when payroll.paid_employees is null then 0
                when payroll.paid_employees >= {{ var('min_employees_per_payroll_rate') }}
                    then payroll.total_payroll_usd
            end
            as decimal(18, 2)
        ) as total_payroll_usd,
        cast(coalesce(payroll.paid_employees, 0) as bigint) as paid_employees,
        cast(round(coalesce(billing.total_billing_usd, 0), 2) as decimal(18, 2)) as total_cloud_and_ai_bill_usd,
        business.revenue_usd,
        business.headcount_fte,
        cast(coalesce(unallocated.unallocated_human_minutes, 0) as bigint) as unallocated_human_minutes,
        cast(coalesce(unallocated.unpriced_tokens, 0) as bigint) as unpriced_tokens
    from quarters
    left join categories on quarters.quarter_start = categories.quarter_start
    left join decision_stats on quarters.quarter_start = decision_stats.quarter_start
    left join payroll on quarters.quarter_start = payroll.quarter_start
    left join billing on quarters.quarter_start = billing.quarter_start
    left join business on quarters.quarter_start = business.quarter_start
    left join unallocated on quarters.quarter_start = unallocated.quarter_start

),

with_previous as (

    select
        *,
        lag(coordination_cost_usd) over (order by quarter_start) as previous_coordination_cost_usd,
        lag(revenue_usd) over (order by quarter_start) as previous_revenue_usd,
        lag(headcount_fte) over (order by quarter_start) as previous_headcount_fte
    from assembled

),

final as (

    select
        quarter_start,
        quarter_label,
        decisions_ratified,
        cost_per_decision_median_usd,
        cost_per_decision_p90_usd,
        decisions_review_bypass_risk,
        decisions_lean,
        decisions_benchmark,
        decisions_elevated,
        decisions_bottleneck,
        cast(round(coalesce(coordination_cost_usd, 0), 2) as decimal(18, 2)) as coordination_cost_usd,
        {{ range_bound('coalesce(coordination_cost_usd, 0)', 'low') }} as coordination_cost_low_usd,
        {{ range_bound('coalesce(coordination_cost_usd, 0)', 'high') }} as coordination_cost_high_usd,
        {{ if_measured(
            'billing', 'cast(round(coalesce(ai_infrastructure_usd, 0), 2) as decimal(18, 2))', 'decimal(18, 2)'
        ) }} as ai_infrastructure_usd,
        {{ if_measured(
            'billing', 'cast(round(coalesce(adjacency_cloud_usd, 0), 2) as decimal(18, 2))', 'decimal(18, 2)'
        ) }} as adjacency_cloud_usd,
        {{ if_measured(
            'billing', 'cast(round(coalesce(real_ai_cost_usd, 0), 2) as decimal(18, 2))', 'decimal(18, 2)'
        ) }} as real_ai_cost_usd,
        {{ if_measured(
            'billing', range_bound('coalesce(coordination_cost_usd, 0)', 'low', billed), 'decimal(18, 2)'
        ) }} as real_ai_cost_low_usd,
        {{ if_measured(
            'billing', range_bound('coalesce(coordination_cost_usd, 0)', 'high', billed), 'decimal(18, 2)'
        ) }} as real_ai_cost_high_usd,
        {{ if_measured(
            'billing', decimal_divide('coordination_cost_usd', 'real_ai_cost_usd', 6, 12), 'decimal(12, 6)'
        ) }} as coordination_share,
        {{ if_measured(
            'billing', decimal_divide('coordination_cost_usd', 'ai_infrastructure_usd', 4, 12), 'decimal(12, 4)'
        ) }} as coordination_multiplier,
        {{ decimal_divide('h2h_cost_usd', 'coordination_cost_usd', 6, 12) }} as h2h_share_of_coordination,
        {{ decimal_divide('h2a_cost_usd', 'coordination_cost_usd', 6, 12) }} as h2a_share_of_coordination,
        {{ decimal_divide('a2h_cost_usd', 'coordination_cost_usd', 6, 12) }} as a2h_share_of_coordination,
        {{ decimal_divide('a2a_cost_usd', 'coordination_cost_usd', 6, 12) }} as a2a_share_of_coordination,
        {{ decimal_divide('iterations', 'decisions_ratified', 4, 12) }} as iterations_per_decision,
        revenue_usd,
        headcount_fte,
        {{ decimal_divide(
            'coordination_cost_usd - previous_coordination_cost_usd', 'previous_coordination_cost_usd', 6, 12
        ) }} as coordination_growth_qoq,
        {{ decimal_divide('revenue_usd - previous_revenue_usd', 'previous_revenue_usd', 6, 12) }} as revenue_growth_qoq,
        {{ decimal_divide('headcount_fte - previous_headcount_fte', 'previous_headcount_fte', 6, 12) }}
            as headcount_growth_qoq,
        cast(
            {{ decimal_divide(
                'coordination_cost_usd - previous_coordination_cost_usd', 'previous_coordination_cost_usd', 6
            ) }}
            - {{ decimal_divide('revenue_usd - previous_revenue_usd', 'previous_revenue_usd', 6) }}
            as decimal(12, 6)
        ) as coordination_minus_revenue_growth,
        cast(
            {{ decimal_divide(
                'coordination_cost_usd - previous_coordination_cost_usd', 'previous_coordination_cost_usd', 6
            ) }}
            - {{ decimal_divide('headcount_fte - previous_headcount_fte', 'previous_headcount_fte', 6) }}
            as decimal(12, 6)
        ) as coordination_minus_headcount_growth,
        {{ if_measured('payroll', 'total_payroll_usd', 'decimal(18, 2)') }} as total_payroll_usd,
        {{ if_measured('payroll', 'paid_employees', 'bigint') }} as paid_employees,
        {{ if_measured('billing', 'total_cloud_and_ai_bill_usd', 'decimal(18, 2)') }} as total_cloud_and_ai_bill_usd,
        unallocated_human_minutes,
        unpriced_tokens,
        {{ not_measured_reason('payroll') }} as payroll_not_measured_reason,
        {{ not_measured_reason('billing') }} as billing_not_measured_reason,
        {{ not_measured_reason('business_metrics') }} as business_metrics_not_measured_reason
    from with_previous

)

select * from final
