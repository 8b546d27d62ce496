{{ doc }}    {{ access }} static unsafe class {{ name }}
    {
{%- for c in constants %}
{% if !loop.first %}
{% endif %}{{ c.doc }}        public const {{ c.ty }} {{ c.name }} = {{ c.value }};
{%- endfor %}
{%- for m in methods %}
{% if !loop.first || !constants.is_empty() %}
{% endif %}{{ m }}
{%- endfor %}
    }
