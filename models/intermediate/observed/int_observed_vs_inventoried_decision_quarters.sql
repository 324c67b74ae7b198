-- one row per decision and reporting quarter with inventoried or observed coordination, plus one
-- row per quarter for observed coordination tied to no decision (decision_id null): the meeting
-- minutes and costs the inventory claims (H2H participation) and its token cost (H2A and A2A
-- edges), beside the minutes and costs observed in calendars and telemetry, USD, unrounded.
with

edges as (

    select * from {{ ref('int_decision_edges_validated') }}
    where quarantine_reason is null

),

inventoried_minutes as (

    select * from {{ ref('int_human_minutes_costed') }}
    where activity = 'participation'

),

inventoried_tokens as (

    select * from {{ ref('int_agent_tokens_costed') }}

),

observed_meetings as (

    select * from {{ ref('int_observed_meeting_time_costed') }}

),

observed_calls as (

    select * from {{ ref('int_observed_agent_calls_costed') }}

),

{#- each input fills its own measures; the others are zero (null for the logged spend) -#}
{%- set measures = [
    ('inventoried_meeting_minutes', '0'),
    ('inventoried_meeting_cost_usd', 'cast(0 as decimal(18, 6))'),
    ('inventoried_token_cost_usd', 'cast(0 as decimal(18, 6))'),
    ('observed_meeting_minutes', '0'),
    ('observed_meeting_cost_usd', 'cast(0 as decimal(18, 6))'),
    ('observed_token_cost_usd', 'cast(0 as decimal(18, 6))'),
    ('logged_spend_usd', 'cast(null as decimal(18, 8))'),
    ('priced_cost_of_logged_calls_usd', 'cast(null as decimal(18, 6))'),
] -%}
{%- set inputs = [
    ('edges.decision_id', 'inventoried_minutes.quarter_start',
     'inventoried_minutes inner join edges on inventoried_minutes.edge_id = edges.edge_id',
     "edges.edge_type = 'H2H'",
     {'inventoried_meeting_minutes': 'inventoried_minutes.minutes',
      'inventoried_meeting_cost_usd': 'inventoried_minutes.cost_usd'}),
    ('edges.decision_id', 'inventoried_tokens.quarter_start',
     'inventoried_tokens inner join edges on inventoried_tokens.edge_id = edges.edge_id', none,
     {'inventoried_token_cost_usd': 'inventoried_tokens.cost_usd'}),
    ('decision_id', 'quarter_start', 'observed_meetings', none,
     {'observed_meeting_minutes': 'minutes', 'observed_meeting_cost_usd': 'cost_usd', 'observed_rows': '1'}),
    ('decision_id', 'quarter_start', 'observed_calls', none,
     {'observed_token_cost_usd': 'cost_usd', 'logged_spend_usd': 'logged_spend_usd',
      'priced_cost_of_logged_calls_usd': 'case when logged_spend_usd is not null then cost_usd end',
      'observed_rows': '1'}),
] %}

contributions as (

    {% for decision_id, quarter_start, relation, condition, filled in inputs -%}
    select
        {{ decision_id }} as decision_id,
        {{ quarter_start }} as quarter_start,
        {%- for name, zero in measures %}
        {{ filled.get(name, zero) }} as {{ name }},
        {%- endfor %}
        {{ filled.get('observed_rows', '0') }} as observed_rows
    from {{ relation }}
    {%- if condition %}
    where {{ condition }}
    {%- endif %}
    {% if not loop.last %}
    union all

    {% endif -%}
    {%- endfor %}
),

final as (

    select
        {{ dbt.hash(dbt.concat([
            "coalesce(decision_id, '<no decision>')", "'|'", 'cast(quarter_start as ' ~ dbt.type_string() ~ ')'
        ])) }} as decision_quarter_key,
        decision_id,
        quarter_start,
        cast(sum(inventoried_meeting_minutes) as bigint) as inventoried_meeting_minutes,
        cast(sum(inventoried_meeting_cost_usd) as decimal(18, 6)) as inventoried_meeting_cost_usd,
        cast(sum(inventoried_token_cost_usd) as decimal(18, 6)) as inventoried_token_cost_usd,
        cast(sum(observed_meeting_minutes) as bigint) as observed_meeting_minutes,
        cast(sum(observed_meeting_cost_usd) as decimal(18, 6)) as observed_meeting_cost_usd,
        cast(sum(observed_token_cost_usd) as decimal(18, 6)) as observed_token_cost_usd,
        cast(sum(logged_spend_usd) as decimal(18, 8)) as logged_spend_usd,
        cast(sum(priced_cost_of_logged_calls_usd) as decimal(18, 6)) as priced_cost_of_logged_calls_usd,
        cast(sum(observed_rows) as bigint) as observed_rows
    from contributions
    group by decision_id, quarter_start

)

select * from final
