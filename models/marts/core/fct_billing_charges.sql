-- one row per clean FOCUS charge line in USD, with the cost category it was classified into:
-- the AI infrastructure and cloud bills that the real cost of AI sets beside coordination.
-- Incremental (the largest input: hourly line items): a run replaces whole charge days, every day
-- from `incremental_lookback_days` before the latest day loaded (exports restate recent days) and
-- any earlier day that received a row not loaded yet (a late FOCUS correction).
{{
    config(
        materialized='incremental',
        incremental_strategy='insert_overwrite' if target.type == 'spark' else 'delete+insert',
        partition_by=['charge_date'] if target.type == 'spark' else none,
        unique_key='charge_date',
        on_schema_change='fail',
    )
}}

with

charges as (

    select * from {{ ref('int_billing_charges_categorized') }}

),
{% if is_incremental() %}

loaded as (

    select charge_key, charge_date from {{ this }}

),

days_to_replace as (

    select charges.charge_date
    from charges
    where charges.charge_date >= (
        select {{ dbt.dateadd('day', -var('incremental_lookback_days'), 'max(loaded.charge_date)') }}
        from loaded
    )
    union
    select charges.charge_date
    from charges
    left join loaded
        on charges.charge_key = loaded.charge_key
    where loaded.charge_key is null

),
{% endif %}

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
    {% if is_incremental() -%}
    where charges.charge_date in (select days_to_replace.charge_date from days_to_replace)
    {%- endif %}

)

select * from final
