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
        internal static readonly uint* PanicPending = CheckLibrary();

{{ guard }}
        /// <summary>
        /// Takes the calling thread's error message, if it has one, and throws it: a panic as a
        /// <see cref="{{ exception }}"/>, an argument the library refused as an
        /// <see cref="System.ArgumentException"/> whose message names <paramref name="function"/>, the C#
        /// method called (<c>OrderBook.Submit argument 'order': …</c>), when it is given, instead of the C
        /// symbol. Returns when the pending error belongs to another thread.
        /// </summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        internal static void ThrowPendingPanic(string function = null)
        {
            uint kind;
            global::System.IntPtr message = interop_take_error(out kind);
            if (message == global::System.IntPtr.Zero)
            {
                return;
            }
{%- if callbacks %}
            global::System.Runtime.ExceptionServices.ExceptionDispatchInfo callback = t_callbackException;
            if (callback != null)
            {
                // The error the library recorded stands for this exception, thrown by a callback.
                t_callbackException = null;
                interop_string_free(message);
                callback.Throw();
                return;
            }
{%- endif %}
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
            // An argument the library refused (ADR 47): the function did not run.
            if (kind == 5)
            {
                throw Refused(text, function);
            }
{%- if services %}
            // The errors of services' locks, by their kind in the error channel (ADR 27): 2 busy on
            // another thread, 3 already in use by this thread, 4 consumed.
            if (kind == 4)
            {
                throw new global::System.ObjectDisposedException(text, (global::System.Exception)null);
            }
            if (kind == 2 || kind == 3)
            {
                throw new global::System.InvalidOperationException(text);
            }
{%- endif %}
            throw new {{ exception }}(text);
        }

        /// <summary>
        /// The exception of an argument the library refused (<c>argument `user_id` of `f`: …</c>, or
        /// <c>argument 1 of the closure returned by `f`: …</c>): <c>ParamName</c> is the C# name of the
        /// parameter (<c>{% if idiomatic %}userId{% else %}user_id{% endif %}</c>, <c>arg0</c>; null for the receiver), and the message
        /// names the C# method <paramref name="function"/> when it is given
        /// (<c>OrderBook.Submit argument 'userId': …</c>, <c>Counter.Get argument 'this' must not be null</c>).
        /// </summary>
        private static global::System.ArgumentException Refused(string text, string function)
        {
            const string Start = "argument ";
            string parameter = null;
            string rest = null;
            if (text.StartsWith(Start, global::System.StringComparison.Ordinal))
            {
                int end;
                string shown;
                if (text.Length > Start.Length && text[Start.Length] == '`')
                {
                    end = text.IndexOf('`', Start.Length + 1);
                    string rust = end < 0 ? null : text.Substring(Start.Length + 1, end - Start.Length - 1);
                    parameter = rust == null || rust == "self" ? null : RefusedParameter(rust);
                    shown = parameter ?? "this";
                    end++;
                }
                else
                {
                    end = Start.Length;
                    while (end < text.Length && text[end] >= '0' && text[end] <= '9')
                    {
                        end++;
                    }
                    int position;
                    bool numbered = int.TryParse(text.Substring(Start.Length, end - Start.Length), out position) && position > 0;
                    parameter = numbered ? "arg" + (position - 1) : null;
                    shown = parameter;
                    if (!numbered)
                    {
                        end = 0;
                    }
                }
                // ` of `f`` (or ` of the closure returned by `f``) follows the parameter.
                int of = end > 0 && string.CompareOrdinal(text, end, " of ", 0, 4) == 0 ? text.IndexOf('`', end) : -1;
                int close = of < 0 ? -1 : text.IndexOf('`', of + 1);
                if (close > 0 && function != null)
                {
                    rest = function + " argument '" + shown + "'" + text.Substring(close + 1);
                }
            }
            string message = rest ?? text;
            global::System.ArgumentException refused = new global::System.ArgumentException(message, parameter);
            refused.Data["Interop.Reason"] = message;
            return refused;
        }

        /// <summary>
        /// The C# name of the Rust parameter <paramref name="rust"/>.
        /// </summary>
        private static string RefusedParameter(string rust)
        {
{%- if idiomatic %}
            global::System.Text.StringBuilder name = new global::System.Text.StringBuilder(rust.Length);
            bool upper = false;
            foreach (char c in rust)
            {
                if (c == '_')
                {
                    upper = name.Length != 0;
                    continue;
                }
                name.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                upper = false;
            }
            return name.ToString();
{%- else %}
            return rust;
{%- endif %}
        }

