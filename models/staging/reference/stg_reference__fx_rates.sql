-- one row per currency and validity window of the FX rate card (USD per unit)
with

source as (

    select * from {{ ref('fx_rates') }}

),

final as (

    select
        upper(trim(currency)) as currency,
        usd_per_unit,
        valid_from,
        valid_to,
        rate_source
    from source

)

select * from final
