-- =====================================================================================
-- bench/floor.sql -- "the floor": the four Coordination FinOps marts in one DuckDB script
-- =====================================================================================
--
-- What it is. A hand-written, single-pass DuckDB formulation of
--     floor.fct_coordination_edges, floor.fct_decisions,
--     floor.rpt_quarterly_real_ai_cost, floor.rpt_quarterly_coordination_kpis
-- from the same inputs as the dbt project. It is (1) the performance floor the dbt build
-- is compared with and (2) an independent check of the money: it is derived from
-- docs/method.md and docs/decisions.md (cited below as [method: ...] / [decisions: ...]),
-- with the models read only to pin each rule down; bench/compare.py checks the result
-- against a dbt warehouse.
--
-- How it runs. bench/floor.py substitutes the double-underscore placeholders (file readers with
-- safely quoted paths, and the two numeric parameters) and runs the script through the
-- duckdb Python module. Temp tables hold only what several marts reuse; nothing else is
-- materialised, no tests run.
--
-- Scope (what is deliberately NOT supported; the dbt project does support these):
--   * payroll_layout = register only (the San Francisco annual layout is skipped);
--   * the default vars only: fiscal_year_start_month = 1 (calendar quarters),
--     billing_cost_measure = effective_cost, the default band thresholds
--     (400 / 1,500 / 3,000 / 6,000); min_employees_per_payroll_rate is a parameter
--     (__MIN_EMPLOYEES__, default 5);
--   * build-stopping checks are not replicated (missing files/columns fail here too, as
--     DuckDB errors, but the "more than 5% quarantined" guard, overlapping-window and
--     variance tests are not run): the floor assumes inputs on which dbt build passes;
--   * quarantined rows are excluded exactly as dbt excludes them from the marts, but they
--     are not listed (no fct_quarantined_rows).
-- Inputs: payroll register and FOCUS 1.0-1.3 billing as CSV (read all-varchar, 'NULL'
-- and '' as null, like the project's sources) or Parquet (columns as text); seeds as CSV;
-- the decision inventory from the seeds or from Parquet/CSV folders.
-- =====================================================================================

-- FOCUS charge periods are UTC [decisions: Inputs/Timestamps]. With the session in UTC, a
-- text cast to TIMESTAMPTZ honours an explicit offset or Z and reads text without one as
-- UTC; converting back to a UTC wall clock gives the charge's UTC timestamp.
set TimeZone = 'UTC';

create schema if not exists floor;

-- -------------------------------------------------------------------------------------
-- Helpers
-- -------------------------------------------------------------------------------------

-- Exact decimal division rounded half away from zero [decisions: Money]. Both operands
-- are taken at 12 decimal places as 128-bit integers; the quotient in units of 1/scale
-- is the integer quotient plus one when twice the remainder reaches the divisor.
-- A zero divisor gives null.
create or replace temp macro as_units12(x) as
    cast(cast(x as decimal(38, 12)) * 1000000000000 as hugeint);
create or replace temp macro quotient_units(n, d, scale) as (
    case
        when as_units12(d) = 0 then null
        else sign(as_units12(n)) * sign(as_units12(d)) * (
            (abs(as_units12(n)) * scale) // abs(as_units12(d))
            + case when 2 * ((abs(as_units12(n)) * scale) % abs(as_units12(d))) >= abs(as_units12(d))
                   then 1 else 0 end
        )
    end
);
-- The same rounding for an integer numerator over a positive integer divisor (cheap: used
-- per row where the operands are already integers, e.g. micro-dollars).
create or replace temp macro idiv_half_away(n, d) as sign(n) * ((abs(n) + d // 2) // d);
create or replace temp macro micro_to_usd(units) as cast(units as decimal(38, 0)) * 0.000001;
create or replace temp macro div6(n, d) as cast(quotient_units(n, d, 1000000) as decimal(38, 0)) * 0.000001;
create or replace temp macro div4(n, d) as cast(quotient_units(n, d, 10000) as decimal(38, 0)) * 0.0001;
create or replace temp macro div2(n, d) as cast(quotient_units(n, d, 100) as decimal(38, 0)) * 0.01;

-- Calendar quarters (fiscal_year_start_month = 1): first day and label FYyyyy-Qn.
create or replace temp macro quarter_of(ts) as cast(date_trunc('quarter', ts) as date);
create or replace temp macro quarter_label(q) as 'FY' || year(q) || '-Q' || quarter(q);

-- A dated card row applies on day d when valid_from <= d < valid_to, null valid_to = open
-- [decisions: Rates 2, Inputs/Non-USD amounts; seeds: valid_to is exclusive].
create or replace temp macro valid_on(d, valid_from, valid_to) as
    d >= valid_from and (valid_to is null or d < valid_to);

-- Text of a hand-kept table: dbt seeds read '' and 'null' as null; a Parquet inventory
-- may write '' for a missing value.
create or replace temp macro txt(x) as nullif(nullif(cast(x as varchar), ''), 'null');

-- -------------------------------------------------------------------------------------
-- 1. Reference cards (seeds): FX, role rate card, job titles, model prices, rules
-- -------------------------------------------------------------------------------------

create or replace temp table fx as
select upper(trim(currency)) as currency, cast(usd_per_unit as decimal(18, 8)) as usd_per_unit,
       cast(valid_from as date) as valid_from, cast(valid_to as date) as valid_to
from __SEED_fx_rates__;

create or replace temp table rate_card as
select lower(trim(role)) as role, cast(loaded_hourly_rate_usd as decimal(12, 4)) as rate,
       cast(valid_from as date) as valid_from, cast(valid_to as date) as valid_to
from __SEED_role_rate_card__;

-- job titles match case-insensitively [decisions: Inputs/Job titles]
create or replace temp table title_roles as
select lower(trim(job_title)) as job_title, lower(trim(role)) as role
from __SEED_job_title_role_map__;

create or replace temp table model_prices as
select trim(provider) as provider, trim(model) as model,
       -- prices are USD per 1M tokens with 6 decimals: held as integer micro-dollars
       cast(cast(input_usd_per_1m_tokens as decimal(12, 6)) * 1000000 as bigint) as input_micro,
       cast(cast(output_usd_per_1m_tokens as decimal(12, 6)) * 1000000 as bigint) as output_micro,
       cast(cast(cached_input_usd_per_1m_tokens as decimal(12, 6)) * 1000000 as bigint) as cached_micro,
       cast(valid_from as date) as valid_from, cast(valid_to as date) as valid_to
from __SEED_model_price_card__;

-- -------------------------------------------------------------------------------------
-- 2. Payroll: clean pay lines in USD [method: Units; decisions: Rates, Inputs]
-- -------------------------------------------------------------------------------------
-- Rules: a re-exported line (same pay_line_id, same content; names ignored) counts once;
-- two different lines under one pay_line_id are both left out, as is a line without an
-- id; a line is left out when a date or number does not parse, the period end is missing
-- or before the start, wages are missing, wages and hours have opposite signs, the
-- currency is malformed, or no FX rate is valid on the period end. Reversals (negative
-- lines) are kept and net out. The line's quarter is that of its pay period end. Loaded
-- cost = wages + employer taxes + benefits, each converted to USD and rounded to the cent.
create or replace temp table pay_lines as
with lines as (
    select distinct
        cast(pay_line_id as varchar) as pay_line_id, cast(employee_id as varchar) as employee_id,
        cast(job_title as varchar) as job_title, cast(department as varchar) as department,
        cast(pay_period_start as varchar) as pay_period_start, cast(pay_period_end as varchar) as pay_period_end,
        cast(pay_date as varchar) as pay_date, cast(wages as varchar) as wages,
        cast(employer_taxes as varchar) as employer_taxes, cast(benefits as varchar) as benefits,
        cast(hours_paid as varchar) as hours_paid, cast(currency as varchar) as currency
    from __PAYROLL_SOURCE__
),
one_version as (
    select * from lines
    where pay_line_id is not null
    qualify count(*) over (partition by pay_line_id) = 1
),
typed as (
    select
        employee_id,
        lower(trim(job_title)) as job_title_key,
        try_cast(pay_period_start as date) as period_start,
        try_cast(pay_period_end as date) as period_end,
        try_cast(wages as decimal(18, 2)) as wages,
        try_cast(employer_taxes as decimal(18, 2)) as employer_taxes,
        try_cast(benefits as decimal(18, 2)) as benefits,
        try_cast(hours_paid as decimal(12, 2)) as hours_paid,
        upper(trim(currency)) as currency,
        (pay_period_start is not null and try_cast(pay_period_start as date) is null)
            or pay_period_end is null or try_cast(pay_period_end as date) is null
            or (pay_date is not null and try_cast(pay_date as date) is null)
            or (wages is not null and try_cast(wages as decimal(18, 2)) is null)
            or (employer_taxes is not null and try_cast(employer_taxes as decimal(18, 2)) is null)
            or (benefits is not null and try_cast(benefits as decimal(18, 2)) is null)
            or (hours_paid is not null and try_cast(hours_paid as decimal(12, 2)) is null)
            as unparseable
    from one_version
)
select
    typed.employee_id,
    typed.job_title_key,
    quarter_of(typed.period_end) as quarter_start,
    typed.hours_paid,
    round(typed.wages * fx.usd_per_unit, 2)
        + coalesce(round(typed.employer_taxes * fx.usd_per_unit, 2), 0)
        + coalesce(round(typed.benefits * fx.usd_per_unit, 2), 0) as loaded_cost_usd
from typed
inner join fx
    on typed.currency = fx.currency and valid_on(typed.period_end, fx.valid_from, fx.valid_to)
where not typed.unparseable
  and typed.wages is not null
  and not coalesce(typed.period_end < typed.period_start, false)
  and not coalesce((typed.wages > 0 and typed.hours_paid < 0) or (typed.wages < 0 and typed.hours_paid > 0), false)
  and length(typed.currency) = 3;

-- Payroll-derived loaded rate per role and quarter [decisions: Rates 1]:
-- sum(loaded cost) / sum(hours paid) over the lines whose title maps to the role and whose
-- hours are known, published only with at least __MIN_EMPLOYEES__ employees behind it
-- (privacy) and positive hours.
create or replace temp table payroll_rates as
select title_roles.role, pay_lines.quarter_start,
       div6(sum(pay_lines.loaded_cost_usd), sum(pay_lines.hours_paid)) as rate
from pay_lines
inner join title_roles on pay_lines.job_title_key = title_roles.job_title
where pay_lines.hours_paid is not null
group by title_roles.role, pay_lines.quarter_start
having count(distinct pay_lines.employee_id) >= __MIN_EMPLOYEES__ and sum(pay_lines.hours_paid) > 0;

-- -------------------------------------------------------------------------------------
-- 3. Billing: clean FOCUS charges in USD, classified, summed per quarter and category
-- -------------------------------------------------------------------------------------
-- [decisions: Inputs/Re-exported duplicates, FOCUS versions, Non-USD; The billing
-- categories; Money]. A row identical in every column to another counts once. A row is
-- left out when a charge period bound is missing or does not parse, BilledCost or
-- EffectiveCost is missing or does not parse, the provider is missing, the period ends
-- before it starts, the currency is malformed, or no FX rate is valid on the charge date.
-- Credits and corrections are kept. The provider is ServiceProviderName (1.3) or
-- ProviderName (1.0-1.2). Quarter = that of ChargePeriodStart (UTC). Reported cost =
-- EffectiveCost x FX, at 12 decimal places (half away from zero).
create or replace temp table billing_by_group as
with charges as (
    select distinct *
    from (
        select * from __BILLING_SOURCE__
        -- an empty template: the optional columns exist even when no file has them
        union all by name
        select null::varchar as ServiceProviderName, null::varchar as ProviderName, null::varchar as Tags
        where false
    )
),
typed as (
    select
        trim(coalesce(cast(ServiceProviderName as varchar), cast(ProviderName as varchar))) as provider_name,
        cast(ServiceCategory as varchar) as service_category,
        cast(ServiceName as varchar) as service_name,
        cast(Tags as varchar) as tags,
        timezone('UTC', try_cast(trim(cast(ChargePeriodStart as varchar)) as timestamptz)) as period_start,
        timezone('UTC', try_cast(trim(cast(ChargePeriodEnd as varchar)) as timestamptz)) as period_end,
        try_cast(BilledCost as decimal(38, 12)) as billed_cost,
        try_cast(EffectiveCost as decimal(38, 12)) as effective_cost,
        upper(trim(cast(BillingCurrency as varchar))) as currency,
        (BilledCost is not null and try_cast(BilledCost as decimal(38, 12)) is null)
            or (EffectiveCost is not null and try_cast(EffectiveCost as decimal(38, 12)) is null)
            as unparseable_number
    from charges
),
usable as (
    select
        typed.*,
        cast(round(typed.effective_cost * fx.usd_per_unit, 12) as decimal(38, 12)) as reported_cost_usd
    from typed
    inner join fx
        on typed.currency = fx.currency
        and valid_on(cast(typed.period_start as date), fx.valid_from, fx.valid_to)
    where typed.period_start is not null and typed.period_end is not null
      and not typed.unparseable_number
      and typed.billed_cost is not null and typed.effective_cost is not null
      and coalesce(typed.provider_name, '') <> ''
      and typed.period_end >= typed.period_start
      and length(typed.currency) = 3
)
-- sums are exact, so costs can be summed before the (per-group) classification
select quarter_of(period_start) as quarter_start, provider_name, service_category, service_name, tags,
       sum(reported_cost_usd) as reported_cost_usd
from usable
group by all;

-- First matching rule by priority (lowest number wins); a rule matches when each of its
-- non-null matchers equals the charge's value; a tag rule needs the tag key in Tags (JSON)
-- with the rule's value (any value when the rule has none). No match = unclassified.
create or replace temp table billing_by_quarter as
with rules as (
    select cast(priority as integer) as priority, txt(provider_name) as provider_name,
           txt(service_category) as service_category, txt(service_name) as service_name,
           txt(tag_key) as tag_key, txt(tag_value) as tag_value,
           lower(trim(cost_category)) as cost_category
    from __SEED_billing_category_map__
),
classified as (
    select
        g.quarter_start, g.reported_cost_usd,
        coalesce(arg_min(r.cost_category, r.priority), 'unclassified') as cost_category
    from billing_by_group as g
    left join rules as r
        on (r.provider_name is null or g.provider_name = r.provider_name)
        and (r.service_category is null or g.service_category = r.service_category)
        and (r.service_name is null or g.service_name = r.service_name)
        and (r.tag_key is null
             or json_extract_string(try_cast(g.tags as json), '$."' || r.tag_key || '"')
                = coalesce(r.tag_value, json_extract_string(try_cast(g.tags as json), '$."' || r.tag_key || '"')))
    group by g.quarter_start, g.provider_name, g.service_category, g.service_name, g.tags, g.reported_cost_usd
)
select
    quarter_start,
    sum(reported_cost_usd) as total_bill_usd,
    sum(reported_cost_usd) filter (where cost_category = 'ai_infrastructure') as ai_infrastructure_usd,
    sum(reported_cost_usd) filter (where cost_category = 'adjacency_cloud') as adjacency_cloud_usd,
    count(*) filter (where cost_category in ('ai_infrastructure', 'adjacency_cloud')) > 0 as has_ai_or_adjacency
from classified
group by quarter_start;

-- -------------------------------------------------------------------------------------
-- 4. The decision inventory [method: The four coordination edges; decisions: Inputs]
-- -------------------------------------------------------------------------------------

-- A decision without an id, or ratified before it was initiated, is left out (and so are
-- its edges). It belongs to the quarter it was ratified in; open decisions have none.
create or replace temp table decisions as
select
    trim(txt(decision_id)) as decision_id,
    txt(title) as title,
    lower(trim(txt(decision_type))) as decision_type,
    coalesce(trim(txt(department)), 'unknown') as department,
    cast(txt(initiated_at) as timestamp) as initiated_at,
    cast(txt(ratified_at) as timestamp) as ratified_at,
    lower(trim(txt(outcome))) as outcome
from __INV_decision_log__
where txt(decision_id) is not null
  and not coalesce(cast(txt(ratified_at) as timestamp) < cast(txt(initiated_at) as timestamp), false);

-- Every edge traversal with `usable`: it has an id, a known edge type, a timestamp,
-- iterations >= 1 (null = 1), remediation minutes >= 0 (null = 0) with a role when > 0,
-- and a (clean) decision. Unusable edges count against their decision.
create or replace temp table edges as
with typed as (
    select
        trim(txt(edge_id)) as edge_id,
        trim(txt(decision_id)) as decision_id,
        cast(txt(edge_sequence) as integer) as edge_sequence,
        upper(trim(txt(edge_type))) as edge_type,
        cast(txt(occurred_at) as timestamp) as occurred_at,
        coalesce(cast(txt(iterations) as integer), 1) as iterations,
        coalesce(cast(txt(remediation_minutes) as integer), 0) as remediation_minutes,
        lower(trim(txt(remediation_role))) as remediation_role
    from __INV_decision_edges__
)
select
    typed.*,
    cast(occurred_at as date) as occurred_on,
    quarter_of(occurred_at) as quarter_start,
    coalesce(
        edge_id is not null
        and edge_type in ('H2H', 'H2A', 'A2H', 'A2A')
        and occurred_at is not null
        and iterations >= 1
        and remediation_minutes >= 0
        and not (remediation_minutes > 0 and remediation_role is null),
        false
    ) as row_ok,
    row_ok and decision_id in (select decision_id from decisions) as usable
from typed;

-- Participants (per edge and role) and tokens (per edge and model), with `row_ok`.
create or replace temp table participants as
with typed as (
    select
        trim(txt(edge_id)) as edge_id,
        lower(trim(txt(role))) as role,
        cast(txt(participant_count) as integer) as participant_count,
        cast(txt(minutes_per_iteration) as integer) as minutes_per_iteration
    from __INV_decision_edge_participants__
)
select *,
    coalesce(edge_id is not null and role is not null
             and participant_count >= 1 and minutes_per_iteration >= 0, false) as row_ok
from typed;

create or replace temp table tokens as
with typed as (
    select
        trim(txt(edge_id)) as edge_id,
        trim(txt(provider)) as provider,
        trim(txt(model)) as model,
        coalesce(cast(txt(input_tokens) as bigint), 0) as input_tokens,
        coalesce(cast(txt(output_tokens) as bigint), 0) as output_tokens,
        coalesce(cast(txt(cached_input_tokens) as bigint), 0) as cached_input_tokens
    from __INV_decision_edge_tokens__
)
select *,
    coalesce(edge_id is not null and provider is not null and model is not null, false)
        and input_tokens >= 0 and output_tokens >= 0 and cached_input_tokens >= 0 as row_ok
from typed;

-- -------------------------------------------------------------------------------------
-- 5. fct_coordination_edges [method: Units; decisions: Rates, Tokens are counted once]
-- -------------------------------------------------------------------------------------
-- Human time: each participant role's minutes x people x iterations, and an A2A
-- remediation's minutes (once), priced at the role's payroll rate of the edge's quarter,
-- else the rate card valid on the edge's day, else unallocated ('unknown_role' when no
-- card or job title knows the role, 'no_rate_for_date' otherwise). Cost of an entry =
-- minutes x rate / 60 at 6 decimals. Model cost = tokens x the price valid on the edge's
-- day, per million, at 6 decimals; unpriced tokens are unallocated. An edge with a
-- quarantined participant or token row is not fully costed.
create or replace table floor.fct_coordination_edges as
with usable_edges as (
    select * from edges where usable
),
time_entries as (
    select p.edge_id, true as is_participation, p.role, p.participant_count,
           p.participant_count * p.minutes_per_iteration * e.iterations as minutes,
           e.occurred_on, e.quarter_start
    from participants as p
    inner join usable_edges as e on p.edge_id = e.edge_id
    where p.row_ok
    union all
    select edge_id, false, remediation_role, 1, remediation_minutes, occurred_on, quarter_start
    from usable_edges
    where remediation_minutes > 0
),
priced_time as (
    select
        t.edge_id, t.is_participation, t.participant_count, t.minutes,
        -- minutes x rate / 60 in integer micro-dollars (rates have at most 6 decimals),
        -- rounded half away from zero: exactly the 6-decimal quotient
        idiv_half_away(t.minutes * cast(coalesce(pr.rate, rc.rate) * 1000000 as bigint), 60) as cost_micro,
        case
            when coalesce(pr.rate, rc.rate) is not null then null
            when t.role in (select role from rate_card union select role from title_roles) then 'no_rate_for_date'
            else 'unknown_role'
        end as unallocated_reason
    from time_entries as t
    left join payroll_rates as pr
        on t.role = pr.role and t.quarter_start = pr.quarter_start
    left join rate_card as rc
        on t.role = rc.role and valid_on(t.occurred_on, rc.valid_from, rc.valid_to)
),
human_by_edge as (
    select
        edge_id,
        sum(participant_count) filter (where is_participation) as participant_count,
        sum(minutes) filter (where is_participation) as human_minutes,
        micro_to_usd(sum(cost_micro) filter (where is_participation)) as human_cost_usd,
        micro_to_usd(sum(cost_micro) filter (where not is_participation)) as remediation_cost_usd,
        sum(minutes) filter (where cost_micro is null) as unallocated_human_minutes,
        min(unallocated_reason) as unallocated_reason
    from priced_time
    group by edge_id
),
priced_tokens as (
    select
        k.edge_id, k.input_tokens, k.output_tokens, k.cached_input_tokens,
        -- tokens x micro-dollars per 1M tokens = 1e-12 USD, rounded to whole micro-dollars
        -- (6 decimal places) per edge and model, as an integer
        idiv_half_away(k.input_tokens * p.input_micro + k.output_tokens * p.output_micro
                       + k.cached_input_tokens * p.cached_micro, 1000000) as cost_micro,
        p.input_micro is null as is_unpriced
    from tokens as k
    inner join usable_edges as e on k.edge_id = e.edge_id
    left join model_prices as p
        on k.provider = p.provider and k.model = p.model
        and valid_on(e.occurred_on, p.valid_from, p.valid_to)
    where k.row_ok
),
tokens_by_edge as (
    select
        edge_id,
        sum(input_tokens) as input_tokens,
        sum(output_tokens) as output_tokens,
        sum(cached_input_tokens) as cached_input_tokens,
        micro_to_usd(sum(cost_micro)) as model_cost_usd,
        sum(input_tokens + output_tokens + cached_input_tokens) filter (where is_unpriced) as unpriced_tokens,
        min(case when is_unpriced then 'no_price_for_model_and_date' end) as unallocated_reason
    from priced_tokens
    group by edge_id
),
bad_details as (
    select edge_id, count(*) as n
    from (select edge_id from participants where not row_ok
          union all
          select edge_id from tokens where not row_ok)
    where edge_id is not null
    group by edge_id
),
assembled as (
    select
        e.edge_id, e.decision_id, e.edge_sequence, e.edge_type, e.occurred_at, e.quarter_start,
        quarter_label(e.quarter_start) as quarter_label,
        e.iterations,
        coalesce(h.participant_count, 0) as participant_count,
        coalesce(h.human_minutes, 0) as human_minutes,
        e.remediation_minutes,
        coalesce(k.input_tokens, 0) as input_tokens,
        coalesce(k.output_tokens, 0) as output_tokens,
        coalesce(k.cached_input_tokens, 0) as cached_input_tokens,
        coalesce(h.human_cost_usd, 0) as human_cost_usd,
        coalesce(k.model_cost_usd, 0) as model_cost_usd,
        coalesce(h.remediation_cost_usd, 0) as remediation_cost_usd,
        coalesce(h.unallocated_human_minutes, 0) as unallocated_human_minutes,
        coalesce(k.unpriced_tokens, 0) as unpriced_tokens,
        coalesce(h.unallocated_reason, k.unallocated_reason,
                 case when b.n is not null then 'quarantined_participant_or_token' end) as unallocated_reason,
        coalesce(b.n, 0) as quarantined_detail_rows
    from usable_edges as e
    left join human_by_edge as h on e.edge_id = h.edge_id
    left join tokens_by_edge as k on e.edge_id = k.edge_id
    left join bad_details as b on e.edge_id = b.edge_id
)
select
    edge_id, decision_id, edge_sequence, edge_type, occurred_at, quarter_start, quarter_label, iterations,
    cast(participant_count as bigint) as participant_count,
    cast(human_minutes as bigint) as human_minutes,
    remediation_minutes,
    cast(input_tokens as bigint) as input_tokens,
    cast(output_tokens as bigint) as output_tokens,
    cast(cached_input_tokens as bigint) as cached_input_tokens,
    cast(human_cost_usd as decimal(18, 6)) as human_cost_usd,
    cast(model_cost_usd as decimal(18, 6)) as model_cost_usd,
    cast(remediation_cost_usd as decimal(18, 6)) as remediation_cost_usd,
    -- coordination cost = the human time only; the total adds the tokens
    cast(human_cost_usd + remediation_cost_usd as decimal(18, 6)) as coordination_cost_usd,
    cast(human_cost_usd + remediation_cost_usd + model_cost_usd as decimal(18, 6)) as total_cost_usd,
    cast(unallocated_human_minutes as bigint) as unallocated_human_minutes,
    cast(unpriced_tokens as bigint) as unpriced_tokens,
    unallocated_reason,
    cast(quarantined_detail_rows as bigint) as quarantined_detail_rows,
    unallocated_human_minutes = 0 and unpriced_tokens = 0 and quarantined_detail_rows = 0 as is_fully_costed
from assembled;

-- -------------------------------------------------------------------------------------
-- 6. fct_decisions [method: Cross-functional decision; decisions: Quarters, Bands]
-- -------------------------------------------------------------------------------------
-- Cost = sum of its edges (tokens included); band on that total once ratified, half-open
-- intervals with the lower bound inclusive.
create or replace table floor.fct_decisions as
with by_decision as (
    select
        decision_id,
        count(*) as edge_count,
        sum(iterations) as iteration_count,
        count(*) filter (where edge_type = 'A2H') as a2h_edges,
        sum(human_minutes + remediation_minutes) as human_minutes,
        sum(total_cost_usd) filter (where edge_type = 'H2H') as h2h_cost_usd,
        sum(total_cost_usd) filter (where edge_type = 'H2A') as h2a_cost_usd,
        sum(total_cost_usd) filter (where edge_type = 'A2H') as a2h_cost_usd,
        sum(total_cost_usd) filter (where edge_type = 'A2A') as a2a_cost_usd,
        sum(human_cost_usd) as human_cost_usd,
        sum(model_cost_usd) as model_cost_usd,
        sum(remediation_cost_usd) as remediation_cost_usd,
        sum(coordination_cost_usd) as coordination_cost_usd,
        sum(total_cost_usd) as total_cost_usd,
        count(*) filter (where not is_fully_costed) as edges_not_fully_costed
    from floor.fct_coordination_edges
    group by decision_id
),
bad_edges as (
    select decision_id, count(*) as n from edges where not row_ok group by decision_id
),
joined as (
    select
        d.decision_id, d.title, d.decision_type, d.department, d.initiated_at, d.ratified_at, d.outcome,
        d.ratified_at is not null as is_ratified,
        quarter_of(d.ratified_at) as decision_quarter_start,
        cast(coalesce(s.edge_count, 0) as bigint) as edge_count,
        cast(coalesce(s.iteration_count, 0) as bigint) as iteration_count,
        cast(coalesce(s.human_minutes, 0) as bigint) as human_minutes,
        cast(coalesce(s.h2h_cost_usd, 0) as decimal(18, 6)) as h2h_cost_usd,
        cast(coalesce(s.h2a_cost_usd, 0) as decimal(18, 6)) as h2a_cost_usd,
        cast(coalesce(s.a2h_cost_usd, 0) as decimal(18, 6)) as a2h_cost_usd,
        cast(coalesce(s.a2a_cost_usd, 0) as decimal(18, 6)) as a2a_cost_usd,
        cast(coalesce(s.human_cost_usd, 0) as decimal(18, 6)) as human_cost_usd,
        cast(coalesce(s.model_cost_usd, 0) as decimal(18, 6)) as model_cost_usd,
        cast(coalesce(s.remediation_cost_usd, 0) as decimal(18, 6)) as remediation_cost_usd,
        cast(coalesce(s.coordination_cost_usd, 0) as decimal(18, 6)) as coordination_cost_usd,
        cast(coalesce(s.total_cost_usd, 0) as decimal(18, 6)) as total_cost_usd,
        coalesce(s.a2h_edges, 0) > 0 as has_a2h_review,
        cast(coalesce(b.n, 0) as bigint) as quarantined_edge_count,
        coalesce(s.edges_not_fully_costed, 0) = 0 and b.n is null as is_fully_costed
    from decisions as d
    left join by_decision as s on d.decision_id = s.decision_id
    left join bad_edges as b on d.decision_id = b.decision_id
)
select
    *,
    quarter_label(decision_quarter_start) as decision_quarter_label,
    case
        when not is_ratified then null
        when total_cost_usd >= 6000 then 'bottleneck'
        when total_cost_usd >= 3000 then 'elevated'
        when total_cost_usd >= 1500 then 'benchmark'
        when total_cost_usd >= 400 then 'lean'
        else 'review_bypass_risk'
    end as cost_band
from joined;

-- -------------------------------------------------------------------------------------
-- 7. Reporting quarters [decisions: Inputs/Quarters]: every quarter from the first to the
-- last with a usable edge, a clean charge, a clean pay line or a ratified decision.
-- -------------------------------------------------------------------------------------
create or replace temp table quarters as
with bounds as (
    select min(q) as first_q, max(q) as last_q
    from (
        select quarter_start as q from floor.fct_coordination_edges
        union all select quarter_start from billing_by_quarter
        union all select quarter_start from pay_lines
        union all select decision_quarter_start from floor.fct_decisions
    )
)
select cast(q.generate_series as date) as quarter_start,
       quarter_label(cast(q.generate_series as date)) as quarter_label,
       3 as months_in_quarter
from bounds, generate_series(bounds.first_q, bounds.last_q, interval 3 month) as q;

-- Each quarter's exact (unrounded) category sums: the four edge types' human time
-- (coordination cost; tokens are in the AI invoice) and the two billing categories.
create or replace temp table quarter_costs as
with edge_costs as (
    select
        quarter_start,
        sum(coordination_cost_usd) filter (where edge_type = 'H2H') as h2h,
        sum(coordination_cost_usd) filter (where edge_type = 'H2A') as h2a,
        sum(coordination_cost_usd) filter (where edge_type = 'A2H') as a2h,
        sum(coordination_cost_usd) filter (where edge_type = 'A2A') as a2a,
        sum(unallocated_human_minutes) as unallocated_human_minutes,
        sum(unpriced_tokens) as unpriced_tokens
    from floor.fct_coordination_edges
    group by quarter_start
)
select
    q.quarter_start, q.quarter_label, q.months_in_quarter,
    -- a quarter with no edge and no AI/adjacency charge has no category figures at all
    (e.quarter_start is not null or coalesce(b.has_ai_or_adjacency, false)) as has_costs,
    cast(coalesce(e.h2h, 0) as decimal(38, 12)) as h2h,
    cast(coalesce(e.h2a, 0) as decimal(38, 12)) as h2a,
    cast(coalesce(e.a2h, 0) as decimal(38, 12)) as a2h,
    cast(coalesce(e.a2a, 0) as decimal(38, 12)) as a2a,
    coalesce(b.ai_infrastructure_usd, 0) as ai_infrastructure,
    coalesce(b.adjacency_cloud_usd, 0) as adjacency_cloud,
    b.total_bill_usd,
    coalesce(e.unallocated_human_minutes, 0) as unallocated_human_minutes,
    coalesce(e.unpriced_tokens, 0) as unpriced_tokens
from quarters as q
left join edge_costs as e on q.quarter_start = e.quarter_start
left join billing_by_quarter as b on q.quarter_start = b.quarter_start;

-- -------------------------------------------------------------------------------------
-- 8. rpt_quarterly_real_ai_cost [method: real cost of AI, reference figures; decisions: Money]
-- -------------------------------------------------------------------------------------
-- One row per quarter and reference category; each figure is rounded once from its exact
-- sum; the share is of the quarter's real cost of AI (the six categories).
create or replace table floor.rpt_quarterly_real_ai_cost as
with reference as (
    select cost_category, cast(display_order as integer) as display_order, display_name,
           cast(share_low as decimal(6, 4)) as share_low, cast(share_high as decimal(6, 4)) as share_high,
           cast(monthly_low_usd as decimal(18, 2)) as monthly_low_usd,
           cast(monthly_high_usd as decimal(18, 2)) as monthly_high_usd,
           cast(covered_by_current_finops as boolean) as covered_by_current_finops, finops_coverage
    from __SEED_reference_cost_shares__
),
grid as (
    select
        c.quarter_start, c.quarter_label, c.months_in_quarter, r.*,
        case r.cost_category
            when 'ai_infrastructure' then c.ai_infrastructure
            when 'adjacency_cloud' then c.adjacency_cloud
            when 'h2h' then c.h2h
            when 'h2a' then c.h2a
            when 'a2h' then c.a2h
            when 'a2a' then c.a2a
            else 0
        end as exact_cost
    from quarter_costs as c
    cross join reference as r
),
with_total as (
    select
        *,
        sum(exact_cost) over (partition by quarter_start) as exact_real_ai_cost,
        sum(exact_cost) filter (where cost_category not in ('ai_infrastructure', 'adjacency_cloud'))
            over (partition by quarter_start) as exact_coordination
    from grid
)
select
    quarter_start, quarter_label, cost_category, display_order, display_name,
    cast(round(exact_cost, 2) as decimal(18, 2)) as cost_usd,
    cast(div2(exact_cost, months_in_quarter) as decimal(18, 2)) as monthly_average_usd,
    -- ranges [issue 8, default vars 15% / 25%]: coordination is an estimate, invoices are exact
    cast(round(case when cost_category in ('ai_infrastructure', 'adjacency_cloud') then exact_cost
                    else exact_cost * 0.85 end, 2) as decimal(18, 2)) as cost_low_usd,
    cast(round(case when cost_category in ('ai_infrastructure', 'adjacency_cloud') then exact_cost
                    else exact_cost * 1.25 end, 2) as decimal(18, 2)) as cost_high_usd,
    cast(round(exact_real_ai_cost, 2) as decimal(18, 2)) as real_ai_cost_usd,
    cast(round(exact_real_ai_cost - exact_coordination + exact_coordination * 0.85, 2) as decimal(18, 2))
        as real_ai_cost_low_usd,
    cast(round(exact_real_ai_cost - exact_coordination + exact_coordination * 1.25, 2) as decimal(18, 2))
        as real_ai_cost_high_usd,
    cast(div6(exact_cost, exact_real_ai_cost) as decimal(12, 6)) as share_of_real_ai_cost,
    share_low as reference_share_low,
    share_high as reference_share_high,
    monthly_low_usd as reference_monthly_low_usd,
    monthly_high_usd as reference_monthly_high_usd,
    div6(exact_cost, exact_real_ai_cost) between share_low and share_high as is_within_reference_share,
    covered_by_current_finops,
    finops_coverage,
    cast(null as varchar) as not_measured_reason  -- every source is read here
from with_total;

-- -------------------------------------------------------------------------------------
-- 9. rpt_quarterly_coordination_kpis [method: The five core metrics]
-- -------------------------------------------------------------------------------------
-- 1. cost per ratified decision, median and p90 by quarter of ratification: linear
--    interpolation between order statistics (position (n - 1) x p), computed exactly in
--    decimals and rounded to the cent; band counts;
-- 2. coordination share = coordination / real cost of AI; 3. multiplier = coordination /
--    AI infrastructure; 4. edge mix and iterations per ratified decision; 5. growth of
--    coordination, revenue and headcount over the previous quarter.
-- Context lines: total payroll (withheld below __MIN_EMPLOYEES__ paid employees), the
-- whole cloud and AI bill, unallocated minutes and unpriced tokens.
create or replace table floor.rpt_quarterly_coordination_kpis as
with ranked as (
    select
        decision_quarter_start as quarter_start, total_cost_usd, iteration_count, cost_band,
        row_number() over (partition by decision_quarter_start order by total_cost_usd) - 1 as i,
        count(*) over (partition by decision_quarter_start) as n
    from floor.fct_decisions
    where is_ratified
),
positioned as (
    select *,
        cast(n - 1 as decimal(18, 0)) * 0.5 as h50,
        cast(n - 1 as decimal(18, 0)) * 0.9 as h90
    from ranked
),
decision_stats as (
    select
        quarter_start,
        count(*) as decisions_ratified,
        sum(iteration_count) as iterations,
        any_value(h50) as h50, any_value(h90) as h90,
        max(total_cost_usd) filter (where i = floor(h50)) as lo50,
        max(total_cost_usd) filter (where i = ceil(h50)) as hi50,
        max(total_cost_usd) filter (where i = floor(h90)) as lo90,
        max(total_cost_usd) filter (where i = ceil(h90)) as hi90,
        count(*) filter (where cost_band = 'review_bypass_risk') as bypass,
        count(*) filter (where cost_band = 'lean') as lean,
        count(*) filter (where cost_band = 'benchmark') as benchmark,
        count(*) filter (where cost_band = 'elevated') as elevated,
        count(*) filter (where cost_band = 'bottleneck') as bottleneck
    from positioned
    group by quarter_start
),
payroll as (
    select quarter_start, count(distinct employee_id) as paid_employees, sum(loaded_cost_usd) as total_payroll
    from pay_lines
    group by quarter_start
),
business as (
    select cast(quarter_start as date) as quarter_start, cast(revenue_usd as decimal(18, 2)) as revenue_usd,
           cast(headcount_fte as decimal(10, 2)) as headcount_fte
    from __SEED_company_quarterly_metrics__
),
assembled as (
    select
        c.quarter_start, c.quarter_label,
        coalesce(s.decisions_ratified, 0) as decisions_ratified,
        round(s.lo50 + (s.h50 - floor(s.h50)) * (s.hi50 - s.lo50), 2) as median_usd,
        round(s.lo90 + (s.h90 - floor(s.h90)) * (s.hi90 - s.lo90), 2) as p90_usd,
        coalesce(s.bypass, 0) as bypass, coalesce(s.lean, 0) as lean, coalesce(s.benchmark, 0) as benchmark,
        coalesce(s.elevated, 0) as elevated, coalesce(s.bottleneck, 0) as bottleneck,
        coalesce(s.iterations, 0) as iterations,
        -- exact sums; null for a quarter without any category figure
        case when c.has_costs then c.h2h + c.h2a + c.a2h + c.a2a end as coordination,
        case when c.has_costs then c.h2h end as h2h,
        case when c.has_costs then c.h2a end as h2a,
        case when c.has_costs then c.a2h end as a2h,
        case when c.has_costs then c.a2a end as a2a,
        case when c.has_costs then c.ai_infrastructure end as ai_infrastructure,
        case when c.has_costs then c.adjacency_cloud end as adjacency_cloud,
        case when c.has_costs then c.h2h + c.h2a + c.a2h + c.a2a + c.ai_infrastructure + c.adjacency_cloud end
            as real_ai_cost,
        case
            when p.paid_employees is null then 0
            when p.paid_employees >= __MIN_EMPLOYEES__ then p.total_payroll
        end as total_payroll,
        coalesce(p.paid_employees, 0) as paid_employees,
        coalesce(c.total_bill_usd, 0) as total_bill,
        b.revenue_usd, b.headcount_fte,
        c.unallocated_human_minutes, c.unpriced_tokens
    from quarter_costs as c
    left join decision_stats as s on c.quarter_start = s.quarter_start
    left join payroll as p on c.quarter_start = p.quarter_start
    left join business as b on c.quarter_start = b.quarter_start
),
with_previous as (
    select *,
        lag(coordination) over (order by quarter_start) as prev_coordination,
        lag(revenue_usd) over (order by quarter_start) as prev_revenue,
        lag(headcount_fte) over (order by quarter_start) as prev_headcount
    from assembled
)
select
    quarter_start,
    quarter_label,
    cast(decisions_ratified as bigint) as decisions_ratified,
    cast(median_usd as decimal(18, 2)) as cost_per_decision_median_usd,
    cast(p90_usd as decimal(18, 2)) as cost_per_decision_p90_usd,
    cast(bypass as bigint) as decisions_review_bypass_risk,
    cast(lean as bigint) as decisions_lean,
    cast(benchmark as bigint) as decisions_benchmark,
    cast(elevated as bigint) as decisions_elevated,
    cast(bottleneck as bigint) as decisions_bottleneck,
    cast(round(coalesce(coordination, 0), 2) as decimal(18, 2)) as coordination_cost_usd,
    cast(round(coalesce(coordination, 0) * 0.85, 2) as decimal(18, 2)) as coordination_cost_low_usd,
    cast(round(coalesce(coordination, 0) * 1.25, 2) as decimal(18, 2)) as coordination_cost_high_usd,
    cast(round(coalesce(ai_infrastructure, 0), 2) as decimal(18, 2)) as ai_infrastructure_usd,
    cast(round(coalesce(adjacency_cloud, 0), 2) as decimal(18, 2)) as adjacency_cloud_usd,
    cast(round(coalesce(real_ai_cost, 0), 2) as decimal(18, 2)) as real_ai_cost_usd,
    cast(round(coalesce(ai_infrastructure, 0) + coalesce(adjacency_cloud, 0) + coalesce(coordination, 0) * 0.85, 2)
         as decimal(18, 2)) as real_ai_cost_low_usd,
    cast(round(coalesce(ai_infrastructure, 0) + coalesce(adjacency_cloud, 0) + coalesce(coordination, 0) * 1.25, 2)
         as decimal(18, 2)) as real_ai_cost_high_usd,
    cast(div6(coordination, real_ai_cost) as decimal(12, 6)) as coordination_share,
    cast(div4(coordination, ai_infrastructure) as decimal(12, 4)) as coordination_multiplier,
    cast(div6(h2h, coordination) as decimal(12, 6)) as h2h_share_of_coordination,
    cast(div6(h2a, coordination) as decimal(12, 6)) as h2a_share_of_coordination,
    cast(div6(a2h, coordination) as decimal(12, 6)) as a2h_share_of_coordination,
    cast(div6(a2a, coordination) as decimal(12, 6)) as a2a_share_of_coordination,
    cast(div4(iterations, decisions_ratified) as decimal(12, 4)) as iterations_per_decision,
    revenue_usd,
    headcount_fte,
    cast(div6(coordination - prev_coordination, prev_coordination) as decimal(12, 6)) as coordination_growth_qoq,
    cast(div6(revenue_usd - prev_revenue, prev_revenue) as decimal(12, 6)) as revenue_growth_qoq,
    cast(div6(headcount_fte - prev_headcount, prev_headcount) as decimal(12, 6)) as headcount_growth_qoq,
    cast(div6(coordination - prev_coordination, prev_coordination) - div6(revenue_usd - prev_revenue, prev_revenue)
         as decimal(12, 6)) as coordination_minus_revenue_growth,
    cast(div6(coordination - prev_coordination, prev_coordination) - div6(headcount_fte - prev_headcount, prev_headcount)
         as decimal(12, 6)) as coordination_minus_headcount_growth,
    cast(total_payroll as decimal(18, 2)) as total_payroll_usd,
    cast(paid_employees as bigint) as paid_employees,
    cast(round(total_bill, 2) as decimal(18, 2)) as total_cloud_and_ai_bill_usd,
    cast(unallocated_human_minutes as bigint) as unallocated_human_minutes,
    cast(unpriced_tokens as bigint) as unpriced_tokens,
    -- every source is read here: nothing is "not measured"
    cast(null as varchar) as payroll_not_measured_reason,
    cast(null as varchar) as billing_not_measured_reason,
    cast(null as varchar) as business_metrics_not_measured_reason
from with_previous;
