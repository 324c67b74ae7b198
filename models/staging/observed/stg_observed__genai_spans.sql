-- one row per OpenTelemetry GenAI span (an agent call or hand-off), typed: tokens, model, agent and
-- the decision its conversation id cites. Spans that cannot be used carry a quarantine_reason.
{%- set raw = export_relation('observed', 'otel_genai_spans') -%}
{%- do require_columns(
    raw, ['span_id', 'start_time', 'end_time', 'provider_name', 'request_model', 'input_tokens', 'output_tokens',
          'agent_id', 'conversation_id', 'status_code'],
    'GenAI spans', export_location('observed', 'otel_genai_spans', 'otel_genai_spans_path'),
    allow_empty=true, path_var='otel_genai_spans_path'
) %}

with

source as (

    select * from {{ raw }}

),

typed as (

    select
        cast(trace_id as {{ dbt.type_string() }}) as trace_id,
        cast(span_id as {{ dbt.type_string() }}) as span_id,
        {{ utc_timestamp('start_time') }} as started_at,
        {{ utc_timestamp('end_time') }} as ended_at,
        lower(trim(cast(provider_name as {{ dbt.type_string() }}))) as provider,
        cast(request_model as {{ dbt.type_string() }}) as model,
        {{ safe_cast('input_tokens', 'bigint') }} as input_tokens,
        {{ safe_cast('output_tokens', 'bigint') }} as output_tokens,
        cast(agent_id as {{ dbt.type_string() }}) as agent_id,
        cast(conversation_id as {{ dbt.type_string() }}) as conversation_id,
        upper(cast(status_code as {{ dbt.type_string() }})) as status_code,
        (input_tokens is not null and {{ safe_cast('input_tokens', 'bigint') }} is null)
        or (output_tokens is not null and {{ safe_cast('output_tokens', 'bigint') }} is null) as has_bad_number,
        {{ row_fingerprint(['trace_id', 'start_time', 'end_time', 'provider_name', 'request_model', 'input_tokens',
                            'output_tokens', 'agent_id', 'conversation_id', 'status_code']) }} as row_fingerprint,
        filename as source_file
    from source

),

keyed as (

    select
        *,
        row_number() over (partition by span_id order by source_file, row_fingerprint) as key_occurrence,
        {{ has_conflicting_versions('row_fingerprint', 'span_id') }} as has_conflicting_versions
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            "coalesce(span_id, '<missing>')", "'#'", 'cast(key_occurrence as ' ~ dbt.type_string() ~ ')'
        ])) }} as span_key,
        trace_id,
        span_id,
        key_occurrence,
        started_at,
        ended_at,
        cast({{ dbt.date_trunc('day', 'started_at') }} as date) as occurred_on,
        {{ fiscal_quarter_start('started_at') }} as quarter_start,
        provider,
        model,
        input_tokens,
        output_tokens,
        agent_id,
        {{ decision_reference('conversation_id', 'DEC-', ':') }} as decision_reference,
        status_code,
        source_file,
        case
            when span_id is null then 'missing_key'
            when has_conflicting_versions then 'conflicting_duplicate_key'
            when key_occurrence > 1 then 'duplicate_reexport'
            when status_code = 'STATUS_CODE_ERROR' then 'failed_request'
            when started_at is null then 'unparseable_date'
            when has_bad_number or input_tokens is null or output_tokens is null then 'unparseable_number'
            when model is null or provider is null then 'missing_model'
        end as quarantine_reason
    from keyed

)

select * from final
