-- one row per model provider and reporting quarter: the token cost the inventory implies
-- (edge tokens x the dated price card) beside the AI spend the provider invoiced (FOCUS billing,
-- ai_infrastructure), for the variance rule. Only quarters the billing export covers are
-- compared: a quarter with no billing at all is a missing export, not a missing invoice.
with

token_costs as (

    select * from {{ ref('int_agent_tokens_costed') }}

),

charges as (

    select * from {{ ref('int_billing_charges_categorized') }}

),

providers as (

    select distinct provider from {{ ref('stg_reference__model_prices') }}

),

billed_quarters as (

    select distinct quarter_start from charges

),

estimated as (

    select
        provider,
        quarter_start,
        sum(coalesce(cost_usd, 0)) as estimated_cost_usd
    from token_costs
    group by provider, quarter_start

),

invoiced as (

    select
        charges.provider_name as provider,
        charges.quarter_start,
        sum(charges.reported_cost_usd) as invoiced_cost_usd
    from charges
    inner join providers
        on charges.provider_name = providers.provider
    where charges.cost_category = 'ai_infrastructure'
    group by charges.provider_name, charges.quarter_start

),

final as (

    select
        coalesce(estimated.provider, invoiced.provider) as provider,
        coalesce(estimated.quarter_start, invoiced.quarter_start) as quarter_start,
        cast(estimated.estimated_cost_usd as decimal(18, 6)) as estimated_cost_usd,
        cast(round(invoiced.invoiced_cost_usd, 6) as decimal(18, 6)) as invoiced_cost_usd
    from estimated
    full outer join invoiced
        on estimated.provider = invoiced.provider
        and estimated.quarter_start = invoiced.quarter_start
    inner join billed_quarters
        on coalesce(estimated.quarter_start, invoiced.quarter_start) = billed_quarters.quarter_start

)

select * from final
