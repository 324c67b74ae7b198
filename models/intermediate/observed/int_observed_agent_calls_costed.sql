-- one row per usable observed agent call: LLM gateway requests (H2A: a person's calibration work
-- through the gateway) and GenAI spans (A2A: agents calling agents), their tokens priced with
-- the model price card valid on the call's day (prompt tokens at the input price), the spend the
-- gateway logged kept beside, and the decision the call cites when it is in the log.
with

gateway as (

    select * from {{ ref('stg_observed__litellm_spend_logs') }}
    where quarantine_reason is null

),

spans as (

    select * from {{ ref('stg_observed__genai_spans') }}
    where quarantine_reason is null

),

decisions as (

    select decision_id from {{ ref('stg_inventory__decisions') }}
    where quarantine_reason is null

),

prices as (

    select * from {{ ref('stg_reference__model_prices') }}

),

calls as (

    select
        call_key,
        'litellm_spend_log' as telemetry_source,
        'H2A' as edge_type,
        occurred_on,
        quarter_start,
        provider,
        model,
        prompt_tokens as input_tokens,
        completion_tokens as output_tokens,
        logged_spend_usd,
        decision_reference,
        source_file
    from gateway

    union all

    select
        span_key as call_key,
        'otel_genai_span' as telemetry_source,
        'A2A' as edge_type,
        occurred_on,
        quarter_start,
        provider,
        model,
        input_tokens,
        output_tokens,
        cast(null as decimal(18, 8)) as logged_spend_usd,
        decision_reference,
        source_file
    from spans

),

priced as (

    select
        calls.*,
        decisions.decision_id,
        prices.input_usd_per_1m_tokens,
        prices.output_usd_per_1m_tokens
    from calls
    left join decisions
        on calls.decision_reference = decisions.decision_id
    left join prices
        on calls.provider = lower(prices.provider)
        and calls.model = prices.model
        and {{ is_valid_on('calls.occurred_on', 'prices') }}

),

final as (

    select
        call_key,
        telemetry_source,
        edge_type,
        occurred_on,
        quarter_start,
        decision_id,
        case
            when decision_id is not null then 'decision'
            when decision_reference is not null then 'unknown_decision_reference'
            else 'no_decision_reference'
        end as match_status,
        provider,
        model,
        input_tokens,
        output_tokens,
        input_usd_per_1m_tokens,
        output_usd_per_1m_tokens,
        cast(round(
            (input_tokens * input_usd_per_1m_tokens + output_tokens * output_usd_per_1m_tokens) * 0.000001, 6
        ) as decimal(18, 6)) as cost_usd,
        logged_spend_usd,
        case when input_usd_per_1m_tokens is null then 'no_price_for_model_and_date' end as unallocated_reason,
        source_file
    from priced

)

select * from final
