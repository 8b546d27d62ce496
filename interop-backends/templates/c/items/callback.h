{% if closure %}{{ docs }}typedef struct {{ name }} {
{{ call_docs }}    {{ call }};
    /** Passed to `call` and `drop` as their first argument. */
    void *context;
    /** Called once with `context` when the receiver is done with the callback; may be NULL. */
    void (*drop)(void *context);
} {{ name }};{% else %}{{ docs }}typedef {{ call }};{% endif %}
