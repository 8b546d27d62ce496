{{ doc }}    {{ access }} sealed partial class {{ name }} : global::System.IEquatable<{{ name }}>
    {
{%- for f in fields %}
{%- if !loop.first %}
{% endif %}
{{ f.doc }}        public {{ f.ty }} {{ f.name }} { get; set; }
{%- endfor %}

{{ defaults }}        /// <summary>
        /// Creates a <c>{{ name }}</c> from the values of its fields.
        /// </summary>
        public {{ name }}({{ ctor_params }})
        {
{%- for (field, param) in assigns %}
            this.{{ field }} = {{ param }};
{%- endfor %}
        }

        /// <summary>
        /// True when <paramref name="other"/> has equal fields (arrays compared element by element).
        /// </summary>
        public bool Equals({{ name }} other)
        {
            if (ReferenceEquals(other, null))
            {
                return false;
            }
            return ReferenceEquals(other, this) || ({{ equals }});
        }

        /// <summary>
        /// True when <paramref name="obj"/> is a <c>{{ name }}</c> with equal fields.
        /// </summary>
        public override bool Equals(object obj)
        {
            return Equals(obj as {{ name }});
        }

        /// <summary>
        /// A hash code of the fields.
        /// </summary>
        public override int GetHashCode()
        {
            int hash = 17;
{%- for h in hashes %}
            hash = hash * 31 + {{ h }};
{%- endfor %}
            return hash;
        }

        /// <summary>
        /// The fields, e.g. <c>{{ name }} { … }</c>.
        /// </summary>
        public override string ToString()
        {
            return "{{ name }} { " + {{ show }} + " }";
        }
{%- for m in methods %}

{{ m }}
{%- endfor %}
    }
