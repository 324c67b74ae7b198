{#-
    Exact decimal division, rounded half away from zero to `scale` places.

    DuckDB turns `decimal / decimal` into a DOUBLE; money must never pass
    through a float, so on DuckDB the quotient is computed in 128-bit integers:
    both operands are scaled to integers (12 decimal places are kept, enough for
    FOCUS costs), divided with integer division and rounded, then scaled back
    with a decimal multiplication. Engines whose decimal division stays decimal
    use the default implementation. A zero or null denominator yields null.
-#}
{% macro decimal_divide(numerator, denominator, scale=6, precision=38) -%}
    {{ return(adapter.dispatch('decimal_divide', 'coordination_finops')(numerator, denominator, scale, precision)) }}
{%- endmacro %}

{% macro default__decimal_divide(numerator, denominator, scale=6, precision=38) -%}
    cast(round(cast({{ numerator }} as decimal(38, 12)) / nullif(cast({{ denominator }} as decimal(38, 12)), 0), {{ scale }}) as decimal({{ precision }}, {{ scale }}))
{%- endmacro %}

{% macro duckdb__decimal_divide(numerator, denominator, scale=6, precision=38) -%}
    {%- set n = "cast(cast(" ~ numerator ~ " as decimal(38, 12)) * 1000000000000 as hugeint)" -%}
    {%- set d = "cast(cast(" ~ denominator ~ " as decimal(38, 12)) * 1000000000000 as hugeint)" -%}
    {%- set unit = "0." ~ ("0" * (scale - 1)) ~ "1" if scale > 0 else "1" -%}
    case
        when {{ d }} = 0 then null
        else cast(
            cast(
                sign({{ n }}) * sign({{ d }})
                * ((abs({{ n }}) * {{ 10 ** scale }} * 2 + abs({{ d }})) // (2 * abs({{ d }})))
                as decimal(38, 0)
            ) * {{ unit }}
            as decimal({{ precision }}, {{ scale }})
        )
    end
{%- endmacro %}

{#-
    Spark keeps at most 38 digits and, when a quotient would need more, cuts its scale to 6
    (spark.sql.decimalOperations.allowPrecisionLoss), so decimal division alone is not exact
    there. As on DuckDB, the quotient is computed on integers, held in decimal(38, 0): the
    operands are scaled by 10^12, q = floor((2 |n| 10^scale + |d|) / 2 |d|) is rounded half away
    from zero, and the approximate floor is corrected by one either way with exact products.
-#}
{% macro spark__decimal_divide(numerator, denominator, scale=6, precision=38) -%}
    {%- set n = "cast(cast(" ~ numerator ~ " as decimal(38, 12)) * 1000000000000 as decimal(38, 0))" -%}
    {%- set d = "cast(cast(" ~ denominator ~ " as decimal(38, 12)) * 1000000000000 as decimal(38, 0))" -%}
    {%- set a = "(abs(" ~ n ~ ") * " ~ 10 ** scale ~ " * 2 + abs(" ~ d ~ "))" -%}
    {%- set b = "(2 * abs(" ~ d ~ "))" -%}
    {%- set q0 = "cast(floor(" ~ a ~ " / " ~ b ~ ") as decimal(38, 0))" -%}
    {%- set unit = "0." ~ ("0" * (scale - 1)) ~ "1" if scale > 0 else "1" -%}
    case
        when {{ d }} = 0 then null
        else cast(
            -- not sign(): it returns a DOUBLE on Spark
            case when ({{ n }} < 0) = ({{ d }} < 0) then 1 else -1 end
            * ({{ q0 }}
               - case when {{ q0 }} * {{ b }} > {{ a }} then 1 else 0 end
               + case when ({{ q0 }} + 1) * {{ b }} <= {{ a }} then 1 else 0 end)
            * {{ unit }}
            as decimal({{ precision }}, {{ scale }})
        )
    end
{%- endmacro %}