{% if track_handles %}        /// <summary>
        /// The handles a destructor freed that no function has returned since (the allocator reuses
        /// addresses): destroying one of them again is refused. Guarded by itself.
        /// </summary>
        private static readonly global::System.Collections.Generic.HashSet<global::System.IntPtr> s_destroyed = new global::System.Collections.Generic.HashSet<global::System.IntPtr>();

        /// <summary>
        /// The number of entries of <see cref="s_destroyed"/>, read without the lock on the hot path.
        /// </summary>
        private static int s_destroyedCount;

        /// <summary>
        /// Records that <paramref name="handle"/> is being destroyed; throws when it was destroyed before.
        /// NULL is ignored (destructors ignore it).
        /// </summary>
        internal static void Destroying(global::System.IntPtr handle, string type)
        {
            if (handle == global::System.IntPtr.Zero)
            {
                return;
            }
            lock (s_destroyed)
            {
                if (!s_destroyed.Add(handle))
                {
                    throw new global::System.ObjectDisposedException(type, "This " + type + " was already destroyed.");
                }
                s_destroyedCount = s_destroyed.Count;
            }
        }

        /// <summary>
        /// A handle a function returned: live, whatever was destroyed at that address before.
        /// </summary>
        internal static global::System.IntPtr Returned(global::System.IntPtr handle)
        {
            if (global::System.Threading.Volatile.Read(ref s_destroyedCount) != 0 && handle != global::System.IntPtr.Zero)
            {
                lock (s_destroyed)
                {
                    s_destroyed.Remove(handle);
                    s_destroyedCount = s_destroyed.Count;
                }
            }
            return handle;
        }

{% endif %}{% if utf8z %}        /// <summary>
        /// UTF-8 that throws on a lone surrogate instead of writing U+FFFD.
        /// </summary>
        private static readonly global::System.Text.UTF8Encoding s_strictUtf8 = new global::System.Text.UTF8Encoding(false, true);

        /// <summary>
        /// <paramref name="text"/> as NUL-terminated UTF-8 (null for null), for a <c>const char *</c>.
        /// </summary>
        /// <exception cref="System.ArgumentException"><paramref name="text"/> holds a NUL character (the C
        /// string would end there) or a lone surrogate.</exception>
        internal static byte[] Utf8z(string text, string parameter)
        {
            if (text == null)
            {
                return null;
            }
            if (text.IndexOf('\0') >= 0)
            {
                throw new global::System.ArgumentException("holds a NUL character, which would end the C string", parameter);
            }
            byte[] bytes;
            try
            {
                bytes = new byte[s_strictUtf8.GetByteCount(text) + 1];
                s_strictUtf8.GetBytes(text, 0, text.Length, bytes, 0);
            }
            catch (global::System.Text.EncoderFallbackException e)
            {
                throw new global::System.ArgumentException("is not valid UTF-16 (a lone surrogate)", parameter, e);
            }
            return bytes;
        }

{% endif %}        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_panic_pending", ExactSpelling = true)]
        internal static extern uint* interop_panic_pending();

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_take_error", ExactSpelling = true)]
        internal static extern global::System.IntPtr interop_take_error(out uint kind);

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_string_free", ExactSpelling = true)]
        internal static extern void interop_string_free(global::System.IntPtr text);
{%- if callbacks %}
{% include "csharp/items/callbacks.cs" %}
{%- endif %}
{%- if buffers %}
{% include "csharp/items/buffers.cs" %}
{%- for c in codecs %}

{{ c }}
{%- endfor %}
{%- endif %}
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
