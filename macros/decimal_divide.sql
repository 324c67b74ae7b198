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
    (spark.sql.decimalOperations.allowPrecisionLoss). With decimal(24, 12) operands (amounts
    below one trillion) the quotient keeps 14 places before it is rounded to `scale`.
-#}
{% macro spark__decimal_divide(numerator, denominator, scale=6, precision=38) -%}
    cast(round(cast({{ numerator }} as decimal(24, 12)) / nullif(cast({{ denominator }} as decimal(24, 12)), 0), {{ scale }}) as decimal({{ precision }}, {{ scale }}))
{%- endmacro %}
