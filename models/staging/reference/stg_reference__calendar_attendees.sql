-- one row per calendar attendee address of the hand-kept attendee map, pseudonymised:
-- the address is hashed here, as payroll hashes employee ids, and never leaves staging
with

source as (

    select * from {{ ref('calendar_attendee_roles') }}

),

final as (

    select
        {{ dbt.hash('lower(trim(attendee_email))') }} as attendee_key,
        lower(trim(role)) as role
    from source

)

select * from final
