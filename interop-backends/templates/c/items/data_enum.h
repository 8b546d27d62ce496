/** Which variant a {{ name }} holds: the member of its `body` that is set. */
typedef {{ tag_storage }} {{ tag }};
{%- for v in variants %}
{{ v.docs }}#define {{ v.macro_name }} (({{ tag }}){{ v.value }})
{%- endfor %}
{%- for v in variants %}
{%- if let Some(body) = v.body %}
/** The fields of {{ name }}'s variant `{{ v.rust_name }}` (`body.{{ body.member }}`). */
typedef struct {{ body.name }} {
{%- for f in body.fields %}
{{ f.docs }}    {{ f.decl }};
{%- endfor %}
} {{ body.name }};
{%- endif %}
{%- endfor %}
{{ docs }}{% if forward_declared %}struct {% else %}typedef struct {% endif %}{{ name }} {
    /** Which variant this is (`{{ first_macro }}` …); only that member of `body` is set. */
    {{ tag }} tag;
{%- if has_bodies %}
    union {
{%- for v in variants %}
{%- if let Some(body) = v.body %}
        {{ body.name }} {{ body.member }};
{%- endif %}
{%- endfor %}
    } body;
{%- endif %}
}{% if !forward_declared %} {{ name }}{% endif %};
