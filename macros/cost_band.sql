{#-
    The benchmark band of a decision cost in USD. Bands are half-open intervals,
    lower bound inclusive: review_bypass_risk < 400 <= lean < 1,500 <= benchmark
    < 3,000 <= elevated < 6,000 <= bottleneck (thresholds are vars).
-#}
{% macro cost_band(cost_expr) -%}
    case
        when {{ cost_expr }} is null then null
        when {{ cost_expr }} < {{ var('band_lean_from_usd') }} then 'review_bypass_risk'
        when {{ cost_expr }} < {{ var('band_benchmark_from_usd') }} then 'lean'
        when {{ cost_expr }} < {{ var('band_elevated_from_usd') }} then 'benchmark'
        when {{ cost_expr }} < {{ var('band_bottleneck_from_usd') }} then 'elevated'
        else 'bottleneck'
    end
{%- endmacro %}
