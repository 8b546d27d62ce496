{{ docs }}struct {{ name }} {
{%- if let Some(status) = status %}
    {{ status }};
    union {
{%- for member in members %}
        {{ member }};
{%- endfor %}
    } value;
{%- else %}
{%- for member in members %}
    {{ member }};
{%- endfor %}
{%- endif %}
};
