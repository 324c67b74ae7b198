-- one row per LLM call of the gateway's spend log (LiteLLM's shape), typed: tokens, the spend the
-- gateway logged and the decision the call's tags cite. The user is pseudonymised. Calls that
-- cannot be used carry a quarantine_reason (a failed call, a re-export, text in a number, ...).
{%- set raw = export_relation('observed', 'litellm_spend_logs') -%}
{%- set present = require_columns(
    raw, ['request_id', 'startTime', 'endTime', 'model', 'custom_llm_provider', 'prompt_tokens', 'completion_tokens', 'spend'],
    'LLM gateway spend log', export_location('observed', 'litellm_spend_logs', 'litellm_spend_logs_path'),
    allow_empty=true, path_var='litellm_spend_logs_path'
) -%}
{%- set columns = relation_columns(raw) -%}
{#- `user` is a reserved word in PostgreSQL (the session user): always quote the column -#}
{%- set user_column = optional_column(columns, ['user', 'end_user']) -%}
{%- if user_column in ['user', 'end_user'] -%}{%- set user_column = adapter.quote(user_column) -%}{%- endif %}

with

source as (

    select * from {{ raw }}

),

mapped as (

    select
        cast(request_id as {{ dbt.type_string() }}) as request_id,
        cast(starttime as {{ dbt.type_string() }}) as started_at_text,
        cast(endtime as {{ dbt.type_string() }}) as ended_at_text,
        cast(model as {{ dbt.type_string() }}) as model,
        lower(trim(cast(custom_llm_provider as {{ dbt.type_string() }}))) as provider,
        cast(prompt_tokens as {{ dbt.type_string() }}) as prompt_tokens_text,
        cast(completion_tokens as {{ dbt.type_string() }}) as completion_tokens_text,
        cast(spend as {{ dbt.type_string() }}) as spend_text,
        cast({{ user_column }} as {{ dbt.type_string() }}) as user_text,
        cast({{ optional_column(columns, ['team_id']) }} as {{ dbt.type_string() }}) as team_id,
        cast({{ optional_column(columns, ['request_tags']) }} as {{ dbt.type_string() }}) as request_tags,
        cast({{ optional_column(columns, ['session_id']) }} as {{ dbt.type_string() }}) as session_id,
        lower(cast({{ optional_column(columns, ['status']) }} as {{ dbt.type_string() }})) as status,
        filename as source_file
    from source

),

typed as (

    select
        *,
        {{ utc_timestamp('started_at_text') }} as started_at,
        {{ utc_timestamp('ended_at_text') }} as ended_at,
        {{ safe_cast('prompt_tokens_text', 'bigint') }} as prompt_tokens,
        {{ safe_cast('completion_tokens_text', 'bigint') }} as completion_tokens,
        {{ safe_cast('spend_text', 'decimal(18, 8)') }} as logged_spend_usd,
        {{ row_fingerprint(['started_at_text', 'ended_at_text', 'model', 'provider', 'prompt_tokens_text',
                            'completion_tokens_text', 'spend_text', 'user_text', 'request_tags', 'status']) }}
            as row_fingerprint
    from mapped

),

keyed as (

    select
        *,
        row_number() over (partition by request_id order by source_file, row_fingerprint) as key_occurrence,
        {{ has_conflicting_versions('row_fingerprint', 'request_id') }} as has_conflicting_versions
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            "coalesce(request_id, '<missing>')", "'#'", 'cast(key_occurrence as ' ~ dbt.type_string() ~ ')'
        ])) }} as call_key,
        request_id,
        key_occurrence,
        started_at,
        ended_at,
        cast({{ dbt.date_trunc('day', 'started_at') }} as date) as occurred_on,
        {{ fiscal_quarter_start('started_at') }} as quarter_start,
        provider,
        model,
        prompt_tokens,
        completion_tokens,
        logged_spend_usd,
        case when user_text is not null then {{ dbt.hash('lower(trim(user_text))') }} end as user_key,
        team_id,
        session_id,
        coalesce(status, 'success') as status,
        {{ decision_reference('request_tags', 'decision:DEC-', '"') }} as decision_reference,
        source_file,
        case
            when request_id is null then 'missing_key'
            when has_conflicting_versions then 'conflicting_duplicate_key'
            when key_occurrence > 1 then 'duplicate_reexport'
            when coalesce(status, 'success') <> 'success' then 'failed_request'
            when started_at is null then 'unparseable_date'
            when prompt_tokens is null or completion_tokens is null
                or (spend_text is not null and logged_spend_usd is null) then 'unparseable_number'
            when model is null or provider is null then 'missing_model'
        end as quarantine_reason
    from keyed

)

select * from final
