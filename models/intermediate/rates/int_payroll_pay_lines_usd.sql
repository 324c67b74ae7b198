-- one row per clean pay line, its amounts converted to USD with the FX rate valid on the
-- pay period end; a line in a currency with no rate for that date carries quarantine_reason
-- `no_fx_rate` and is left out of every figure (it is listed in fct_quarantined_rows)
with

pay_lines as (

    select * from {{ ref('stg_payroll__pay_lines') }}
    where quarantine_reason is null

),

fx_rates as (

    select * from {{ ref('stg_reference__fx_rates') }}

),

final as (

    select
        pay_lines.pay_line_row_key,
        pay_lines.pay_line_id,
        pay_lines.key_occurrence,
        pay_lines.employee_key,
        pay_lines.job_title,
        pay_lines.department,
        pay_lines.employment_status,
        pay_lines.pay_period_end,
        pay_lines.pay_date,
        pay_lines.quarter_start,
        pay_lines.currency,
        fx_rates.usd_per_unit,
        cast(round(pay_lines.wages * fx_rates.usd_per_unit, 2) as decimal(18, 2)) as wages_usd,
        cast(round(pay_lines.employer_taxes * fx_rates.usd_per_unit, 2) as decimal(18, 2)) as employer_taxes_usd,
        cast(round(pay_lines.benefits * fx_rates.usd_per_unit, 2) as decimal(18, 2)) as benefits_usd,
        cast(
            round(pay_lines.wages * fx_rates.usd_per_unit, 2)
            + coalesce(round(pay_lines.employer_taxes * fx_rates.usd_per_unit, 2), 0)
            + coalesce(round(pay_lines.benefits * fx_rates.usd_per_unit, 2), 0)
            as decimal(18, 2)
        ) as loaded_cost_usd,
        pay_lines.hours_paid,
        pay_lines.is_adjustment,
        pay_lines.source_file,
        case when fx_rates.currency is null then 'no_fx_rate' end as quarantine_reason
    from pay_lines
    left join fx_rates
        on pay_lines.currency = fx_rates.currency
        and {{ is_valid_on('pay_lines.pay_period_end', 'fx_rates') }}

)

select * from final
