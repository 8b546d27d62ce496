{{ doc }}    [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential{% if packed %}, Pack = 1{% endif %})]
    {{ access }} unsafe partial struct {{ name }}
    {
{%- for f in fields %}
{%- if !loop.first %}
{% endif %}
{%- if let Some(b) = f.backing %}
        private {{ b.storage }} {{ b.name }};

{{ f.doc }}        public {{ f.ty }} {{ f.name }}
        {
            get { return {{ b.get }}; }
            set { {{ b.name }} = {{ b.set }}; }
        }
{%- else if let Some(x) = f.fixed %}
{{ f.doc }}        {% if x.public_buffer %}public{% else %}private{% endif %} fixed {{ x.storage }} {{ x.buffer }}[{{ x.len }}];

        /// <summary>
        /// Reads element [{{ x.index_names }}] of <c>{{ f.name }}</c> (row-major).
        /// </summary>
        /// <exception cref="System.IndexOutOfRangeException">An index is out of range.</exception>
        public {{ f.ty }} {{ x.getter }}({{ x.index_params }})
        {
            if ({{ x.bounds_check }}) throw new global::System.IndexOutOfRangeException();
            fixed ({{ x.storage }}* __p = {{ x.buffer }}) { return {{ x.get }}; }
        }

        /// <summary>
        /// Writes element [{{ x.index_names }}] of <c>{{ f.name }}</c> (row-major).
        /// </summary>
        /// <exception cref="System.IndexOutOfRangeException">An index is out of range.</exception>
        public void {{ x.setter }}({{ x.index_params }}, {{ f.ty }} value)
        {
            if ({{ x.bounds_check }}) throw new global::System.IndexOutOfRangeException();
            fixed ({{ x.storage }}* __p = {{ x.buffer }}) { {{ x.slot }} = {{ x.set }}; }
        }
{%- else %}
{{ f.doc }}        public {{ f.ty }} {{ f.name }};
{%- endif %}
{%- endfor %}
{%- if let Some(c) = ctor %}

{{ c.doc }}        public {{ name }}({{ c.params }})
        {
            this = default({{ name }});
{%- for (field, param) in c.assigns %}
            {{ field }} = {{ param }};
{%- endfor %}
        }
{%- endif %}
{%- for m in methods %}

{{ m }}
{%- endfor %}
    }
