{#- The text value of `key_expr` in a JSON object held as text (null when absent or not JSON). -#}
{% macro json_text(charges_tags, key_expr) -%}
    {{ return(adapter.dispatch('json_text', 'coordination_finops')(charges_tags, key_expr)) }}
{%- endmacro %}

{% macro default__json_text(charges_tags, key_expr) -%}
    json_extract_string(try_cast({{ charges_tags }} as json), '$."' || {{ key_expr }} || '"')
{%- endmacro %}

{% macro postgres__json_text(charges_tags, key_expr) -%}
    ({{ charges_tags }})::jsonb ->> {{ key_expr }}
{%- endmacro %}
