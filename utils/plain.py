"""Results as plain data: numbers, strings, lists and arrays only, with an exact JSON form.

Graded outputs cross process and file boundaries in this form, so nothing a submission returns is
ever unpickled or trusted as an object.  Floats are written with ``repr``, which round-trips exactly,
so reference files rebuild byte for byte.
"""

from __future__ import annotations

import json
import numbers

import numpy as np

from nncourse.utils import tamper

ARRAY_KEY = "__ndarray__"


class NotPlain(TypeError):
    """A result that is not numbers, strings, sequences or arrays."""


def to_plain(value):
    """Convert a result to plain data: arrays stay arrays; tuples become lists; tensors become arrays."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            raise NotPlain(f"an array of dtype {value.dtype} (expected numbers)")
        return value.copy()
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, np.generic) and value.dtype.kind in "iuf":
        return np.asarray(value)  # keeps its dtype: a float32 result is not a float64 one
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and type(value) in (float, int):
        return float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: to_plain(v) for k, v in value.items()}
    if hasattr(value, "numpy") and type(value).__module__.startswith("tensorflow"):
        return to_plain(np.asarray(value.numpy()))
    raise NotPlain(f"a {type(value).__name__}")


def encode(value):
    """Plain data in JSON's terms: each array becomes a tagged dict of its values, dtype and shape."""
    if isinstance(value, np.ndarray):
        return {ARRAY_KEY: value.tolist(), "dtype": str(value.dtype), "shape": list(value.shape)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def decode(value):
    """The inverse of ``encode``."""
    if isinstance(value, dict) and ARRAY_KEY in value:
        return decode_array(value)
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    return value


def dumps(value) -> str:
    """Exact, deterministic JSON for plain data."""
    return json.dumps(encode(to_plain(value)), indent=1, sort_keys=True) + "\n"


def loads(text: str):
    return decode(json.loads(text))


def loads_untrusted(text: str):
    """``loads`` for what a sandboxed submission wrote: anything that is not plain data raises ValueError.

    Only JSON is parsed (nothing is unpickled or evaluated); arrays must declare a numeric dtype
    and a shape that fits their items.
    """
    try:
        return decode(json.loads(text))
    except (TypeError, ValueError, KeyError, OverflowError, RecursionError) as exc:
        raise ValueError(f"not plain data: {type(exc).__name__}") from None


def decode_array(value: dict) -> np.ndarray:
    dtype = np.dtype(str(value["dtype"]))
    if dtype.kind not in "biuf":
        raise ValueError(f"array of dtype {dtype}")
    shape = [int(n) for n in value["shape"]]
    return np.array(value[ARRAY_KEY], dtype=dtype).reshape(shape)


tamper.watch(__name__)
