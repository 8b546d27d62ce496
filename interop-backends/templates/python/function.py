{% if let Some(d) = decorator %}{{ d }}
{% endif -%}
def {{ name }}({{ params }}) -> {{ returns }}:
{%- if let Some(doc) = doc %}
    {{ doc }}
{%- endif %}
{%- if check %}
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
{%- else if unit %}
    {{ raw }}({{ args }})
{%- else if let Some(c) = convert %}
    return {{ c }}({{ raw }}({{ args }}))
{%- else %}
    return {{ raw }}({{ args }})
{%- endif %}
