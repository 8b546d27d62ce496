class _ClosureField(_Codec):
    """A closure field of a dataclass passed to Rust (ADR 30): the callable is registered under a
    new key whose `drop` Rust calls once, when it drops the closure; that keeps it alive."""

    def __init__(self, trampoline: _Trampoline, nullable: bool) -> None:
        self.trampoline = trampoline
        self.nullable = nullable
        self.ctype = _Callback

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        key = _callable_in(value, name, self.nullable)
        abi = self.trampoline.arg(key, True, value, name)
        if key:
            keep.append(_Registered(key))
        return abi

    def lift(self, abi: Any) -> Any:
        raise TypeError("a closure field cannot come back from Rust")


class _Registered:
    """A key `_ClosureField.lower` registered: released again when a later field fails to convert
    (Rust never sees the record, so it never calls the `drop`)."""

    def __init__(self, key: int) -> None:
        self.key = key


def _closures_in(value: Any, name: str, codec: _Record) -> Any:
    """A dataclass argument holding closures: its mirror, whose closures Rust now owns. When a field
    does not convert, the callables registered for the fields before it are released."""
    keep: List[Any] = []
    try:
        abi = codec.lower(value, name, keep)
    except BaseException:
        for item in keep:
            if isinstance(item, _Registered):
                _callables.pop(item.key, None)
        raise
    abi._keep = keep
    return abi
