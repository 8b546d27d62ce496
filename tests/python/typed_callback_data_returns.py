"""Typed use of closures returning data enums and tuples (ADR 63), checked by `mypy --strict` and
run: a callable of the right type is accepted, and each result has the type the signature gives."""

from __future__ import annotations

from typing import Callable, Tuple

from conformance import CbJobErrorError
from conformance.callbacks import (
    CbJobErrorFatal,
    CbToken,
    CbTokenEnd,
    CbTokenWord,
    label_all,
    make_job_runner,
    make_labeller,
    make_tokenizer,
    read_tokens,
    run_jobs,
)


def next_token(i: int) -> CbToken:
    return CbTokenWord("w") if i == 0 else CbTokenEnd()


def label(i: int) -> Tuple[int, str]:
    return (i, "x")


def job(i: int) -> int:
    if i:
        raise CbJobErrorError(CbJobErrorFatal("no"))
    return 1


tokens: str = read_tokens(3, next_token)
labels: str = label_all(2, label)
jobs: str = run_jobs(2, job)
token: CbToken = make_tokenizer()("a")
pair: Tuple[int, str] = make_labeller("p")(1)
as_callable: Callable[[int], Tuple[int, str]] = make_labeller("q")
try:
    make_job_runner()(101)
except CbJobErrorError as error:
    assert error.value is not None
assert (tokens, labels, jobs, token, pair) == (
    "w:w,end", "0=x,1=x", "ok:1,fatal:no", CbTokenWord("A"), (2, "p1")
), as_callable
print("typed data returns ok")
