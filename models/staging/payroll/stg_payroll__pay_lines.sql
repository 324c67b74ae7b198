-- one row per line of the payroll export, typed; lines that cannot be used carry a
-- quarantine_reason (int_ models read only the clean ones, fct_quarantined_rows the rest).
-- Names are dropped here and the employee id is pseudonymised: no individual leaves staging.
{%- set register = export_relation('payroll', 'payroll_register') -%}
{#- switched off, staging reads the register-layout template whatever payroll_layout says -#}
{%- set payroll_layout = var('payroll_layout') if source_enabled('payroll') else 'register' -%}
{%- set layouts = {
    'register': ['pay_line_id', 'employee_id', 'job_title', 'department', 'pay_period_start',
                 'pay_period_end', 'pay_date', 'wages', 'employer_taxes', 'benefits', 'hours_paid', 'currency'],
    'sf_annual_compensation': ['record_id', 'job_title', 'total_pay', 'benefits', 'year', 'status'],
} -%}
{%- if payroll_layout not in layouts -%}
    {{ exceptions.raise_compiler_error("var payroll_layout must be one of " ~ layouts.keys() | list | join(', ') ~ ", got '" ~ payroll_layout ~ "'") }}
{%- endif -%}
{%- do require_columns(
    register, layouts[payroll_layout], 'Payroll', export_location('payroll', 'payroll_register'),
    allow_empty=not source_enabled('payroll'), path_var='payroll_path'
) %}

with

source as (

    select * from {{ register }}

),

mapped as (

    {% if payroll_layout == 'register' -%}
    select
        cast(pay_line_id as {{ dbt.type_string() }}) as pay_line_id,
        cast(employee_id as {{ dbt.type_string() }}) as employee_id,
        cast(job_title as {{ dbt.type_string() }}) as job_title,
        cast(department as {{ dbt.type_string() }}) as department,
        cast(pay_period_start as {{ dbt.type_string() }}) as pay_period_start,
        cast(pay_period_end as {{ dbt.type_string() }}) as pay_period_end,
        cast(pay_date as {{ dbt.type_string() }}) as pay_date,
        cast(wages as {{ dbt.type_string() }}) as wages,
        cast(employer_taxes as {{ dbt.type_string() }}) as employer_taxes,
        cast(benefits as {{ dbt.type_string() }}) as benefits,
        cast(hours_paid as {{ dbt.type_string() }}) as hours_paid,
        cast(currency as {{ dbt.type_string() }}) as currency,
        cast(null as {{ dbt.type_string() }}) as employment_status,
        filename as source_file
    from source
    {%- else %}
    -- annual compensation records (one row per employee and year): see the payroll_register doc
    select
        cast(record_id as {{ dbt.type_string() }}) as pay_line_id,
        cast(record_id as {{ dbt.type_string() }}) as employee_id,
        cast(job_title as {{ dbt.type_string() }}) as job_title,
        cast(null as {{ dbt.type_string() }}) as department,
        cast(year as {{ dbt.type_string() }}) || '-01-01' as pay_period_start,
        cast(year as {{ dbt.type_string() }}) || '-12-31' as pay_period_end,
        cast(year as {{ dbt.type_string() }}) || '-12-31' as pay_date,
        cast(total_pay as {{ dbt.type_string() }}) as wages,
        '0' as employer_taxes,
        cast(benefits as {{ dbt.type_string() }}) as benefits,
        case when status = 'FT' then '{{ var("annual_full_time_hours") }}' end as hours_paid,
        'USD' as currency,
        cast(status as {{ dbt.type_string() }}) as employment_status,
        filename as source_file
    from source
    {%- endif %}

),

typed as (

    select
        pay_line_id,
        {{ dbt.hash('employee_id') }} as employee_key,
        trim(job_title) as job_title,
        coalesce(trim(department), 'unknown') as department,
        employment_status,
        {{ safe_cast('pay_period_start', 'date') }} as pay_period_start,
        {{ safe_cast('pay_period_end', 'date') }} as pay_period_end,
        {{ safe_cast('pay_date', 'date') }} as pay_date,
        {{ safe_cast('wages', 'decimal(18, 2)') }} as wages,
        {{ safe_cast('employer_taxes', 'decimal(18, 2)') }} as employer_taxes,
        {{ safe_cast('benefits', 'decimal(18, 2)') }} as benefits,
        {{ safe_cast('hours_paid', 'decimal(12, 2)') }} as hours_paid,
        upper(trim(currency)) as currency,
        source_file,
        (
            (pay_period_start is not null and {{ safe_cast('pay_period_start', 'date') }} is null)
            or (pay_period_end is not null and {{ safe_cast('pay_period_end', 'date') }} is null)
            or (pay_date is not null and {{ safe_cast('pay_date', 'date') }} is null)
            or pay_period_end is null
        ) as has_bad_date,
        (
            (wages is not null and {{ safe_cast('wages', 'decimal(18, 2)') }} is null)
            or (employer_taxes is not null and {{ safe_cast('employer_taxes', 'decimal(18, 2)') }} is null)
            or (benefits is not null and {{ safe_cast('benefits', 'decimal(18, 2)') }} is null)
            or (hours_paid is not null and {{ safe_cast('hours_paid', 'decimal(12, 2)') }} is null)
        ) as has_bad_number,
        {{ row_fingerprint(['employee_id', 'job_title', 'department', 'pay_period_start', 'pay_period_end',
                            'pay_date', 'wages', 'employer_taxes', 'benefits', 'hours_paid', 'currency']) }}
            as row_fingerprint
    from mapped

),

keyed as (

    select
        *,
        row_number() over (partition by pay_line_id order by source_file, row_fingerprint) as key_occurrence,
        {{ has_conflicting_versions('row_fingerprint', 'pay_line_id') }} as has_conflicting_versions
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            "coalesce(pay_line_id, '<missing>')", "'#'", 'cast(key_occurrence as ' ~ dbt.type_string() ~ ')'
        ])) }} as pay_line_row_key,
        pay_line_id,
        key_occurrence,
        employee_key,
        job_title,
        department,
        employment_status,
        pay_period_start,
        pay_period_end,
        pay_date,
        {{ fiscal_quarter_start('pay_period_end') }} as quarter_start,
        wages,
        employer_taxes,
        benefits,
        coalesce(wages, 0) + coalesce(employer_taxes, 0) + coalesce(benefits, 0) as loaded_cost,
        hours_paid,
        currency,
        (
            coalesce(wages, 0) < 0 or coalesce(employer_taxes, 0) < 0
            or coalesce(benefits, 0) < 0 or coalesce(hours_paid, 0) < 0
        ) as is_adjustment,
        source_file,
        case
            when pay_line_id is null then 'missing_key'
            when has_conflicting_versions then 'conflicting_duplicate_key'
            when key_occurrence > 1 then 'duplicate_reexport'
            when has_bad_date then 'unparseable_date'
            when has_bad_number then 'unparseable_number'
            when wages is null then 'missing_amount'
            when pay_period_end < pay_period_start then 'period_end_before_start'
            when (wages > 0 and hours_paid < 0) or (wages < 0 and hours_paid > 0) then 'inconsistent_signs'
            when currency is null or length(currency) <> 3 then 'invalid_currency'
        end as quarantine_reason
    from keyed

)

select * from final
