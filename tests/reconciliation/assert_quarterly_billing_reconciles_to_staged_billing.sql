-- AI infrastructure and adjacency cloud in the quarterly report equal the staged, clean billing
-- charges in scope (converted at their FX rate), to the cent; returns every quarter and category that does not.
{{ config(enabled=var('billing_enabled')) }}  {#- needs the billing source -#}
with staged as (

    select
        charges.quarter_start,
        categorized.cost_category,
        sum(charges.{{ var('billing_cost_measure') }} * fx.usd_per_unit) as staged_cost_usd
    from {{ ref('stg_billing__focus_charges') }} as charges
    inner join {{ ref('int_billing_charges_usd') }} as fx
        on charges.charge_key = fx.charge_key
    inner join {{ ref('int_billing_charges_categorized') }} as categorized
        on charges.charge_key = categorized.charge_key
    where charges.quarantine_reason is null
        and categorized.cost_category in ('ai_infrastructure', 'adjacency_cloud')
    group by charges.quarter_start, categorized.cost_category

),

report as (

    select
        quarter_start,
        cost_category,
        cost_usd
    from {{ ref('rpt_quarterly_real_ai_cost') }}
    where cost_category in ('ai_infrastructure', 'adjacency_cloud')

)

select
    coalesce(report.quarter_start, staged.quarter_start) as quarter_start,
    coalesce(report.cost_category, staged.cost_category) as cost_category,
    report.cost_usd as report_cost_usd,
    staged.staged_cost_usd
from report
full outer join staged
    on report.quarter_start = staged.quarter_start
    and report.cost_category = staged.cost_category
where abs(coalesce(report.cost_usd, 0) - coalesce(staged.staged_cost_usd, 0)) > 0.005
