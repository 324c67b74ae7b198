-- one row per role and validity window of the hand-kept role rate card
with

source as (

    select * from {{ ref('role_rate_card') }}

),

final as (

    select
        lower(trim(role)) as role,
        loaded_hourly_rate_usd,
        valid_from,
        valid_to,
        rate_source
    from source

)

select * from final
