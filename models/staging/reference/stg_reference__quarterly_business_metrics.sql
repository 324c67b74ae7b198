-- one row per reporting quarter: revenue and headcount
with

source as (

    select * from {{ ref('company_quarterly_metrics') }}

),

final as (

    select
        quarter_start,
        revenue_usd,
        headcount_fte
    from source

)

select * from final
