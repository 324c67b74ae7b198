-- The KPI mart and the real-cost report show the same real cost of AI per quarter, to the
-- cent: both round the same exact sum once. Returns every quarter where they differ.
with report as (

    select distinct
        quarter_start,
        real_ai_cost_usd
    from {{ ref('rpt_quarterly_real_ai_cost') }}

)

select
    kpis.quarter_start,
    kpis.real_ai_cost_usd as kpi_real_ai_cost_usd,
    report.real_ai_cost_usd as report_real_ai_cost_usd
from {{ ref('rpt_quarterly_coordination_kpis') }} as kpis
full outer join report
    on kpis.quarter_start = report.quarter_start
where kpis.real_ai_cost_usd is distinct from report.real_ai_cost_usd
