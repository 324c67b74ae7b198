-- one row per reporting quarter, decision type and department: cost per ratified decision
-- (median and p90) and how many decisions fall in each band
with

decisions as (

    select
        *,
        row_number() over (
            partition by decision_quarter_start, decision_type, department order by total_cost_usd, decision_id
        ) as cost_rank,
        count(*) over (partition by decision_quarter_start, decision_type, department) as group_size
    from {{ ref('fct_decisions') }}
    where is_ratified

),

final as (

    select
        decision_quarter_start as quarter_start,
        decision_quarter_label as quarter_label,
        decision_type,
        department,
        cast(count(*) as bigint) as decisions_ratified,
        cast(round({{ percentile_cont_exact('total_cost_usd', 0.5) }}, 2) as decimal(18, 2))
            as cost_per_decision_median_usd,
        cast(round({{ percentile_cont_exact('total_cost_usd', 0.9) }}, 2) as decimal(18, 2))
            as cost_per_decision_p90_usd,
        cast(sum(total_cost_usd) as decimal(18, 2)) as total_cost_usd,
        {{ range_bound('sum(total_cost_usd)', 'low') }} as total_cost_low_usd,
        {{ range_bound('sum(total_cost_usd)', 'high') }} as total_cost_high_usd,
        cast(sum(case when cost_band = 'review_bypass_risk' then 1 else 0 end) as bigint)
            as decisions_review_bypass_risk,
        cast(sum(case when cost_band = 'lean' then 1 else 0 end) as bigint) as decisions_lean,
        cast(sum(case when cost_band = 'benchmark' then 1 else 0 end) as bigint) as decisions_benchmark,
        cast(sum(case when cost_band = 'elevated' then 1 else 0 end) as bigint) as decisions_elevated,
        cast(sum(case when cost_band = 'bottleneck' then 1 else 0 end) as bigint) as decisions_bottleneck
    from decisions
    group by decision_quarter_start, decision_quarter_label, decision_type, department

)

select * from final
