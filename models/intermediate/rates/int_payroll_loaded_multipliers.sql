-- one row per calendar year of pay period end and employment status: how much the employer's
-- loaded cost (wages + employer taxes + benefits) exceeds cash pay. The loaded multiplier is the
-- check a finance analyst runs first on a payroll export (about 1.3x to 1.45x in the US).
with

pay_lines as (

    select * from {{ ref('int_payroll_pay_lines_usd') }}
    where quarantine_reason is null

),

aggregated as (

    select
        cast(extract(year from pay_period_end) as integer) as pay_year,
        coalesce(employment_status, 'all') as employment_status,
        count(distinct employee_key) as paid_employees,
        sum(wages_usd) as cash_pay_usd,
        sum(coalesce(employer_taxes_usd, 0)) as employer_taxes_usd,
        sum(coalesce(benefits_usd, 0)) as benefits_usd,
        sum(loaded_cost_usd) as loaded_cost_usd
    from pay_lines
    group by cast(extract(year from pay_period_end) as integer), coalesce(employment_status, 'all')

),

final as (

    select
        pay_year,
        employment_status,
        paid_employees,
        cash_pay_usd,
        employer_taxes_usd,
        benefits_usd,
        loaded_cost_usd,
        {{ decimal_divide('loaded_cost_usd', 'cash_pay_usd', 6, 12) }} as loaded_multiplier,
        {{ decimal_divide('employer_taxes_usd + benefits_usd', 'loaded_cost_usd', 6, 12) }}
            as non_wage_share_of_loaded_cost,
        paid_employees >= {{ var('min_employees_per_payroll_rate') }} as is_publishable
    from aggregated

)

select * from final
