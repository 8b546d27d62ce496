def _array_of(kind: Any) -> Callable[[Any], Any]:
    """What a field of the ctypes array type `kind` accepts: any sequence (nested for arrays of
    arrays) of exactly its length, as an array of `kind`. Another length raises ValueError."""

    inner = _array_of(kind._type_) if issubclass(kind._type_, ctypes.Array) else None

    def convert(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        if len(value) != kind._length_:
            raise ValueError(f"expected {kind._length_} elements, got {len(value)}")
        if inner is not None:
            return kind(*(inner(v) for v in value))
        return kind(*value)

    return convert
