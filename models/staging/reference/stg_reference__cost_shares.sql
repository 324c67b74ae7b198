-- one row per category of the real cost of AI: the article's reference ranges
with

source as (

    select * from {{ ref('reference_cost_shares') }}

),

final as (

    select
        cost_category,
        display_order,
        display_name,
        share_low,
        share_high,
        monthly_low_usd,
        monthly_high_usd,
        covered_by_current_finops,
        finops_coverage
    from source

)

select * from final
