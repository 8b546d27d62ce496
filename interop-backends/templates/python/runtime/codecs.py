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
