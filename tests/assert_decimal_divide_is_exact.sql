-- decimal_divide must give the exact decimal quotient rounded half away from zero, with no
-- float on the way (a DOUBLE would get some of these last digits wrong). Returns failing cases.
with cases as (

    select
        1 as case_id,
        {{ decimal_divide('cast(1 as decimal(18, 2))', '3', 6) }} as actual,
        cast(0.333333 as decimal(38, 6)) as expected
    union all
    select
        2 as case_id,
        {{ decimal_divide('cast(2 as decimal(18, 2))', '3', 6) }} as actual,
        cast(0.666667 as decimal(38, 6)) as expected
    union all
    select
        3 as case_id,
        {{ decimal_divide('cast(-2 as decimal(18, 2))', '3', 6) }} as actual,
        cast(-0.666667 as decimal(38, 6)) as expected
    union all
    select
        4 as case_id,
        {{ decimal_divide('cast(12345678901234.567890 as decimal(38, 6))', '7', 6) }} as actual,
        cast(1763668414462.081127 as decimal(38, 6)) as expected
    union all
    select
        5 as case_id,
        {{ decimal_divide('cast(0.000000000001 as decimal(38, 12))', '1', 12) }} as actual,
        cast(0.000000000001 as decimal(38, 12)) as expected
    union all
    select
        6 as case_id,
        {{ decimal_divide('cast(5 as decimal(18, 2))', 'cast(0.00 as decimal(18, 2))', 6) }} as actual,
        cast(null as decimal(38, 6)) as expected
    union all
    select
        7 as case_id,
        {{ decimal_divide('cast(1 as decimal(18, 2))', '8', 2) }} as actual,
        cast(0.13 as decimal(38, 2)) as expected

)

select *
from cases
where actual <> expected
    or (actual is null) <> (expected is null)
