-- one row per day of every reporting quarter in dim_quarters: the MetricFlow time spine.
-- Its quarter_start column is the custom granularity `fiscal_quarter`, so the semantic layer
-- groups by the same (possibly non-calendar) quarters as the marts.
with

quarters as (

    select * from {{ ref('dim_quarters') }}

),

digits as (

    select digit_values.digit
    from (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as digit_values (digit)

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
