"""Bytes ⇄ domain dataclasses on the hot path, with validation that turns bad input into `PoisonRecord`.

The agents read and write plain JSON bytes and convert here, instead of going through
`faust.Record` per message: measured on an Article, `orjson.dumps(model)` takes 2 µs against 35 µs
for Record + asdict, and `decode` 5 µs against 25 µs. The Records in `records.py` stay the
documented schema of each topic; a test checks both produce the same JSON.

A record that is not JSON, not an object, too large, or lacks or mistypes a required field raises
`PoisonRecord`; the agent sends it to the stage's dead-letter topic and carries on. Unknown fields
are ignored, so a producer on a newer schema does not poison older workers.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any, TypeVar, Union

import orjson

from streams import models
from streams.errors import PoisonRecord

T = TypeVar("T")

MAX_RECORD_BYTES = 512 * 1024  # larger is not an article; the broker refuses > 1 MiB anyway


def encode(model: Any) -> bytes:
    """Domain dataclass → JSON bytes (the same object the topic's Record describes)."""
    return orjson.dumps(model)


def decode(cls: type[T], data: bytes | None) -> T:
    """JSON bytes → `cls`, validated; raises `PoisonRecord` saying what is wrong."""
    return from_obj(cls, load_json(data))


def load_json(data: bytes | None) -> Any:
    """JSON bytes → plain value, for callers that need the dict as well as the model; raises
    `PoisonRecord` for tombstones, oversized records and invalid JSON or UTF-8."""
    if data is None:
        raise PoisonRecord("empty record (tombstone) where a value was expected")
    if len(data) > MAX_RECORD_BYTES:
        raise PoisonRecord(f"record of {len(data)} bytes exceeds {MAX_RECORD_BYTES}")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:  # also raised for invalid UTF-8
        raise PoisonRecord(f"not JSON: {exc}") from exc


def from_obj(cls: type[T], obj: Any, where: str = "") -> T:
    """Build `cls` from decoded JSON, checking each field's type. Paths in errors are built only
    when one is raised (a 1,000-source story snapshot had spent most of its decode on them)."""
    base = where or cls.__name__
    if not isinstance(obj, dict):
        raise PoisonRecord(f"{base}: expected an object, got {type(obj).__name__}")
    kwargs: dict[str, Any] = {}
    for name, (check, required) in _schema(cls).items():
        if name not in obj:
            if required:
                raise PoisonRecord(f"{base}: missing field {name!r}")
            continue
        try:
            kwargs[name] = check(obj[name], base)
        except PoisonRecord as exc:
            raise _deeper(exc, base, f".{name}") from None
    return cls(**kwargs)


def _deeper(exc: PoisonRecord, base: str, step: str) -> PoisonRecord:
    """`exc` (whose message starts with the path `base`) with `step` added to that path."""
    msg = str(exc)
    return PoisonRecord(base + step + msg[len(base):] if msg.startswith(base) else msg)


Check = typing.Callable[[Any, str], Any]


@cache
def _schema(cls: type) -> dict[str, tuple[Check, bool]]:
    hints = typing.get_type_hints(cls, vars(models))
    out = {}
    for f in dataclasses.fields(cls):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        out[f.name] = (_checker(hints[f.name]), required)
    return out


def _checker(tp: Any) -> Check:
    """A check `(value, path) → value` raising PoisonRecord with a message that starts with `path`."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Union or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
        inner = [a for a in args if a is not type(None)]
        sub = _checker(inner[0]) if len(inner) == 1 else _any
        return lambda v, w: None if v is None else sub(v, w)
    if origin is list:
        item = _checker(args[0]) if args else _any
        if args and args[0] is str:  # ids, names: one type test an item
            return lambda v, w: v if all(type(x) is str for x in _expect(v, list, w)) else _items(item, v, w)
        return lambda v, w: _items(item, _expect(v, list, w), w)
    if origin is dict:
        val = _checker(args[1]) if len(args) == 2 else _any
        return lambda v, w: _entries(val, _expect(v, dict, w), w)
    if dataclasses.is_dataclass(tp):
        return lambda v, w: v if isinstance(v, tp) else from_obj(tp, v, w)
    if tp is float:
        return lambda v, w: float(_expect(v, (int, float), w))
    if tp in (str, int, bool):
        return lambda v, w: _expect(v, tp, w)
    return _any


def _items(check: Check, values: list, where: str) -> list:
    try:
        return [check(x, where) for x in values]
    except PoisonRecord as exc:
        raise _deeper(exc, where, "[]") from None


def _entries(check: Check, values: dict, where: str) -> dict:
    out = {}
    for k, x in values.items():
        try:
            out[_expect(k, str, where)] = check(x, where)
        except PoisonRecord as exc:
            raise _deeper(exc, where, f".{k}") from None
    return out


def _any(value: Any, where: str) -> Any:
    return value


def _expect(value: Any, tp: Any, where: str) -> Any:
    if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
        name = tp.__name__ if isinstance(tp, type) else "/".join(t.__name__ for t in tp)
        raise PoisonRecord(f"{where}: expected {name}, got {type(value).__name__}")
    return value
