class _View(ctypes.Structure):
    """A borrowed view `{ptr, len}` inside data: UTF-8 text or elements, valid for one call."""

    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class _ViewIn(ctypes.Structure):
    """A view passed as an argument: `ptr` also takes a `bytes` object, which it keeps alive."""

    _fields_ = [("ptr", ctypes.c_char_p), ("len", ctypes.c_size_t)]


class _Buffer(ctypes.Structure):
    """An owned buffer `{ptr, len, cap}`: one the library returns is freed once, with
    `interop_buffer_free`; in an argument `cap` is 0 and the library only copies it."""

    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t), ("cap", ctypes.c_size_t)]


_decode_utf8: Any = getattr(ctypes, "pythonapi", None)  # PyPy has no C API through ctypes
if _decode_utf8 is not None:
    _decode_utf8 = _decode_utf8.PyUnicode_DecodeUTF8
    _decode_utf8.argtypes = (ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_char_p)
    _decode_utf8.restype = ctypes.py_object


def _text(ptr: Optional[int], length: int) -> str:
    """The UTF-8 text `{ptr, len}` (checked by the library) as a `str` (one copy)."""
    if not length:
        return ""
    if _decode_utf8 is None:
        return ctypes.string_at(ptr or 0, length).decode("utf-8")
    result: str = _decode_utf8(ptr, length, None)
    return result


def _utf8(value: Any, name: str) -> bytes:
    """`value` (a `str`) encoded as UTF-8; a lone surrogate raises ValueError naming `name`."""
    try:
        return value.encode("utf-8")  # type: ignore[no-any-return]
    except UnicodeEncodeError as e:
        raise ValueError(
            f"{name}: {e.object[e.start:e.end]!r} at index {e.start} cannot be encoded as UTF-8 "
            f"(a lone surrogate)"
        ) from None
    except AttributeError:
        raise TypeError(f"{name}: expected str, got {type(value).__name__}") from None


def _str_in(value: Any, name: str) -> _ViewIn:
    """A `str` argument as a view of its UTF-8 bytes (alive as long as the view)."""
    if type(value) is not str:
        if not isinstance(value, str):
            raise TypeError(f"{name}: expected str, got {type(value).__name__}")
    data = _utf8(value, name)
    return _ViewIn(data, len(data))


def _c_str_in(value: Any, name: str) -> bytes:
    """A `str` or `bytes` argument of a C string: NUL-terminated by ctypes; an interior NUL
    raises ValueError naming `name`."""
    data = value if isinstance(value, bytes) else _utf8(value, name)
    if b"\0" in data:
        raise ValueError(f"{name}: a C string cannot contain NUL (at byte {data.index(0)})")
    return data


def _c_str_out(ptr: Optional[int]) -> str:
    """A returned static C string as a `str`."""
    return ctypes.string_at(ptr).decode("utf-8") if ptr else ""


def _take_str(buffer: _Buffer) -> str:
    """A returned `String`: its text, then the buffer freed."""
    try:
        return _text(buffer.ptr, buffer.len)
    finally:
        _buffer_free(buffer.ptr, buffer.cap, 1, 1)


def _take_bytes(buffer: _Buffer) -> bytes:
    """A returned `Vec<u8>`: its bytes (one copy), then the buffer freed."""
    try:
        return ctypes.string_at(buffer.ptr or 0, buffer.len) if buffer.len else b""
    finally:
        _buffer_free(buffer.ptr, buffer.cap, 1, 1)


def _lend(data: bytes, keep: List[Any]) -> Optional[int]:
    """The address of `data`'s bytes, kept alive by `keep` (None when empty)."""
    if not data:
        return None
    anchor = ctypes.c_char_p(data)
    keep.append(anchor)
    return ctypes.c_void_p.from_buffer(anchor).value


_NATIVE = "<" if sys.byteorder == "little" else ">"


def _format(view: memoryview) -> str:
    """The struct format of a buffer without a native byte-order prefix."""
    fmt = view.format
    if fmt[:1] in ("@", "=", _NATIVE):
        fmt = fmt[1:]
    return fmt


