"""Typed use of Rust closures returning owned data (ADR 56), checked by `mypy --strict` and run:
each call's result has the type the closure's signature gives."""

from __future__ import annotations

import array
from typing import Callable, List, Optional

from conformance import CbErrorError
from conformance.callbacks import (
    CbGreeter,
    CbPerson,
    make_counter,
    make_even_validator,
    make_formatter,
    make_length_checker,
    make_loader,
    make_parser,
    make_person_factory,
    make_splitter,
)

with make_formatter("n") as format_:
    text: str = format_(1)
    as_callable: Callable[[int], str] = format_
loaded: Optional[bytes] = make_loader("/r")("a")
parts: List[str] = make_splitter(",")("a,b")
counted: "array.array[int]" = make_counter(1)(2)
person: CbPerson = make_person_factory("p")(3)
parsed: str = make_parser(10)("2")
length: int = make_length_checker(9)("abc")
nothing: None = make_even_validator()(2)
try:
    make_parser(10)("3")
except CbErrorError as error:
    assert error.value is not None
with CbGreeter("Hi") as greeter:
    greeting: str = greeter.greeter()("you")
assert (text, loaded, parts, list(counted), person.age, parsed, length, greeting) == (
    "n1", b"/r/a", ["a", "b"], [1, 2], 3, "#2", 3, "Hi, you!"
), as_callable
print("typed returned closures ok")
