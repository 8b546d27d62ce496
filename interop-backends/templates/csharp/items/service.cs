{{ doc }}    {{ access }} sealed unsafe class {{ name }} : global::System.IDisposable
    {
        /// <summary>
        /// The native handle, freed (<c>{{ free_symbol }}</c>, which runs the Rust <c>Drop</c>) once no
        /// call uses it: on <see cref="{{ name }}.Dispose"/>, after a method that consumed the object,
        /// or by the finalizer if the object was never disposed.
        /// </summary>
        private global::System.IntPtr _native;

        /// <summary>
        /// The guard: bit 0 is set once the object is disposed or consumed; the rest counts the calls
        /// in progress (2 per call). Whoever makes it exactly 1 (closed, no call inside) frees the
        /// handle: <see cref="{{ name }}.Dispose"/> when no call is inside, else the last call to leave.
        /// So a <c>Dispose</c> during a call on another thread frees only after that call, and a
        /// call that starts after it never gets the handle (what <c>SafeHandle</c> marshalling
        /// guarantees, for two interlocked operations per call).
        /// </summary>
        private int _state;

        private {{ name }}(global::System.IntPtr handle)
        {
            _native = handle;
        }

        /// <summary>
        /// Frees the handle if no call or <c>Dispose</c> did (the object is unreachable, so no call is
        /// inside: a call keeps the object alive until it left).
        /// </summary>
        ~{{ name }}()
        {
            if ((_state & 1) == 0)
            {
                _state = 1;
                __Free();
            }
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
            _state = 1;
            global::System.GC.SuppressFinalize(this);
            return _native;
        }

        /// <summary>
        /// Counts a call in and returns the handle; throws <see cref="System.ObjectDisposedException"/>
        /// when the object was disposed or consumed.
        /// </summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal global::System.IntPtr __Enter()
        {
            int state = global::System.Threading.Volatile.Read(ref _state);
            if ((state & 1) == 0 && global::System.Threading.Interlocked.CompareExchange(ref _state, state + 2, state) == state)
            {
                return _native;
            }
            return __EnterSlow();
        }

        private global::System.IntPtr __EnterSlow()
        {
            while (true)
            {
                int state = global::System.Threading.Volatile.Read(ref _state);
                if ((state & 1) != 0)
                {
                    throw new global::System.ObjectDisposedException("{{ name }}", "This {{ name }} was disposed, or consumed by a method that takes it by value.");
                }
                if (global::System.Threading.Interlocked.CompareExchange(ref _state, state + 2, state) == state)
                {
                    return _native;
                }
            }
        }

        /// <summary>
        /// Counts a call out (one that entered); the last call out of a disposed object frees it.
        /// </summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal void __Leave()
        {
            if (global::System.Threading.Interlocked.Add(ref _state, -2) == 1)
            {
                __Free();
            }
        }

        private void __Free()
        {
            {{ native }}.{{ free_import }}(_native);
        }

        /// <summary>
        /// True once the object was disposed or consumed by a method that takes it by value: every
        /// later call throws <see cref="System.ObjectDisposedException"/>.
        /// </summary>
        public bool IsDisposed => (global::System.Threading.Volatile.Read(ref _state) & 1) != 0;

        /// <summary>
        /// Marks the object closed and frees the handle now if no call is inside (else the last call
        /// out frees it): what <see cref="{{ name }}.Dispose"/> does, and a method or argument that
        /// consumes the object after its call. Closing again does nothing.
        /// </summary>
        internal void __Close()
        {
            while (true)
            {
                int state = global::System.Threading.Volatile.Read(ref _state);
                if ((state & 1) != 0)
                {
                    return;
                }
                if (global::System.Threading.Interlocked.CompareExchange(ref _state, state | 1, state) == state)
                {
                    global::System.GC.SuppressFinalize(this);
                    if (state == 0)
                    {
                        __Free();
                    }
                    return;
                }
            }
        }
{%- if let Some(close) = close %}

        /// <summary>
        /// Closes the object as <see cref="{{ name }}.{{ close }}"/> does (the Rust <c>close(self)</c> runs,
        /// then the Rust object is freed); does nothing when it is already closed, disposed or consumed.
        /// Like <c>Stream.Dispose</c> (which flushes), it throws what the Rust <c>close</c> throws: the
        /// object is closed all the same. The finalizer of an object never closed only frees it.
        /// </summary>
        public void Dispose()
        {
            {{ close }}();
        }
{%- else %}

        /// <summary>
        /// Frees the Rust object (its <c>Drop</c> runs) as soon as no call on another thread uses it.
        /// Later calls throw <see cref="System.ObjectDisposedException"/>; disposing again does
        /// nothing.
        /// </summary>
        public void Dispose()
        {
            __Close();
        }
{%- endif %}
{%- for c in ctors %}

{{ c }}
{%- endfor %}
{%- for m in methods %}

{{ m }}
{%- endfor %}
    }
