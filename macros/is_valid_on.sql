{#- The one rule for every dated card (rates, prices, FX): a row applies on `date_expr` when
    valid_from <= date_expr < valid_to, a null valid_to being open-ended. -#}
{% macro is_valid_on(date_expr, card_alias) -%}
    {{ date_expr }} >= {{ card_alias }}.valid_from
        and ({{ card_alias }}.valid_to is null or {{ date_expr }} < {{ card_alias }}.valid_to)
{%- endmacro %}
