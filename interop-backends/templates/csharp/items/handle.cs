{{ doc }}    [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
    {{ access }} readonly unsafe partial struct {{ name }} : global::System.IEquatable<{{ name }}>
    {
        /// <summary>
        /// The native pointer (NULL for <c>default({{ name }})</c>). The handle does not own it.
        /// </summary>
        public readonly global::System.IntPtr Handle;

        /// <summary>
        /// Wraps a native pointer to a <c>{{ name }}</c>.
        /// </summary>
        public {{ name }}(global::System.IntPtr handle)
        {
            Handle = handle;
        }

        /// <summary>
        /// True when the pointer is NULL.
        /// </summary>
        public bool IsNull => Handle == global::System.IntPtr.Zero;

        /// <summary>
        /// True when both handles hold the same pointer.
        /// </summary>
        public bool Equals({{ name }} other) => Handle == other.Handle;

        /// <summary>
        /// True when <paramref name="obj"/> is a handle holding the same pointer.
        /// </summary>
        public override bool Equals(object obj) => obj is {{ name }} && Equals(({{ name }})obj);

        /// <summary>
        /// The hash of the pointer.
        /// </summary>
        public override int GetHashCode() => Handle.GetHashCode();

        /// <summary>
        /// True when both handles hold the same pointer.
        /// </summary>
        public static bool operator ==({{ name }} left, {{ name }} right) => left.Handle == right.Handle;

        /// <summary>
        /// True when the handles hold different pointers.
        /// </summary>
        public static bool operator !=({{ name }} left, {{ name }} right) => left.Handle != right.Handle;
{%- for m in methods %}

{{ m }}
{%- endfor %}
    }
