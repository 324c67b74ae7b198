-- one row per cross-functional decision: its cost (the sum of the edges it traversed) by edge type,
-- its edge and iteration counts, and its band against the mid-market benchmark (once ratified:
-- an open decision's cost so far is not a decision cost). Beside the inventory: the hours and cost
-- calendars and agent telemetry observed for it and the variance rule's band (observed_* columns;
-- null with observed_not_measured_reason when the observed sources are switched off).
{%- set decimal_6 = 'decimal(18, 6)' -%}
{%- set observed_columns = [
    ('observation_status', "case when coalesce(observed.is_observed, false) then 'observed' else 'not_observed' end",
     dbt.type_string()),
    ('observed_meeting_minutes', 'cast(coalesce(observed.observed_meeting_minutes, 0) as bigint)', 'bigint'),
    ('observed_meeting_cost_usd', 'cast(coalesce(observed.observed_meeting_cost_usd, 0) as ' ~ decimal_6 ~ ')', decimal_6),
    ('observed_token_cost_usd', 'cast(coalesce(observed.observed_token_cost_usd, 0) as ' ~ decimal_6 ~ ')', decimal_6),
    ('observed_cost_usd', 'cast(coalesce(observed.observed_cost_usd, 0) as ' ~ decimal_6 ~ ')', decimal_6),
    ('observed_variance_pct', 'observed.variance_pct', 'decimal(18, 2)'),
    ('observed_variance_band', 'observed.variance_band', dbt.type_string()),
] %}
with

decisions as (

    select * from {{ ref('stg_inventory__decisions') }}
    where quarantine_reason is null

),

edges as (

    select * from {{ ref('fct_coordination_edges') }}

),

quarters as (

    select * from {{ ref('dim_quarters') }}

),

quarantined_edges as (

    select
        decision_id,
        count(*) as quarantined_edge_count
    from {{ ref('int_decision_edges_validated') }}
    where quarantine_reason is not null
    group by decision_id

),

observed as (

    select * from {{ ref('int_observed_vs_inventoried_decisions') }}

),

edges_by_decision as (

    select
        decision_id,
        count(*) as edge_count,
        sum(iterations) as iteration_count,
        sum(case when edge_type = 'A2H' then 1 else 0 end) as a2h_edge_count,
        sum(human_minutes + remediation_minutes) as human_minutes,
        sum(case when edge_type = 'H2H' then total_cost_usd else 0 end) as h2h_cost_usd,
        sum(case when edge_type = 'H2A' then total_cost_usd else 0 end) as h2a_cost_usd,
        sum(case when edge_type = 'A2H' then total_cost_usd else 0 end) as a2h_cost_usd,
        sum(case when edge_type = 'A2A' then total_cost_usd else 0 end) as a2a_cost_usd,
        sum(human_cost_usd) as human_cost_usd,
        sum(model_cost_usd) as model_cost_usd,
        sum(remediation_cost_usd) as remediation_cost_usd,
        sum(coordination_cost_usd) as coordination_cost_usd,
        sum(total_cost_usd) as total_cost_usd,
        sum(case when is_fully_costed then 0 else 1 end) as edges_not_fully_costed
    from edges
    group by decision_id

),

joined as (

    select
        decisions.decision_id,
        decisions.title,
        decisions.decision_type,
        decisions.department,
        decisions.initiated_at,
        decisions.ratified_at,
        decisions.outcome,
        decisions.is_ratified,
        case when decisions.is_ratified then {{ fiscal_quarter_start('decisions.ratified_at') }} end
            as decision_quarter_start,
        cast(coalesce(edges_by_decision.edge_count, 0) as bigint) as edge_count,
        cast(coalesce(edges_by_decision.iteration_count, 0) as bigint) as iteration_count,
        cast(coalesce(edges_by_decision.human_minutes, 0) as bigint) as human_minutes,
        cast(coalesce(edges_by_decision.h2h_cost_usd, 0) as decimal(18, 6)) as h2h_cost_usd,
        cast(coalesce(edges_by_decision.h2a_cost_usd, 0) as decimal(18, 6)) as h2a_cost_usd,
        cast(coalesce(edges_by_decision.a2h_cost_usd, 0) as decimal(18, 6)) as a2h_cost_usd,
        cast(coalesce(edges_by_decision.a2a_cost_usd, 0) as decimal(18, 6)) as a2a_cost_usd,
        cast(coalesce(edges_by_decision.human_cost_usd, 0) as decimal(18, 6)) as human_cost_usd,
        cast(coalesce(edges_by_decision.model_cost_usd, 0) as decimal(18, 6)) as model_cost_usd,
        cast(coalesce(edges_by_decision.remediation_cost_usd, 0) as decimal(18, 6)) as remediation_cost_usd,
        cast(coalesce(edges_by_decision.coordination_cost_usd, 0) as decimal(18, 6)) as coordination_cost_usd,
        cast(coalesce(edges_by_decision.total_cost_usd, 0) as decimal(18, 6)) as total_cost_usd,
        coalesce(edges_by_decision.a2h_edge_count, 0) > 0 as has_a2h_review,
        cast(coalesce(quarantined_edges.quarantined_edge_count, 0) as bigint) as quarantined_edge_count,
        (
            coalesce(edges_by_decision.edges_not_fully_costed, 0) = 0
            and coalesce(quarantined_edges.quarantined_edge_count, 0) = 0
        ) as is_fully_costed
    from decisions
    left join edges_by_decision
        on decisions.decision_id = edges_by_decision.decision_id
    left join quarantined_edges
        on decisions.decision_id = quarantined_edges.decision_id

),

final as (

    select
        joined.*,
        quarters.quarter_label as decision_quarter_label,
        case when joined.is_ratified then {{ cost_band('joined.total_cost_usd') }} end as cost_band,
        cast(coalesce(observed.inventoried_meeting_minutes, 0) as bigint) as inventoried_meeting_minutes,
        cast(coalesce(observed.inventoried_observable_cost_usd, 0) as {{ decimal_6 }})
            as inventoried_observable_cost_usd,
        {% for name, expression, data_type in observed_columns -%}
        {{ if_measured('observed', expression, data_type) }} as {{ name }},
        {% endfor -%}
        {{ not_measured_reason('observed') }} as observed_not_measured_reason
    from joined
    left join quarters
        on joined.decision_quarter_start = quarters.quarter_start
    left join observed
        on joined.decision_id = observed.decision_id

)

select * from final
