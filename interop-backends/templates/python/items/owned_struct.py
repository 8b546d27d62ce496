@dataclasses.dataclass
class {{ name }}:
{%- if let Some(doc) = doc %}
    {{ doc }}
{%- endif %}
{% for (field, ty, fdoc) in fields %}
    {{ field }}: {{ ty }}
{%- if let Some(fdoc) = fdoc %}
    {{ fdoc }}
{%- endif %}
{%- endfor %}
{%- if let Some(init) = init %}

    if TYPE_CHECKING:

        def __init__(self{{ init }}) -> None: ...
{%- endif %}
{%- for m in methods %}

{{ m }}
{%- endfor %}


class {{ mirror }}(ctypes.Structure):
    """The C layout of `{{ name }}`: each field in its ABI form (strings and vectors as buffers)."""
