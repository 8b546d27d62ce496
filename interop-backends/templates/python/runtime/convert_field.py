def _convert_field(
    cls: type,
    name: str,
    read: Optional[Callable[[Any], Any]],
    write: Optional[Callable[[Any], Any]],
) -> None:
    """Replace the ctypes field `name` of `cls` by a property that converts what is read (`read`)
    and checks and converts what is written (`write`): `__init__` and assignments go through it."""
    raw = cls.__dict__.get("_raw_fields_", {}).get(name) or cls.__dict__[name]
    # The ctypes field stays reachable for the layout check at load (`_raw._check_library`).
    if "_raw_fields_" not in cls.__dict__:
        setattr(cls, "_raw_fields_", {})
    cls.__dict__["_raw_fields_"][name] = raw

    def get(self: Any) -> Any:
        value = raw.__get__(self, cls)
        if read is None:
            return value
        try:
            return read(value)
        except ValueError as e:
            raise ValueError(f"{cls.__name__}.{name}: {e}") from None

    def put(self: Any, value: Any) -> None:
        if write is not None:
            try:
                value = write(value)
            except (TypeError, ValueError) as e:
                raise type(e)(f"{cls.__name__}.{name}: {e}") from None
        if isinstance(value, ctypes.Array) and not _holds_objects(value._objects):
            # Plain data (nothing for the struct to keep alive): copied into place. Also where
            # PyPy cannot store an array into a struct a call returned.
            at = ctypes.addressof(self) + raw.offset
            ctypes.memmove(at, ctypes.addressof(value), ctypes.sizeof(value))
            return
        raw.__set__(self, value)

    setattr(cls, name, property(raw.__get__ if read is None else get, put))


def _holds_objects(objects: Any) -> bool:
    """Whether a ctypes value's `_objects` keeps anything alive (pointers' targets)."""
    if isinstance(objects, dict):
        return any(_holds_objects(o) for o in objects.values())
    return objects is not None

