-- one row per clean FOCUS charge line in USD, with the cost category it was classified into:
-- the AI infrastructure and cloud bills that the real cost of AI sets beside coordination
with

charges as (

    select * from {{ ref('int_billing_charges_categorized') }}

),

quarters as (

    select * from {{ ref('dim_quarters') }}

),

final as (

    select
        charges.charge_key,
        charges.provider_name,
        charges.invoice_issuer_name,
        charges.service_category,
        charges.service_name,
        charges.charge_category,
        charges.charge_class,
        charges.charge_date,
        charges.quarter_start,
        quarters.quarter_label,
        charges.cost_category,
        charges.category_rule_id,
        charges.is_adjustment,
        charges.billed_cost_usd,
        charges.effective_cost_usd,
        charges.reported_cost_usd
    from charges
    left join quarters
        on charges.quarter_start = quarters.quarter_start

)

select * from final
