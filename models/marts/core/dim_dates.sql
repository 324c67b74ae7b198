-- one row per day of every reporting quarter in dim_quarters: the MetricFlow time spine.
-- Its quarter_start column is the custom granularity `fiscal_quarter`, so the semantic layer
-- groups by the same (possibly non-calendar) quarters as the marts.
with

quarters as (

    select * from {{ ref('dim_quarters') }}

),

digits as (

    select 0 as digit union all select 1 union all select 2 union all select 3 union all select 4
    union all select 5 union all select 6 union all select 7 union all select 8 union all select 9

),

day_offsets as (

    -- 0..99: a quarter has at most 92 days
    select tens.digit * 10 + ones.digit as day_offset
    from digits as tens
    cross join digits as ones

),

days as (

    select
        cast({{ dbt.dateadd('day', 'day_offsets.day_offset', 'quarters.quarter_start') }} as date) as date_day,
        quarters.quarter_start,
        quarters.quarter_end,
        quarters.quarter_label,
        quarters.fiscal_year
    from quarters
    cross join day_offsets

),

final as (

    select
        date_day,
        quarter_start,
        quarter_label,
        fiscal_year
    from days
    where date_day <= quarter_end

)

select * from final
