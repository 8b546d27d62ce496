class _DataEnumAbi(ctypes.Structure):
    """An enum with data in its ABI form (ADR 13): the tag, then the union of the variants'
    bodies, spelled as words (one subclass per enum, made by `_enum_abi`)."""

    _body_offset_ = 0


_WORDS = {1: ctypes.c_uint8, 2: ctypes.c_uint16, 4: ctypes.c_uint32, 8: ctypes.c_uint64}
_FLOATS = {4: ctypes.c_float, 8: ctypes.c_double}


def _leaves(ctype: Any, offset: int, out: List[Tuple[int, bool]]) -> None:
    """`(offset, is a float)` of every scalar inside `ctype` placed at `offset`."""
    if isinstance(ctype, type) and issubclass(ctype, (ctypes.Structure, ctypes.Union)):
        for field in ctype._fields_:
            _leaves(field[1], offset + getattr(ctype, field[0]).offset, out)
    elif isinstance(ctype, type) and issubclass(ctype, ctypes.Array):
        element: Any = getattr(ctype, "_type_")
        for i in range(getattr(ctype, "_length_")):
            _leaves(element, offset + i * ctypes.sizeof(element), out)
    else:
        out.append((offset, getattr(ctype, "_type_", None) in ("f", "d")))


def _enum_abi(name: str, tag: Any, size: int, body_offset: int, bodies: Tuple[Any, ...]) -> Any:
    """The `ctypes.Structure` of a data enum: `tag`, then the bodies' union as words of the
    union's alignment. ctypes cannot pass a union by value, so the words stand for it; where the
    C ABI passes the value in registers (16 bytes or less on x86-64 System V) an eightbyte that
    only ever holds floats is spelled as floats, so that libffi picks the registers the C
    compiler picks (merging the classes of every variant, as for a union)."""
    present = [b for b in bodies if b is not None]
    align = max([ctypes.alignment(b) for b in present] + [1])
    length = max([ctypes.sizeof(b) for b in present] + [0])
    word = _WORDS.get(align)
    if word is None:
        raise ImportError(f"{name}: a body aligned to {align} bytes has no ctypes spelling")
    floats: Dict[int, bool] = {0: False}
    if size <= 16:
        leaves: List[Tuple[int, bool]] = []
        for body in present:
            _leaves(body, body_offset, leaves)
        for at, is_float in leaves:
            floats[at // 8] = floats.get(at // 8, True) and is_float
    fields: List[Tuple[str, Any]] = [("tag", tag)]
    for i in range((length + align - 1) // align):
        at = body_offset + i * align
        fields.append((f"_w{i}", _FLOATS[align] if floats.get(at // 8) else word))
    cls = type(f"_{name}_abi", (_DataEnumAbi,), {"_fields_": fields, "_body_offset_": body_offset})
    return cls


class _DataEnum(_Codec):
    """An enum with data: one frozen dataclass per variant, crossing as its `_DataEnumAbi` (the
    variant's index as the tag, its fields in its body structure, each through its codec)."""

    def __init__(self, name: str, ctype: Any) -> None:
        self.name = name
        self.ctype = ctype
        self.offset: int = ctype._body_offset_
        self.variants: Tuple[Tuple[Any, Any, Tuple[Tuple[str, _Codec], ...]], ...] = ()
        self.index: Dict[Any, int] = {}

    def set_fields(self, variants: Tuple[Tuple[Any, Any, Tuple[Tuple[str, _Codec], ...]], ...]) -> None:
        self.variants = variants
        self.index = {cls: i for i, (cls, _, _) in enumerate(variants)}
        self.owns = any(codec.owns for _, _, fields in variants for _, codec in fields)

    def tag_of(self, value: Any) -> Optional[int]:
        """The index of `value`'s variant (`None`: not a variant of this enum)."""
        i = self.index.get(type(value))
        if i is None:
            for cls, j in self.index.items():
                if isinstance(value, cls):
                    return j
        return i

    def lower(self, value: Any, name: str, keep: List[Any]) -> Any:
        i = self.tag_of(value)
        if i is None:
            raise TypeError(f"{name}: expected {self.name}, got {type(value).__name__}")
        _, body_type, fields = self.variants[i]
        abi = self.ctype()
        abi.tag = i
        if body_type is not None:
            body = body_type()
            for field, codec in fields:
                setattr(body, field, codec.lower(getattr(value, field), f"{name}.{field}", keep))
            ctypes.memmove(ctypes.addressof(abi) + self.offset, ctypes.addressof(body), ctypes.sizeof(body))
        return abi

    def body(self, abi: Any) -> Tuple[Any, Any, Tuple[Tuple[str, _Codec], ...]]:
        """`(variant class, body or None, fields)` of the value `abi`; a tag that names no variant
        raises ValueError."""
        tag = abi.tag
        if not 0 <= tag < len(self.variants):
            raise ValueError(
                f"{self.name}: the tag {tag} names no variant (the enum has {len(self.variants)})"
            )
        cls, body_type, fields = self.variants[tag]
        body = None if body_type is None else body_type.from_buffer_copy(abi, self.offset)
        return cls, body, fields

    def lift(self, abi: Any) -> Any:
        cls, body, fields = self.body(abi)
        if body is None:
            return cls()
        return cls(*[codec.lift(getattr(body, field)) for field, codec in fields])

    def free(self, abi: Any) -> None:
        if not self.owns or not 0 <= abi.tag < len(self.variants):
            return
        _, body, fields = self.body(abi)
        for field, codec in fields:
            if codec.owns:
                codec.free(getattr(body, field))


def _enum_in(value: Any, name: str, where: str, codec: _DataEnum, expected: Optional[str] = None) -> Any:
    """A data enum argument (ctypes path): its ABI form, what it points to alive as long as it;
    a value of no variant of the enum raises the `TypeError` of the compiled path."""
    if codec.tag_of(value) is None:
        _bad(value, expected or codec.name, where)
    keep: List[Any] = []
    abi = codec.lower(value, name, keep)
    abi._keep = keep
    return abi


def _enum_cell(value: Any, name: str, where: str, codec: _DataEnum) -> Any:
    """A `&mut` data enum argument: a list of one value, whose element the call replaces."""
    if not isinstance(value, list) or len(value) != 1:
        _bad(value, f"a list of one {codec.name}", where)
    return _enum_in(value[0], f"{name}[0]", where, codec)


def _enum_arg(value: Any, name: str, codec: _DataEnum) -> Any:
    """For the compiled path: the ABI form of a data enum argument, `None` when `value` is of no
    variant (the compiled path raises its `TypeError`)."""
    if codec.tag_of(value) is None:
        return None
    keep: List[Any] = []
    abi = codec.lower(value, name, keep)
    abi._keep = keep
    return abi


def _enum_at(address: int, codec: _DataEnum, take: bool) -> Any:
    """For the compiled path: the data enum the library returned at `address`, copied and freed
    (`take`), or only freed."""
    abi = codec.ctype.from_address(address)
    if take:
        return _take(abi, codec)
    codec.free(abi)
    return None
