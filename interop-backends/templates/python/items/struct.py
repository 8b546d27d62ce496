class {{ name }}(ctypes.Structure):
{%- if let Some(doc) = doc %}
    {{ doc }}
{%- endif %}
{%- if packed %}

    _pack_ = 1
    _layout_ = "ms"
{%- endif %}
{% for (field, ty, fdoc) in fields %}
    {{ field }}: {{ ty }}
{%- if let Some(fdoc) = fdoc %}
    {{ fdoc }}
{%- endif %}
{%- endfor %}

    if TYPE_CHECKING:

        def __init__(self{{ init_params }}) -> None: ...

    def __repr__(self) -> str:
        return f"{{ name }}({{ repr }})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, {{ name }}):
            return NotImplemented
        return {{ eq_self }} == {{ eq_other }}

    __hash__ = None  # type: ignore[assignment]
{%- if picklable %}

    def __reduce__(self) -> Any:
        # Pickled as its bytes, the same on CPython and PyPy (whose ctypes cannot pickle structs).
        return _struct_from_bytes, (type(self), _struct_bytes(self))
{%- endif %}
{%- for m in methods %}

{{ m }}
{%- endfor %}
