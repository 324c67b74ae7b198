-- one row per edge traversal of a decision: human minutes and their cost at loaded rates,
-- the model cost of its tokens at the dated price, A2A remediation, and the total, in USD.
-- Incremental: a run recosts whole reporting quarters (a quarter's payroll rates move until it
-- closes): the quarter `incremental_lookback_days` before the latest edge loaded and every later
-- one, any quarter that received an edge not loaded yet, and any quarter a pay line paid in that
-- window belongs to (a late payroll adjustment changes the quarter's rates).
-- depends_on: {{ ref('int_payroll_pay_lines_usd') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='insert_overwrite' if target.type == 'spark' else 'delete+insert',
        partition_by=['quarter_start'] if target.type == 'spark' else none,
        unique_key='quarter_start',
        on_schema_change='fail',
    )
}}

with

all_edges as (

    select * from {{ ref('int_decision_edges_validated') }}
    where quarantine_reason is null

),
{% if is_incremental() %}

loaded as (

    select edge_id, occurred_at from {{ this }}

),

window_start as (

    select {{ dbt.dateadd('day', -var('incremental_lookback_days'), 'max(loaded.occurred_at)') }} as starts_at
    from loaded

),

quarters_to_recost as (

    select all_edges.quarter_start
    from all_edges
    where all_edges.quarter_start >= (
        select {{ fiscal_quarter_start('window_start.starts_at') }} from window_start
    )
    union
    select all_edges.quarter_start
    from all_edges
    left join loaded
        on all_edges.edge_id = loaded.edge_id
    where loaded.edge_id is null
    union
    select pay_lines.quarter_start
    from {{ ref('int_payroll_pay_lines_usd') }} as pay_lines
    where pay_lines.pay_date >= (select cast(window_start.starts_at as date) from window_start)

),
{% endif %}

edges as (

    select * from all_edges
    {% if is_incremental() -%}
    where all_edges.quarter_start in (select quarters_to_recost.quarter_start from quarters_to_recost)
    {%- endif %}

),

human_time as (

    select * from {{ ref('int_human_minutes_costed') }}
    {% if is_incremental() -%}
    where edge_id in (select edges.edge_id from edges)
    {%- endif %}

),

token_usage as (

    select * from {{ ref('int_agent_tokens_costed') }}
    {% if is_incremental() -%}
    where edge_id in (select edges.edge_id from edges)
    {%- endif %}

),

quarters as (

    select * from {{ ref('dim_quarters') }}

),

quarantined_details as (

    -- participant and token rows of a usable edge that could not be used: their cost is missing
    select
        edge_id,
        count(*) as quarantined_detail_rows
    from (
        select edge_id from {{ ref('stg_inventory__edge_participants') }}
        where quarantine_reason is not null
        union all
        select edge_id from {{ ref('stg_inventory__edge_tokens') }}
        where quarantine_reason is not null
    ) as details
    group by edge_id

),

human_by_edge as (

    select
        edge_id,
        sum(case when activity = 'participation' then participant_count else 0 end) as participant_count,
        sum(case when activity = 'participation' then minutes else 0 end) as human_minutes,
        sum(case when activity = 'participation' then coalesce(cost_usd, 0) else 0 end) as human_cost_usd,
        sum(case when activity = 'remediation' then coalesce(cost_usd, 0) else 0 end) as remediation_cost_usd,
        sum(case when cost_usd is null then minutes else 0 end) as unallocated_human_minutes,
        min(unallocated_reason) as human_unallocated_reason
    from human_time
    group by edge_id

),

tokens_by_edge as (

    select
        edge_id,
        sum(input_tokens) as input_tokens,
        sum(output_tokens) as output_tokens,
        sum(cached_input_tokens) as cached_input_tokens,
        sum(coalesce(cost_usd, 0)) as model_cost_usd,
        sum(case when cost_usd is null then total_tokens else 0 end) as unpriced_tokens,
        min(unallocated_reason) as token_unallocated_reason
    from token_usage
    group by edge_id

),

final as (

    select
        edges.edge_id,
        edges.decision_id,
        edges.edge_sequence,
        edges.edge_type,
        edges.occurred_at,
        edges.quarter_start,
        quarters.quarter_label,
        edges.iterations,
        cast(coalesce(human_by_edge.participant_count, 0) as bigint) as participant_count,
        cast(coalesce(human_by_edge.human_minutes, 0) as bigint) as human_minutes,
        edges.remediation_minutes,
        cast(coalesce(tokens_by_edge.input_tokens, 0) as bigint) as input_tokens,
        cast(coalesce(tokens_by_edge.output_tokens, 0) as bigint) as output_tokens,
        cast(coalesce(tokens_by_edge.cached_input_tokens, 0) as bigint) as cached_input_tokens,
        cast(coalesce(human_by_edge.human_cost_usd, 0) as decimal(18, 6)) as human_cost_usd,
        cast(coalesce(tokens_by_edge.model_cost_usd, 0) as decimal(18, 6)) as model_cost_usd,
        cast(coalesce(human_by_edge.remediation_cost_usd, 0) as decimal(18, 6)) as remediation_cost_usd,
        cast(
            coalesce(human_by_edge.human_cost_usd, 0) + coalesce(human_by_edge.remediation_cost_usd, 0)
            as decimal(18, 6)
        ) as coordination_cost_usd,
        cast(
            coalesce(human_by_edge.human_cost_usd, 0) + coalesce(human_by_edge.remediation_cost_usd, 0)
            + coalesce(tokens_by_edge.model_cost_usd, 0)
            as decimal(18, 6)
        ) as total_cost_usd,
        cast(coalesce(human_by_edge.unallocated_human_minutes, 0) as bigint) as unallocated_human_minutes,
        cast(coalesce(tokens_by_edge.unpriced_tokens, 0) as bigint) as unpriced_tokens,
        coalesce(
            human_by_edge.human_unallocated_reason,
            tokens_by_edge.token_unallocated_reason,
            case when quarantined_details.edge_id is not null then 'quarantined_participant_or_token' end
        ) as unallocated_reason,
        cast(coalesce(quarantined_details.quarantined_detail_rows, 0) as bigint) as quarantined_detail_rows,
        (
            coalesce(human_by_edge.unallocated_human_minutes, 0) = 0
            and coalesce(tokens_by_edge.unpriced_tokens, 0) = 0
            and quarantined_details.edge_id is null
        ) as is_fully_costed
    from edges
    left join human_by_edge
        on edges.edge_id = human_by_edge.edge_id
    left join tokens_by_edge
        on edges.edge_id = tokens_by_edge.edge_id
    left join quarantined_details
        on edges.edge_id = quarantined_details.edge_id
    left join quarters
        on edges.quarter_start = quarters.quarter_start

)

select * from final
