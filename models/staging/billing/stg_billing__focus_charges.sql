-- one row per row of the FOCUS billing export(s), typed; rows that cannot be used carry a
-- quarantine_reason. Accepts FOCUS 1.0-1.3 column sets (ProviderName or ServiceProviderName).
-- Materialized as a table, not a view: a dozen models and tests read it, and each would parse and
-- fingerprint every export row again (ten million rows a year at 10,000 FTE; docs/performance.md).
{{ config(materialized='table') }}
{%- set export = export_relation('billing', 'focus_billing') -%}
{%- set required = ['BilledCost', 'EffectiveCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd',
                    'ChargeCategory', 'ServiceCategory', 'ServiceName', ['ServiceProviderName', 'ProviderName']] -%}
{%- set chosen = require_columns(export, required, 'Billing (FOCUS)', export_location('billing', 'focus_billing'),
                                 allow_empty=not source_enabled('billing'), path_var='billing_path') -%}
{%- set present = relation_columns(export) -%}
{#- files of different FOCUS versions may sit in one glob: take whichever provider column a row has -#}
{%- set provider_columns = chosen.get('serviceprovidername', ['serviceprovidername']) -%}
{%- set provider_column = 'coalesce(' ~ provider_columns | join(', ') ~ ')' if provider_columns | length > 1
                         else provider_columns[0] -%}
{%- set raw_columns = present | reject('equalto', 'filename') | list -%}
{%- set cost_type = 'decimal(38, 12)' %}

with

source as (

    select * from {{ export }}

),

numbered as (

    -- a re-exported row is identical in every column to one already read: number the copies by
    -- comparing whole rows (exact; a hash is only the row's label below)
    select
        *,
        row_number() over (
            partition by {{ (raw_columns if raw_columns else ['billedcost']) | join(', ') }}
            order by filename
        ) as fingerprint_occurrence
    from source

),

typed as (

    select
        {{ row_hash(raw_columns if raw_columns else ['billedcost']) }} as row_fingerprint,
        fingerprint_occurrence,
        trim(cast({{ provider_column }} as {{ dbt.type_string() }})) as provider_name,
        cast({{ optional_column(present, ['InvoiceIssuerName']) }} as {{ dbt.type_string() }}) as invoice_issuer_name,
        cast({{ optional_column(present, ['BillingAccountId']) }} as {{ dbt.type_string() }}) as billing_account_id,
        cast({{ optional_column(present, ['SubAccountId']) }} as {{ dbt.type_string() }}) as sub_account_id,
        cast(servicecategory as {{ dbt.type_string() }}) as service_category,
        cast(servicename as {{ dbt.type_string() }}) as service_name,
        cast(chargecategory as {{ dbt.type_string() }}) as charge_category,
        cast({{ optional_column(present, ['ChargeClass']) }} as {{ dbt.type_string() }}) as charge_class,
        cast({{ optional_column(present, ['ChargeDescription']) }} as {{ dbt.type_string() }}) as charge_description,
        cast({{ optional_column(present, ['SkuId']) }} as {{ dbt.type_string() }}) as sku_id,
        cast({{ optional_column(present, ['ResourceId']) }} as {{ dbt.type_string() }}) as resource_id,
        cast({{ optional_column(present, ['RegionId']) }} as {{ dbt.type_string() }}) as region_id,
        cast({{ optional_column(present, ['ConsumedUnit']) }} as {{ dbt.type_string() }}) as consumed_unit,
        {{ safe_cast(optional_column(present, ['ConsumedQuantity']), 'decimal(38, 10)') }} as consumed_quantity,
        {{ utc_timestamp('chargeperiodstart') }} as charge_period_start,
        {{ utc_timestamp('chargeperiodend') }} as charge_period_end,
        {{ safe_cast('billedcost', cost_type) }} as billed_cost,
        {{ safe_cast('effectivecost', cost_type) }} as effective_cost,
        {{ safe_cast(optional_column(present, ['ListCost']), cost_type) }} as list_cost,
        upper(trim(cast(billingcurrency as {{ dbt.type_string() }}))) as billing_currency,
        cast({{ optional_column(present, ['Tags']) }} as {{ dbt.type_string() }}) as tags,
        (
            {{ optional_column(present, ['Tags']) }} is not null
            and not {{ json_is_valid(optional_column(present, ['Tags'])) }}
        ) as has_invalid_tags,
        chargeperiodstart as raw_charge_period_start,
        chargeperiodend as raw_charge_period_end,
        billedcost as raw_billed_cost,
        effectivecost as raw_effective_cost,
        filename as source_file
    from numbered

),

keyed as (

    -- each timestamp and amount is parsed once, in typed; the flags compare raw and parsed
    select
        *,
        (
            (raw_charge_period_start is not null and charge_period_start is null)
            or (raw_charge_period_end is not null and charge_period_end is null)
            or raw_charge_period_start is null
            or raw_charge_period_end is null
        ) as has_bad_date,
        (
            (raw_billed_cost is not null and billed_cost is null)
            or (raw_effective_cost is not null and effective_cost is null)
        ) as has_bad_number
    from typed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'row_fingerprint', "'#'", 'cast(fingerprint_occurrence as ' ~ dbt.type_string() ~ ')'
        ])) }} as charge_key,
        row_fingerprint,
        fingerprint_occurrence,
        provider_name,
        invoice_issuer_name,
        billing_account_id,
        sub_account_id,
        service_category,
        service_name,
        charge_category,
        charge_class,
        charge_description,
        sku_id,
        resource_id,
        region_id,
        consumed_quantity,
        consumed_unit,
        charge_period_start,
        charge_period_end,
        cast(charge_period_start as date) as charge_date,
        {{ fiscal_quarter_start('charge_period_start') }} as quarter_start,
        billed_cost,
        effective_cost,
        list_cost,
        billing_currency,
        tags,
        has_invalid_tags,
        (
            charge_category in ('Credit', 'Adjustment')
            or coalesce(charge_class, '') = 'Correction'
            or billed_cost < 0
        ) as is_adjustment,
        source_file,
        case
            when fingerprint_occurrence > 1 then 'duplicate_reexport'
            when has_bad_date then 'unparseable_date'
            when has_bad_number then 'unparseable_number'
            when billed_cost is null or effective_cost is null then 'missing_amount'
            when provider_name is null or provider_name = '' then 'missing_provider'
            when charge_period_end < charge_period_start then 'period_end_before_start'
            when billing_currency is null or length(billing_currency) <> 3 then 'invalid_currency'
        end as quarantine_reason
    from keyed

)

select * from final
