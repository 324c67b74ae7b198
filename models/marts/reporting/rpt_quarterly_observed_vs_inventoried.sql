-- one row per reporting quarter and line: the coordination the inventory claims beside the
-- coordination calendars and agent telemetry observed, hours and USD (cents).
--   observed_decisions:   decisions some meeting or agent call cites: inventory vs. observation,
--                         with the variance rule's band
--   unobserved_decisions: decisions nobody observed: the inventory alone (observed reads 0)
--   no_decision:          AI coordination observed but tied to no decision in the log (a meeting
--                         with the AI category and no reference, a reference to an unknown decision,
--                         a gateway call or span without one): its own line, never dropped
-- Inventoried figures are the observable part of the inventory (H2H participation and the tokens
-- of H2A and A2A edges) in the quarter of each edge; observed ones in the quarter of each occurrence.
{%- set lines = [('observed_decisions', 1), ('unobserved_decisions', 2), ('no_decision', 3)] %}
with

quarters as (

    select * from {{ ref('dim_quarters') }}

),

decision_quarters as (

    select * from {{ ref('int_observed_vs_inventoried_decision_quarters') }}

),

decisions as (

    select
        decision_id,
        is_observed
    from {{ ref('int_observed_vs_inventoried_decisions') }}

),

lines as (

    {% for line, order in lines -%}
    select '{{ line }}' as line, {{ order }} as display_order
    {% if not loop.last %}union all
    {% endif %}
    {%- endfor %}

),

classified as (

    select
        decision_quarters.*,
        case
            when decision_quarters.decision_id is null then 'no_decision'
            when decisions.is_observed then 'observed_decisions'
            else 'unobserved_decisions'
        end as line
    from decision_quarters
    left join decisions
        on decision_quarters.decision_id = decisions.decision_id

),

by_line as (

    select
        quarter_start,
        line,
        count(decision_id) as decision_count,
        sum(inventoried_meeting_minutes) as inventoried_meeting_minutes,
        sum(inventoried_meeting_cost_usd + inventoried_token_cost_usd) as inventoried_cost_usd,
        sum(observed_meeting_minutes) as observed_meeting_minutes,
        sum(observed_meeting_cost_usd) as observed_meeting_cost_usd,
        sum(observed_token_cost_usd) as observed_token_cost_usd,
        sum(observed_meeting_cost_usd + observed_token_cost_usd) as observed_cost_usd,
        sum(logged_spend_usd) as logged_spend_usd,
        sum(priced_cost_of_logged_calls_usd) as priced_cost_of_logged_calls_usd
    from classified
    group by quarter_start, line

),

grid as (

    select
        quarters.quarter_start,
        quarters.quarter_label,
        lines.line,
        lines.display_order,
        cast(coalesce(by_line.decision_count, 0) as bigint) as decision_count,
        coalesce(by_line.inventoried_meeting_minutes, 0) as inventoried_meeting_minutes,
        coalesce(by_line.inventoried_cost_usd, 0) as inventoried_cost_usd,
        coalesce(by_line.observed_meeting_minutes, 0) as observed_meeting_minutes,
        coalesce(by_line.observed_meeting_cost_usd, 0) as observed_meeting_cost_usd,
        coalesce(by_line.observed_token_cost_usd, 0) as observed_token_cost_usd,
        coalesce(by_line.observed_cost_usd, 0) as observed_cost_usd,
        by_line.logged_spend_usd,
        by_line.priced_cost_of_logged_calls_usd
    from quarters
    cross join lines
    left join by_line
        on quarters.quarter_start = by_line.quarter_start
        and lines.line = by_line.line

),

final as (

    select
        quarter_start,
        quarter_label,
        line,
        display_order,
        decision_count,
        {{ decimal_divide('inventoried_meeting_minutes', 60, 2, 18) }} as inventoried_meeting_hours,
        cast(round(inventoried_cost_usd, 2) as decimal(18, 2)) as inventoried_cost_usd,
        {{ if_measured('observed', decimal_divide('observed_meeting_minutes', 60, 2, 18), 'decimal(18, 2)') }}
            as observed_meeting_hours,
        {{ if_measured('observed', 'cast(round(observed_meeting_cost_usd, 2) as decimal(18, 2))', 'decimal(18, 2)') }}
            as observed_meeting_cost_usd,
        {{ if_measured('observed', 'cast(round(observed_token_cost_usd, 2) as decimal(18, 2))', 'decimal(18, 2)') }}
            as observed_token_cost_usd,
        {{ if_measured('observed', 'cast(round(observed_cost_usd, 2) as decimal(18, 2))', 'decimal(18, 2)') }}
            as observed_cost_usd,
        {{ if_measured('observed', 'cast(round(logged_spend_usd, 2) as decimal(18, 2))', 'decimal(18, 2)') }}
            as logged_spend_usd,
        {{ if_measured('observed', 'cast(round(priced_cost_of_logged_calls_usd, 2) as decimal(18, 2))',
                       'decimal(18, 2)') }} as priced_cost_of_logged_calls_usd,
        {{ if_measured('observed', "case when line = 'observed_decisions' then "
            ~ decimal_divide('100 * (observed_cost_usd - inventoried_cost_usd)', 'inventoried_cost_usd', 2, 18) ~ ' end',
            'decimal(18, 2)') }} as variance_pct,
        {{ if_measured('observed', "case when line = 'observed_decisions' and observed_cost_usd > 0 then "
            ~ variance_band('observed_cost_usd', 'inventoried_cost_usd') ~ ' end', dbt.type_string()) }} as variance_band,
        {{ not_measured_reason('observed') }} as observed_not_measured_reason
    from grid

)

select * from final
