class {{ name }}(ctypes.c_void_p):
{%- if let Some(doc) = doc %}
    {{ doc }}
{%- endif %}

    # A handle: the address of a Rust-owned object (`value` is None for NULL). Calls take and return
    # it without conversion. Freeing it is explicit, with the library's own function.

    def __repr__(self) -> str:
        return f"{{ name }}({'NULL' if self.value is None else hex(self.value)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, {{ name }}):
            return NotImplemented
        return self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)
{%- for m in methods %}

{{ m }}
{%- endfor %}
