{{ docs }}static inline void {{ name }}({{ type_name }} *value) {
    if (value == NULL) {
        return;
    }
{%- if let Some(buffer) = buffer %}
{%- if let Some(element_free) = buffer.element_free %}
    for (size_t i = 0; i < value->len; i++) {
        {{ element_free }}(&value->ptr[i]);
    }
{%- endif %}
    if (value->cap != 0) {
        interop_buffer_free(value->ptr, value->cap, {{ buffer.size }}, {{ buffer.align }});
    }
    value->ptr = NULL;
    value->len = 0;
    value->cap = 0;
{%- endif %}
{%- for (free, field) in fields %}
    {{ free }}(&value->{{ field }});
{%- endfor %}
}
