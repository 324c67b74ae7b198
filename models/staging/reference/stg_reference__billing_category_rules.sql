-- one row per billing classification rule
with

source as (

    select * from {{ ref('billing_category_map') }}

),

final as (

    select
        rule_id,
        priority,
        provider_name,
        service_category,
        service_name,
        tag_key,
        tag_value,
        lower(trim(cost_category)) as cost_category,
        rationale
    from source

)

select * from final
