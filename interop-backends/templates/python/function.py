{% if let Some(d) = decorator %}{{ d }}
{% endif -%}
def {{ name }}({{ params }}) -> {{ returns }}:
{%- if let Some(doc) = doc %}
    {{ doc }}
{%- endif %}
{%- if unit %}
    {{ raw }}({{ args }})
    if _pending.value:
        _raise_panic()
{%- else %}
    result = {{ raw }}({{ args }})
    if _pending.value:
        _raise_panic()
{%- if let Some(c) = convert %}
    return {{ c }}(result)
{%- else %}
    return result
{%- endif %}
{%- endif %}
