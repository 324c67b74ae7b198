{#- The text value of `key_expr` in a JSON object held as text (null when absent or not JSON). -#}
{% macro json_text(charges_tags, key_expr) -%}
    {{ return(adapter.dispatch('json_text', 'coordination_finops')(charges_tags, key_expr)) }}
{%- endmacro %}

{% macro default__json_text(charges_tags, key_expr) -%}
    json_extract_string(try_cast({{ charges_tags }} as json), '$."' || {{ key_expr }} || '"')
{%- endmacro %}

{% macro postgres__json_text(charges_tags, key_expr) -%}
    {{ safe_cast(charges_tags, 'jsonb') }} ->> {{ key_expr }}
{%- endmacro %}

{% macro spark__json_text(charges_tags, key_expr) -%}
    element_at(from_json({{ charges_tags }}, 'map<string,string>'), {{ key_expr }})
{%- endmacro %}

{#- True when the text is valid JSON (Tags of a FOCUS export); null text is not checked here. -#}
{% macro json_is_valid(field) -%}
    {{ return(adapter.dispatch('json_is_valid', 'coordination_finops')(field)) }}
{%- endmacro %}

{% macro default__json_is_valid(field) -%}
    ({{ safe_cast(field, 'json') }} is not null)
{%- endmacro %}

{% macro spark__json_is_valid(field) -%}
    (from_json({{ field }}, 'map<string,string>') is not null)
{%- endmacro %}
