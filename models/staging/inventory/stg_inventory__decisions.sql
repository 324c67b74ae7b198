-- one row per decision of the hand-kept decision log
with

source as (

    {{ inventory_source('decision_log') }}

),

final as (

    select
        trim(decision_id) as decision_id,
        title,
        lower(trim(decision_type)) as decision_type,
        coalesce(trim(department), 'unknown') as department,
        initiated_at,
        ratified_at,
        lower(trim(outcome)) as outcome,
        ratified_at is not null as is_ratified,
        case
            when unparseable_reason is not null then unparseable_reason
            when decision_id is null then 'missing_key'
            when ratified_at < initiated_at then 'ratified_before_initiated'
        end as quarantine_reason
    from source

)

select * from final
