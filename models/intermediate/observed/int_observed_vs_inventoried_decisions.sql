-- one row per decision with inventoried or observed coordination: the observable part of its
-- inventory (H2H meeting time and the tokens of its H2A and A2A edges) beside what calendars and
-- telemetry observed, hours and USD, with the variance rule's band (observed decisions only:
-- a decision nobody observed is not compared).
with

decision_quarters as (

    select * from {{ ref('int_observed_vs_inventoried_decision_quarters') }}
    where decision_id is not null

),

summed as (

    select
        decision_id,
        sum(inventoried_meeting_minutes) as inventoried_meeting_minutes,
        sum(inventoried_meeting_cost_usd) as inventoried_meeting_cost_usd,
        sum(inventoried_token_cost_usd) as inventoried_token_cost_usd,
        sum(observed_meeting_minutes) as observed_meeting_minutes,
        sum(observed_meeting_cost_usd) as observed_meeting_cost_usd,
        sum(observed_token_cost_usd) as observed_token_cost_usd,
        sum(observed_rows) as observed_rows
    from decision_quarters
    group by decision_id

),

totals as (

    select
        decision_id,
        observed_rows > 0 as is_observed,
        inventoried_meeting_minutes,
        observed_meeting_minutes,
        cast(inventoried_meeting_cost_usd as decimal(18, 6)) as inventoried_meeting_cost_usd,
        cast(inventoried_token_cost_usd as decimal(18, 6)) as inventoried_token_cost_usd,
        cast(inventoried_meeting_cost_usd + inventoried_token_cost_usd as decimal(18, 6))
            as inventoried_observable_cost_usd,
        cast(observed_meeting_cost_usd as decimal(18, 6)) as observed_meeting_cost_usd,
        cast(observed_token_cost_usd as decimal(18, 6)) as observed_token_cost_usd,
        cast(observed_meeting_cost_usd + observed_token_cost_usd as decimal(18, 6)) as observed_cost_usd
    from summed

),

final as (

    select
        decision_id,
        is_observed,
        inventoried_meeting_minutes,
        observed_meeting_minutes,
        {{ decimal_divide('inventoried_meeting_minutes', 60, 4, 18) }} as inventoried_meeting_hours,
        {{ decimal_divide('observed_meeting_minutes', 60, 4, 18) }} as observed_meeting_hours,
        inventoried_meeting_cost_usd,
        inventoried_token_cost_usd,
        inventoried_observable_cost_usd,
        observed_meeting_cost_usd,
        observed_token_cost_usd,
        observed_cost_usd,
        -- cast outside the case too: PostgreSQL types a case as numeric without its scale, and unit
        -- tests on PostgreSQL cast the expected rows to that type
        cast(
            case
                when is_observed
                    then {{ decimal_divide('100 * (observed_cost_usd - inventoried_observable_cost_usd)',
                                           'inventoried_observable_cost_usd', 2, 18) }}
            end as decimal(18, 2)
        ) as variance_pct,
        case when is_observed then {{ variance_band('observed_cost_usd', 'inventoried_observable_cost_usd') }} end
            as variance_band
    from totals

)

select * from final
