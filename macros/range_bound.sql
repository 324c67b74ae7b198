{#-
    The low or high value of an estimated total, from the variance band: the estimate x (1 -
    range_low_pct / 100) or x (1 + range_high_pct / 100), plus any part that is measured exactly
    (invoiced billing), rounded to the cent once. The factor is a decimal literal, so the
    arithmetic stays exact.
-#}
{% macro range_bound(estimate, side, measured='0') -%}
    {%- if side not in ['low', 'high'] -%}
        {{ exceptions.raise_compiler_error("range_bound: side must be low or high, got '" ~ side ~ "'") }}
    {%- endif -%}
    {%- set pct = var('range_low_pct') if side == 'low' else var('range_high_pct') -%}
    {%- if pct is not number or pct < 0 or (side == 'low' and pct > 100) -%}
        {{ exceptions.raise_compiler_error("var range_" ~ side ~ "_pct must be a number of percent"
            ~ (" from 0 to 100" if side == 'low' else " of 0 or more") ~ ", got '" ~ pct ~ "'") }}
    {%- endif -%}
    {%- set factor = (100 - pct if side == 'low' else 100 + pct) / 100 -%}
    cast(round({{ measured }} + ({{ estimate }}) * {{ '%.6f' % factor }}, 2) as decimal(18, 2))
{%- endmacro %}
