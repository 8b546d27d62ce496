class _ServiceCodec(_Codec):
    """A service returned as the `Ok` of a `Result` (a fallible constructor): the handle becomes a
    new object of the service class, which owns it."""

    ctype = ctypes.c_void_p

    def __init__(self, cls: Any) -> None:
        self.cls = cls

    def lift(self, abi: Any) -> Any:
        return self.cls._from_handle(abi)
