-- Payroll totals are conserved from the source export to staging, to the cent: the amounts
-- staging could read equal the source's, per file, and staging has exactly the source's rows
-- (used + quarantined). Returns every file where they differ.
{{ config(enabled=var('payroll_enabled')) }}  {#- needs the payroll source -#}
{%- set layout = var('payroll_layout') -%}
{%- set wages_column = 'wages' if layout == 'register' else 'total_pay' %}

with source_totals as (

    select
        filename as source_file,
        count(*) as source_rows,
        sum({{ safe_cast(wages_column, 'decimal(18, 2)') }}) as source_wages,
        sum({{ safe_cast('benefits', 'decimal(18, 2)') }}) as source_benefits
    from {{ source('payroll', 'payroll_register') }}
    group by filename

),

staged_totals as (

    select
        source_file as staged_file,
        count(*) as staged_rows,
        sum(wages) as staged_wages,
        sum(benefits) as staged_benefits
    from {{ ref('stg_payroll__pay_lines') }}
    group by source_file

)

select
    source_totals.*,
    staged_totals.*
from source_totals
full outer join staged_totals
    on source_totals.source_file = staged_totals.staged_file
where source_totals.source_file is null
    or staged_totals.staged_file is null
    or source_totals.source_rows <> staged_totals.staged_rows
    or coalesce(source_totals.source_wages, 0) <> coalesce(staged_totals.staged_wages, 0)
    or coalesce(source_totals.source_benefits, 0) <> coalesce(staged_totals.staged_benefits, 0)
