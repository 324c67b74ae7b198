-- one row per clean billing charge, classified into a cost category by the first matching
-- rule of billing_category_map (lowest priority number wins; the catch-all rule is out_of_scope)
-- A table, not a view: the reports, the variance tests and the quarter spine all read it (docs/performance.md).
{{ config(materialized='table') }}
{%- if var('billing_cost_measure') not in ['effective_cost', 'billed_cost'] %}
    {{ exceptions.raise_compiler_error("var billing_cost_measure must be effective_cost or billed_cost, got '" ~ var('billing_cost_measure') ~ "'") }}
{%- endif %}
with

charges as (

    select * from {{ ref('int_billing_charges_usd') }}
    where quarantine_reason is null

),

rules as (

    select * from {{ ref('stg_reference__billing_category_rules') }}

),

profiles as (

    -- a rule reads only provider, service and tags: classify each distinct combination once
    -- (thousands), not each charge (millions of hourly line items)
    select distinct
        provider_name,
        service_category,
        service_name,
        tags
    from charges

),

matches as (

    select
        profiles.provider_name,
        profiles.service_category,
        profiles.service_name,
        profiles.tags,
        rules.rule_id,
        rules.cost_category,
        row_number() over (
            partition by profiles.provider_name, profiles.service_category, profiles.service_name, profiles.tags
            order by rules.priority
        ) as match_rank
    from profiles
    inner join rules
        on (rules.provider_name is null or profiles.provider_name = rules.provider_name)
        and (rules.service_category is null or profiles.service_category = rules.service_category)
        and (rules.service_name is null or profiles.service_name = rules.service_name)
        and (
            rules.tag_key is null
            or (
                {{ json_text(charges_tags='profiles.tags', key_expr='rules.tag_key') }}
                = coalesce(rules.tag_value, {{ json_text(charges_tags='profiles.tags', key_expr='rules.tag_key') }})
            )
        )

),

best_matches as (

    select * from matches
    where match_rank = 1

),

final as (

    select
        charges.charge_key,
        charges.provider_name,
        charges.invoice_issuer_name,
        charges.service_category,
        charges.service_name,
        charges.charge_category,
        charges.charge_class,
        charges.charge_date,
        charges.quarter_start,
        charges.billed_cost_usd,
        charges.effective_cost_usd,
        charges.{{ var('billing_cost_measure') }}_usd as reported_cost_usd,
        charges.is_adjustment,
        coalesce(matches.cost_category, 'unclassified') as cost_category,
        matches.rule_id as category_rule_id
    from charges
    left join best_matches as matches
        on {{ null_safe_equals('charges.provider_name', 'matches.provider_name') }}
        and {{ null_safe_equals('charges.service_category', 'matches.service_category') }}
        and {{ null_safe_equals('charges.service_name', 'matches.service_name') }}
        and {{ null_safe_equals('charges.tags', 'matches.tags') }}

)

select * from final
