{#-
    Matching rules of the observed edges (docs/decisions.md, "Observed edges").

    decision_reference(text, opener, closer): the decision id a text cites, null when it cites
        none: 'DEC-' followed by what stands between `opener` (which ends in 'DEC-') and the next
        `closer`. Meeting titles cite `[DEC-2026-0014]` (opener '[DEC-', closer ']'), gateway tags
        `"decision:DEC-2026-0014"`, span conversation ids `DEC-2026-0014:...`. Upper-cased first,
        so `[dec-2026-0014]` matches too. Only dbt's split_part and position: portable.
    has_category(categories, names): the `;`-separated calendar categories hold one of `names`
        (case-insensitive, whole names only).
    variance_band(measure, reference): the variance rule as a label: 'within' (|a - b| <= warn% of
        |b|), 'warn' (above warn%, up to error%), 'error' (above error%, or a measure against a zero
        or missing reference); null when the measure is null. No division: the boundary itself agrees.
-#}
{% macro decision_reference(text_expr, opener='[DEC-', closer=']') -%}
    case
        when {{ dbt.position("'" ~ opener | upper ~ "'", 'upper(' ~ text_expr ~ ')') }} > 0
            then {{ dbt.concat(["'DEC-'", "trim(" ~ dbt.split_part(dbt.split_part('upper(' ~ text_expr ~ ')', "'" ~ opener | upper ~ "'", 2), "'" ~ closer ~ "'", 1) ~ ")"]) }}
    end
{%- endmacro %}

{% macro has_category(categories_expr, names) -%}
    {%- set padded = dbt.concat(["';'", "lower(coalesce(" ~ categories_expr ~ ", ''))", "';'"]) -%}
    ({% for name in names %}{{ padded }} like '%;{{ name | lower | replace("'", "''") }};%'{% if not loop.last %} or {% endif %}{% endfor %}{% if not names %}1 = 0{% endif %})
{%- endmacro %}

{% macro variance_band(measure, reference) -%}
    case
        when {{ measure }} is null then null
        when {{ reference }} is null or {{ reference }} = 0 then case when {{ measure }} = 0 then 'within' else 'error' end
        when 100 * abs({{ measure }} - {{ reference }}) > {{ var('variance_error_pct') }} * abs({{ reference }}) then 'error'
        when 100 * abs({{ measure }} - {{ reference }}) > {{ var('variance_warn_pct') }} * abs({{ reference }}) then 'warn'
        else 'within'
    end
{%- endmacro %}