class _Codec:
    """How values of one type cross inside other data (record fields, elements of slices and
    vectors): the ctypes type of their ABI form, and the conversions both ways. `lower` fills the
    ABI form (keeping what it points to alive in `keep`), `lift` copies a value out of one, `free`
    frees what one returned by the library owns (`owns`)."""

    ctype: Any = None
    owns = False
    #: The element is C-compatible: a buffer of the right format is borrowed as it is.
    formats: Tuple[str, ...] = ()

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        return value

    def lift(self, abi: Any) -> Any:
        return abi

    def free(self, abi: Any) -> None:
        pass

    def pack(self, values: Any, name: str, keep: List[Any]) -> bytes:
        """Elements of a sequence as contiguous ABI memory."""
        try:
            count = len(values)
        except TypeError:
            raise TypeError(
                f"{name}: expected a sequence or a buffer, got {type(values).__name__}"
            ) from None
        out = bytearray()
        for i in range(count):
            lowered = self.lower(values[i], f"{name}[{i}]", keep)
            if not isinstance(lowered, ctypes.Structure):
                lowered = self.ctype(lowered)
            out += bytes(lowered)
        return bytes(out)

    def unpack(self, data: Any, count: int) -> List[Any]:
        """`count` elements of packed ABI memory (bytes-like), as Python values."""
        size = ctypes.sizeof(self.ctype)
        return [self.lift(self.ctype.from_buffer_copy(data, i * size)) for i in range(count)]

    def lift_many(self, ptr: Optional[int], count: int) -> Any:
        """Copies of the `count` elements at `ptr` (memory of the library)."""
        if not count:
            return self.unpack(b"", 0)
        size = ctypes.sizeof(self.ctype)
        return [self.lift(self.ctype.from_address(ptr + i * size)) for i in range(count)]  # type: ignore[operator]

    def free_many(self, ptr: Optional[int], count: int) -> None:
        """Frees what each of the `count` elements at `ptr` owns."""
        if self.owns and count:
            size = ctypes.sizeof(self.ctype)
            for i in range(count):
                self.free(self.ctype.from_address(ptr + i * size))  # type: ignore[operator]


_TYPECODES = {"u": "BHIQ", "i": "bhiq", "f": "fd"}
_FORMATS = {"u": "BHILQN", "i": "bhilqn", "f": "efd"}


def _typecode(ctype: Any, kind: str) -> str:
    """The `array` typecode of the kind (`u`nsigned, `i` signed, `f`loat) and size of `ctype`."""
    for code in _TYPECODES[kind]:
        if array.array(code).itemsize == ctypes.sizeof(ctype):
            return code
    raise ImportError(f"no array typecode for {ctype.__name__}")


class _Number(_Codec):
    """Integers and floats: `array.array` in one copy, buffers of the same format borrowed."""

    def __init__(self, ctype: Any, kind: str) -> None:
        self.ctype = ctype
        self.typecode = _typecode(ctype, kind)
        self.formats = (self.typecode,) + tuple(f for f in _FORMATS[kind] if f != self.typecode)
        self.float_ = kind == "f"
        bits = 8 * ctypes.sizeof(ctype)
        self.lo: int = 0 if kind == "u" else -(2 ** (bits - 1))
        self.hi: int = 2**bits - 1 if kind == "u" else 2 ** (bits - 1) - 1

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        if isinstance(value, bool) or not isinstance(value, (float, int) if self.float_ else int):
            raise TypeError(f"{name}: expected {'float' if self.float_ else 'int'}, got {type(value).__name__}")
        if not self.float_ and not self.lo <= value <= self.hi:
            # ctypes would wrap it silently.
            raise OverflowError(f"{name}: {value} is out of range ({self.lo} to {self.hi})")
        return value

    def pack(self, values: Any, name: str, keep: List[Any]) -> Any:
        try:
            return array.array(self.typecode, values)
        except (TypeError, OverflowError) as e:
            raise type(e)(f"{name}: {e}") from None

    def unpack(self, data: Any, count: int) -> Any:
        return list(data)

    def lift_many(self, ptr: Optional[int], count: int) -> Any:
        out = array.array(self.typecode, bytes(count * ctypes.sizeof(self.ctype)))
        if count:
            ctypes.memmove(out.buffer_info()[0], ptr or 0, count * out.itemsize)
        return out


class _Bytes(_Number):
    """`u8`: `bytes` and any bytes-like object."""

    def __init__(self, ctype: Any, kind: str) -> None:
        super().__init__(ctype, kind)
        self.formats = self.formats + ("c",)

    def lift_many(self, ptr: Optional[int], count: int) -> Any:
        return ctypes.string_at(ptr or 0, count) if count else b""


class _Bool(_Codec):
    ctype = ctypes.c_bool
    formats = ("?",)

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        if not isinstance(value, bool):
            raise TypeError(f"{name}: expected bool, got {type(value).__name__}")
        return value

    def pack(self, values: Any, name: str, keep: List[Any]) -> Any:
        out = bytearray(len(values))
        for i, v in enumerate(values):
            if not isinstance(v, bool):
                raise TypeError(f"{name}[{i}]: expected bool, got {type(v).__name__}")
            out[i] = v
        return out

    def unpack(self, data: Any, count: int) -> Any:
        return [b != 0 for b in bytes(data)[:count]]

    def lift_many(self, ptr: Optional[int], count: int) -> Any:
        return [b != 0 for b in ctypes.string_at(ptr or 0, count)] if count else []


