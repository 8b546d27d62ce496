    /// <summary>
    /// The raw layer: one blittable P/Invoke declaration per exported symbol of <c>{{ library }}</c>,
    /// with the exact C ABI types. The public methods wrap these and check for panics.
    /// </summary>
    internal static unsafe class {{ name }}
    {
        /// <summary>
        /// The library name given to <c>[DllImport]</c>.
        /// </summary>
        internal const string LibraryName = "{{ library }}";

        /// <summary>
        /// Address of the library's count of panics not yet taken, read once. After every call the
        /// bindings load it: the happy path costs one load and one compare.
        /// </summary>
        internal static readonly uint* PanicPending = interop_panic_pending();

        /// <summary>
        /// Takes the calling thread's panic message, if it has one, and throws it as a
        /// <see cref="{{ exception }}"/>. Returns when the pending panic belongs to another thread.
        /// </summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        internal static void ThrowPendingPanic()
        {
            global::System.IntPtr message = interop_take_panic();
            if (message == global::System.IntPtr.Zero)
            {
                return;
            }
            string text;
            try
            {
                byte* bytes = (byte*)message;
                int length = 0;
                while (bytes[length] != 0)
                {
                    length++;
                }
                byte[] managed = new byte[length];
                global::System.Runtime.InteropServices.Marshal.Copy(message, managed, 0, length);
                text = global::System.Text.Encoding.UTF8.GetString(managed);
            }
            finally
            {
                interop_string_free(message);
            }
            throw new {{ exception }}(text);
        }

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_panic_pending", ExactSpelling = true)]
        internal static extern uint* interop_panic_pending();

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_take_panic", ExactSpelling = true)]
        internal static extern global::System.IntPtr interop_take_panic();

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_string_free", ExactSpelling = true)]
        internal static extern void interop_string_free(global::System.IntPtr text);
{%- for (block, slots) in stack_blocks %}

        /// <summary>
        /// The stack arguments of a call, laid out as the x86-64 C ABI lays them out ({{ slots }} slots of 8
        /// bytes; more than 16 bytes, so it is passed in memory).
        /// </summary>
        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
        internal unsafe struct {{ block }}
        {
            private fixed ulong slots[{{ slots }}];
        }
{%- endfor %}
{%- for i in imports %}

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "{{ i.symbol }}", ExactSpelling = true)]
        internal static extern {{ i.ret }} {{ i.name }}({{ i.params }});
{%- endfor %}
    }
