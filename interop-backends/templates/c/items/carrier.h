{{ docs }}struct {{ name }} {
    {{ ptr }};
    size_t len;
{%- if owned %}
    size_t cap;
{%- endif %}
};
