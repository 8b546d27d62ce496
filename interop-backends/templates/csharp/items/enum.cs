{{ doc }}    {{ access }} enum {{ name }} : {{ underlying }}
    {
{%- for v in variants %}
{% if !loop.first %}
{% endif %}{{ v.doc }}        {{ v.name }} = {{ v.value }},
{%- endfor %}
    }
