{{ doc }}    {{ access }} sealed unsafe class {{ name }} : global::System.IDisposable
    {
        /// <summary>
        /// Owns the native handle of a <c>{{ name }}</c>. P/Invoke holds a reference to it during every
        /// call that uses it, so the handle is freed (<c>{{ free_symbol }}</c>, which runs the Rust
        /// <c>Drop</c>) only once no call uses it: on <see cref="{{ name }}.Dispose"/>, after a method that
        /// consumed the object, or by the finalizer if the object was never disposed.
        /// </summary>
        internal sealed class NativeHandle : global::System.Runtime.InteropServices.SafeHandle
        {
            internal NativeHandle(global::System.IntPtr handle) : base(global::System.IntPtr.Zero, true)
            {
                SetHandle(handle);
            }

            /// <summary>
            /// True for NULL.
            /// </summary>
            public override bool IsInvalid => handle == global::System.IntPtr.Zero;

            /// <summary>
            /// Frees the native object; waits for calls on it that other threads are still inside.
            /// </summary>
            protected override bool ReleaseHandle()
            {
                {{ native }}.{{ free_import }}(handle);
                return true;
            }
        }

        private readonly NativeHandle _handle;

        /// <summary>
        /// 1 once disposed or consumed. Kept here rather than read from the handle: on Mono a handle
        /// disposed during a call on another thread reports itself closed only after that call.
        /// </summary>
        private int _disposed;

        private {{ name }}(NativeHandle handle)
        {
            _handle = handle;
        }

        /// <summary>
        /// Takes ownership of a handle the library returned.
        /// </summary>
        internal static {{ name }} __FromNative(global::System.IntPtr handle)
        {
            return new {{ name }}(new NativeHandle(handle));
        }

        /// <summary>
        /// The handle, for a call; throws <see cref="System.ObjectDisposedException"/> when the
        /// object was disposed or consumed.
        /// </summary>
        internal NativeHandle __Live
        {
            get
            {
                if (global::System.Threading.Volatile.Read(ref _disposed) != 0)
                {
                    throw new global::System.ObjectDisposedException("{{ name }}", "This {{ name }} was disposed, or consumed by a method that takes it by value.");
                }
                return _handle;
            }
        }

        /// <summary>
        /// True once the object was disposed or consumed by a method that takes it by value: every
        /// later call throws <see cref="System.ObjectDisposedException"/>.
        /// </summary>
        public bool IsDisposed => global::System.Threading.Volatile.Read(ref _disposed) != 0;

        /// <summary>
        /// Frees the Rust object (its <c>Drop</c> runs) as soon as no call on another thread uses it.
        /// Later calls throw <see cref="System.ObjectDisposedException"/>; disposing again does
        /// nothing.
        /// </summary>
        public void Dispose()
        {
            if (global::System.Threading.Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _handle.Dispose();
            }
        }
{%- for c in ctors %}

{{ c }}
{%- endfor %}
{%- for m in methods %}

{{ m }}
{%- endfor %}
    }
