"""Comparing a result with a reference output, with messages that never reveal the expected value."""
from __future__ import annotations

import numpy as np

from nncourse.utils import tamper


def mismatch(actual, expected, rtol, atol, name="the result") -> str | None:
    """None when plain ``actual`` matches plain ``expected``; otherwise what is wrong, in words."""
    if isinstance(expected, list):
        if _numbers(expected) and isinstance(actual, np.ndarray) and actual.ndim == 1:
            actual = actual.tolist()  # a list of numbers may come back as a 1-d array
        if not isinstance(actual, list):
            return f"{name} should be a sequence of {len(expected)} items"
        if len(actual) != len(expected):
            return f"{name} has {len(actual)} items; expected {len(expected)}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            problem = mismatch(a, e, rtol, atol, f"{name}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return f"{name} should be a dict with keys {sorted(expected)}"
        for key in sorted(expected):
            problem = mismatch(actual[key], expected[key], rtol, atol, f"{name}[{key!r}]")
            if problem:
                return problem
        return None
    if isinstance(expected, str):
        return None if actual == expected else f"{name} is not the expected string"
    if isinstance(expected, np.ndarray):
        return _array_mismatch(actual, expected, rtol, atol, name)
    if isinstance(expected, bool):
        return None if actual is expected else f"{name} is not the expected truth value"
    if isinstance(actual, bool):
        return f"{name} should be a number, not a truth value ({actual})"
    if isinstance(expected, (int, float)):
        if isinstance(actual, np.ndarray) and actual.shape == ():
            actual = actual.item()
        if not isinstance(actual, (int, float)):
            return f"{name} should be a single number"
        if isinstance(expected, int) and isinstance(actual, int):
            return None if actual == expected else f"{name} is not the expected integer"
        if not np.isfinite(actual) and np.isfinite(expected):
            return f"{name} is {actual} (an overflow or a log of 0?)"
        return None if np.isclose(actual, expected, rtol=rtol, atol=atol) else f"{name} has the wrong value"
    return f"{name} cannot be compared"


def _array_mismatch(actual, expected, rtol, atol, name):
    if isinstance(actual, (int, float)) and expected.shape == ():
        actual = np.asarray(actual)
    if not isinstance(actual, np.ndarray):
        return f"{name} should be a numpy array"
    if actual.shape != expected.shape:
        return f"{name} has shape {actual.shape}; expected {expected.shape}"
    if expected.dtype.kind == "b":
        return _not_a_mask(actual, name) or _differs(actual, expected, name)
    if expected.dtype.kind in "iu":
        if actual.dtype.kind not in "iu":
            kind = "booleans" if actual.dtype.kind == "b" else "floats"
            return f"{name} has dtype {actual.dtype}; expected integers, not {kind} (labels and counts are whole numbers)"
        return _differs(actual, expected, name)
    if actual.dtype != expected.dtype:
        return f"{name} has dtype {actual.dtype}; expected {expected.dtype}{_float_hint(actual.dtype, expected.dtype)}"
    finite = np.isfinite(expected)
    if not np.all(np.isfinite(actual[finite])):
        return f"{name} contains nan or inf where the answer is finite (overflow, or a log of 0?)"
    wrong = int(np.sum(~np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)))
    return f"{name} is wrong at {wrong} of {expected.size} entries" if wrong else None


def _not_a_mask(actual, name):
    """A boolean reference is a 0/1 mask, right in any dtype (bool, int or float: they multiply alike);
    what is wrong when ``actual`` holds other values."""
    other = int(np.sum((actual != 0) & (actual != 1)))
    if other:
        return (f"{name} should be a 0/1 mask (bool, int or float), but {other} of {actual.size} entries are "
                "neither 0 nor 1: return the mask itself (True or 1 where kept, False or 0 where dropped), "
                "not a scaled mask or the random draws")
    return None


def _differs(actual, expected, name):
    wrong = int(np.sum(actual != expected))
    return f"{name} differs at {wrong} of {expected.size} entries" if wrong else None


def _float_hint(got, want) -> str:
    """Why a float result has the wrong dtype, in a few words."""
    if got.kind == "b":
        return ": booleans (from a comparison) stand where numbers are expected"
    if got.kind in "iu":
        return ": integer arithmetic truncates; start from floats (e.g. np.zeros(shape) or 1.0 * x)"
    if got.itemsize < want.itemsize:
        return f": {got} keeps fewer digits; something converted to it (.astype, or an array of that dtype)"
    if want == np.float32:
        return ": keep float32 throughout; numpy arrays are float64, so cast them to float32"
    return ""


def _numbers(values) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


tamper.watch(__name__)
