{%- if lines.len() == 1 -%}
{{ indent }}/** {{ lines[0].trim() }} */
{% else -%}
{{ indent }}/**
{% for line in lines -%}
{{ indent }} *{% if !line.is_empty() %} {{ line }}{% endif %}
{% endfor -%}
{{ indent }} */
{% endif -%}
