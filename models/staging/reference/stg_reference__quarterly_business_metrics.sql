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
    {%- if not source_enabled('business_metrics') %}
    where false  -- switched off (var business_metrics_enabled): revenue and headcount are not measured
    {%- endif %}

)

select * from final
