
        /// <summary>
        /// A view <c>{ptr, len}</c> (interop-core's <c>View</c>): UTF-8 text or elements borrowed for one call.
        /// </summary>
        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
        internal struct __View
        {
            internal void* Ptr;
            internal global::System.UIntPtr Len;

            /// <summary>
            /// <paramref name="len"/> is a .NET length (an <c>int</c>, never negative): <c>new UIntPtr(uint)</c>
            /// is a plain widening where <c>(UIntPtr)(ulong)long</c> costs Mono a checked conversion on every
            /// call (ADR 45).
            /// </summary>
            internal __View(void* ptr, int len)
            {
                Ptr = ptr;
                Len = new global::System.UIntPtr((uint)len);
            }
        }

        /// <summary>
        /// An owned buffer <c>{ptr, len, cap}</c> (interop-core's <c>Buffer</c>): one the library returns is
        /// freed once with <c>interop_buffer_free</c>; in an argument <c>cap</c> is 0 and the library copies it.
        /// </summary>
        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
        internal struct __Buffer
        {
            internal void* Ptr;
            internal global::System.UIntPtr Len;
            internal global::System.UIntPtr Cap;

            internal __Buffer(void* ptr, int len)
            {
                Ptr = ptr;
                Len = new global::System.UIntPtr((uint)len);
                Cap = global::System.UIntPtr.Zero;
            }
        }

        /// <summary>
        /// Unmanaged memory holding the arguments of one call (strings encoded as UTF-8, elements in their
        /// ABI form), freed when the call is over.
        /// </summary>
        internal sealed class __Arena : global::System.IDisposable
        {
            private global::System.IntPtr[] blocks = new global::System.IntPtr[4];
            private int count;

            internal byte* Alloc(long size)
            {
                if (size <= 0)
                {
                    return null;
                }
                global::System.IntPtr block = global::System.Runtime.InteropServices.Marshal.AllocHGlobal(new global::System.IntPtr(size));
                if (count == blocks.Length)
                {
                    global::System.Array.Resize(ref blocks, count * 2);
                }
                blocks[count++] = block;
                return (byte*)block;
            }

            public void Dispose()
            {
                for (int i = 0; i < count; i++)
                {
                    global::System.Runtime.InteropServices.Marshal.FreeHGlobal(blocks[i]);
                }
                count = 0;
            }
        }

        /// <summary>
        /// UTF-8 that refuses what it cannot encode (a lone surrogate) instead of replacing it.
        /// </summary>
        internal static readonly global::System.Text.UTF8Encoding StrictUtf8 = new global::System.Text.UTF8Encoding(false, true);

        /// <summary>
        /// Encodes <paramref name="count"/> UTF-16 code units as UTF-8 into <paramref name="bytes"/> (room for
        /// <paramref name="capacity"/>; 3 per code unit always suffices) and returns the length. A lone
        /// surrogate throws an <c>ArgumentException</c> naming <paramref name="name"/>.
        /// </summary>
        internal static int __Utf8(char* chars, int count, byte* bytes, int capacity, string name)
        {
            if (count == 0)
            {
                return 0;
            }
            try
            {
                return StrictUtf8.GetBytes(chars, count, bytes, capacity);
            }
            catch (global::System.Text.EncoderFallbackException e)
            {
                throw __Surrogate(e, name);
            }
        }

        /// <summary>
        /// The exception for a string holding a lone surrogate, naming the parameter <paramref name="name"/>.
        /// </summary>
        internal static global::System.ArgumentException __Surrogate(global::System.Text.EncoderFallbackException e, string name)
        {
            return __RefuseArgument("the string holds a lone surrogate at index " + e.Index + ", which UTF-8 cannot encode", name, e);
        }

        /// <summary>
        /// An <c>ArgumentException</c> for the argument (or the part of it) <paramref name="name"/>, which
        /// keeps <paramref name="reason"/> apart from the runtime's "Parameter name" suffix, for <see cref="__Inside"/>.
        /// </summary>
        internal static global::System.ArgumentException __RefuseArgument(string reason, string name, global::System.Exception inner)
        {
            global::System.ArgumentException e = new global::System.ArgumentException(reason, name, inner);
            e.Data["Interop.Reason"] = reason;
            return e;
        }

        /// <summary>
        /// The exception <paramref name="e"/>, thrown while lowering the element or field <paramref name="step"/>
        /// (<c>[2]</c>, <c>.tags</c>) of the argument <paramref name="name"/>, thrown again naming the path to
        /// the bad value as the parameter: <c>people[2].tags[0]</c>, as the library's own messages do.
        /// </summary>
        internal static global::System.ArgumentException __Inside(global::System.ArgumentException e, string step, string name)
        {
            string inner = e.ParamName != null && e.ParamName.StartsWith(name, global::System.StringComparison.Ordinal) ? e.ParamName.Substring(name.Length) : "";
            string path = name + step + inner;
            if (e is global::System.ArgumentNullException)
            {
                return new global::System.ArgumentNullException(path);
            }
            string reason = e.Data["Interop.Reason"] as string;
            return __RefuseArgument(reason ?? e.Message, path, e);
        }

        /// <summary>
        /// The UTF-8 text <c>{ptr, len}</c> (checked by the library) as a string.
        /// </summary>
        internal static string __Decode(void* ptr, global::System.UIntPtr len)
        {
            int length = checked((int)(ulong)len);
            return length == 0 ? "" : global::System.Text.Encoding.UTF8.GetString((byte*)ptr, length);
        }

        /// <summary>
        /// A returned <c>String</c>: its text, then its buffer freed.
        /// </summary>
        internal static string __TakeString(__Buffer buffer)
        {
            try
            {
                return __Decode(buffer.Ptr, buffer.Len);
            }
            finally
            {
                interop_buffer_free(buffer.Ptr, buffer.Cap, (global::System.UIntPtr)1u, (global::System.UIntPtr)1u);
            }
        }

        /// <summary>
        /// A view of the first <c>len</c> elements of a buffer.
        /// </summary>
        internal static __View __ViewOf(__Buffer buffer)
        {
            __View view;
            view.Ptr = buffer.Ptr;
            view.Len = buffer.Len;
            return view;
        }

        internal static __Buffer __LowerString(string value, __Arena arena, string name)
        {
            if (value == null)
            {
                throw new global::System.ArgumentNullException(name);
            }
            int capacity = checked(value.Length * 3);
            byte* bytes = arena.Alloc(capacity);
            int length;
            fixed (char* chars = value)
            {
                length = __Utf8(chars, value.Length, bytes, capacity, name);
            }
            return new __Buffer(bytes, length);
        }

        internal static string __LiftString(__Buffer* buffer)
        {
            return __Decode(buffer->Ptr, buffer->Len);
        }

        internal static void __FreeString(__Buffer* buffer)
        {
            interop_buffer_free(buffer->Ptr, buffer->Cap, (global::System.UIntPtr)1u, (global::System.UIntPtr)1u);
            buffer->Ptr = null;
            buffer->Len = global::System.UIntPtr.Zero;
            buffer->Cap = global::System.UIntPtr.Zero;
        }

        internal static __View __LowerStr(string value, __Arena arena, string name)
        {
            __Buffer buffer = __LowerString(value, arena, name);
            return __ViewOf(buffer);
        }

        internal static string __LiftStr(__View* view)
        {
            return __Decode(view->Ptr, view->Len);
        }

        /// <summary>
        /// A C string argument: UTF-8 and a NUL terminator in <paramref name="arena"/>; a NUL inside the
        /// string throws an <c>ArgumentException</c> naming <paramref name="name"/>.
        /// </summary>
        internal static byte* __LowerCStr(string value, __Arena arena, string name)
        {
            if (value == null)
            {
                throw new global::System.ArgumentNullException(name);
            }
            int nul = value.IndexOf('\0');
            if (nul >= 0)
            {
                throw __RefuseArgument("the string holds a NUL at index " + nul + ", which a C string cannot hold", name, null);
            }
            int capacity = checked(value.Length * 3 + 1);
            byte* bytes = arena.Alloc(capacity);
            int length;
            fixed (char* chars = value)
            {
                length = __Utf8(chars, value.Length, bytes, capacity, name);
            }
            bytes[length] = 0;
            return bytes;
        }

        /// <summary>
        /// A NUL-terminated C string of the library as a string (NULL: empty).
        /// </summary>
        internal static string __ReadCString(byte* text)
        {
            if (text == null)
            {
                return "";
            }
            int length = 0;
            while (text[length] != 0)
            {
                length++;
            }
            return length == 0 ? "" : global::System.Text.Encoding.UTF8.GetString(text, length);
        }

        /// <summary>
        /// Structural equality of the values of a struct that owns data: arrays element by element.
        /// </summary>
        internal static bool __Eq(object a, object b)
        {
            global::System.Array x = a as global::System.Array;
            global::System.Array y = b as global::System.Array;
            if (x == null || y == null)
            {
                return object.Equals(a, b);
            }
            if (x.Length != y.Length)
            {
                return false;
            }
            for (int i = 0; i < x.Length; i++)
            {
                if (!__Eq(x.GetValue(i), y.GetValue(i)))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// A hash code consistent with <see cref="__Eq"/>.
        /// </summary>
        internal static int __Hash(object value)
        {
            global::System.Array array = value as global::System.Array;
            if (array == null)
            {
                return value == null ? 0 : value.GetHashCode();
            }
            int hash = 17;
            for (int i = 0; i < array.Length; i++)
            {
                hash = hash * 31 + __Hash(array.GetValue(i));
            }
            return hash;
        }

        /// <summary>
        /// A value as <c>ToString</c> shows it: strings quoted, arrays as <c>[a, b]</c>.
        /// </summary>
        internal static string __Show(object value)
        {
            if (value == null)
            {
                return "null";
            }
            string text = value as string;
            if (text != null)
            {
                return "\"" + text + "\"";
            }
            global::System.Array array = value as global::System.Array;
            if (array == null)
            {
                return value.ToString();
            }
            global::System.Text.StringBuilder b = new global::System.Text.StringBuilder("[");
            for (int i = 0; i < array.Length; i++)
            {
                if (i > 0)
                {
                    b.Append(", ");
                }
                b.Append(__Show(array.GetValue(i)));
            }
            return b.Append(']').ToString();
        }

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_buffer_free", ExactSpelling = true)]
        internal static extern void interop_buffer_free(void* ptr, global::System.UIntPtr cap, global::System.UIntPtr elemSize, global::System.UIntPtr elemAlign);
