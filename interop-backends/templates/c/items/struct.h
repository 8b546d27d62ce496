{% if packed -%}
#ifdef _MSC_VER
#pragma pack(push, 1)
#endif
{% endif -%}
{{ docs }}{% if forward_declared %}struct {% else %}typedef struct {% endif %}{% if packed %}INTEROP_PACKED {% endif %}{{ name }} {
{%- for f in fields %}
{{ f.docs }}    {{ f.decl }};
{%- endfor %}
}{% if !forward_declared %} {{ name }}{% endif %};
{%- if packed %}
#ifdef _MSC_VER
#pragma pack(pop)
#endif
{%- endif %}
