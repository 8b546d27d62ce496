{{ doc }}    {{ access }} static unsafe class {{ name }}
    {
{%- for m in members %}
{{ m }}
{%- endfor %}
{%- for c in constants %}
{% if !loop.first || !members.is_empty() %}
{% endif %}{{ c.doc }}        public const {{ c.ty }} {{ c.name }} = {{ c.value }};
{%- endfor %}
{%- for m in methods %}
{% if !loop.first || !constants.is_empty() || !members.is_empty() %}
{% endif %}{{ m }}
{%- endfor %}
    }
