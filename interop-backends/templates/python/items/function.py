{% if let Some(d) = decorator %}{{ d }}
{% endif -%}
def {{ name }}({{ params }}) -> {{ returns }}:
{%- if let Some(doc) = doc %}
    {{ doc }}
{%- endif %}
{%- for line in body %}
    {{ line }}
{%- endfor %}
