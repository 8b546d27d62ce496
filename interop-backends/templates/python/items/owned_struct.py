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
{%- for m in methods %}

{{ m }}
{%- endfor %}


class {{ mirror }}(ctypes.Structure):
    """The C layout of `{{ name }}`: each field in its ABI form (strings and vectors as buffers)."""
