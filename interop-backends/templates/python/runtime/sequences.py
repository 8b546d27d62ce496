def _elements(
    value: Any, name: str, element: _Codec, writable: bool, keep: List[Any]
) -> Tuple[Any, int, Any]:
    """`(ptr, count, packed)` of `value`'s elements in their ABI form: a buffer of the element's
    format is borrowed as it is (zero-copy; `packed` is None), anything else is packed into new
    memory (`packed`). `ptr` is an address, a `bytes` object or None; `keep` keeps it alive."""
    if element.formats and not isinstance(value, (list, tuple, str)):
        if type(value) is bytes and not writable and "B" in element.formats:
            return value, len(value), None
        if isinstance(value, ctypes.Array) and value._type_ is element.ctype:
            keep.append(value)
            return ctypes.addressof(value), len(value), None
        try:
            view = memoryview(value)
        except TypeError:
            view = None
        if view is not None:
            size = ctypes.sizeof(element.ctype)
            fmt = _format(view)
            if fmt not in element.formats or view.itemsize != size:
                raise TypeError(
                    f"{name}: expected a buffer of {element.formats[0]!r} ({size}-byte items), "
                    f"got format {view.format!r} ({view.itemsize}-byte items)"
                )
            if not view.c_contiguous:
                raise ValueError(f"{name}: the buffer is not contiguous")
            if writable and view.readonly:
                raise TypeError(f"{name}: the buffer is read-only")
            count = view.nbytes // size
            if not count:
                return None, 0, None
            if view.readonly:
                data = view.tobytes()  # a read-only buffer other than bytes: one copy
                return data, count, None
            anchor = ctypes.c_char.from_buffer(view)
            keep.append(anchor)
            return ctypes.addressof(anchor), count, None
    if writable and not isinstance(value, list):
        raise TypeError(f"{name}: expected a writable buffer or a list, got {type(value).__name__}")
    if isinstance(value, (str, bytes)) and not element.formats:
        raise TypeError(f"{name}: expected a sequence, got {type(value).__name__}")
    if isinstance(value, str):
        # A `str` is a sequence of characters, not of numbers (`b"abc"` is the bytes).
        raise TypeError(f"{name}: expected a buffer or a sequence of numbers, got str")
    try:
        count = len(value)
    except TypeError:
        raise TypeError(
            f"{name}: expected a sequence or a buffer, got {type(value).__name__}"
        ) from None
    packed = element.pack(value, name, keep)
    if not count:
        return None, 0, packed
    if isinstance(packed, bytes):
        return packed, count, packed
    anchor = ctypes.c_char.from_buffer(packed)
    keep.append(anchor)
    return ctypes.addressof(anchor), count, packed


def _char_p(ptr: Any) -> Any:
    """`ptr` as `_ViewIn.ptr` takes it: an address (an `int`) becomes a `c_char_p`, which PyPy
    requires (CPython also takes the `int`); `bytes` and `None` stay."""
    return ctypes.c_char_p(ptr) if type(ptr) is int else ptr


def _u8_in(value: Any, name: str, element: _Codec) -> _ViewIn:
    """A `&[u8]` or `Vec<u8>` argument; `bytes` (the common case) is passed as it is."""
    if type(value) is bytes:
        return _ViewIn(value, len(value))
    return _slice_in(value, name, element)


def _slice_in(value: Any, name: str, element: _Codec) -> _ViewIn:
    """A `&[T]` or `Vec<T>` argument as a view (what it points to alive as long as the view)."""
    keep: List[Any] = []
    ptr, count, packed = _elements(value, name, element, False, keep)
    view = _ViewIn(_char_p(ptr), count)
    view._keep = (keep, packed)
    return view


def _slice_mut_in(value: Any, name: str, element: _Codec) -> _ViewIn:
    """A `&mut [T]` argument: a writable buffer borrowed as it is, or a list whose elements are
    copied in and written back by `_write_back` after the call."""
    keep: List[Any] = []
    ptr, count, packed = _elements(value, name, element, True, keep)
    view = _ViewIn(_char_p(ptr), count)
    view._keep = (keep, packed)
    view._back = (value, element, packed) if packed is not None else None
    return view


def _packed(value: Any, name: str, element: _Codec) -> Any:
    """For the compiled call path (`_native.py`), when it cannot borrow `value` as a buffer of the
    element's format: the elements packed into new memory (a bytes-like object), or the exception
    `_slice_in` raises for `value`."""
    keep: List[Any] = []
    ptr, count, packed = _elements(value, name, element, False, keep)
    if packed is not None:
        return packed
    if isinstance(ptr, bytes):
        return ptr
    return ctypes.string_at(ptr, count * ctypes.sizeof(element.ctype)) if count else b""


