-- one row per clean billing charge, its costs converted to USD with the FX rate valid on the
-- charge date; a charge in a currency with no rate for that date carries quarantine_reason
-- `no_fx_rate` and is left out of every figure (it is listed in fct_quarantined_rows)
with

charges as (

    select * from {{ ref('stg_billing__focus_charges') }}
    where quarantine_reason is null

),

fx_rates as (

    select * from {{ ref('stg_reference__fx_rates') }}

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
        charges.tags,
        charges.billing_currency,
        charges.billed_cost,
        fx_rates.usd_per_unit,
        -- operands narrowed so that the exact product fits 38 digits (37, scale 20) on every engine:
        -- Spark would otherwise round decimal(38, 12) x decimal(18, 8) to 6 places per line
        cast(
            cast(charges.billed_cost as decimal(23, 12)) * cast(fx_rates.usd_per_unit as decimal(14, 8))
            as decimal(38, 12)
        ) as billed_cost_usd,
        cast(
            cast(charges.effective_cost as decimal(23, 12)) * cast(fx_rates.usd_per_unit as decimal(14, 8))
            as decimal(38, 12)
        ) as effective_cost_usd,
        charges.is_adjustment,
        charges.source_file,
        case when fx_rates.currency is null then 'no_fx_rate' end as quarantine_reason
    from charges
    left join fx_rates
        on charges.billing_currency = fx_rates.currency
        and {{ is_valid_on('charges.charge_date', 'fx_rates') }}

)

select * from final
