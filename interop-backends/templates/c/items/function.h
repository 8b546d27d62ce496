{{ docs }}{{ head }}(
{%- for p in params -%}
{%- if !loop.first %}{% if wrap %},
{{ align }}{% else %}, {% endif %}{% endif %}{{ p }}
{%- endfor %});
