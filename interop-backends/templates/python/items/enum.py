class {{ name }}(enum.IntEnum):
{%- if let Some(doc) = doc %}
    {{ doc }}
{%- endif %}

    # Stored as `{{ storage }}` (see `{{ name }}_storage` in _raw).
{%- for (member, value, comments) in members %}
{%- for c in comments %}
    {{ c }}
{%- endfor %}
    {{ member }} = {{ value }}
{%- endfor %}
{%- for m in methods %}

{{ m }}
{%- endfor %}
