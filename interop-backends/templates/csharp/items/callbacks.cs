
        /// <summary>
        /// A closure <c>{call, context, drop}</c> (interop-core's <c>CallbackAbi</c>): Rust calls
        /// <c>call(context, args…)</c>, and <c>drop(context)</c> once when it is done with it.
        /// </summary>
        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
        internal struct __Callback
        {
            internal global::System.IntPtr Call;
            internal global::System.IntPtr Context;
            internal global::System.IntPtr Drop;

            internal __Callback(global::System.IntPtr call, global::System.IntPtr context, global::System.IntPtr drop)
            {
                Call = call;
                Context = context;
                Drop = drop;
            }
        }

        /// <summary>
        /// Marks the static methods native code calls, for Mono's ahead-of-time compiler (which looks for
        /// the attribute by name).
        /// </summary>
        [global::System.AttributeUsage(global::System.AttributeTargets.Method)]
        internal sealed class MonoPInvokeCallbackAttribute : global::System.Attribute
        {
            internal MonoPInvokeCallbackAttribute(global::System.Type type)
            {
            }
        }

        [global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
        internal delegate void __ContextFn(global::System.IntPtr context);

        [global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
        internal delegate void __HookFn();

        private static readonly __HookFn s_unhandledHook = __UnhandledCallback;
        private static int s_hooked;
        private static readonly __ContextFn s_dropCallback = __DropCallback;

        /// <summary>
        /// The <c>drop</c> of a kept closure: frees the <c>GCHandle</c> of its delegate.
        /// </summary>
        internal static readonly global::System.IntPtr __DropPointer = __CallbackPointer(s_dropCallback);

        /// <summary>
        /// The exception a callback threw on this thread, until the call waiting for it rethrows it.
        /// </summary>
        [global::System.ThreadStatic]
        private static global::System.Runtime.ExceptionServices.ExceptionDispatchInfo t_callbackException;

        /// <summary>
        /// The address of <paramref name="method"/> (a static delegate kept for the process); the first
        /// call also registers the handler of exceptions nobody waits for.
        /// </summary>
        internal static global::System.IntPtr __CallbackPointer(global::System.Delegate method)
        {
            if (global::System.Threading.Interlocked.Exchange(ref s_hooked, 1) == 0)
            {
                interop_callback_unhandled_hook(global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(s_unhandledHook));
            }
            return global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(method);
        }

        [MonoPInvokeCallback(typeof(__ContextFn))]
        private static void __DropCallback(global::System.IntPtr context)
        {
            if (context != global::System.IntPtr.Zero)
            {
                global::System.Runtime.InteropServices.GCHandle.FromIntPtr(context).Free();
            }
        }

        /// <summary>
        /// Called by a trampoline that caught <paramref name="e"/>: keeps it for this thread and tells the
        /// library, which either records an error for the waiting call (rethrown by
        /// <see cref="ThrowPendingPanic"/>) or, on a thread Rust started, calls the unhandled hook.
        /// </summary>
        internal static void __CallbackFailed(global::System.Exception e)
        {
            t_callbackException = global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            interop_callback_failed();
        }

        [MonoPInvokeCallback(typeof(__HookFn))]
        private static void __UnhandledCallback()
        {
            global::System.Runtime.ExceptionServices.ExceptionDispatchInfo pending = t_callbackException;
            t_callbackException = null;
            if (pending == null)
            {
                return;
            }
            try
            {
                {{ class }}.__OnUnhandledCallbackException(pending.SourceException);
            }
            catch (global::System.Exception e)
            {
                // A handler that throws must not unwind into Rust either.
                global::System.Console.Error.WriteLine("An UnhandledCallbackException handler threw: " + e);
            }
        }

        /// <summary>
        /// The handle of a Rust closure the library returned: releasing it calls the closure's <c>drop</c>
        /// (once, after the calls in progress; from the finalizer when nobody disposed it).
        /// </summary>
        internal sealed class __ClosureHandle : global::System.Runtime.InteropServices.SafeHandle
        {
            private readonly __ContextFn _drop;

            internal __ClosureHandle(__Callback abi) : base(global::System.IntPtr.Zero, true)
            {
                if (abi.Drop != global::System.IntPtr.Zero)
                {
                    _drop = (__ContextFn)global::System.Runtime.InteropServices.Marshal.GetDelegateForFunctionPointer(abi.Drop, typeof(__ContextFn));
                }
                SetHandle(abi.Context);
            }

            public override bool IsInvalid
            {
                get { return _drop == null; }
            }

            protected override bool ReleaseHandle()
            {
                _drop(handle);
                return true;
            }
        }

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_callback_failed", ExactSpelling = true)]
        private static extern void interop_callback_failed();

        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = "interop_callback_unhandled_hook", ExactSpelling = true)]
        private static extern void interop_callback_unhandled_hook(global::System.IntPtr hook);
