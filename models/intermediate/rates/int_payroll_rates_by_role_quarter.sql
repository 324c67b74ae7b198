-- one row per role and reporting quarter: the fully loaded hourly rate derived from payroll,
-- (wages + employer taxes + benefits) / hours paid, over the clean pay lines whose job title maps to a role.
-- A rate is publishable only when enough employees stand behind it (no individual's pay leaks).
with

pay_lines as (

    select * from {{ ref('int_payroll_pay_lines_usd') }}
    where quarantine_reason is null

),

title_roles as (

    select * from {{ ref('stg_reference__job_title_roles') }}

),

rated_lines as (

    select
        title_roles.role,
        pay_lines.quarter_start,
        pay_lines.employee_key,
        pay_lines.loaded_cost_usd,
        pay_lines.hours_paid
    from pay_lines
    inner join title_roles
        on lower(pay_lines.job_title) = title_roles.job_title
    where pay_lines.hours_paid is not null

),

aggregated as (

    select
        role,
        quarter_start,
        count(distinct employee_key) as paid_employees,
        -- typed as DuckDB types a sum of decimals; PostgreSQL's sum would be an unscaled numeric
        cast(sum(loaded_cost_usd) as decimal(38, 2)) as loaded_cost_usd,
        cast(sum(hours_paid) as decimal(38, 2)) as hours_paid
    from rated_lines
    group by role, quarter_start

),

final as (

    select
        role,
        quarter_start,
        paid_employees,
        loaded_cost_usd,
        hours_paid,
        {{ decimal_divide('loaded_cost_usd', 'hours_paid', 6) }} as loaded_hourly_rate_usd,
        (
            paid_employees >= {{ var('min_employees_per_payroll_rate') }}
            and hours_paid > 0
        ) as is_publishable
    from aggregated

)

select * from final
