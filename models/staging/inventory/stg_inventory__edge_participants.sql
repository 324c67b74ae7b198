-- one row per edge traversal and participant role
with

source as (

    {{ inventory_source('decision_edge_participants') }}

),

final as (

    select
        trim(edge_id) as edge_id,
        lower(trim(role)) as role,
        participant_count,
        minutes_per_iteration,
        case
            when unparseable_reason is not null then unparseable_reason
            when edge_id is null or role is null then 'missing_key'
            when participant_count is null or participant_count < 1 then 'non_positive_participant_count'
            when minutes_per_iteration is null or minutes_per_iteration < 0 then 'negative_minutes'
        end as quarantine_reason
    from source

)

select * from final
