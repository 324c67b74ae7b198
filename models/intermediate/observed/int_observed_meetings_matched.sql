-- one row per meeting occurrence and attendee of the calendar exports, with the matching rules
-- applied: a meeting is AI coordination when it cites a decision in its title ([DEC-...]) or
-- carries one of the observed_ai_categories; it is tied to the decision it cites when that
-- decision is in the log. The attendee's role comes from the attendee map; an attendee of an
-- AI coordination meeting who is not on it is quarantined (unknown_attendee), never dropped.
with

attendance as (

    select * from {{ ref('stg_observed__calendar_attendance') }}

),

decisions as (

    select decision_id from {{ ref('stg_inventory__decisions') }}
    where quarantine_reason is null

),

attendees as (

    select * from {{ ref('stg_reference__calendar_attendees') }}

),

matched as (

    select
        attendance.attendance_key,
        attendance.event_uid,
        attendance.occurrence_start_at,
        attendance.occurred_on,
        attendance.quarter_start,
        attendance.duration_minutes,
        attendance.decision_reference,
        decisions.decision_id,
        attendance.has_ai_category,
        attendance.decision_reference is not null or attendance.has_ai_category as is_ai_coordination,
        attendance.attendee_key,
        attendees.role,
        attendance.source_file,
        attendance.quarantine_reason as staged_quarantine_reason
    from attendance
    left join decisions
        on attendance.decision_reference = decisions.decision_id
    left join attendees
        on attendance.attendee_key = attendees.attendee_key

),

final as (

    select
        attendance_key,
        event_uid,
        occurrence_start_at,
        occurred_on,
        quarter_start,
        duration_minutes,
        decision_reference,
        decision_id,
        is_ai_coordination,
        case
            when decision_id is not null then 'decision'
            when decision_reference is not null then 'unknown_decision_reference'
            when has_ai_category then 'ai_category_no_decision'
            else 'not_ai_coordination'
        end as match_status,
        attendee_key,
        role,
        source_file,
        case
            when staged_quarantine_reason is not null then staged_quarantine_reason
            when is_ai_coordination and role is null then 'unknown_attendee'
        end as quarantine_reason
    from matched

)

select * from final