def _write_back(view: _ViewIn) -> None:
    """After a call taking a list as `&mut [T]`: the list gets the elements the library wrote."""
    back = view._back
    if back is not None:
        target, element, packed = back
        target[:] = element.unpack(packed, len(target))


class _Vec(_Codec):
    """`Vec<T>` / `Box<[T]>` inside data: an owned buffer of elements."""

    ctype: Any = _Buffer
    owns = True

    def __init__(self, element: _Codec) -> None:
        self.element = element

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        ptr, count, packed = _elements(value, name, self.element, False, keep)
        keep.append(packed)
        if isinstance(ptr, bytes):
            ptr = _lend(ptr, keep)
        return _Buffer(ptr, count, 0)

    def lift(self, abi: Any) -> Any:
        return self.element.lift_many(abi.ptr, abi.len)

    def free(self, abi: Any) -> None:
        _free_buffer(abi, self.element)


class _Slice(_Vec):
    """`&[T]` inside data: a view of elements (borrowed for the call)."""

    ctype = _View
    owns = False

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        ptr, count, packed = _elements(value, name, self.element, False, keep)
        keep.append(packed)
        if isinstance(ptr, bytes):
            ptr = _lend(ptr, keep)
        return _View(ptr, count)

    def free(self, abi: Any) -> None:
        pass


def _free_buffer(buffer: Any, element: _Codec) -> None:
    """Frees what the elements of a returned buffer own, then the buffer itself."""
    try:
        element.free_many(buffer.ptr, buffer.len)
    finally:
        size = ctypes.sizeof(element.ctype)
        _buffer_free(buffer.ptr, buffer.cap, size, ctypes.alignment(element.ctype))


class _Record(_Codec):
    """A struct owning data (or holding views): a Python class, crossing as its ABI mirror."""

    def __init__(self, cls: Any, mirror: Any) -> None:
        self.cls = cls
        self.ctype = mirror
        self.fields: Tuple[Tuple[str, _Codec], ...] = ()

    def set_fields(self, fields: Tuple[Tuple[str, _Codec], ...]) -> None:
        self.fields = fields
        self.owns = any(codec.owns for _, codec in fields)

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        if not isinstance(value, self.cls):
            raise TypeError(f"{name}: expected {self.cls.__name__}, got {type(value).__name__}")
        abi = self.ctype()
        for field, codec in self.fields:
            setattr(abi, field, codec.lower(getattr(value, field), f"{name}.{field}", keep))
        return abi

    def lift(self, abi: Any) -> Any:
        return self.cls(*[codec.lift(getattr(abi, field)) for field, codec in self.fields])

    def free(self, abi: Any) -> None:
        for field, codec in self.fields:
            if codec.owns:
                codec.free(getattr(abi, field))


class _Tuple(_Record):
    """A tuple: a Python `tuple`, crossing as its ABI struct `{_0, _1, ...}`. An argument may be any
    sequence of the right length (not `str`, `bytes` or `bytearray`)."""

    def __init__(self, mirror: Any) -> None:
        super().__init__(tuple, mirror)

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        count = len(self.fields)
        if isinstance(value, (str, bytes, bytearray)) or not isinstance(value, typing.Sequence):
            raise TypeError(f"{name}: expected a sequence of {count}, got {type(value).__name__}")
        if len(value) != count:
            raise TypeError(f"{name}: expected a sequence of {count}, got {len(value)} items")
        abi = self.ctype()
        for i, ((field, codec), item) in enumerate(zip(self.fields, value)):
            setattr(abi, field, codec.lower(item, f"{name}[{i}]", keep))
        return abi

    def lift(self, abi: Any) -> Any:
        return tuple(codec.lift(getattr(abi, field)) for field, codec in self.fields)


def _record_in(value: Any, name: str, codec: _Record) -> Any:
    """A struct argument owning data: its mirror (what it points to alive as long as it)."""
    keep: List[Any] = []
    abi = codec.lower(value, name, keep)
    abi._keep = keep
    return abi


def _take(abi: Any, codec: _Codec) -> Any:
    """A returned value owning data: copied into Python values, then what it owns freed (also when
    the copy raises)."""
    try:
        return codec.lift(abi)
    finally:
        codec.free(abi)


def _take_vec(buffer: _Buffer, element: _Codec) -> Any:
    """A returned `Vec<T>`: its elements copied (bytes, `array.array` or a list), then the elements'
    own data and the buffer freed (also when the copy raises)."""
    try:
        return element.lift_many(buffer.ptr, buffer.len)
    finally:
        _free_buffer(buffer, element)
