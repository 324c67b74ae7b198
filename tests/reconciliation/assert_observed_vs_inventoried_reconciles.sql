-- The observed vs. inventoried report reconciles to the cent, per quarter and line:
--   * observed cost = the costed observed meeting minutes + agent calls of the line, recomputed
--     here from the int_ rows (decision lines by whether the decision was observed at all; the
--     no_decision line: rows tied to no decision in the log);
--   * inventoried cost = H2H participation + edge tokens of fct_coordination_edges' decisions;
--   * nothing observed is lost: every usable AI coordination attendee row and agent call is in a
--     quarter of the report.
-- Returns every quarter and line whose figures differ.
with

observed_decisions as (

    select decision_id from {{ ref('int_observed_vs_inventoried_decisions') }}
    where is_observed

),

observed_rows as (

    select
        quarter_start,
        decision_id,
        cost_usd
    from {{ ref('int_observed_meeting_time_costed') }}

    union all

    select
        quarter_start,
        decision_id,
        cost_usd
    from {{ ref('int_observed_agent_calls_costed') }}

),

observed_by_line as (

    select
        observed_rows.quarter_start,
        case
            when observed_rows.decision_id is null then 'no_decision'
            when observed_decisions.decision_id is not null then 'observed_decisions'
            else 'unobserved_decisions'
        end as line,
        sum(coalesce(observed_rows.cost_usd, 0)) as observed_cost_usd
    from observed_rows
    left join observed_decisions
        on observed_rows.decision_id = observed_decisions.decision_id
    group by 1, 2

),

edges as (

    select * from {{ ref('fct_coordination_edges') }}

),

inventoried_by_line as (

    select
        edges.quarter_start,
        case when observed_decisions.decision_id is not null then 'observed_decisions' else 'unobserved_decisions' end
            as line,
        sum(case when edges.edge_type = 'H2H' then edges.human_cost_usd else 0 end + edges.model_cost_usd)
            as inventoried_cost_usd
    from edges
    left join observed_decisions
        on edges.decision_id = observed_decisions.decision_id
    group by 1, 2

),

report as (

    select * from {{ ref('rpt_quarterly_observed_vs_inventoried') }}

),

compared as (

    select
        report.quarter_label,
        report.line,
        report.observed_cost_usd,
        cast(round(coalesce(observed_by_line.observed_cost_usd, 0), 2) as decimal(18, 2)) as expected_observed_cost_usd,
        report.inventoried_cost_usd,
        cast(round(coalesce(inventoried_by_line.inventoried_cost_usd, 0), 2) as decimal(18, 2))
            as expected_inventoried_cost_usd
    from report
    left join observed_by_line
        on report.quarter_start = observed_by_line.quarter_start
        and report.line = observed_by_line.line
    left join inventoried_by_line
        on report.quarter_start = inventoried_by_line.quarter_start
        and report.line = inventoried_by_line.line

),

lost as (

    select
        'not in any quarter of the report' as quarter_label,
        'observed' as line,
        cast(null as decimal(18, 2)) as observed_cost_usd,
        cast(round(sum(coalesce(cost_usd, 0)), 2) as decimal(18, 2)) as expected_observed_cost_usd,
        cast(null as decimal(18, 2)) as inventoried_cost_usd,
        cast(null as decimal(18, 2)) as expected_inventoried_cost_usd
    from observed_rows
    where quarter_start not in (select report.quarter_start from report)
    having count(*) > 0

)

select * from compared
where
    inventoried_cost_usd <> expected_inventoried_cost_usd
    {% if source_enabled('observed') -%}
    or observed_cost_usd <> expected_observed_cost_usd
    {%- endif %}
union all
select * from lost
