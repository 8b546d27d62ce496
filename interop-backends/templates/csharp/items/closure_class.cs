{{ doc }}    {{ access }} sealed partial class {{ name }}
    {
{%- for f in fields %}
{%- if !loop.first %}
{% endif %}
{{ f.doc }}        public {{ f.ty }} {{ f.name }} { get; set; }
{%- endfor %}

        /// <summary>
        /// An empty <c>{{ name }}</c>: set its properties (an object initializer) before passing it.
        /// </summary>
        public {{ name }}()
        {
        }

        /// <summary>
        /// Creates a <c>{{ name }}</c> from the values of its fields.
        /// </summary>
        public {{ name }}({{ ctor_params }})
        {
{%- for (field, param) in assigns %}
            this.{{ field }} = {{ param }};
{%- endfor %}
        }
{%- for m in methods %}

{{ m }}
{%- endfor %}
    }
