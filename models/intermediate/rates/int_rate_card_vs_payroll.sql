-- one row per role and reporting quarter with a publishable payroll rate: the payroll-derived
-- loaded rate beside the rate-card rate valid on the first day of the quarter, for the variance
-- rule (a stale or wrong rate card shows up here; a missing card row shows as a null card rate)
with

payroll_rates as (

    select * from {{ ref('int_payroll_rates_by_role_quarter') }}
    where is_publishable

),

rate_card as (

    select * from {{ ref('stg_reference__role_rates') }}

),

final as (

    select
        payroll_rates.role,
        payroll_rates.quarter_start,
        payroll_rates.paid_employees,
        payroll_rates.loaded_hourly_rate_usd as payroll_rate_usd,
        cast(rate_card.loaded_hourly_rate_usd as decimal(18, 6)) as card_rate_usd
    from payroll_rates
    left join rate_card
        on payroll_rates.role = rate_card.role
        and {{ is_valid_on('payroll_rates.quarter_start', 'rate_card') }}

)

select * from final
