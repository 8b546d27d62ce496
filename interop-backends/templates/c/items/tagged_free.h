{{ docs }}static inline void {{ name }}_free({{ name }} *value) {
    if (value == NULL) {
        return;
    }
{%- if let Some(free) = some_free %}
    if (value->is_some == 1) {
        {{ free }}(&value->value);
    }
{%- endif %}
{%- if let Some(free) = ok_free %}
    if (value->status == INTEROP_STATUS_OK) {
        {{ free }}(&value->value.ok);
    }
{%- endif %}
{%- if let Some(message_free) = message_free %}
    if (value->status == INTEROP_STATUS_ERROR) {
{%- if let Some(free) = err_free %}
        {{ free }}(&value->value.err.value);
{%- endif %}
        {{ message_free }}(&value->value.err.message);
    }
{%- endif %}
}
