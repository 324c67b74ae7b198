-- one row per edge traversal and model: its tokens priced at the model price valid on the edge's date.
-- Tokens with no price are kept, with a null cost and an unallocated_reason.
with

edges as (

    select * from {{ ref('int_decision_edges_validated') }}
    where quarantine_reason is null

),

tokens as (

    select * from {{ ref('stg_inventory__edge_tokens') }}
    where quarantine_reason is null

),

prices as (

    select * from {{ ref('stg_reference__model_prices') }}

),

priced as (

    select
        tokens.edge_id,
        tokens.provider,
        tokens.model,
        tokens.input_tokens,
        tokens.output_tokens,
        tokens.cached_input_tokens,
        edges.quarter_start,
        edges.occurred_on,
        prices.input_usd_per_1m_tokens,
        prices.output_usd_per_1m_tokens,
        prices.cached_input_usd_per_1m_tokens
    from tokens
    inner join edges
        on tokens.edge_id = edges.edge_id
    left join prices
        on tokens.provider = prices.provider
        and tokens.model = prices.model
        and {{ is_valid_on('edges.occurred_on', 'prices') }}

),

final as (

    select
        {{ dbt.hash(dbt.concat(['edge_id', "'|'", 'provider', "'|'", 'model'])) }} as token_usage_key,
        edge_id,
        provider,
        model,
        quarter_start,
        input_tokens,
        output_tokens,
        cached_input_tokens,
        input_tokens + output_tokens + cached_input_tokens as total_tokens,
        input_usd_per_1m_tokens,
        output_usd_per_1m_tokens,
        cached_input_usd_per_1m_tokens,
        cast(round(
            (
                input_tokens * input_usd_per_1m_tokens
                + output_tokens * output_usd_per_1m_tokens
                + cached_input_tokens * cached_input_usd_per_1m_tokens
            ) * 0.000001,
            6
        ) as decimal(18, 6)) as cost_usd,
        case when input_usd_per_1m_tokens is null then 'no_price_for_model_and_date' end as unallocated_reason
    from priced

)

select * from final
