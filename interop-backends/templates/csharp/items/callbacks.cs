
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

        /// <summary>
        /// True when the runtime calls <c>[UnmanagedCallersOnly]</c> methods from native code (CoreCLR,
        /// .NET 5 and later): Rust is then handed the <c>InvokeUnmanaged</c> twin of each entry point,
        /// cheaper to enter than a delegate's reverse P/Invoke stub; on Mono, the delegate (ADR 39).
        /// </summary>
        internal static readonly bool __UnmanagedEntries = typeof(object).Assembly.GetType("System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute") != null;

        private static readonly __HookFn s_unhandledHook = __UnhandledCallback;
        private static int s_hooked;
        private static readonly __ContextFn s_dropCallback = __DropCallback;

        /// <summary>
        /// The <c>drop</c> of a kept closure: frees the slot of its delegate.
        /// </summary>
        internal static readonly global::System.IntPtr __DropPointer = __CallbackPointer(s_dropCallback, typeof({{ name }}), "__DropCallbackUnmanaged");

        /// <summary>
        /// The exception a callback threw on this thread, until the call waiting for it rethrows it.
        /// </summary>
        [global::System.ThreadStatic]
        private static global::System.Runtime.ExceptionServices.ExceptionDispatchInfo t_callbackException;

        /// <summary>
        /// The address Rust calls for an entry point made once: the static <c>[UnmanagedCallersOnly]</c>
        /// method <paramref name="unmanaged"/> of <paramref name="owner"/> when
        /// <see cref="__UnmanagedEntries"/>, else <paramref name="method"/>'s (a static delegate kept for
        /// the process). The first call also registers the handler of exceptions nobody waits for.
        /// </summary>
        internal static global::System.IntPtr __CallbackPointer(global::System.Delegate method, global::System.Type owner, string unmanaged)
        {
            if (global::System.Threading.Interlocked.Exchange(ref s_hooked, 1) == 0)
            {
                interop_callback_unhandled_hook(__EntryPoint(s_unhandledHook, typeof({{ name }}), "__UnhandledCallbackUnmanaged"));
            }
            return __EntryPoint(method, owner, unmanaged);
        }

        private static global::System.IntPtr __EntryPoint(global::System.Delegate method, global::System.Type owner, string unmanaged)
        {
            if (__UnmanagedEntries)
            {
                return owner.GetMethod(unmanaged, global::System.Reflection.BindingFlags.Static | global::System.Reflection.BindingFlags.NonPublic).MethodHandle.GetFunctionPointer();
            }
            return global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(method);
        }

        [MonoPInvokeCallback(typeof(__ContextFn))]
        private static void __DropCallback(global::System.IntPtr context)
        {
            if (context != global::System.IntPtr.Zero)
            {
                __ClosureFree(context);
            }
        }

        [global::System.Runtime.InteropServices.UnmanagedCallersOnly(CallConvs = new global::System.Type[] { typeof(global::System.Runtime.CompilerServices.CallConvCdecl) })]
        private static void __DropCallbackUnmanaged(global::System.IntPtr context)
        {
            __DropCallback(context);
        }

        /// <summary>
        /// The delegates Rust may call, by slot: a closure's <c>context</c> is the index of its slot
        /// (never 0). Reading a slot is an array load, where a <c>GCHandle</c> would be a runtime call
        /// on every invocation (ADR 38). Slot numbers are shared by all delegate types: this table holds
        /// the <see cref="__ClosureTable{T}"/> that holds the delegate of each slot in use (null when the
        /// slot is free). Slots are taken and freed under <see cref="s_closureLock"/>, and this table is
        /// only read under it.
        /// </summary>
        private static __ClosureTable[] s_closures = new __ClosureTable[16];
        private static int[] s_closureFree = new int[16];
        private static int s_closureFreeCount;
        private static int s_closureNext = 1;
        private static readonly object s_closureLock = new object();

        /// <summary>
        /// The slots of the delegates of one type.
        /// </summary>
        internal abstract class __ClosureTable
        {
            /// <summary>
            /// Lets go of the delegate in <paramref name="slot"/> (under the slot lock).
            /// </summary>
            internal abstract void Clear(int slot);
        }

        /// <summary>
        /// The delegates of type <typeparamref name="T"/>, by slot: what a trampoline reads, typed, so
        /// that an invocation is a plain array load and no cast (ADR 44). The array only grows (to the
        /// most closures alive at once) and a reader may hold an older copy, which has the same
        /// delegates in the slots in use.
        /// </summary>
        internal sealed class __ClosureTable<T> : __ClosureTable where T : class
        {
            internal static readonly __ClosureTable<T> Instance = new __ClosureTable<T>();

            internal static T[] Items = new T[16];

            internal override void Clear(int slot)
            {
                Items[slot] = null;
            }
        }

        /// <summary>
        /// Keeps <paramref name="callback"/> (not null) reachable in a free slot until
        /// <see cref="__ClosureFree"/>; returns the slot, the closure's <c>context</c>. Its trampoline
        /// reads it from <see cref="__ClosureTable{T}.Items"/>.
        /// </summary>
        internal static global::System.IntPtr __ClosureAlloc<T>(T callback) where T : class
        {
            lock (s_closureLock)
            {
                int slot;
                if (s_closureFreeCount > 0)
                {
                    slot = s_closureFree[--s_closureFreeCount];
                }
                else
                {
                    slot = s_closureNext;
                    if (slot == s_closures.Length)
                    {
                        __ClosureTable[] grown = new __ClosureTable[checked(slot * 2)];
                        global::System.Array.Copy(s_closures, grown, slot);
                        s_closures = grown;
                        int[] free = new int[grown.Length];
                        global::System.Array.Copy(s_closureFree, free, s_closureFreeCount);
                        s_closureFree = free;
                    }
                    s_closureNext = slot + 1;
                }
                T[] items = __ClosureTable<T>.Items;
                if (slot >= items.Length)
                {
                    T[] grown = new T[s_closures.Length];
                    global::System.Array.Copy(items, grown, items.Length);
                    global::System.Threading.Volatile.Write(ref __ClosureTable<T>.Items, grown);
                    items = grown;
                }
                items[slot] = callback;
                s_closures[slot] = __ClosureTable<T>.Instance;
                return (global::System.IntPtr)slot;
            }
        }

        /// <summary>
        /// Frees the slot <paramref name="context"/>: its delegate becomes collectable. A slot already
        /// free is left alone.
        /// </summary>
        internal static void __ClosureFree(global::System.IntPtr context)
        {
            long slot = (long)context;
            lock (s_closureLock)
            {
                if (slot <= 0 || slot >= s_closureNext || s_closures[slot] == null)
                {
                    return;
                }
                s_closures[slot].Clear((int)slot);
                s_closures[slot] = null;
                s_closureFree[s_closureFreeCount++] = (int)slot;
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

        [global::System.Runtime.InteropServices.UnmanagedCallersOnly(CallConvs = new global::System.Type[] { typeof(global::System.Runtime.CompilerServices.CallConvCdecl) })]
        private static void __UnhandledCallbackUnmanaged()
        {
            __UnhandledCallback();
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
