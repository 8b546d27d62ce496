"""A user's Python script against the kvstore example's installed wheel: `with`, `except`,
8 threads on one store, a listener, and the live-object counter after `with` and after `del` +
`gc.collect()`. Prints "ok" when every check passes; checked with `mypy --strict` too."""

import gc
import os
import sys
import threading
from typing import List

import kvstore
from kvstore import _native
from kvstore import KvErrorError, KvStore, ServiceInUseError, live_objects

path = os.path.join(sys.argv[1], "db.kv")

try:
    KvStore.open("")
    raise AssertionError("an empty path opened")
except KvErrorError.EmptyPath as e:
    assert str(e) == "the path is empty", str(e)
try:
    KvStore.open("/no/such/dir/db.kv")
    raise AssertionError("a missing directory opened")
except KvErrorError.MissingDirectory as e:
    assert isinstance(e.value, kvstore.KvErrorMissingDirectory), e.value
    assert e.value.directory == "/no/such/dir", e.value

heard: List[str] = []
heard_lock = threading.Lock()


def on_put(key: str) -> None:
    with heard_lock:
        heard.append(key)


with KvStore.open(path) as db:
    db.on_put(on_put)
    db.put("greeting", b"hello")
    assert db.get("greeting") == "hello"
    assert db.get("missing") is None
    db.put("binary", bytes([0xFF, 0, 1]))
    assert db.get("binary") is None
    assert db.get_bytes("binary") == b"\xff\x00\x01"
    assert db.get_bytes("missing") is None
    if _native.path == "compiled":
        # `Option<Vec<u8>>` is `Optional[bytes]` on the compiled path too (no ctypes fallback).
        assert "KvStore.get_bytes" not in _native.fallbacks, _native.fallbacks
    try:
        db.put("", b"x")
        raise AssertionError("an empty key was stored")
    except KvErrorError as e:
        assert isinstance(e.value, kvstore.KvErrorEmptyKey), e.value

    with db.snapshot() as snapshot:
        assert db.delete("binary") and not db.delete("binary")
        assert (snapshot.len(), db.len()) == (2, 1)
        assert snapshot.get("greeting") == "hello"
        assert live_objects() == 2

    failures: List[str] = []

    def work(n: int) -> None:
        for i in range(200):
            key = f"t{n}-{i}"
            db.put(key, f"v{i}".encode())
            if db.get(key) != f"v{i}":
                failures.append(key)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    assert db.len() == 1 + 8 * 200, db.len()
    assert len(heard) == 2 + 8 * 200, len(heard)

    with KvStore.in_memory() as other:
        other.put("merged", b"yes")
        db.merge(other)
        try:
            db.merge(db)
            raise AssertionError("merged with itself")
        except ServiceInUseError:
            pass
    assert len(db.keys()) == 1 + 8 * 200 + 1
    db.close()
    db.close()  # idempotent, like a file's close()
    try:
        db.len()
        raise AssertionError("used after close")
    except ValueError:
        pass
assert live_objects() == 0, live_objects()

with KvStore.open(path) as again:
    assert again.len() == 1 + 8 * 200 + 1
    assert again.get("merged") == "yes"
    again.put("by-with", b"saved")
# `with` saved: __exit__ calls close(), like a file flushing.
with KvStore.open(path) as third:
    assert third.get("by-with") == "saved"
try:
    again.get("merged")
    raise AssertionError("used after with")
except ValueError as e:
    # `with` ran the Rust `close(self)`, which took the store by value.
    assert "KvStore was consumed" in str(e), str(e)
    assert again.closed

abandoned = KvStore.in_memory()
kept = abandoned.snapshot()
assert live_objects() == 2
del abandoned, kept
gc.collect()
assert live_objects() == 0, live_objects()

print("ok")
