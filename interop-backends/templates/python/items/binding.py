{{ name }} = {{ raw }}
{%- if let Some(doc) = doc %}
{{ name }}.__doc__ = {{ doc }}
{%- endif %}
