{{ docs }}static inline void {{ name }}_free({{ name }} *value) {
    if (value == NULL) {
        return;
    }
    switch (value->tag) {
{%- for (macro_name, frees) in variants %}
    case {{ macro_name }}:
{%- for (free, path) in frees %}
        {{ free }}(&value->body.{{ path }});
{%- endfor %}
        break;
{%- endfor %}
    default:
        break;
    }
}
