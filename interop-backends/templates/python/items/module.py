{{ doc }}

from __future__ import annotations

{% if buffers -%}
import array
{% endif -%}
import ctypes
{% if buffers -%}
import typing
{% endif -%}
from typing import Any, Final, Optional, Union
{%- if buffers %}

if typing.TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer
{%- endif %}

{% if !type_imports.is_empty() -%}
from ._types import (
{%- for t in type_imports %}
    {{ t }},
{%- endfor %}
)
{% endif -%}
from . import _native
{% if check %}from ._raw import pending as _pending, raise_panic as _raise_panic
{% endif -%}
{%- if !raw_imports.is_empty() -%}
from ._raw import (
{%- for i in raw_imports %}
    {{ i }},
{%- endfor %}
)
{%- endif %}
{%- for s in submodules %}
from . import {{ s }} as {{ s }}
{%- endfor %}

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


{{ f }}
{%- endfor %}
{%- if check %}


# The compiled call path replaces the functions above with the library's own function objects
# (same names, parameters and errors; see _native.py), unless it cannot run here.
_native.install(globals(), "{{ path }}")
{%- endif %}
