-- one row per provider, model and validity window of the hand-kept model price card
with

source as (

    select * from {{ ref('model_price_card') }}

),

final as (

    select
        trim(provider) as provider,
        trim(model) as model,
        input_usd_per_1m_tokens,
        output_usd_per_1m_tokens,
        cached_input_usd_per_1m_tokens,
        valid_from,
        valid_to,
        price_source
    from source

)

select * from final