class _Enum(_Codec):
    """A C-like enum: its members, stored as its integer (the library checks every value)."""

    def __init__(self, cls: Any, ctype: Any, kind: str, members: Callable[[int], Any]) -> None:
        self.cls = cls
        self.ctype = ctype
        self.typecode = _typecode(ctype, kind)
        self.formats = (self.typecode,) + tuple(f for f in _FORMATS[kind] if f != self.typecode)
        self.members = members

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        if not isinstance(value, self.cls):
            raise TypeError(f"{name}: expected {self.cls.__name__}, got {type(value).__name__}")
        return int(value)

    def lift(self, abi: Any) -> Any:
        return self.members(abi)

    def pack(self, values: Any, name: str, keep: List[Any]) -> Any:
        for i, v in enumerate(values):
            if not isinstance(v, self.cls):
                raise TypeError(f"{name}[{i}]: expected {self.cls.__name__}, got {type(v).__name__}")
        return array.array(self.typecode, values)

    def unpack(self, data: Any, count: int) -> Any:
        if not isinstance(data, array.array):
            data = array.array(self.typecode, bytes(data))
        return [self.members(v) for v in data]

    def lift_many(self, ptr: Optional[int], count: int) -> Any:
        return self.unpack(ctypes.string_at(ptr or 0, count * ctypes.sizeof(self.ctype)), count) if count else []


class _Struct(_Codec):
    """A C-compatible struct (a `ctypes.Structure`): copied as bytes, arrays of it borrowed."""

    def __init__(self, cls: Any) -> None:
        self.ctype = cls

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        if not isinstance(value, self.ctype):
            raise TypeError(f"{name}: expected {self.ctype.__name__}, got {type(value).__name__}")
        return value

    def lift(self, abi: Any) -> Any:
        return self.ctype.from_buffer_copy(abi)

    def pack(self, values: Any, name: str, keep: List[Any]) -> Any:
        out = bytearray()
        for i, v in enumerate(values):
            out += bytes(self.lower(v, f"{name}[{i}]", keep))
        return out

    def unpack(self, data: Any, count: int) -> Any:
        size = ctypes.sizeof(self.ctype)
        return [self.ctype.from_buffer_copy(data, i * size) for i in range(count)]

    def lift_many(self, ptr: Optional[int], count: int) -> Any:
        if not count:
            return []
        return self.unpack(ctypes.string_at(ptr or 0, count * ctypes.sizeof(self.ctype)), count)


class _StringCodec(_Codec):
    """`String` inside data: an owned buffer of UTF-8."""

    ctype: Any = _Buffer
    owns = True

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"{name}: expected str, got {type(value).__name__}")
        data = _utf8(value, name)
        return _Buffer(_lend(data, keep), len(data), 0)

    def lift(self, abi: Any) -> Any:
        return _text(abi.ptr, abi.len)

    def free(self, abi: Any) -> None:
        _buffer_free(abi.ptr, abi.cap, 1, 1)


class _StrCodec(_StringCodec):
    """`&str` inside data: a view of UTF-8."""

    ctype = _View
    owns = False

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"{name}: expected str, got {type(value).__name__}")
        data = _utf8(value, name)
        return _View(_lend(data, keep), len(data))

    def free(self, abi: Any) -> None:
        pass


class _CStrCodec(_Codec):
    """`&CStr` inside data: a NUL-terminated `const char *`."""

    ctype = ctypes.c_void_p

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        return _lend(_c_str_in(value, name) + b"\0", keep)

    def lift(self, abi: Any) -> Any:
        return _c_str_out(abi)


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


def _u8_in(value: Any, name: str, element: _Codec) -> _ViewIn:
    """A `&[u8]` or `Vec<u8>` argument; `bytes` (the common case) is passed as it is."""
    if type(value) is bytes:
        return _ViewIn(value, len(value))
    return _slice_in(value, name, element)


def _slice_in(value: Any, name: str, element: _Codec) -> _ViewIn:
    """A `&[T]` or `Vec<T>` argument as a view (what it points to alive as long as the view)."""
    keep: List[Any] = []
    ptr, count, packed = _elements(value, name, element, False, keep)
    view = _ViewIn(ptr, count)
    view._keep = (keep, packed)
    return view


def _slice_mut_in(value: Any, name: str, element: _Codec) -> _ViewIn:
    """A `&mut [T]` argument: a writable buffer borrowed as it is, or a list whose elements are
    copied in and written back by `_write_back` after the call."""
    keep: List[Any] = []
    ptr, count, packed = _elements(value, name, element, True, keep)
    view = _ViewIn(ptr, count)
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
