_ABI_CLASSES: Dict[Any, Any] = {}


class _OptionAbi(ctypes.Structure):
    """`Option<T>` in its ABI form `{uint8_t is_some; T value}` (one subclass per `T`)."""


class _ResultAbi(ctypes.Structure):
    """A returned `Result<T, E>`: `{uint8_t status; union {T ok; {E value; String message} err}}`
    (one subclass per `T` and `E`); status 0 is `Ok`, 1 `Err`, 2 a panic."""


def _option_abi(value: Any) -> Any:
    """The `ctypes.Structure` of `Option<T>` whose value has the ctypes type `value` (one class per
    type: every use of `Option<T>` shares it)."""
    key = ("option", value)
    cls = _ABI_CLASSES.get(key)
    if cls is None:
        cls = type(
            f"_Option_{value.__name__}",
            (_OptionAbi,),
            {"_fields_": [("is_some", ctypes.c_uint8), ("value", value)]},
        )
        _ABI_CLASSES[key] = cls
    return cls


def _error_abi(value: Any) -> Any:
    """The error of a `Result`: `{E value; String message}`."""
    key = ("error", value)
    cls = _ABI_CLASSES.get(key)
    if cls is None:
        cls = type(
            f"_Error_{value.__name__}",
            (ctypes.Structure,),
            {"_fields_": [("value", value), ("message", _Buffer)]},
        )
        _ABI_CLASSES[key] = cls
    return cls


def _result_abi(ok: Any, err: Any) -> Any:
    """The `ctypes.Structure` of `Result<T, E>` (`ok` is None for `()`)."""
    key = ("result", ok, err)
    cls = _ABI_CLASSES.get(key)
    if cls is None:
        members = [("err", _error_abi(err))]
        if ok is not None:
            members.insert(0, ("ok", ok))
        body = type("_ResultBody", (ctypes.Union,), {"_fields_": members})
        cls = type(
            f"_Result_{getattr(ok, '__name__', 'unit')}_{err.__name__}",
            (_ResultAbi,),
            {"_fields_": [("status", ctypes.c_uint8), ("body", body)]},
        )
        _ABI_CLASSES[key] = cls
    return cls


class _Option(_Codec):
    """`Option<T>`: `None`, or a value of `T` (converted by `T`'s codec)."""

    def __init__(self, inner: _Codec) -> None:
        self.inner = inner
        self.ctype = _option_abi(inner.ctype)

    @property
    def owns(self) -> bool:  # type: ignore[override]
        # Read when used: the codec of a record or data enum knows only once its fields are set.
        return self.inner.owns

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        abi = self.ctype()
        if value is not None:
            abi.is_some = 1
            abi.value = self.inner.lower(value, name, keep)
        return abi

    def lift(self, abi: Any) -> Any:
        if abi.is_some == 0:
            return None
        if abi.is_some != 1:
            raise RustPanic(f"the library returned an option tagged {abi.is_some} (neither 0 nor 1)")
        return self.inner.lift(abi.value)

    def free(self, abi: Any) -> None:
        if abi.is_some == 1 and self.inner.owns:
            self.inner.free(abi.value)


def _option_in(value: Any, name: str, codec: _Option) -> Any:
    """An `Option<T>` argument whose value converts (strings, vectors, records owning data, nested
    options): its ABI form (what it points to alive as long as it)."""
    keep: List[Any] = []
    abi = codec.lower(value, name, keep)
    abi._keep = keep
    return abi
