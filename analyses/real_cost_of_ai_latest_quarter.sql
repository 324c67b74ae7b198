-- The article's table for the latest quarter, as a CFO reads it: compile with
-- `dbt compile --select real_cost_of_ai_latest_quarter` and run the SQL in target/compiled.
with latest as (

    select max(quarter_start) as quarter_start
    from {{ ref('rpt_quarterly_real_ai_cost') }}

)

select
    report.quarter_label,
    report.display_name as operational_category,
    report.share_of_real_ai_cost,
    report.monthly_average_usd,
    report.finops_coverage as covered_by_current_finops
from {{ ref('rpt_quarterly_real_ai_cost') }} as report
inner join latest
    on report.quarter_start = latest.quarter_start
order by report.display_order
