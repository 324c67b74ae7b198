-- one row per meeting occurrence and attendee of the calendar exports (the calendar loader's
-- normalized file), typed. The attendee address is pseudonymised; rows the loader excluded
-- keep its reason (declined, all_day, ...) and rows that do not parse get one: quarantine_reason.
{%- set raw = export_relation('observed', 'calendar_attendance') -%}
{%- do require_columns(
    raw, ['event_uid', 'occurrence_start_utc', 'occurrence_end_utc', 'duration_minutes', 'title', 'categories',
          'attendee_email', 'attendee_type', 'participation_status', 'exclusion_reason', 'source_file'],
    'Calendar (the file coordination-finops-calendar writes: run it, or `make build`, first)',
    export_location('observed', 'calendar_attendance', 'calendar_path'),
    allow_empty=true, path_var='calendar_path'
) %}

with

source as (

    select * from {{ raw }}

),

typed as (

    select
        cast(source_file as {{ dbt.type_string() }}) as source_file,
        cast(source_row as {{ dbt.type_string() }}) as source_row,
        cast(event_uid as {{ dbt.type_string() }}) as event_uid,
        {{ utc_timestamp('occurrence_start_utc') }} as occurrence_start_at,
        {{ utc_timestamp('occurrence_end_utc') }} as occurrence_end_at,
        {{ safe_cast('duration_minutes', 'integer') }} as duration_minutes,
        cast(title as {{ dbt.type_string() }}) as title,
        cast(categories as {{ dbt.type_string() }}) as categories,
        case when attendee_email is not null then {{ dbt.hash('lower(trim(attendee_email))') }} end as attendee_key,
        cast(attendee_type as {{ dbt.type_string() }}) as attendee_type,
        upper(cast(participation_status as {{ dbt.type_string() }})) as participation_status,
        cast(exclusion_reason as {{ dbt.type_string() }}) as exclusion_reason,
        (occurrence_start_utc is not null and {{ utc_timestamp('occurrence_start_utc') }} is null)
        or (occurrence_end_utc is not null and {{ utc_timestamp('occurrence_end_utc') }} is null) as has_bad_date,
        duration_minutes is not null and {{ safe_cast('duration_minutes', 'integer') }} is null as has_bad_number,
        {{ row_fingerprint(['event_uid', 'occurrence_start_utc', 'attendee_email']) }} as occurrence_attendee_key
    from source

),

keyed as (

    select
        *,
        row_number() over (
            partition by occurrence_attendee_key
            -- an attendee listed twice keeps the usable listing (exclusion_reason null) first, so a
            -- declined duplicate of an accepted invitation is counted as declined and the attendee
            -- still attends; source_row is empty for iCalendar. Null order said out loud: Spark
            -- sorts nulls first, DuckDB and PostgreSQL last
            order by
                source_file,
                source_row nulls last,
                exclusion_reason nulls first,
                attendee_type nulls last,
                participation_status nulls last
        ) as key_occurrence
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'occurrence_attendee_key', "'#'", 'cast(key_occurrence as ' ~ dbt.type_string() ~ ')'
        ])) }} as attendance_key,
        event_uid,
        occurrence_start_at,
        occurrence_end_at,
        cast({{ dbt.date_trunc('day', 'occurrence_start_at') }} as date) as occurred_on,
        {{ fiscal_quarter_start('occurrence_start_at') }} as quarter_start,
        duration_minutes,
        title,
        categories,
        {{ decision_reference('title', '[DEC-', ']') }} as decision_reference,
        {{ has_category('categories', var('observed_ai_categories')) }} as has_ai_category,
        attendee_key,
        attendee_type,
        participation_status,
        source_file,
        source_row,
        case
            when exclusion_reason is not null then exclusion_reason
            when event_uid is null then 'missing_key'
            when key_occurrence > 1 then 'duplicate_attendee'
            when has_bad_date or occurrence_start_at is null then 'unparseable_date'
            when has_bad_number or duration_minutes is null then 'unparseable_number'
            when attendee_key is null then 'missing_attendee'
            when duration_minutes <= 0 then 'zero_length'
        end as quarantine_reason
    from keyed

)

select * from final
