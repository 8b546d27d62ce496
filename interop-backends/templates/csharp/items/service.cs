{{ doc }}    {{ access }} sealed unsafe class {{ name }} : global::System.IDisposable
    {
        /// <summary>
        /// The native handle. <see cref="{{ name }}.Dispose"/> closes it (<c>{{ dispose_symbol }}</c>:
        /// waits for the calls in progress, runs the Rust <c>Drop</c>); the finalizer frees it
        /// (<c>{{ free_symbol }}</c>, which also runs the <c>Drop</c> of an object never disposed).
        /// </summary>
        private readonly global::System.IntPtr _native;

        /// <summary>
        /// 0 while the object is usable, 1 once disposed, 2 once consumed by a method that takes it
        /// by value. A call checks it before it starts; a call that raced with <c>Dispose</c> on another
        /// thread is refused by the library's lock instead (the object is closed there), so no use after
        /// free: the handle itself is freed only by the finalizer, when no call can use it.
        /// </summary>
        private int _closed;

        private {{ name }}(global::System.IntPtr handle)
        {
            _native = handle;
        }

        /// <summary>
        /// Frees the handle (and runs the Rust <c>Drop</c> if the object was never disposed): the object
        /// is unreachable, so no call uses it (each call keeps its objects alive until it returned).
        /// </summary>
        ~{{ name }}()
        {
            {{ native }}.{{ free_import }}(_native);
        }

        /// <summary>
        /// Takes ownership of a handle the library returned.
        /// </summary>
        internal static {{ name }} __FromNative(global::System.IntPtr handle)
        {
            return new {{ name }}(handle);
        }

        /// <summary>
        /// Gives the handle of an object no one else saw (a constructor's result) to a new object:
        /// this one then owns nothing.
        /// </summary>
        private global::System.IntPtr __TakeNative()
        {
            _closed = 1;
            global::System.GC.SuppressFinalize(this);
            return _native;
        }

        /// <summary>
        /// The handle for a call; throws <see cref="System.ObjectDisposedException"/> when the object
        /// was disposed or consumed. The call ends with <c>GC.KeepAlive</c> of the object.
        /// </summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal global::System.IntPtr __Handle()
        {
            if (_closed != 0)
            {
                __ThrowClosed();
            }
            return _native;
        }

        private void __ThrowClosed()
        {
            throw new global::System.ObjectDisposedException("{{ name }}", _closed == 1 ? "This {{ name }} was disposed." : "This {{ name }} was closed, or consumed by a method that takes it by value.");
        }

        /// <summary>
        /// True once the object was disposed or consumed by a method that takes it by value: every
        /// later call throws <see cref="System.ObjectDisposedException"/>.
        /// </summary>
        public bool IsDisposed => global::System.Threading.Volatile.Read(ref _closed) != 0;

        /// <summary>
        /// Marks the object spent after a method or argument that takes it by value, whatever the
        /// call's outcome. The library's cell is empty unless the call was refused before it took the
        /// value (the object was busy on another thread): <c>{{ dispose_symbol }}</c> then drops it
        /// (after that thread's call); otherwise it finds nothing to do. The finalizer frees the handle.
        /// </summary>
        internal void __Consumed()
        {
            if (global::System.Threading.Interlocked.CompareExchange(ref _closed, 2, 0) == 0)
            {
                {{ native }}.{{ dispose_import }}(_native);
                global::System.GC.KeepAlive(this);
            }
        }

        /// <summary>
        /// Closes the object once (also when two threads race): marks it closed, then
        /// <c>{{ dispose_symbol }}</c> waits for the calls in progress on other threads and runs the Rust
        /// <c>Drop</c>. The handle's few bytes stay until the finalizer frees them.
        /// </summary>
        private void __Dispose()
        {
            if (global::System.Threading.Interlocked.CompareExchange(ref _closed, 1, 0) == 0)
            {
                {{ native }}.{{ dispose_import }}(_native);
                global::System.GC.KeepAlive(this);
                if (*{{ native }}.PanicPending != 0) {{ native }}.ThrowPendingPanic();
            }
        }
{%- if let Some(close) = close %}

        /// <summary>
        /// Closes the object as <see cref="{{ name }}.{{ close }}"/> does (the Rust <c>close(self)</c> runs,
        /// then the Rust object is freed); does nothing when it is already closed, disposed or consumed.
        /// Like <c>Stream.Dispose</c> (which flushes), it throws what the Rust <c>close</c> throws: the
        /// object is closed all the same. The finalizer of an object never closed only runs its
        /// <c>Drop</c>.
        /// </summary>
        public void Dispose()
        {
            {{ close }}();
        }
{%- else %}

        /// <summary>
        /// Runs the Rust <c>Drop</c> now, after the calls in progress on other threads returned (it
        /// waits for them). Later calls throw <see cref="System.ObjectDisposedException"/>; disposing
        /// again does nothing.
        /// </summary>
        /// <exception cref="{{ exception }}">The Rust <c>Drop</c> panicked (the object is disposed
        /// all the same).</exception>
        public void Dispose()
        {
            __Dispose();
        }
{%- endif %}
{%- for c in ctors %}

{{ c }}
{%- endfor %}
{%- for m in methods %}

{{ m }}
{%- endfor %}
    }
