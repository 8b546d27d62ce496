def _owned_copy(ptr: Any, count: int, size: int, align: int) -> int:
    """`count` elements of `size` bytes at `ptr` copied into a buffer of `interop_buffer_alloc`,
    which the library takes as its own (ADR 54)."""
    owned: Optional[int] = _buffer_alloc(count, size, align)
    if not owned:
        raise MemoryError(f"the library could not allocate {count} elements of {size} bytes")
    ctypes.memmove(owned, ptr or 0, count * size)
    return owned


def _own(codec: _Codec, abi: Any) -> None:
    """Makes the ABI form `abi` that `codec.lower` filled (its buffers borrowed, `cap` 0) owned, in
    place: each buffer is copied into memory of `interop_buffer_alloc` and gets `cap == len`. On an
    exception half way the buffers made so far have `cap > 0`: the library frees them."""
    if isinstance(codec, _Vec):
        count = abi.len
        if not count:
            return
        element = codec.element
        size = ctypes.sizeof(element.ctype)
        owned = _owned_copy(abi.ptr, count, size, ctypes.alignment(element.ctype))
        abi.ptr, abi.cap = owned, count
        if element.owns:
            for i in range(count):
                _own(element, element.ctype.from_address(owned + i * size))
    elif isinstance(codec, _StringCodec):
        if abi.len:
            abi.ptr, abi.cap = _owned_copy(abi.ptr, abi.len, 1, 1), abi.len
    elif isinstance(codec, _Option):
        if abi.is_some == 1 and codec.inner.owns:
            _own(codec.inner, abi.value)
    elif isinstance(codec, _Record):
        for field, inner in codec.fields:
            if inner.owns:
                _own(inner, getattr(abi, field))
    elif codec.owns and hasattr(codec, "variants"):
        # A data enum (ADR 63): the fields of the variant its tag names, in its body.
        _, body_type, fields = getattr(codec, "variants")[abi.tag]
        if body_type is not None:
            body = body_type.from_address(ctypes.addressof(abi) + getattr(codec, "offset"))
            for field, inner in fields:
                if inner.owns:
                    _own(inner, getattr(body, field))


def _own_into(codec: _Codec, value: Any, address: int, where: str) -> None:
    """Writes `value`, what a callable returned, to the closure's slot at `address` in owned form
    (ADR 54): converted by `codec` (a value of the wrong type raises the codec's exception, naming
    `where` and the callback's result), then every buffer copied into memory the library takes."""
    keep: List[Any] = []
    lowered = codec.lower(value, f"{where}: the callback's result", keep)
    slot = codec.ctype.from_address(address)
    # The converted value is bound to a name until it is copied: a temporary's memory may be freed
    # (PyPy reuses it at once) before `memmove` reads it.
    source = lowered if isinstance(lowered, ctypes.Structure) else codec.ctype(lowered)
    ctypes.memmove(address, ctypes.addressof(source), ctypes.sizeof(codec.ctype))
    _own(codec, slot)
