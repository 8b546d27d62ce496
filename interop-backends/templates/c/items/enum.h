{{ docs }}typedef {{ storage }} {{ name }};
{%- for v in variants %}
{{ v.docs }}#define {{ v.name }} (({{ name }}){{ v.value }})
{%- endfor %}
