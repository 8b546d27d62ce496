def _alias_field(cls: type, name: str, stored: str) -> None:
    """Make the field `name` a property over the ctypes field `stored`: PyPy's ctypes refuses
    non-ASCII names in `_fields_`, so such a field is stored under an ASCII name."""
    raw = cls.__dict__[stored]
    if "_raw_fields_" not in cls.__dict__:
        setattr(cls, "_raw_fields_", {})
    cls.__dict__["_raw_fields_"][name] = raw
    setattr(cls, name, property(raw.__get__, raw.__set__))
