        /// <summary>
        /// True on Mono run with <c>MONO_THREADS_SUSPEND=preemptive</c>, where a direct entry is faster
        /// than the trampoline; under Mono's default suspend it was slower, and CoreCLR has its
        /// <c>[UnmanagedCallersOnly]</c> entries (ADR 65).
        /// </summary>
        internal static readonly bool __DirectEntries = !__UnmanagedEntries && global::System.Environment.GetEnvironmentVariable("MONO_THREADS_SUSPEND") == "preemptive";

        /// <summary>
        /// A delegate of a static method seen twice by a trampoline's <c>PointerFor</c> (ADR 65), and the
        /// address Rust calls for it: its direct entry point, or the trampoline's when it has none.
        /// </summary>
        internal sealed class __DirectEntry
        {
            internal readonly global::System.Delegate Callback;
            internal readonly global::System.IntPtr Pointer;

            internal __DirectEntry(global::System.Delegate callback, global::System.IntPtr pointer)
            {
                Callback = callback;
                Pointer = pointer;
            }
        }

        /// <summary>
        /// The direct entry point of each (static method, trampoline delegate type), made once; the
        /// delegates behind them are kept for the process (Rust may hold their addresses).
        /// </summary>
        private static readonly global::System.Collections.Generic.Dictionary<global::System.Tuple<global::System.Reflection.MethodInfo, global::System.Type>, global::System.IntPtr> s_directEntries = new global::System.Collections.Generic.Dictionary<global::System.Tuple<global::System.Reflection.MethodInfo, global::System.Type>, global::System.IntPtr>();
        private static readonly global::System.Collections.Generic.List<global::System.Delegate> s_directDelegates = new global::System.Collections.Generic.List<global::System.Delegate>();

        /// <summary>
        /// The address Rust calls for <paramref name="callback"/>, a delegate without a target (of a
        /// static method) of a trampoline whose arguments and result cross unconverted, when
        /// <see cref="__DirectEntries"/>: the
        /// trampoline's <paramref name="trampoline"/> the first time the delegate is seen (remembered in
        /// <paramref name="seen"/>, so that a delegate made for one call costs no lookup), and from the
        /// second time on a method made for its static method (remembered in <paramref name="last"/>): a
        /// <c>try</c>/<c>catch</c> around a direct call of it, entered by Mono's native-to-managed wrapper
        /// without the slot lookup and the second delegate call of the trampoline (ADR 65).
        /// </summary>
        internal static global::System.IntPtr __DirectPointer(global::System.Delegate callback, global::System.Type call, ref global::System.Delegate seen, ref __DirectEntry last, global::System.IntPtr trampoline)
        {
            if (!__DirectEntries || callback.Target != null)
            {
                return trampoline;
            }
            if (!ReferenceEquals(global::System.Threading.Volatile.Read(ref seen), callback))
            {
                global::System.Threading.Volatile.Write(ref seen, callback);
                return trampoline;
            }
            global::System.IntPtr direct = __DirectFor(callback, call, trampoline);
            global::System.Threading.Volatile.Write(ref last, new __DirectEntry(callback, direct));
            return direct;
        }

        private static global::System.IntPtr __DirectFor(global::System.Delegate callback, global::System.Type call, global::System.IntPtr trampoline)
        {
            if (callback.GetInvocationList().Length != 1)
            {
                return trampoline;
            }
            global::System.Reflection.MethodInfo method = callback.Method;
            global::System.Reflection.MethodInfo invoke = call.GetMethod("Invoke");
            global::System.Reflection.ParameterInfo[] raw = invoke.GetParameters();
            global::System.Reflection.ParameterInfo[] parameters = method.GetParameters();
            if (!method.IsStatic || method.ReturnType != invoke.ReturnType || parameters.Length + 1 != raw.Length)
            {
                return trampoline;
            }
            global::System.Type[] types = new global::System.Type[raw.Length];
            types[0] = raw[0].ParameterType;
            for (int i = 0; i < parameters.Length; i++)
            {
                types[i + 1] = raw[i + 1].ParameterType;
                if (parameters[i].ParameterType != types[i + 1])
                {
                    return trampoline;
                }
            }
            var key = global::System.Tuple.Create(method, call);
            lock (s_directEntries)
            {
                global::System.IntPtr pointer;
                if (s_directEntries.TryGetValue(key, out pointer))
                {
                    return pointer;
                }
                try
                {
                    global::System.Delegate entry = __DirectMethod(method, invoke.ReturnType, types).CreateDelegate(call);
                    pointer = global::System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(entry);
                    s_directDelegates.Add(entry);
                }
                catch (global::System.Exception)
                {
                    // No code generation at run time (full AOT): the trampoline, for good.
                    pointer = trampoline;
                }
                s_directEntries.Add(key, pointer);
                return pointer;
            }
        }

        /// <summary>
        /// <c>(context, args…) => { try { return method(args…); } catch (Exception e) { __CallbackFailed(e); return default; } }</c>.
        /// </summary>
        private static global::System.Reflection.Emit.DynamicMethod __DirectMethod(global::System.Reflection.MethodInfo method, global::System.Type returns, global::System.Type[] types)
        {
            var dynamic = new global::System.Reflection.Emit.DynamicMethod("__Direct" + method.Name, returns, types, typeof(__DirectEntry).Module, true);
            global::System.Reflection.Emit.ILGenerator il = dynamic.GetILGenerator();
            bool value = returns != typeof(void);
            global::System.Reflection.Emit.LocalBuilder result = value ? il.DeclareLocal(returns) : null;
            il.BeginExceptionBlock();
            for (int i = 1; i < types.Length; i++)
            {
                il.Emit(global::System.Reflection.Emit.OpCodes.Ldarg, (short)i);
            }
            il.Emit(global::System.Reflection.Emit.OpCodes.Call, method);
            if (value)
            {
                il.Emit(global::System.Reflection.Emit.OpCodes.Stloc, result);
            }
            il.BeginCatchBlock(typeof(global::System.Exception));
            il.Emit(global::System.Reflection.Emit.OpCodes.Call, typeof(__DirectEntry).DeclaringType.GetMethod("__CallbackFailed", global::System.Reflection.BindingFlags.Static | global::System.Reflection.BindingFlags.NonPublic));
            il.EndExceptionBlock();
            if (value)
            {
                // Zero unless the call returned: the locals of a dynamic method are initialised.
                il.Emit(global::System.Reflection.Emit.OpCodes.Ldloc, result);
            }
            il.Emit(global::System.Reflection.Emit.OpCodes.Ret);
            return dynamic;
        }
