-- one row per reporting quarter and category of the real cost of AI (the article's six-row table):
-- ai_infrastructure and adjacency_cloud from billing; h2h, a2h, h2a and a2a from the human time of
-- coordination edges (tokens are counted once, in ai_infrastructure, where the invoice carries them)
{#- the rows that come from billing: null ("not measured") when billing is switched off -#}
{%- set billed_rows = "cost_category in ('ai_infrastructure', 'adjacency_cloud')" %}
with

quarters as (

    select * from {{ ref('dim_quarters') }}

),

reference as (

    select * from {{ ref('stg_reference__cost_shares') }}

),

edges as (

    select * from {{ ref('fct_coordination_edges') }}

),

charges as (

    select * from {{ ref('int_billing_charges_categorized') }}

),

category_costs as (

    select
        quarter_start,
        lower(edge_type) as cost_category,
        sum(coordination_cost_usd) as cost_usd
    from edges
    group by quarter_start, lower(edge_type)

    union all

    select
        quarter_start,
        cost_category,
        sum(reported_cost_usd) as cost_usd
    from charges
    where cost_category in ('ai_infrastructure', 'adjacency_cloud')
    group by quarter_start, cost_category

),

grid as (

    select
        quarters.quarter_start,
        quarters.quarter_label,
        quarters.months_in_quarter,
        reference.cost_category,
        reference.display_order,
        reference.display_name,
        reference.share_low,
        reference.share_high,
        reference.monthly_low_usd,
        reference.monthly_high_usd,
        reference.covered_by_current_finops,
        reference.finops_coverage,
        coalesce(category_costs.cost_usd, 0) as cost_usd
    from quarters
    cross join reference
    left join category_costs
        on quarters.quarter_start = category_costs.quarter_start
        and reference.cost_category = category_costs.cost_category

),

with_totals as (

    select
        *,
        sum(cost_usd) over (partition by quarter_start) as real_ai_cost_usd,
        sum(case when {{ billed_rows }} then 0 else cost_usd end) over (partition by quarter_start)
            as coordination_cost_usd
    from grid

),

final as (

    select
        quarter_start,
        quarter_label,
        cost_category,
        display_order,
        display_name,
        {{ if_measured_row(
            'billing', billed_rows, 'cast(round(cost_usd, 2) as decimal(18, 2))', 'decimal(18, 2)'
        ) }} as cost_usd,
        {{ if_measured_row(
            'billing', billed_rows, decimal_divide('cost_usd', 'months_in_quarter', 2, 18), 'decimal(18, 2)'
        ) }} as monthly_average_usd,
        -- the range applies to the estimated rows (coordination); invoiced billing is exact
        {{ if_measured_row(
            'billing', billed_rows,
            'case when ' ~ billed_rows ~ ' then cast(round(cost_usd, 2) as decimal(18, 2)) else '
            ~ range_bound('cost_usd', 'low') ~ ' end', 'decimal(18, 2)'
        ) }} as cost_low_usd,
        {{ if_measured_row(
            'billing', billed_rows,
            'case when ' ~ billed_rows ~ ' then cast(round(cost_usd, 2) as decimal(18, 2)) else '
            ~ range_bound('cost_usd', 'high') ~ ' end', 'decimal(18, 2)'
        ) }} as cost_high_usd,
        {{ if_measured('billing', 'cast(round(real_ai_cost_usd, 2) as decimal(18, 2))', 'decimal(18, 2)') }}
            as real_ai_cost_usd,
        {{ if_measured(
            'billing', range_bound('coordination_cost_usd', 'low', 'real_ai_cost_usd - coordination_cost_usd'), 'decimal(18, 2)'
        ) }} as real_ai_cost_low_usd,
        {{ if_measured(
            'billing', range_bound('coordination_cost_usd', 'high', 'real_ai_cost_usd - coordination_cost_usd'), 'decimal(18, 2)'
        ) }} as real_ai_cost_high_usd,
        {{ if_measured('billing', decimal_divide('cost_usd', 'real_ai_cost_usd', 6, 12), 'decimal(12, 6)') }}
            as share_of_real_ai_cost,
        share_low as reference_share_low,
        share_high as reference_share_high,
        monthly_low_usd as reference_monthly_low_usd,
        monthly_high_usd as reference_monthly_high_usd,
        {{ if_measured(
            'billing', decimal_divide('cost_usd', 'real_ai_cost_usd', 6) ~ ' between share_low and share_high', 'boolean'
        ) }} as is_within_reference_share,
        covered_by_current_finops,
        finops_coverage,
        {{ not_measured_reason('billing') }} as not_measured_reason
    from with_totals

)

select * from final
