-- one row per attendee of an AI coordination meeting occurrence (usable rows only): the minutes
-- observed, priced like inventoried H2H time (int_human_minutes_costed): the payroll rate of the
-- role in the meeting's quarter when publishable, else the rate card valid on the meeting's day,
-- else unallocated with a reason.
with

meetings as (

    select * from {{ ref('int_observed_meetings_matched') }}
    where quarantine_reason is null and is_ai_coordination

),

payroll_rates as (

    select * from {{ ref('int_payroll_rates_by_role_quarter') }}
    where is_publishable

),

rate_card as (

    select * from {{ ref('stg_reference__role_rates') }}

),

rated as (

    select
        meetings.*,
        payroll_rates.loaded_hourly_rate_usd as payroll_rate_usd,
        rate_card.loaded_hourly_rate_usd as card_rate_usd
    from meetings
    left join payroll_rates
        on meetings.role = payroll_rates.role
        and meetings.quarter_start = payroll_rates.quarter_start
    left join rate_card
        on meetings.role = rate_card.role
        and {{ is_valid_on('meetings.occurred_on', 'rate_card') }}

),

final as (

    select
        attendance_key,
        event_uid,
        occurrence_start_at,
        quarter_start,
        decision_id,
        match_status,
        role,
        duration_minutes as minutes,
        cast(coalesce(payroll_rate_usd, card_rate_usd) as decimal(18, 6)) as loaded_hourly_rate_usd,
        case
            when payroll_rate_usd is not null then 'payroll'
            when card_rate_usd is not null then 'rate_card'
        end as rate_source,
        case when payroll_rate_usd is null and card_rate_usd is null then 'no_rate_for_date' end as unallocated_reason,
        {{ decimal_divide('duration_minutes * coalesce(payroll_rate_usd, card_rate_usd)', 60, 6) }} as cost_usd
    from rated

)

select * from final
