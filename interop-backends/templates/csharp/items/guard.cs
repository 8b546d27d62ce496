        /// <summary>
        /// The hash of the inventory of the library these bindings were generated from.
        /// </summary>
        internal const string InventoryHash = "{{ hash }}";

        /// <summary>
        /// Runs once, when this class is initialized (before the first call of the bindings returns):
        /// refuses a library that is not the build these bindings were generated from, and checks that
        /// every struct crossing the boundary has the size and field offsets the library measured.
        /// Returns the address of the library's panic count.
        /// </summary>
        /// <exception cref="System.InvalidOperationException">The library has another inventory
        /// hash, or a struct another layout (the runtime wraps it in a
        /// <see cref="System.TypeInitializationException"/>).</exception>
        private static uint* CheckLibrary()
        {
            global::System.IntPtr found = interop_inventory_hash();
            string hash = found == global::System.IntPtr.Zero ? "(none)" : global::System.Runtime.InteropServices.Marshal.PtrToStringAnsi(found);
            if (hash != InventoryHash)
            {
                throw new global::System.InvalidOperationException("The native library `{{ library }}` is not the build these bindings were generated from: the bindings of `{{ crate_name }}` {{ crate_version }} expect inventory hash " + InventoryHash + ", the loaded library has " + hash + ". Load the library the bindings were generated with, or regenerate them with `cargo interop build`.");
            }
{%- for (ty, size, offsets) in checks %}
            CheckLayout(typeof({{ ty }}), {{ size }}, new long[] { {{ offsets }} });
{%- endfor %}
            return interop_panic_pending();
        }

        /// <summary>
        /// Throws when the marshalled size of <paramref name="type"/> or the offset of one of its fields
        /// (in declaration order) differs from the layout the library measured.
        /// </summary>
        private static void CheckLayout(global::System.Type type, long size, long[] offsets)
        {
            long actual = global::System.Runtime.InteropServices.Marshal.SizeOf(type);
            global::System.Reflection.FieldInfo[] fields = type.GetFields(global::System.Reflection.BindingFlags.Instance | global::System.Reflection.BindingFlags.Public | global::System.Reflection.BindingFlags.NonPublic);
            global::System.Array.Sort(fields, (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
            string problem = null;
            if (actual != size)
            {
                problem = "has size " + actual + " in the bindings and " + size + " in the library";
            }
            else if (fields.Length != offsets.Length)
            {
                problem = "has " + fields.Length + " fields in the bindings and " + offsets.Length + " in the library";
            }
            else
            {
                for (int i = 0; i < fields.Length; i++)
                {
                    long offset = (long)global::System.Runtime.InteropServices.Marshal.OffsetOf(type, fields[i].Name);
                    if (offset != offsets[i])
                    {
                        problem = "has field " + fields[i].Name + " at offset " + offset + " in the bindings and " + offsets[i] + " in the library";
                        break;
                    }
                }
            }
            if (problem != null)
            {
                throw new global::System.InvalidOperationException("The struct " + type.FullName + " " + problem + ": the bindings do not match the native library `{{ library }}` (generated for another target or edited). Regenerate them with `cargo interop build`.");
            }
        }

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_inventory_hash", ExactSpelling = true)]
        internal static extern global::System.IntPtr interop_inventory_hash();

