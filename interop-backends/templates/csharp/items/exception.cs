    /// <summary>
    /// Thrown by a method of these bindings when the Rust function it called panicked (or rejected a
    /// NULL argument). The message is the panic message, e.g.
    /// <c>panic in `panic_if`: boom: requested panic</c>. The native library <c>{{ library }}</c> has
    /// already unwound and is in a consistent state; only that call failed.
    /// </summary>
    {{ access }} sealed class {{ name }} : global::System.Exception
    {
        /// <summary>
        /// Creates the exception with the panic message.
        /// </summary>
        public {{ name }}(string message) : base(message)
        {
        }
    }
