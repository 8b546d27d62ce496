{{ doc }}

{% if buffers -%}
import array
{% endif -%}
import ctypes
{% if buffers -%}
import typing
{% endif -%}
from typing import Any, Final, Optional, Union
{%- if buffers %}

from _typeshed import ReadableBuffer, WriteableBuffer
{%- endif %}
{%- if !type_imports.is_empty() %}

from ._types import (
{%- for t in type_imports %}
    {{ t }},
{%- endfor %}
)
{%- endif %}
{%- if !submodules.is_empty() %}
{%- if type_imports.is_empty() %}
{% endif %}
{%- for s in submodules %}
from . import {{ s }} as {{ s }}
{%- endfor %}
{%- endif %}

__all__ = [
{%- for a in all %}
    "{{ a }}",
{%- endfor %}
]
{%- if is_root %}

__version__: Final = "{{ version }}"
{%- endif %}
{%- for c in constants %}

{{ c }}
{%- endfor %}
{%- for f in functions %}

def {{ f.name }}({{ f.params }}) -> {{ f.returns }}:
{%- if let Some(doc) = f.doc %}
    {{ doc }}
{%- else %} ...
{%- endif %}
{%- endfor %}
