-- one row per edge traversal and model: the tokens it consumed over all its iterations
with

source as (

    {{ inventory_source('decision_edge_tokens') }}

),

final as (

    select
        trim(edge_id) as edge_id,
        trim(provider) as provider,
        trim(model) as model,
        coalesce(input_tokens, 0) as input_tokens,
        coalesce(output_tokens, 0) as output_tokens,
        coalesce(cached_input_tokens, 0) as cached_input_tokens,
        case
            when unparseable_reason is not null then unparseable_reason
            when edge_id is null or provider is null or model is null then 'missing_key'
            when coalesce(input_tokens, 0) < 0 or coalesce(output_tokens, 0) < 0
                or coalesce(cached_input_tokens, 0) < 0 then 'negative_tokens'
        end as quarantine_reason
    from source

)

select * from final
