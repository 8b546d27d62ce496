class {{ name }}(_Service):
{%- if let Some(doc) = doc %}
    {{ doc }}
{%- endif %}

    # Owns a Rust object: close() or `with` frees it (a finalizer does if neither ran). Calls
    # after close() or a method taking it by value raise ValueError.
{%- if let Some(init) = init %}

{{ init }}
{%- endif %}

    @staticmethod
    def _free_handle(handle: Optional[int]) -> None:
        {{ free }}(handle)
        if _pending.value:
            _raise_panic()
{%- for m in methods %}

{{ m }}
{%- endfor %}
