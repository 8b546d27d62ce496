class Error(Exception):
    """Base class of the errors Rust functions return (`Err` of a `Result`), distinct from
    `RustPanic`. `value` is the error value (for a `String` error, its text), `str(error)` its
    message: the error type's `Display` in Rust, else a rendering of the value. Each error type has
    its own subclass (`ParseErrorError` for `ParseError`), with one subclass per variant of an enum
    (`ParseErrorError.Empty`); a `String` error raises `Error` itself."""

    # `value` in a slot, not the instance's dict: no dict is made per raised error (ADR 52).
    __slots__ = ("value",)

    value: Any

    def __init__(self, value: Any, message: Optional[str] = None) -> None:
        # The compiled path makes the same object without calling this (`args` = `(message,)`, then
        # `value`: interop-core/src/python/convert/raiser.rs); subclasses define no `__init__`.
        super().__init__(str(value) if message is None else message)
        self.value = value

    def __reduce__(self) -> Any:
        return (type(self), (self.value, str(self)))


def _variant_error(base: Any, name: str) -> Any:
    """The subclass `base.<name>` of an error class for one variant of its error type."""
    cls = type(
        name,
        (base,),
        {
            "__module__": base.__module__,
            "__qualname__": f"{base.__qualname__}.{name}",
            "__doc__": f"`{base.__name__}` of the variant `{name}`.",
        },
    )
    setattr(base, name, cls)
    return cls


class _Raise:
    """Raises the error a `Result` returned: reads `{E value; String message}` at an address,
    copies the value and the message, frees both, and raises the error type's class (the
    subclass of the value's variant where the type has variants)."""

    def __init__(self, codec: _Codec, exception: Any, variants: Dict[Any, Any]) -> None:
        self.codec = codec
        self.ctype = _error_abi(codec.ctype)
        self.exception = exception
        self.variants = variants

    def __call__(self, address: int) -> typing.NoReturn:
        abi = self.ctype.from_address(address)
        try:
            try:
                value = self.codec.lift(abi.value)
            finally:
                self.codec.free(abi.value)
        finally:
            message = _take_str(abi.message)
        cls = self.variants.get(type(value))
        if cls is None and isinstance(value, enum.Enum):
            cls = self.variants.get(value)
        raise (cls or self.exception)(value, message)


class _Result:
    """A returned `Result<T, E>`: the `Ok` value (converted by `T`'s codec), or the error raised."""

    def __init__(self, ok: Optional[_Codec], error: _Raise) -> None:
        self.ok = ok
        self.error = error
        self.ctype = _result_abi(ok.ctype if ok is not None else None, error.codec.ctype)

    def __call__(self, abi: Any) -> Any:
        status = abi.status
        if status == 0:
            return _take(abi.body.ok, self.ok) if self.ok is not None else None
        if status == 1:
            self.error(ctypes.addressof(abi.body.err))
        raise RustPanic(f"the library returned a result with status {status}")

