{{ name }}: Final[{{ ty }}] = {{ value }}
{%- if let Some(doc) = doc %}
{{ doc }}
{%- endif %}
